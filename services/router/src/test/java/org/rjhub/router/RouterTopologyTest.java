package org.rjhub.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.CaseEventStatus;
import org.rjhub.contracts.hub.CaseEventType;
import org.rjhub.contracts.hub.DeadLetter;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.contracts.hub.QueueItem;
import org.rjhub.contracts.hub.QueueItemType;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.contracts.police.PoliceReferral;
import org.rjhub.router.routing.RoutingRules;

/** The production topology, rule by rule, in a TopologyTestDriver with production's serdes over an in-memory registry. */
class RouterTopologyTest {

    private RouterDriver router;

    @BeforeEach
    void start() {
        router = new RouterDriver();
    }

    @AfterEach
    void stop() {
        router.close();
    }

    @Test
    void shouldOpenACaseAndQueueItForTheAreaTeam() {
        router.police(Fixtures.police("PR-1", "42/10001/26"));

        Outcome ack = single(router.outcomes(SourceAgency.POLICE));
        assertThat(ack.getEventType()).isEqualTo(OutcomeType.RECEIVED);
        assertThat(ack.getHubCaseId()).startsWith("RJ-");
        QueueItem item = single(router.queue("harlow"));
        assertThat(item.getItemType()).isEqualTo(QueueItemType.NEW_CASE);
        assertThat(item.getCaseId()).isEqualTo(ack.getHubCaseId());
        assertThat(item.getParties()).extracting(p -> p.getSurname()).contains("Quarrington", "Fairweather");
    }

    @Test
    void shouldLinkPoliceAndVictimSupportReferralsForSameCrime() {
        router.police(Fixtures.police("PR-1", "42/10001/26"));
        router.victimSupport(Fixtures.victimSupport("VS-1", "42/10001/26", "Zebedee", "Other", null, null));

        Outcome police = single(router.outcomes(SourceAgency.POLICE));
        Outcome vs = single(router.outcomes(SourceAgency.VICTIM_SUPPORT));
        assertThat(vs.getEventType()).isEqualTo(OutcomeType.LINKED);
        assertThat(vs.getHubCaseId()).isEqualTo(police.getHubCaseId());
        List<QueueItem> items = router.queue("harlow");
        assertThat(items)
                .extracting(QueueItem::getItemType)
                .containsExactly(QueueItemType.NEW_CASE, QueueItemType.AMENDED);
        assertThat(items.get(1).getLinkedReferrals()).hasSize(2);
    }

    @Test
    void shouldLinkProbationReferralByPersonMatchingWithoutCrimeReference() {
        router.police(Fixtures.police(
                "PR-1",
                "42/10001/26",
                "Harlow",
                "SENTENCED",
                "CRIMINAL_DAMAGE_AND_ARSON",
                "Imelda",
                "Quarrington",
                "1971-05-06",
                "CM20 1AB"));
        // the same offender (Kwabena Fairweather, 1990-03-04, CM20 2AB) with a typo, no crime reference
        router.probation(Fixtures.probation("PROB-1", null, "Kwabena", "Fairwether", "1990-03-04", "CM20 2AB"));

        Outcome probation = single(router.outcomes(SourceAgency.PROBATION));
        assertThat(probation.getEventType()).isEqualTo(OutcomeType.LINKED);
        assertThat(probation.getHubCaseId())
                .isEqualTo(single(router.outcomes(SourceAgency.POLICE)).getHubCaseId());
    }

    @Test
    void shouldKeepDifferentPeopleApart() {
        router.police(Fixtures.police("PR-1", "42/10001/26"));
        router.probation(Fixtures.probation("PROB-1", null, "Bartholomew", "Nkemelu", "1985-12-30", "CM18 7XY"));

        assertThat(single(router.outcomes(SourceAgency.PROBATION)).getEventType())
                .isEqualTo(OutcomeType.RECEIVED);
        assertThat(single(router.queue("post-sentence")).getItemType()).isEqualTo(QueueItemType.NEW_CASE);
    }

    @Test
    void shouldDropARedeliveryAndApplyAnAmendment() {
        PoliceReferral original = Fixtures.police("PR-1", "42/10001/26");
        router.police(original);
        router.police(original);
        router.police(PoliceReferral.newBuilder(original)
                .setDistrict("Harlow")
                .setIncidentDate(java.time.LocalDate.parse("2026-09-12"))
                .build());

        assertThat(router.outcomes(SourceAgency.POLICE))
                .extracting(Outcome::getEventType)
                .containsExactly(OutcomeType.RECEIVED, OutcomeType.AMENDED);
        assertThat(router.queue("harlow"))
                .extracting(QueueItem::getItemType)
                .containsExactly(QueueItemType.NEW_CASE, QueueItemType.AMENDED);
        assertThat(router.driver.metrics().entrySet().stream()
                        .filter(e -> e.getKey().name().equals("deduplicated-total"))
                        .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                        .sum())
                .isEqualTo(1.0);
    }

    @Test
    void shouldDeadLetterAnInvalidReferralAndTellTheAgencyWhatToFix() {
        router.police(Fixtures.police(
                "PR-9", null, "Harlow", "OUT_OF_COURT", "THEFT", "Imelda", "Quarrington", "2027-01-01", "CM20 1AB"));

        DeadLetter letter = single(router.deadLetters());
        assertThat(letter.getRule()).isEqualTo("DATE_OF_BIRTH_IN_FUTURE");
        assertThat(letter.getSourceTopic()).endsWith("police.referrals.v1");
        assertThat(letter.getOriginalValue()).isNotNull();
        Outcome rejected = single(router.outcomes(SourceAgency.POLICE));
        assertThat(rejected.getEventType()).isEqualTo(OutcomeType.REJECTED);
        assertThat(rejected.getReason()).contains("victims[0].dateOfBirth").doesNotContain("2027");
        assertThat(router.allQueues()).isEmpty();
    }

