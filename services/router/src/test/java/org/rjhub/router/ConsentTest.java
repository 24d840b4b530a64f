package org.rjhub.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rjhub.contracts.hub.AgencyReference;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.contracts.hub.QueueItem;
import org.rjhub.contracts.hub.QueueItemType;
import org.rjhub.contracts.hub.QueueParty;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.contracts.police.PoliceReferral;
import org.rjhub.contracts.probation.ProbationReferral;
import org.rjhub.contracts.victimsupport.VictimSupportReferral;

/** The referring agency's consent to refer, at referral and withdrawn by amendment, on the production topology. */
class ConsentTest {

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
    void shouldAnswerNotEligibleAndQueueNothingWithoutEachAgencysConsentToRefer() {
        router.police(PoliceReferral.newBuilder(Fixtures.police("PR-1", "42/10001/26"))
                .setVictimConsentToReferral(false)
                .build());
        router.probation(ProbationReferral.newBuilder(
                        Fixtures.probation("PROB-1", null, "Kwabena", "Fairweather", "1990-03-04", "CM20 2AB"))
                .setOffenderWillingToParticipate(false)
                .build());
        router.victimSupport(VictimSupportReferral.newBuilder(
                        Fixtures.victimSupport("VS-1", "42/10001/26", "Zebedee", "Other", null, null))
                .setConsentToContact(false)
                .build());

        Outcome police = single(router.outcomes(SourceAgency.POLICE));
        Outcome probation = single(router.outcomes(SourceAgency.PROBATION));
        Outcome victimSupport = single(router.outcomes(SourceAgency.VICTIM_SUPPORT));
        assertThat(List.of(police, probation, victimSupport))
                .extracting(Outcome::getEventType)
                .containsOnly(OutcomeType.NOT_ELIGIBLE);
        assertThat(police.getReason()).contains("victimConsentToReferral");
        assertThat(probation.getReason()).contains("offenderWillingToParticipate");
        assertThat(victimSupport.getReason()).contains("consentToContact");
        assertThat(router.allQueues()).isEmpty();
    }

    @Test
    void shouldAnswerNotEligibleWithAReasonWhenThePoliceHaveNoConsent() {
        router.police(PoliceReferral.newBuilder(Fixtures.police("PR-1", "42/10001/26"))
                .setVictimConsentToReferral(false)
                .build());

        Outcome answer = single(router.outcomes(SourceAgency.POLICE));
        assertThat(answer.getEventType()).isEqualTo(OutcomeType.NOT_ELIGIBLE);
        assertThat(answer.getReason()).startsWith("no consent to refer").doesNotContain("Quarrington");
        assertThat(answer.getHubCaseId()).isNull();
        assertThat(router.allQueues()).isEmpty();
    }

    @Test
    void shouldWithdrawTheCaseFromItsQueueNamingNobodyWhenItsOnlyReferralWithdrawsConsent() {
        PoliceReferral original = Fixtures.police("PR-1", "42/10001/26");
        router.police(original);
        String caseId = single(router.outcomes(SourceAgency.POLICE)).getHubCaseId();
        assertThat(single(router.queue("harlow")).getItemType()).isEqualTo(QueueItemType.NEW_CASE);

        router.police(PoliceReferral.newBuilder(original)
                .setVictimConsentToReferral(false)
                .build());

        Outcome answer = single(router.outcomes(SourceAgency.POLICE));
        assertThat(answer.getEventType()).isEqualTo(OutcomeType.NOT_ELIGIBLE);
        assertThat(answer.getReason()).contains("victimConsentToReferral");
        QueueItem withdrawn = single(router.queue("harlow"));
        assertThat(withdrawn.getItemType()).isEqualTo(QueueItemType.WITHDRAWN);
        assertThat(withdrawn.getCaseId()).isEqualTo(caseId);
        assertThat(withdrawn.getParties()).isEmpty();
        assertThat(withdrawn.getLinkedReferrals()).isEmpty();
        assertThat(withdrawn.getOffence()).isNull();
        assertThat(router.allQueues()).isEmpty();

        // consent given again: the referral is placed afresh
        router.police(original);
        Outcome again = single(router.outcomes(SourceAgency.POLICE));
        assertThat(again.getEventType()).isEqualTo(OutcomeType.RECEIVED);
        assertThat(single(router.queue("harlow")).getItemType()).isEqualTo(QueueItemType.NEW_CASE);
    }

    @Test
    void shouldStopSharingAPartyWhoseReferrerWithdrewConsentAndTellTheOtherAgencyNothing() {
        router.police(Fixtures.police("PR-1", "42/10001/26"));
        VictimSupportReferral vs = Fixtures.victimSupport("VS-1", "42/10001/26", "Zebedee", "Other", null, null);
        router.victimSupport(vs);
        String caseId = single(router.outcomes(SourceAgency.POLICE)).getHubCaseId();
        assertThat(single(router.outcomes(SourceAgency.VICTIM_SUPPORT)).getHubCaseId())
                .isEqualTo(caseId);
        assertThat(router.queue("harlow").get(1).getParties())
                .extracting(QueueParty::getSurname)
                .contains("Other");

        router.victimSupport(
                VictimSupportReferral.newBuilder(vs).setConsentToContact(false).build());

        assertThat(single(router.outcomes(SourceAgency.VICTIM_SUPPORT)).getEventType())
                .isEqualTo(OutcomeType.NOT_ELIGIBLE);
        assertThat(router.outcomes(SourceAgency.POLICE))
                .as("the police referral is unchanged")
                .isEmpty();
        QueueItem amended = single(router.queue("harlow"));
        assertThat(amended.getItemType()).isEqualTo(QueueItemType.AMENDED);
        assertThat(amended.getCaseId()).isEqualTo(caseId);
        assertThat(amended.getLinkedReferrals())
                .extracting(AgencyReference::getAgencyReferralId)
                .containsExactly("PR-1");
        assertThat(amended.getParties()).extracting(QueueParty::getSurname).doesNotContain("Other");
    }

    @Test
    void shouldNotLinkALaterReferralThroughOneWhoseConsentWasWithdrawn() {
        VictimSupportReferral vs = Fixtures.victimSupport("VS-1", "42/10001/26", "Zebedee", "Other", null, null);
        router.victimSupport(vs);
        router.victimSupport(
                VictimSupportReferral.newBuilder(vs).setConsentToContact(false).build());
        router.outcomes(SourceAgency.VICTIM_SUPPORT);
        router.queue("harlow");

        router.police(Fixtures.police("PR-1", "42/10001/26"));

        Outcome police = single(router.outcomes(SourceAgency.POLICE));
        assertThat(police.getEventType()).isEqualTo(OutcomeType.RECEIVED);
        assertThat(single(router.queue("harlow")).getLinkedReferrals())
                .extracting(AgencyReference::getAgencyReferralId)
                .containsExactly("PR-1");
    }

    private static <T> T single(List<T> values) {
        assertThat(values).hasSize(1);
        return values.get(0);
    }
}
