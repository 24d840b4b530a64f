package org.rjhub.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rjhub.cases.CaseFixtures;
import org.rjhub.cases.CasesDriver;
import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.CaseEventResult;
import org.rjhub.contracts.hub.CaseEventStatus;
import org.rjhub.contracts.hub.CaseEventType;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.contracts.hub.PartyRole;
import org.rjhub.contracts.hub.QueueItem;
import org.rjhub.contracts.hub.QueueItemType;
import org.rjhub.contracts.hub.QueueParty;
import org.rjhub.contracts.hub.SourceAgency;

/** The simulated facilitators only ever record what the state machine accepts, and give the demo its mix. */
class FacilitatorSimulatorTest {

    private static final Instant START = CasesDriver.START;

    @Test
    void shouldDriveRealisticCasesThatTheHubAcceptsWithEveryKindOfEnding() {
        // Given twelve queued cases, two of them with one party only
        List<QueueItem> items = items(12);
        List<CaseEvent> events = new FacilitatorSimulator(7L).drive(items, START);

        // When their events reach the hub in time order
        try (CasesDriver cases = new CasesDriver()) {
            items.forEach(cases::item);
            events.forEach(cases::event);

            // Then none is refused, and the agencies hear of completions, declines, unsuitability and one overdue
            // action
            assertThat(cases.results())
                    .extracting(CaseEventResult::getStatus)
                    .hasSize(events.size())
                    .containsOnly(CaseEventStatus.ACCEPTED);
            List<OutcomeType> police = cases.outcomes(SourceAgency.POLICE).stream()
                    .map(Outcome::getEventType)
                    .toList();
            assertThat(police)
                    .contains(
                            OutcomeType.AGREEMENT_COMPLETED,
                            OutcomeType.DECLINED,
                            OutcomeType.UNSUITABLE,
                            OutcomeType.MEETING_HELD,
                            OutcomeType.CLOSED);
            assertThat(cases.escalations())
                    .filteredOn(e -> e.getEventType() == CaseEventType.ACTION_OVERDUE)
                    .hasSize(1);
            assertThat(cases.outcomes(SourceAgency.PROBATION))
                    .extracting(Outcome::getEventType)
                    .containsOnlyOnce(OutcomeType.ACTION_OVERDUE);
        }
        assertThat(events).isSortedAccordingTo(java.util.Comparator.comparing(CaseEvent::getOccurredAt));
    }

    @Test
    void shouldGiveTheSameEventsForTheSameSeed() {
        List<QueueItem> items = items(6);

        assertThat(new FacilitatorSimulator(3L).drive(items, START))
                .isEqualTo(new FacilitatorSimulator(3L).drive(items, START))
                .isNotEqualTo(new FacilitatorSimulator(4L).drive(items, START));
    }

    private static List<QueueItem> items(int n) {
        List<QueueItem> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            var refs = List.of(
                    CaseFixtures.ref(SourceAgency.POLICE, "PR-" + i),
                    CaseFixtures.ref(SourceAgency.PROBATION, "PROB-" + i));
            List<QueueParty> parties = i % 6 == 5
                    ? List.of(new QueueParty(PartyRole.OFFENDER, "Kwabena", "Fairweather", "Harlow", null, null))
                    : List.of(
                            new QueueParty(PartyRole.VICTIM, "Imelda", "Quarrington", "Harlow", null, null),
                            new QueueParty(PartyRole.OFFENDER, "Kwabena", "Fairweather", "Harlow", null, null));
            items.add(CaseFixtures.item(
                    "RJ-" + i, QueueItemType.NEW_CASE, START.minusSeconds(3600L * (n - i)), refs, parties));
        }
        return items;
    }
}
