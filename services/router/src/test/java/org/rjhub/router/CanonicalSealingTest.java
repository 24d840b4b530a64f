package org.rjhub.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rjhub.common.privacy.DataKeys;
import org.rjhub.common.privacy.MasterKey;
import org.rjhub.common.privacy.SealedReferrals;
import org.rjhub.contracts.hub.CaseType;
import org.rjhub.contracts.hub.Referral;
import org.rjhub.contracts.hub.SourceAgency;

/**
 * With a master key the router writes every canonical referral sealed under a new data key of its referral: nothing
 * personal in clear on {@code rj.referrals.v1}, the key on {@code rj.data-keys.v1} in the same transaction, and the
 * referral opened with that key is the one a router without a master key writes in clear.
 */
class CanonicalSealingTest {

    /** Personal data the fixtures carry: names, addresses, postcodes, the officer, the CRN, the offender manager. */
    private static final List<String> PERSONAL = List.of(
            "Imelda",
            "Quarrington",
            "Kwabena",
            "Fairweather",
            "Test Road",
            "CM20 1AB",
            "PC Example",
            "X123456",
            "om@probation.example",
            "Wants to be heard",
            "42/11111/26");

    @Test
    void shouldWriteNoPersonalFieldInClearAndTheSameReferralUnderItsDataKey(@TempDir Path dir) {
        MasterKey master =
                MasterKey.of(MasterKey.createIfMissing(dir.resolve("mk.json")).toString());
        List<byte[]> raw;
        List<Referral> sealed;
        Map<String, byte[]> keys;
        try (RouterDriver router = new RouterDriver(
                Map.of(RouterConfig.MASTER_KEY, dir.resolve("mk.json").toString()))) {
            pipeEveryAgency(router);
            raw = router.driver
                    .createOutputTopic(
                            router.topics.referrals().name(),
                            Serdes.String().deserializer(),
                            Serdes.ByteArray().deserializer())
                    .readValuesToList();
            var values = router.topics.referrals().valueSerde().deserializer();
            sealed = raw.stream()
                    .map(v -> values.deserialize(router.topics.referrals().name(), v))
                    .toList();
            keys = router.dataKeys();
        }
        List<Referral> clear;
        try (RouterDriver router = new RouterDriver()) {
            pipeEveryAgency(router);
            clear = referrals(router);
        }

        // Then no personal datum is in the topic's bytes
        assertThat(raw).hasSize(3);
        for (byte[] value : raw) {
            String text = new String(value, StandardCharsets.ISO_8859_1);
            assertThat(PERSONAL).noneMatch(text::contains);
        }
        // and what is in clear is operational only: ids, agency, district, case type, offence category
        assertThat(sealed).allSatisfy(r -> {
            assertThat(r.getParties()).isEmpty();
            assertThat(r.getCrimeReference()).isNull();
            assertThat(r.getIncidentDate()).isNull();
            assertThat(r.getSensitivityFlags()).isEmpty();
            assertThat(r.getVictimSupportNeeds()).isNull();
            assertThat(r.getDistrict()).isEqualTo("Harlow");
            assertThat(r.getCaseType()).isEqualTo(CaseType.CRIME);
            assertThat(r.getOffence().getDescription()).isEmpty();
            assertThat(DataKeys.subjectOf(r.getDataKeyId()))
                    .isEqualTo(DataKeys.referralSubject(r.getSourceAgency().name(), r.getAgencyReferralId()));
        });
        assertThat(sealed)
                .extracting(Referral::getSourceAgency)
                .containsExactly(SourceAgency.POLICE, SourceAgency.VICTIM_SUPPORT, SourceAgency.PROBATION);
        // and each key is on the key topic, in the same transaction; opened, each is the referral in clear
        assertThat(keys.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        sealed.stream().map(Referral::getDataKeyId).toList());
        DataKeys reader = new DataKeys(master);
        for (int i = 0; i < sealed.size(); i++) {
            Referral opened =
                    SealedReferrals.open(reader, sealed.get(i), keys::get).orElseThrow();
            assertThat(opened.getDataKeyId()).isEqualTo(sealed.get(i).getDataKeyId());
            assertThat(opened.getSealed()).isNull();
            assertThat(opened)
                    .usingRecursiveComparison()
                    .ignoringFields("dataKeyId", "receivedAt")
                    .isEqualTo(clear.get(i));
        }
    }

    @Test
    void shouldGiveTheRedactedReferralOnceItsKeyIsErased(@TempDir Path dir) {
        MasterKey master =
                MasterKey.of(MasterKey.createIfMissing(dir.resolve("mk.json")).toString());
        Referral sealed;
        try (RouterDriver router = new RouterDriver(
                Map.of(RouterConfig.MASTER_KEY, dir.resolve("mk.json").toString()))) {
            router.police(Fixtures.police("PR-S-1", "42/11111/26"));
            sealed = referrals(router).get(0);
        }

        // When the key is not there (its tombstone read)
        DataKeys reader = new DataKeys(master);
        Map<String, byte[]> none = Map.of();

        // Then the referral does not open, and what a consumer gets names no one
        assertThat(SealedReferrals.open(reader, sealed, none::get)).isEmpty();
        Referral erased = SealedReferrals.openOrErased(reader, sealed, none::get);
        assertThat(erased.getParties()).isEmpty();
        assertThat(erased.getSealed()).isNull();
        assertThat(erased.getPoliceDetails().getOfficerInCase().getName()).isEmpty();
        assertThat(erased.getAgencyReferralId()).isEqualTo("PR-S-1");
        assertThat(erased.getDistrict()).isEqualTo("Harlow");
        assertThat(erased.getPoliceDetails().getVictimConsentToReferral()).isTrue();
    }

    private static void pipeEveryAgency(RouterDriver router) {
        router.police(Fixtures.police("PR-S-1", "42/11111/26"));
        router.victimSupport(
                Fixtures.victimSupport("VS-S-1", "42/11111/26", "Imelda", "Quarrington", "1971-05-06", "CM20 1AB"));
        router.probation(
                Fixtures.probation("PROB-S-1", "42/11111/26", "Kwabena", "Fairweather", "1990-03-04", "CM20 2AB"));
    }

    private static List<Referral> referrals(RouterDriver router) {
        return router
                .driver
                .createOutputTopic(
                        router.topics.referrals().name(),
                        Serdes.String().deserializer(),
                        router.topics.referrals().valueSerde().deserializer())
                .readKeyValuesToList()
                .stream()
                .map((KeyValue<String, Referral> kv) -> kv.value)
                .toList();
    }
}
