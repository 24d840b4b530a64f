package org.rjhub.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.CaseEventStatus;
import org.rjhub.contracts.hub.CaseEventType;
import org.rjhub.contracts.hub.PartyRole;
import org.rjhub.contracts.hub.QueueItem;
import org.rjhub.contracts.hub.QueueParty;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.contracts.police.PoliceReferral;
import org.rjhub.router.consent.WithheldParties;

/**
 * A facilitator's {@code CONSENT_WITHDRAWN}, once the case service accepted it, stops the router naming that party in
 * the case's later queue items; a refused one changes nothing. On the production topology.
 */
class FacilitatorWithdrawalTest {

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
    void shouldWithholdAPartyInLaterQueueItemsOnceTheirWithdrawalIsAccepted() {
        PoliceReferral original = Fixtures.police("PR-1", "42/10001/26");
        router.police(original);
        String caseId = router.outcomes(SourceAgency.POLICE).get(0).getHubCaseId();
        assertThat(surnames(single(router.queue("harlow")), PartyRole.VICTIM)).doesNotContain(WithheldParties.WITHHELD);

        // the answer may come before the event it answers: they meet either way
        CaseEvent withdrawal = withdrawal("EV-1", caseId, PartyRole.VICTIM);
        router.caseEventResult(Fixtures.answer(withdrawal, CaseEventStatus.ACCEPTED));
        router.caseEvent(withdrawal);
        router.police(PoliceReferral.newBuilder(original)
                .setIncidentDate(java.time.LocalDate.parse("2026-09-12"))
                .build());

        QueueItem later = single(router.queue("harlow"));
        assertThat(later.getCaseId()).isEqualTo(caseId);
        assertThat(surnames(later, PartyRole.VICTIM)).containsOnly(WithheldParties.WITHHELD);
        assertThat(later.getParties())
                .filteredOn(p -> p.getRole() == PartyRole.VICTIM)
                .allSatisfy(p -> {
                    assertThat(p.getForename()).isEqualTo(WithheldParties.WITHHELD);
                    assertThat(p.getDistrict()).isNull();
                });
        assertThat(surnames(later, PartyRole.OFFENDER))
                .doesNotContain(WithheldParties.WITHHELD)
                .isNotEmpty();
    }

    @Test
    void shouldKeepNamingAPartyWhoseWithdrawalWasRefused() {
        PoliceReferral original = Fixtures.police("PR-1", "42/10001/26");
        router.police(original);
        String caseId = router.outcomes(SourceAgency.POLICE).get(0).getHubCaseId();
        router.queue("harlow");

        CaseEvent withdrawal = withdrawal("EV-1", caseId, PartyRole.VICTIM);
        router.caseEvent(withdrawal);
        router.caseEventResult(Fixtures.answer(withdrawal, CaseEventStatus.REFUSED));
        router.police(PoliceReferral.newBuilder(original)
                .setIncidentDate(java.time.LocalDate.parse("2026-09-12"))
                .build());

        assertThat(surnames(single(router.queue("harlow")), PartyRole.VICTIM))
                .isNotEmpty()
                .doesNotContain(WithheldParties.WITHHELD);
    }

    private static CaseEvent withdrawal(String eventId, String caseId, PartyRole role) {
        return CaseEvent.newBuilder()
                .setEventId(eventId)
                .setCaseId(caseId)
                .setEventType(CaseEventType.CONSENT_WITHDRAWN)
                .setPartyRole(role)
                .setActor("FAC-017")
                .setOccurredAt(Instant.parse("2026-11-02T11:00:00Z"))
                .setDetails(null)
                .build();
    }

    private static List<String> surnames(QueueItem item, PartyRole role) {
        return item.getParties().stream()
                .filter(p -> p.getRole() == role)
                .map(QueueParty::getSurname)
                .toList();
    }

    private static QueueItem single(List<QueueItem> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }
}
