package org.rjhub.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rjhub.cases.CaseFixtures.CASE;
import static org.rjhub.cases.CaseFixtures.POLICE_REF;
import static org.rjhub.cases.CaseFixtures.PROBATION_REF;
import static org.rjhub.cases.CaseFixtures.VS_REF;
import static org.rjhub.cases.CaseFixtures.action;
import static org.rjhub.cases.CaseFixtures.ref;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rjhub.cases.lifecycle.CaseEvents;
import org.rjhub.cases.lifecycle.CaseState;
import org.rjhub.contracts.hub.ActionKind;
import org.rjhub.contracts.hub.CaseEventResult;
import org.rjhub.contracts.hub.ClosureReason;
import org.rjhub.contracts.hub.ConsentScope;
import org.rjhub.contracts.hub.ContactMethod;
import org.rjhub.contracts.hub.MeetingFormat;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.contracts.hub.PartyRole;
import org.rjhub.contracts.hub.QueueItemType;
import org.rjhub.contracts.hub.RiskAssessmentStage;
import org.rjhub.contracts.hub.SourceAgency;

/** Outcomes fan out to every referral of a case, each agency seeing only its own, as the router reshapes cases. */
class CaseFanOutTest {

    private static final Instant T0 = CasesDriver.START;

    private CasesDriver cases;
    private int hour;

    @BeforeEach
    void start() {
        cases = new CasesDriver();
    }

    @AfterEach
    void stop() {
        cases.close();
    }

    private Instant next() {
        return T0.plus(Duration.ofHours(++hour));
    }

    @Test
    void shouldNeverGiveAnAgencyAnotherAgencysFieldsOrAPartysDetails() {
        // Given a three-agency case taken all the way through
        cases.item(CaseFixtures.threeAgencyCase(T0));
        CaseEvents fac = CaseEvents.on(CASE, "FAC-017");
        for (PartyRole role : List.of(PartyRole.VICTIM, PartyRole.OFFENDER)) {
            cases.events(
                    fac.contactMade(next(), role, ContactMethod.PHONE),
                    fac.informationGiven(next(), role),
                    fac.consentGiven(next(), role, ConsentScope.RESTORATIVE_PROCESS));
        }
        cases.events(
                fac.suitable(next(), RiskAssessmentStage.INITIAL),
                fac.assigned(next(), "FAC-017"),
                fac.suitable(next(), RiskAssessmentStage.FACILITATION),
                fac.meetingHeld(next(), MeetingFormat.FACE_TO_FACE_CONFERENCE, 4),
                fac.agreementRecorded(
                        next(),
                        List.of(action("A1", ActionKind.COMPENSATION, PartyRole.OFFENDER, LocalDate.of(2026, 11, 3)))));
        cases.advanceWallClock(Duration.ofDays(3));
        cases.events(
                fac.consentWithdrawn(next().plus(Duration.ofDays(3)), PartyRole.VICTIM),
                fac.closed(next().plus(Duration.ofDays(3)), ClosureReason.DECLINED_BY_VICTIM));

        // Then every agency's records name only its own referral, and hold nothing about the people
        List<String> personal = List.of("Imelda", "Quarrington", "Kwabena", "Fairweather", "Harlow", "FAC-017");
        Set<String> envelope = Set.of(
                "eventId",
                "eventType",
                "version",
                "occurredAt",
                "description",
                "agency",
                "agencyReferralId",
                "hubCaseId",
                "reason",
                "declinedBy",
                "additionalInformation");
        assertThat(Outcome.getClassSchema().getFields())
                .extracting(Schema.Field::name)
                .containsExactlyInAnyOrderElementsOf(envelope);
        List<String> ids = List.of(POLICE_REF, PROBATION_REF, VS_REF);
        java.util.Map<SourceAgency, List<KeyValue<String, Outcome>>> byAgency =
                new java.util.EnumMap<>(SourceAgency.class);
        for (SourceAgency agency : SourceAgency.values()) {
            byAgency.put(agency, cases.outcomeRecords(agency));
        }
        for (SourceAgency agency : SourceAgency.values()) {
            List<KeyValue<String, Outcome>> records = byAgency.get(agency);
            assertThat(records).as("%s", agency).isNotEmpty();
            String own = ids.get(agency.ordinal());
            for (KeyValue<String, Outcome> r : records) {
                assertThat(r.key).isEqualTo(own);
                assertThat(r.value.getAgency()).isEqualTo(agency);
                String text = r.value.toString();
                ids.stream()
                        .filter(id -> !id.equals(own))
                        .forEach(other -> assertThat(text).doesNotContain(other));
                personal.forEach(p -> assertThat(text).doesNotContain(p));
                assertThat(r.value.getAdditionalInformation().keySet())
                        .isSubsetOf("actionsAgreed", "actionsNotCompleted", "actionId", "actionKind", "dueDate");
            }
        }
        // and the overdue compensation the offender owed reached probation only
        assertThat(byAgency.get(SourceAgency.PROBATION))
                .extracting(kv -> kv.value.getEventType())
                .contains(OutcomeType.ACTION_OVERDUE);
        assertThat(byAgency.get(SourceAgency.POLICE))
                .extracting(kv -> kv.value.getEventType())
                .doesNotContain(OutcomeType.ACTION_OVERDUE)
                .contains(OutcomeType.DECLINED, OutcomeType.CLOSED);
        assertThat(byAgency.get(SourceAgency.VICTIM_SUPPORT))
                .extracting(kv -> kv.value.getEventType())
                .doesNotContain(OutcomeType.ACTION_OVERDUE);
    }

