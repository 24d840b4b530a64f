package org.rjhub.cases.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rjhub.cases.lifecycle.CaseState.PartyView;
import org.rjhub.cases.lifecycle.NextSteps.Step;
import org.rjhub.contracts.hub.ConsentScope;
import org.rjhub.contracts.hub.ContactMethod;
import org.rjhub.contracts.hub.PartyRole;
import org.rjhub.contracts.hub.RiskAssessmentStage;

/** The next steps a case allows, and why not, as the state machine says; nothing is recorded by asking. */
class NextStepsTest {

    private static final Instant T = Instant.parse("2026-11-02T10:00:00Z");

    private static CaseState newCase() {
        CaseState s = new CaseState("RJ-NEXT-1");
        s.queue = "harlow";
        s.parties.add(new PartyView(PartyRole.VICTIM, "Imelda", "Quarrington", "Harlow"));
        s.parties.add(new PartyView(PartyRole.OFFENDER, "Kwabena", "Fairweather", "Harlow"));
        return s;
    }

    private static CaseState after(
            CaseState s, java.util.function.Function<CaseEvents, org.rjhub.contracts.hub.CaseEvent> event) {
        return CaseStateMachine.apply(s, event.apply(CaseEvents.on(s.caseId, "FAC-017")))
                .state();
    }

    private static Step step(List<Step> steps, String type, PartyRole party, String option) {
        return steps.stream()
                .filter(x ->
                        x.type().equals(type) && x.party() == party && java.util.Objects.equals(x.option(), option))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void shouldSayConsentNeedsInformationFirstAndAllocationNeedsTheInitialAssessment() {
        CaseState s = after(newCase(), e -> e.contactMade(T, PartyRole.VICTIM, ContactMethod.PHONE));

        List<Step> steps = NextSteps.of(s, T.plusSeconds(60));

        assertThat(step(steps, "INFORMATION_GIVEN", PartyRole.VICTIM, null).allowed())
                .isTrue();
        assertThat(step(steps, "CONSENT_GIVEN", PartyRole.VICTIM, null))
                .satisfies(x -> assertThat(x.allowed()).isFalse())
                .satisfies(x -> assertThat(x.rule()).isEqualTo("NOT_INFORMED"))
                .satisfies(x -> assertThat(x.reason()).contains("victim has not been given information"));
        assertThat(step(steps, "INFORMATION_GIVEN", PartyRole.OFFENDER, null).rule())
                .isEqualTo("NOT_CONTACTED");
        assertThat(step(steps, "ASSIGNED", null, null).rule()).isEqualTo("NO_INITIAL_RISK_ASSESSMENT");
        assertThat(step(steps, "RISK_ASSESSED", null, "INITIAL").allowed()).isTrue();
        assertThat(step(steps, "MEETING_HELD", null, null).reason())
                .contains("the victim has not consented", "the offender has not consented");
        assertThat(s.history).as("asking records nothing").hasSize(1);
    }

    @Test
    void shouldOfferOnlyTheClosuresThatFitTheCase() {
        CaseState s = after(newCase(), e -> e.suitable(T, RiskAssessmentStage.INITIAL));
        s = after(s, e -> e.contactMade(T, PartyRole.VICTIM, ContactMethod.PHONE));
        s = after(s, e -> e.informationGiven(T, PartyRole.VICTIM));
        s = after(s, e -> e.consentGiven(T, PartyRole.VICTIM, ConsentScope.RESTORATIVE_PROCESS));
        s = after(s, e -> e.consentWithdrawn(T, PartyRole.VICTIM));

        List<Step> closures = NextSteps.of(s, T).stream()
                .filter(x -> x.type().equals("CASE_CLOSED") && x.allowed())
                .toList();

        assertThat(closures)
                .extracting(Step::option)
                .contains("DECLINED_BY_VICTIM")
                .doesNotContain("DECLINED_BY_OFFENDER", "AGREEMENT_COMPLETED", "UNSUITABLE");
        assertThat(step(NextSteps.of(s, T), "CONTACT_MADE", PartyRole.VICTIM, null)
                        .rule())
                .isEqualTo("PARTY_WITHDRAWN");
    }
}
