package org.rjhub.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rjhub.cases.CaseFixtures.CASE;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rjhub.cases.lifecycle.CaseEvents;
import org.rjhub.cases.lifecycle.CaseState;
import org.rjhub.cases.lifecycle.CaseStore;
import org.rjhub.contracts.hub.CaseNote;
import org.rjhub.contracts.hub.ContactMethod;
import org.rjhub.contracts.hub.PartyRole;
import org.rjhub.contracts.hub.SourceAgency;

/**
 * Case notes through the case service's topology: kept with the case, in order, once; never an outcome, a result, an
 * escalation or a queue item; not progress. What the facts service reads is the facts module's own test
 * ({@code FactsTopologyInputsTest}): it never subscribes to {@code rj.case-notes.v1}.
 */
class CaseNotesTest {

    private static final String SECRET = "Victim's sister Maud Pellow-Ashby will come; phone after 6pm";

    private final CasesDriver hub = new CasesDriver();

    @AfterEach
    void close() {
        hub.close();
    }

    private static CaseNote note(String id, String text, Instant at) {
        return CaseNote.newBuilder()
                .setNoteId(id)
                .setCaseId(CASE)
                .setAuthor("FAC-017")
                .setText(text)
                .setWrittenAt(at)
                .build();
    }

    @Test
    void shouldKeepNotesWithTheCaseInOrderAndOnce() {
        Instant t = CasesDriver.START;
        hub.item(CaseFixtures.threeAgencyCase(t));
        Instant progress = hub.state(CASE).lastProgressAt;
        hub.note(note("n-1", SECRET, t.plusSeconds(60)));
        hub.note(note("n-2", "Second visit booked", t.plusSeconds(120)));
        hub.note(note("n-1", SECRET, t.plusSeconds(60))); // redelivered

        CaseState s = hub.state(CASE);
        assertThat(s.notes)
                .extracting(CaseState.Note::noteId, CaseState.Note::author, CaseState.Note::text)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("n-1", "FAC-017", SECRET),
                        org.assertj.core.groups.Tuple.tuple("n-2", "FAC-017", "Second visit booked"));
        assertThat(s.lastProgressAt).as("a note is not progress").isEqualTo(progress);
        assertThat(s.history).as("nor an event of the case's history").isEmpty();
    }

    @Test
    void shouldTellNoAgencyAndWriteNoOtherTopicForANote() {
        Instant t = CasesDriver.START;
        hub.item(CaseFixtures.threeAgencyCase(t));
        hub.event(CaseEvents.on(CASE, "FAC-017").contactMade(t.plusSeconds(30), PartyRole.VICTIM, ContactMethod.PHONE));
        hub.allOutcomes();
        hub.results();

        hub.note(note("n-1", SECRET, t.plusSeconds(60)));

        assertThat(hub.allOutcomes()).as("no outcome for a note").isEmpty();
        assertThat(hub.results()).as("no case-event result for a note").isEmpty();
        assertThat(hub.escalations()).isEmpty();
        assertThat(hub.deadLetters()).isEmpty();
        assertThat(hub.queue("harlow")).isEmpty();
        assertThat(hub.changelog(CaseStore.CASES))
                .last()
                .satisfies(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8))
                        .contains("Maud Pellow-Ashby"));
    }

    @Test
    void shouldDropANoteOnACaseItDoesNotHold() {
        hub.note(note("n-1", SECRET, CasesDriver.START));

        assertThat(hub.state(CASE)).isNull();
        assertThat(hub.allOutcomes()).isEmpty();
    }

    @Test
    void shouldEraseTheNotesWithTheClosedCase() {
        Instant t = CasesDriver.START;
        try (CasesDriver hub = new CasesDriver(java.util.Map.of(
                CasesConfig.CLOSED_RETENTION_DAYS,
                30,
                CasesConfig.RETENTION_SWEEP_MS,
                Duration.ofHours(1).toMillis()))) {
            erase(hub, t);
        }
    }

    private static void erase(CasesDriver hub, Instant t) {
        hub.item(CaseFixtures.item(
                CASE,
                org.rjhub.contracts.hub.QueueItemType.NEW_CASE,
                t,
                List.of(CaseFixtures.ref(SourceAgency.POLICE, "PR-N"))));
        hub.note(note("n-1", SECRET, t.plusSeconds(60)));
        assertThat(hub.state(CASE).notes).hasSize(1);

        hub.event(CaseEvents.on(CASE, "COORD-01")
                .closed(t.plusSeconds(120), org.rjhub.contracts.hub.ClosureReason.NO_CONTACT));
        hub.advanceWallClock(Duration.ofDays(31));

        assertThat(hub.state(CASE))
                .as("erased with its notes after the closed cases' retention")
                .isNull();
    }
}