    @Test
    void shouldTellAReferralThatJoinsLateWhatAlreadyHappened() {
        // Given a police-only case that was accepted and where contact was made
        cases.item(CaseFixtures.item(CASE, QueueItemType.NEW_CASE, T0, List.of(ref(SourceAgency.POLICE, POLICE_REF))));
        CaseEvents fac = CaseEvents.on(CASE, "FAC-017");
        cases.events(
                fac.contactMade(next(), PartyRole.VICTIM, ContactMethod.PHONE),
                fac.suitable(next(), RiskAssessmentStage.INITIAL),
                fac.assigned(next(), "FAC-017"));
        assertThat(cases.outcomes(SourceAgency.POLICE)).hasSize(2);

        // When the router links a Victim Support referral to it
        cases.item(CaseFixtures.item(
                CASE,
                QueueItemType.AMENDED,
                next(),
                List.of(ref(SourceAgency.POLICE, POLICE_REF), ref(SourceAgency.VICTIM_SUPPORT, VS_REF))));

        // Then Victim Support hears the story so far under its own id, police hears nothing twice
        assertThat(cases.outcomeRecords(SourceAgency.VICTIM_SUPPORT))
                .extracting(kv -> kv.key, kv -> kv.value.getEventType())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(VS_REF, OutcomeType.CONTACT_MADE),
                        org.assertj.core.groups.Tuple.tuple(VS_REF, OutcomeType.ACCEPTED));
        assertThat(cases.outcomes(SourceAgency.POLICE)).isEmpty();
        // and both hear what comes next
        cases.event(fac.consentWithdrawn(next(), PartyRole.VICTIM));
        assertThat(cases.outcomes(SourceAgency.POLICE))
                .extracting(Outcome::getEventType)
                .containsExactly(OutcomeType.DECLINED);
        assertThat(cases.outcomes(SourceAgency.VICTIM_SUPPORT))
                .extracting(Outcome::getEventType)
                .containsExactly(OutcomeType.DECLINED);
    }

    @Test
    void shouldRetireACaseTheRouterMergedIntoAnother() {
        // Given two cases, one from police and one from Victim Support
        cases.item(
                CaseFixtures.item("RJ-A", QueueItemType.NEW_CASE, T0, List.of(ref(SourceAgency.POLICE, POLICE_REF))));
        cases.item(org.rjhub.contracts.hub.QueueItem.newBuilder(CaseFixtures.item(
                        "RJ-B",
                        QueueItemType.POSSIBLE_DUPLICATE,
                        next(),
                        List.of(ref(SourceAgency.VICTIM_SUPPORT, VS_REF))))
                .setCandidateCaseId("RJ-A")
                .setMatchWeight(16.5)
                .build());
        assertThat(cases.state("RJ-B").possibleDuplicateOf).isEqualTo("RJ-A");

        // When a facilitator confirms the link and the router merges B into A
        cases.event(CaseEvents.on("RJ-B", "FAC-017").linkConfirmed(next(), "RJ-A"));
        cases.item(CaseFixtures.item(
                "RJ-A",
                QueueItemType.AMENDED,
                next(),
                List.of(ref(SourceAgency.POLICE, POLICE_REF), ref(SourceAgency.VICTIM_SUPPORT, VS_REF))));

        // Then B is retired, events on it are refused naming A, and A answers both referrals
        CaseState b = cases.state("RJ-B");
        assertThat(b.status).isEqualTo(CaseState.Status.MERGED);
        assertThat(b.mergedInto).isEqualTo("RJ-A");
        cases.results();
        cases.event(CaseEvents.on("RJ-B", "FAC-017").contactMade(next(), PartyRole.VICTIM, ContactMethod.PHONE));
        assertThat(cases.results()).singleElement().satisfies(r -> {
            assertThat(r.getRule()).isEqualTo("CASE_MERGED");
            assertThat(r.getReason()).startsWith("case RJ-B was merged into case RJ-A");
        });
        cases.event(CaseEvents.on("RJ-A", "FAC-017").contactMade(next(), PartyRole.VICTIM, ContactMethod.PHONE));
        assertThat(cases.outcomes(SourceAgency.POLICE)).hasSize(1);
        assertThat(cases.outcomes(SourceAgency.VICTIM_SUPPORT)).hasSize(1);
    }

    @Test
    void shouldRetireAMergedCaseWhoseOwnItemComesAfterTheMergedOnes() {
        // Given the router first made a case of Victim Support's referral alone, then merged it into the police case,
        // and the two items travel on different partitions: the merged case's item comes first (after a restart)
        Instant alone = next();
        Instant merged = next();
        cases.item(CaseFixtures.item(
                "RJ-A",
                QueueItemType.NEW_CASE,
                merged,
                List.of(ref(SourceAgency.POLICE, POLICE_REF), ref(SourceAgency.VICTIM_SUPPORT, VS_REF))));

        // When the older item of the case made of the one referral comes after it
        cases.item(CaseFixtures.item(
                "RJ-B", QueueItemType.NEW_CASE, alone, List.of(ref(SourceAgency.VICTIM_SUPPORT, VS_REF))));

        // Then that case is retired into the merged one: the referral is in one open case only
        CaseState b = cases.state("RJ-B");
        assertThat(b.status).isEqualTo(CaseState.Status.MERGED);
        assertThat(b.mergedInto).isEqualTo("RJ-A");
        assertThat(b.referrals).isEmpty();
        assertThat(cases.state("RJ-A").referrals).hasSize(2);
        assertThat(cases.state("RJ-A").status).isEqualTo(CaseState.Status.OPEN);
    }

    @Test
    void shouldAnswerOnlyTheReferralsLeftAfterTheRouterSplitsACase() {
        // Given one case from police and Victim Support
        cases.item(CaseFixtures.item(
                CASE,
                QueueItemType.NEW_CASE,
                T0,
                List.of(ref(SourceAgency.POLICE, POLICE_REF), ref(SourceAgency.VICTIM_SUPPORT, VS_REF))));
        // When a keep-apart splits it: the original keeps police, a new case takes Victim Support
        cases.item(
                CaseFixtures.item(CASE, QueueItemType.AMENDED, next(), List.of(ref(SourceAgency.POLICE, POLICE_REF))));
        cases.item(CaseFixtures.item(
                "RJ-VS-1", QueueItemType.NEW_CASE, next(), List.of(ref(SourceAgency.VICTIM_SUPPORT, VS_REF))));

        // Then both cases are open and each answers its own referral
        assertThat(cases.state(CASE).open()).isTrue();
        assertThat(cases.state("RJ-VS-1").open()).isTrue();
        cases.events(
                CaseEvents.on(CASE, "FAC-017").contactMade(next(), PartyRole.VICTIM, ContactMethod.PHONE),
                CaseEvents.on("RJ-VS-1", "FAC-018").contactMade(next(), PartyRole.VICTIM, ContactMethod.LETTER));
        assertThat(cases.outcomes(SourceAgency.POLICE))
                .extracting(Outcome::getHubCaseId)
                .containsExactly(CASE);
        assertThat(cases.outcomes(SourceAgency.VICTIM_SUPPORT))
                .extracting(Outcome::getHubCaseId)
                .containsExactly("RJ-VS-1");
        assertThat(cases.results())
                .extracting(CaseEventResult::getStatus)
                .hasSize(2)
                .containsOnly(org.rjhub.contracts.hub.CaseEventStatus.ACCEPTED);
    }

    @Test
    void shouldIgnoreTheQueueRemindersItWritesItself() {
        cases.item(
                CaseFixtures.item("RJ-X", QueueItemType.ACTION_OVERDUE, T0, List.of(ref(SourceAgency.POLICE, "PR-X"))));
        cases.item(CaseFixtures.item(
                "RJ-Y", QueueItemType.ACTION_DUE_SOON, T0, List.of(ref(SourceAgency.POLICE, "PR-Y"))));

        assertThat(cases.state("RJ-X")).isNull();
        assertThat(cases.state("RJ-Y")).isNull();
    }
}