    @Test
    void shouldDeadLetterBadPostcodeAndUnknownDistrict() {
        router.police(Fixtures.police(
                "PR-7",
                null,
                "Harlow",
                "OUT_OF_COURT",
                "THEFT",
                "Imelda",
                "Quarrington",
                "1971-05-06",
                "NOT A POSTCODE"));
        router.police(Fixtures.police(
                "PR-8", null, "Ipswich", "OUT_OF_COURT", "THEFT", "Imelda", "Quarrington", "1971-05-06", "CM20 1AB"));

        assertThat(router.deadLetters())
                .extracting(DeadLetter::getRule)
                .containsExactly("POSTCODE_SYNTAX", "DISTRICT_NOT_IN_ESSEX");
        assertThat(router.outcomes(SourceAgency.POLICE))
                .extracting(Outcome::getEventType)
                .containsOnly(OutcomeType.REJECTED);
    }

    @Test
    void shouldReferOnAReferralNamingAMinor() {
        router.police(Fixtures.police(
                "PR-2", null, "Harlow", "OUT_OF_COURT", "THEFT", "Imelda", "Quarrington", "2012-05-06", "CM20 1AB"));

        Outcome ack = single(router.outcomes(SourceAgency.POLICE));
        assertThat(ack.getEventType()).isEqualTo(OutcomeType.REFERRED_ON);
        assertThat(ack.getReason()).contains("youth justice");
        assertThat(router.allQueues()).isEmpty();
    }

    @Test
    void shouldAnswerNotEligibleWhenTheVictimLivesOutOfArea() {
        router.police(Fixtures.police(
                "PR-3", null, "Harlow", "OUT_OF_COURT", "THEFT", "Imelda", "Quarrington", "1971-05-06", "RM7 1AB"));

        assertThat(single(router.outcomes(SourceAgency.POLICE)).getEventType()).isEqualTo(OutcomeType.NOT_ELIGIBLE);
        assertThat(router.allQueues()).isEmpty();
    }

    @Test
    void shouldRouteSensitiveCasesToSpecialists() {
        router.police(Fixtures.police(
                "PR-4",
                null,
                "Harlow",
                "OUT_OF_COURT",
                "STALKING_AND_HARASSMENT",
                "Imelda",
                "Quarrington",
                "1971-05-06",
                "CM20 1AB"));

        QueueItem item = single(router.queue("specialist"));
        assertThat(item.getFlags()).extracting(Enum::name).containsExactly("STALKING");
    }

    @Test
    void shouldHoldACourtCaseUntilSentenceArrives() {
        PoliceReferral awaiting = Fixtures.police(
                "PR-5",
                "42/10005/26",
                "Harlow",
                "AWAITING_COURT",
                "THEFT",
                "Imelda",
                "Quarrington",
                "1971-05-06",
                "CM20 1AB");
        router.police(awaiting);
        assertThat(single(router.outcomes(SourceAgency.POLICE)).getReason()).isEqualTo("held until sentence");
        assertThat(router.allQueues()).isEmpty();

        router.police(PoliceReferral.newBuilder(awaiting)
                .setJusticeStage(org.rjhub.contracts.police.JusticeStage.SENTENCED)
                .build());

        assertThat(single(router.queue("harlow")).getItemType()).isEqualTo(QueueItemType.RELEASED_AFTER_SENTENCE);
    }

    @Test
    void shouldPickUpNewRoutingRulesWithoutRestart() {
        String pilotOnly = RoutingRules.defaultText().replace("countyWide: true", "countyWide: false");
        router.rules(pilotOnly);
        router.police(Fixtures.police(
                "PR-6", null, "Basildon", "OUT_OF_COURT", "THEFT", "Imelda", "Quarrington", "1971-05-06", "SS14 1AB"));

        Outcome ack = single(router.outcomes(SourceAgency.POLICE));
        assertThat(ack.getEventType()).isEqualTo(OutcomeType.NOT_ELIGIBLE);
        assertThat(ack.getReason()).contains("pilot");
    }

    @Test
    void shouldHonourAFacilitatorsKeepApartDecisionOnceTheCaseServiceAcceptsIt() {
        router.police(Fixtures.police("PR-1", "42/10001/26"));
        router.victimSupport(Fixtures.victimSupport("VS-1", "42/10001/26", "Zebedee", "Other", null, null));
        String caseId = single(router.outcomes(SourceAgency.POLICE)).getHubCaseId();
        router.outcomes(SourceAgency.VICTIM_SUPPORT);
        router.queue("harlow");

        CaseEvent keepApart = Fixtures.linkage("e1", CaseEventType.KEEP_APART, caseId, caseId);
        router.caseEvent(keepApart);
        assertThat(router.outcomes(SourceAgency.VICTIM_SUPPORT))
                .as("not yet accepted")
                .isEmpty();
        router.caseEventResult(Fixtures.answer(keepApart, CaseEventStatus.ACCEPTED));

        // a keep-apart of a case with itself splits its referrals into separate cases
        Outcome separated = single(router.outcomes(SourceAgency.VICTIM_SUPPORT));
        assertThat(separated.getEventType()).isEqualTo(OutcomeType.RECEIVED);
        assertThat(separated.getHubCaseId()).isNotEqualTo(caseId);
        assertThat(router.queue("harlow"))
                .extracting(QueueItem::getItemType)
                .containsExactlyInAnyOrder(QueueItemType.AMENDED, QueueItemType.NEW_CASE);
    }

    private static <T> T single(List<T> values) {
        assertThat(values).hasSize(1);
        return values.get(0);
    }
}
