package org.rjhub.reporting.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rjhub.contracts.hub.SourceAgency.POLICE;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rjhub.common.privacy.DataKeyStore;
import org.rjhub.common.privacy.DataKeys;
import org.rjhub.common.privacy.MasterKey;
import org.rjhub.common.privacy.SealedReferrals;
import org.rjhub.contracts.hub.AgeBand;
import org.rjhub.contracts.hub.CaseFact;
import org.rjhub.contracts.hub.OffenceCategory;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.contracts.hub.Referral;
import org.rjhub.reporting.TestSecrets;

/**
 * The facts service opens the sealed referrals of {@code rj.referrals.v1} with their data keys; a referral whose key
 * was erased is still counted by its operational fields (agency, district, offence category), with no person.
 */
class SealedReferralFactsTest {

    @Test
    void shouldCountASealedReferralAsBeforeAndAnErasedOneWithoutItsPersons(@TempDir Path dir) {
        Path keyFile = MasterKey.createIfMissing(dir.resolve("mk.json"));
        DataKeys router = new DataKeys(MasterKey.of(keyFile.toString()));
        try (FactsDriver facts = new FactsDriver(
                Map.of(FactsConfig.HMAC_KEY, TestSecrets.hmacKey(), FactsConfig.MASTER_KEY, keyFile.toString()))) {
            // Given two referrals sealed by the router, the second's key erased
            Referral kept = sealed(router, facts, Hub.referral(POLICE, "PR-1", "Harlow", Hub.T0));
            Referral erased = sealed(router, facts, Hub.referral(POLICE, "PR-2", "Thurrock", Hub.T0));
            facts.dataKey(erased.getDataKeyId(), null);

            // When both are read and acknowledged into their cases
            facts.referral(kept);
            facts.outcome(Hub.ack(OutcomeType.RECEIVED, POLICE, "PR-1", "RJ-1", Hub.T0));
            facts.referral(erased);
            facts.outcome(Hub.ack(OutcomeType.RECEIVED, POLICE, "PR-2", "RJ-2", Hub.T0));

            // Then the first is counted with its persons, the erased one by its operational fields only
            List<KeyValue<String, CaseFact>> out = facts.factRecords();
            CaseFact one = fact(facts, out, "RJ-1");
            assertThat(one.getReferral().getParties())
                    .extracting(p -> p.getAgeBand())
                    .containsExactly(AgeBand.AGE_55_64, AgeBand.AGE_18_24);
            CaseFact two = fact(facts, out, "RJ-2");
            assertThat(two.getReferral().getDistrict()).isEqualTo("Thurrock");
            assertThat(two.getReferral().getOffenceCategory()).isEqualTo(OffenceCategory.VIOLENCE_WITH_INJURY);
            assertThat(two.getReferral().getParties()).isEmpty();
        }
    }

    @Test
    void shouldCountAReferralReadBeforeItsKeyAsOneReadAfterIt(@TempDir Path dir) {
        Path keyFile = MasterKey.createIfMissing(dir.resolve("mk.json"));
        DataKeys router = new DataKeys(MasterKey.of(keyFile.toString()));
        Map<String, String> settings =
                Map.of(FactsConfig.HMAC_KEY, TestSecrets.hmacKey(), FactsConfig.MASTER_KEY, keyFile.toString());
        Instant wallClock = Hub.T0.plusSeconds(60);
        Referral clear = Hub.referral(POLICE, "PR-1", "Harlow", Hub.T0);
        DataKeys.DataKey key =
                router.create(DataKeys.referralSubject(clear.getSourceAgency().name(), clear.getAgencyReferralId()));
        DataKeys.DataKey other = router.create(DataKeys.referralSubject("POLICE", "PR-9"));
        Referral sealed = SealedReferrals.seal(router, key.id(), clear);

        // Given the referral read after its key, then acknowledged
        List<KeyValue<String, CaseFact>> keyFirst;
        try (FactsDriver facts = new FactsDriver(settings, wallClock)) {
            facts.dataKey(key.id(), key.wrapped());
            facts.referral(sealed);
            facts.dataKey(other.id(), other.wrapped());
            facts.outcome(Hub.ack(OutcomeType.RECEIVED, POLICE, "PR-1", "RJ-1", Hub.T0));
            keyFirst = facts.factRecords();
            assertThat(fact(facts, keyFirst, "RJ-1").getReferral().getParties()).hasSize(2);
        }

        // When it is read before its key (parked) and acknowledged once the key came
        List<KeyValue<String, CaseFact>> keyLate;
        try (FactsDriver facts = new FactsDriver(settings, wallClock)) {
            facts.dataKey(other.id(), other.wrapped());
            facts.referral(sealed);
            facts.advanceWallClock(DataKeyStore.RETRY);
            facts.dataKey(key.id(), key.wrapped());
            facts.advanceWallClock(DataKeyStore.RETRY);
            facts.outcome(Hub.ack(OutcomeType.RECEIVED, POLICE, "PR-1", "RJ-1", Hub.T0));
            keyLate = facts.factRecords();
        }

        // Then its facts are the same, with its persons
        assertThat(keyLate).isEqualTo(keyFirst);
    }

    private static CaseFact fact(FactsDriver facts, List<KeyValue<String, CaseFact>> out, String caseId) {
        String key = facts.pseudonyms().caseKey(caseId);
        return out.stream()
                .filter(kv -> kv.key.equals(key))
                .map(kv -> kv.value)
                .findFirst()
                .orElseThrow();
    }

    /** {@code clear} sealed as the router seals it, its key written to the key topic. */
    private static Referral sealed(DataKeys router, FactsDriver facts, Referral clear) {
        DataKeys.DataKey key =
                router.create(DataKeys.referralSubject(clear.getSourceAgency().name(), clear.getAgencyReferralId()));
        facts.dataKey(key.id(), key.wrapped());
        return SealedReferrals.seal(router, key.id(), clear);
    }
}
