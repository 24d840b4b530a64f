package org.rjhub.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rjhub.cases.CaseFixtures.CASE;
import static org.rjhub.cases.CaseFixtures.POLICE_REF;
import static org.rjhub.cases.CaseFixtures.PROBATION_REF;
import static org.rjhub.cases.CaseFixtures.VS_REF;
import static org.rjhub.cases.CaseFixtures.ref;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rjhub.cases.lifecycle.CaseEvents;
import org.rjhub.cases.lifecycle.CaseState;
import org.rjhub.contracts.hub.CaseEventResult;
import org.rjhub.contracts.hub.CaseEventStatus;
import org.rjhub.contracts.hub.ContactMethod;
import org.rjhub.contracts.hub.DeclinedBy;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.contracts.hub.PartyRole;
import org.rjhub.contracts.hub.QueueItemType;
import org.rjhub.contracts.hub.SourceAgency;

/** Consent withdrawn by a facilitator's event, and a case whose last referral the router withdrew. */
class CaseConsentTest {

    private static final Instant T0 = CasesDriver.START;

    private CasesDriver cases;
    private final CaseEvents fac = CaseEvents.on(CASE, "FAC-017");
    private int hour;

    @BeforeEach
    void start() {
        cases = new CasesDriver();
        cases.item(CaseFixtures.threeAgencyCase(T0));
    }

    @AfterEach
    void stop() {
        cases.close();
    }

    private Instant next() {
        return T0.plus(Duration.ofHours(++hour));
    }

    @Test
    void shouldWithholdAPartyWhoWithdrewConsentAndFlagTheCaseForClosure() {
        // Given contact with the victim
        cases.event(fac.contactMade(next(), PartyRole.VICTIM, ContactMethod.PHONE));
        cases.allOutcomes();

        // When the victim withdraws consent
        cases.event(fac.consentWithdrawn(next(), PartyRole.VICTIM));

        // Then the case no longer shows the victim's names, and asks to be closed
        CaseState state = cases.state(CASE);
        assertThat(state.parties)
                .extracting(CaseState.PartyView::surname)
                .containsExactlyInAnyOrder(CaseState.WITHHELD, "Fairweather")
                .doesNotContain("Quarrington");
        assertThat(state.closureDue).isEqualTo("VICTIM_WITHDREW_CONSENT");
        // each agency hears only that the victim declined, under its own referral id, no names
        for (SourceAgency agency : List.of(SourceAgency.POLICE, SourceAgency.PROBATION, SourceAgency.VICTIM_SUPPORT)) {
            assertThat(cases.outcomes(agency)).singleElement().satisfies(o -> {
                assertThat(o.getEventType()).isEqualTo(OutcomeType.DECLINED);
                assertThat(o.getDeclinedBy()).isEqualTo(DeclinedBy.VICTIM);
                assertThat(o.toString()).doesNotContain("Quarrington", "Imelda");
            });
        }

        // and a later queue item from the router does not bring the names back
        cases.item(CaseFixtures.item(
                CASE,
                QueueItemType.AMENDED,
                next(),
                List.of(
                        ref(SourceAgency.POLICE, POLICE_REF),
                        ref(SourceAgency.PROBATION, PROBATION_REF),
                        ref(SourceAgency.VICTIM_SUPPORT, VS_REF))));
        assertThat(cases.state(CASE).parties)
                .extracting(CaseState.PartyView::forename)
                .doesNotContain("Imelda");
        // and nothing more is accepted about the victim
        cases.event(fac.informationGiven(next(), PartyRole.VICTIM));
        assertThat(cases.results())
                .filteredOn(r -> r.getStatus() == CaseEventStatus.REFUSED)
                .extracting(CaseEventResult::getRule)
                .containsExactly("PARTY_WITHDRAWN");
    }

    @Test
    void shouldCloseACaseWhoseLastReferralTheRouterWithdrewAndKeepNothingAboutItsParties() {
        // When the router withdraws the case (its only referral's consent to refer was withdrawn)
        cases.item(CaseFixtures.item(CASE, QueueItemType.WITHDRAWN, next(), List.of(), List.of()));

        // Then the case is closed, holds no party, referral or offence, and no agency is told anything more
        CaseState state = cases.state(CASE);
        assertThat(state.status).isEqualTo(CaseState.Status.CLOSED);
        assertThat(state.closureReason).isEqualTo(CaseState.REFERRAL_WITHDRAWN);
        assertThat(state.parties).isEmpty();
        assertThat(state.referrals).isEmpty();
        assertThat(state.offence).isNull();
        assertThat(cases.allOutcomes()).isEmpty();
        // and facilitators can record nothing more on it
        cases.event(fac.contactMade(next(), PartyRole.OFFENDER, ContactMethod.PHONE));
        assertThat(cases.results()).extracting(CaseEventResult::getRule).containsExactly("CASE_CLOSED");

        // When consent is given again and the router opens the case afresh
        cases.item(
                CaseFixtures.item(CASE, QueueItemType.NEW_CASE, next(), List.of(ref(SourceAgency.POLICE, POLICE_REF))));
        CaseState reopened = cases.state(CASE);
        assertThat(reopened.open()).isTrue();
        assertThat(reopened.referrals)
                .extracting(CaseState.Ref::agencyReferralId)
                .containsExactly(POLICE_REF);
        assertThat(reopened.history).isEmpty();
        List<Outcome> none = cases.allOutcomes();
        assertThat(none).isEmpty();
    }
}
