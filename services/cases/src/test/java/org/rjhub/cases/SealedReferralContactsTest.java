package org.rjhub.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rjhub.cases.CaseFixtures.CASE;
import static org.rjhub.cases.CaseFixtures.POLICE_REF;
import static org.rjhub.cases.CaseFixtures.PROBATION_REF;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rjhub.agencies.mapping.CanonicalMapper;
import org.rjhub.cases.contacts.ReferralContacts;
import org.rjhub.cases.contacts.ReferralContacts.PartyContact;
import org.rjhub.cases.lifecycle.CaseState;
import org.rjhub.common.privacy.DataKeys;
import org.rjhub.common.privacy.MasterKey;
import org.rjhub.common.privacy.SealedReferrals;
import org.rjhub.contracts.hub.Referral;

/**
 * The case service opens the sealed referrals of {@code rj.referrals.v1} with their data keys (read from
 * {@code rj.data-keys.v1}), and takes a referral whose key was erased ({@code hub erase}) as erased: its case gets no
 * contact details of it, while the other referrals' stay.
 */
class SealedReferralContactsTest {

    @TempDir
    Path dir;

    @Test
    void shouldTakeContactDetailsFromASealedReferralAndNoneFromOneWhoseKeyWasErased() {
        Path keyFile = MasterKey.createIfMissing(dir.resolve("mk.json"));
        DataKeys router = new DataKeys(MasterKey.of(keyFile.toString()));
        Instant t = CasesDriver.START;
        try (CasesDriver hub = new CasesDriver(Map.of(CasesConfig.MASTER_KEY, keyFile.toString()))) {
            // Given both referrals sealed, each under its own key; the police referral's key then erased
            Referral police = sealed(
                    router,
                    hub,
                    CanonicalMapper.police(Referrals.police(POLICE_REF), t).referral());
            Referral probation = sealed(
                    router,
                    hub,
                    CanonicalMapper.probation(Referrals.probation(PROBATION_REF), t.plusSeconds(1))
                            .referral());
            hub.dataKey(police.getDataKeyId(), null);

            // When the case service reads them and their case
            hub.referral(police);
            hub.referral(probation);
            hub.item(CaseFixtures.threeAgencyCase(t.plusSeconds(2)));

            // Then the probation referral's details are opened, the erased police referral names no one
            CaseState s = hub.state(CASE);
            assertThat(s.contacts.get("PROBATION:" + PROBATION_REF).offenderManager())
                    .isEqualTo(new ReferralContacts.Practitioner("Om Example", "Harlow PDU", "om@probation.example"));
            assertThat(s.contacts.get("PROBATION:" + PROBATION_REF).parties())
                    .extracting(PartyContact::surname)
                    .isNotEmpty()
                    .doesNotContain("");
            ReferralContacts erased = s.contacts.get("POLICE:" + POLICE_REF);
            assertThat(erased.parties()).isEmpty();
            assertThat(erased.offenderManager()).isNull();
            assertThat(s.contacts.values())
                    .as("no contact details of the erased referral's victim (its queue item names her, no more)")
                    .flatExtracting(ReferralContacts::parties)
                    .extracting(PartyContact::surname)
                    .doesNotContain("Quarrington");
        }
    }

    /** {@code clear} sealed as the router seals it, its key written to the key topic. */
    private static Referral sealed(DataKeys router, CasesDriver hub, Referral clear) {
        DataKeys.DataKey key =
                router.create(DataKeys.referralSubject(clear.getSourceAgency().name(), clear.getAgencyReferralId()));
        hub.dataKey(key.id(), key.wrapped());
        return SealedReferrals.seal(router, key.id(), clear);
    }
}
