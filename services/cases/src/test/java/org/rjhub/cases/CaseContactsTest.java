package org.rjhub.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rjhub.cases.CaseFixtures.CASE;
import static org.rjhub.cases.CaseFixtures.POLICE_REF;
import static org.rjhub.cases.CaseFixtures.PROBATION_REF;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rjhub.agencies.mapping.CanonicalMapper;
import org.rjhub.cases.contacts.ReferralContacts;
import org.rjhub.cases.contacts.ReferralContacts.PartyContact;
import org.rjhub.cases.intake.ReferralOwnersProcessor;
import org.rjhub.cases.lifecycle.CaseState;
import org.rjhub.contracts.hub.PartyRole;
import org.rjhub.contracts.hub.QueueItemType;
import org.rjhub.contracts.hub.Referral;
import org.rjhub.contracts.hub.SourceAgency;

/**
 * The contact details of a case's parties and offender manager, taken from the canonical referrals
 * ({@code rj.referrals.v1}) to the case holding each referral, whichever comes first, the referral or the queue item;
 * following a referral that moves to another case; never announced to an agency. Who may see them is the API's
 * ({@code CaseApiAccessMatrixTest}, {@code CasesHttpApiTest}).
 */
class CaseContactsTest {

    private final CasesDriver hub = new CasesDriver();

    @AfterEach
    void close() {
        hub.close();
    }

    private static Referral police(String id, Instant at) {
        return CanonicalMapper.police(Referrals.police(id), at).referral();
    }

    private static Referral probation(String id, Instant at) {
        return CanonicalMapper.probation(Referrals.probation(id), at).referral();
    }

    @Test
    void shouldBringEachReferralsContactDetailsToItsCaseWhicheverComesFirst() {
        Instant t = CasesDriver.START;
        hub.referral(police(POLICE_REF, t)); // before the case
        hub.item(CaseFixtures.threeAgencyCase(t.plusSeconds(1)));
        hub.referral(probation(PROBATION_REF, t.plusSeconds(2))); // after it

        CaseState s = hub.state(CASE);
        assertThat(s.contacts).containsOnlyKeys("POLICE:" + POLICE_REF, "PROBATION:" + PROBATION_REF);
        ReferralContacts police = s.contacts.get("POLICE:" + POLICE_REF).clear();
        assertThat(police.parties())
                .extracting(PartyContact::role, PartyContact::surname, PartyContact::phone, PartyContact::address)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                PartyRole.VICTIM, "Quarrington", "07700 900002", "1 Test Road, Harlow, CM20 1AB"),
                        org.assertj.core.groups.Tuple.tuple(
                                PartyRole.OFFENDER, "Fairweather", "07700 900001", "2 Test Road, Harlow, CM20 2AB"));
        assertThat(police.offenderManager()).isNull();
        assertThat(s.contacts.get("PROBATION:" + PROBATION_REF).offenderManager())
                .isEqualTo(new ReferralContacts.Practitioner("Om Example", "Harlow PDU", "om@probation.example"));
        assertThat(hub.allOutcomes())
                .as("contact details are never told to an agency")
                .allSatisfy(o -> assertThat(o.toString()).doesNotContain("07700", "Test Road", "om@probation"));
    }

    @Test
    void shouldTakeAnAmendedReferralsDetailsAndIgnoreAnOlderOne() {
        Instant t = CasesDriver.START;
        hub.item(CaseFixtures.threeAgencyCase(t));
        hub.referral(police(POLICE_REF, t.plusSeconds(10)));
        Referral amended = police(POLICE_REF, t.plusSeconds(20));
        amended.getParties().get(0).getContact().setPhone("07700 900999");
        hub.referral(amended);
        hub.referral(police(POLICE_REF, t.plusSeconds(5))); // a late redelivery of an older version

        assertThat(hub.state(CASE).contacts.get("POLICE:" + POLICE_REF).parties())
                .extracting(PartyContact::phone)
                .contains("07700 900999")
                .doesNotContain("07700 900002");
    }

    @Test
    void shouldMoveTheDetailsWithAReferralThatMovesToAnotherCase() {
        Instant t = CasesDriver.START;
        hub.item(CaseFixtures.item(
                CASE, QueueItemType.NEW_CASE, t, List.of(CaseFixtures.ref(SourceAgency.POLICE, POLICE_REF))));
        hub.referral(police(POLICE_REF, t.plusSeconds(1)));
        assertThat(hub.state(CASE).contacts).hasSize(1);

        hub.item(CaseFixtures.item(
                "RJ-OTHER",
                QueueItemType.NEW_CASE,
                t.plusSeconds(60),
                List.of(CaseFixtures.ref(SourceAgency.POLICE, POLICE_REF))));

        assertThat(hub.state(CASE).contacts).isEmpty();
        assertThat(hub.state("RJ-OTHER").contacts).containsOnlyKeys("POLICE:" + POLICE_REF);
    }

    @Test
    void shouldForgetTheDetailsAwaitingACaseOnceTheReferralsTopicWouldHaveDroppedThem() {
        hub.referral(police(POLICE_REF, CasesDriver.START));
        var store = hub.driver.<String, Object>getKeyValueStore(ReferralOwnersProcessor.CONTACTS);
        assertThat(store.get("POLICE:" + POLICE_REF)).isNotNull();

        hub.advanceWallClock(Duration.ofDays(89));
        assertThat(store.get("POLICE:" + POLICE_REF)).isNotNull();
        hub.advanceWallClock(Duration.ofDays(2));

        assertThat(store.get("POLICE:" + POLICE_REF))
                .as("kept no longer than rj.referrals.v1 keeps it")
                .isNull();
    }
}
