package org.rjhub.reporting.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rjhub.contracts.hub.SourceAgency.POLICE;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rjhub.common.privacy.DataKeyStore;
import org.rjhub.common.privacy.DataKeys;
import org.rjhub.common.privacy.MasterKey;
import org.rjhub.common.privacy.SealedReferrals;
import org.rjhub.common.serde.JsonSerde;
import org.rjhub.contracts.hub.Referral;
import org.rjhub.reporting.TestSecrets;
import org.rjhub.testsupport.InMemoryRegistry;

/**
 * The opener of sealed referrals ({@link DataKeyStore#opened}) when a referral comes before its data key (the global
 * store is filled by its own thread): the referral is parked, sealed, and released by a wall-clock punctuation, in
 * arrival order per key, opened once its key is read, or redacted (erased) once it is older than
 * {@link DataKeyStore#IN_FLIGHT} with its key still missing. The stream thread never waits.
 */
class ReferralParkingTest {

    private static final Instant WALL = Hub.T0.plusSeconds(60);
    private static final String OUT = "opened";
    /** The output's serde: Avro single-object encoding, no registry. */
    private static final Serde<Referral> AVRO = Serdes.serdeFrom(
            (topic, r) -> {
                try {
                    return r == null ? null : r.toByteBuffer().array();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            },
            (topic, bytes) -> {
                try {
                    return bytes == null ? null : Referral.fromByteBuffer(ByteBuffer.wrap(bytes));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });

    @TempDir
    Path dir;

    private DataKeys router;
    private FactsTopics topics;
    private TopologyTestDriver driver;
    private TestInputTopic<String, Referral> referrals;
    private TestInputTopic<String, byte[]> keys;
    private TestOutputTopic<String, Referral> opened;

    @BeforeEach
    void start() throws Exception {
        Path keyFile = MasterKey.createIfMissing(dir.resolve("mk.json"));
        router = new DataKeys(MasterKey.of(keyFile.toString()));
        driver = driver(keyFile);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldParkAReferralThatComesBeforeItsKeyAndOpenItWhenTheKeyComes() throws Exception {
        // Given a referral sealed by the router, read before its key
        Referral clear = Hub.referral(POLICE, "PR-1", "Harlow", Hub.T0);
        DataKeys.DataKey key = key(clear);
        Referral sealed = SealedReferrals.seal(router, key.id(), clear);
        referrals.pipeInput(clear.getHubReferralId(), sealed, Hub.T0);

        // When the wall clock runs on, nothing is forwarded while the key is missing
        driver.advanceWallClockTime(DataKeyStore.RETRY.multipliedBy(4));
        assertThat(opened.isEmpty()).isTrue();

        // Then once its key is read, the next punctuation forwards it opened, as if the key had come first
        keys.pipeInput(key.id(), key.wrapped(), Hub.T0);
        driver.advanceWallClockTime(DataKeyStore.RETRY);
        List<TestRecord<String, Referral>> late = opened.readRecordsToList();
        assertThat(late).hasSize(1);
        assertThat(late.get(0).value().getParties())
                .extracting(p -> p.getSurname())
                .contains("Quarrington");

        driver.close();
        driver = driver(dir.resolve("mk.json"));
        keys.pipeInput(key.id(), key.wrapped(), Hub.T0);
        referrals.pipeInput(clear.getHubReferralId(), sealed, Hub.T0);
        List<TestRecord<String, Referral>> keyFirst = opened.readRecordsToList();
        assertThat(late).usingRecursiveComparison().isEqualTo(keyFirst);

        // and it is not forwarded again
        driver.advanceWallClockTime(DataKeyStore.RETRY.multipliedBy(4));
        assertThat(opened.isEmpty()).isTrue();
    }

    @Test
    void shouldReleaseTheVersionsOfAReferralInTheOrderTheyCame() {
        // Given two versions of a referral sealed each under its own key, both read before their keys, and a third
        // whose key is there already
        Referral v1 = Hub.referral(POLICE, "PR-1", "Harlow", Hub.T0);
        Referral v2 = Hub.referral(POLICE, "PR-1", "Basildon", Hub.T0.plusSeconds(1));
        Referral v3 = Hub.referral(POLICE, "PR-1", "Thurrock", Hub.T0.plusSeconds(2));
        DataKeys.DataKey k1 = key(v1);
        DataKeys.DataKey k2 = key(v2);
        DataKeys.DataKey k3 = key(v3);
        keys.pipeInput(k3.id(), k3.wrapped(), Hub.T0);
        referrals.pipeInput(v1.getHubReferralId(), SealedReferrals.seal(router, k1.id(), v1), Hub.T0);
        referrals.pipeInput(v2.getHubReferralId(), SealedReferrals.seal(router, k2.id(), v2), Hub.T0.plusSeconds(1));
        referrals.pipeInput(v3.getHubReferralId(), SealedReferrals.seal(router, k3.id(), v3), Hub.T0.plusSeconds(2));
        assertThat(opened.isEmpty()).isTrue();

        // When the second's key comes first, nothing overtakes the first
        keys.pipeInput(k2.id(), k2.wrapped(), Hub.T0);
        driver.advanceWallClockTime(DataKeyStore.RETRY.multipliedBy(2));
        assertThat(opened.isEmpty()).isTrue();

        // Then once the first's key comes, all three are forwarded opened, in order, once
        keys.pipeInput(k1.id(), k1.wrapped(), Hub.T0);
        driver.advanceWallClockTime(DataKeyStore.RETRY);
        driver.advanceWallClockTime(DataKeyStore.RETRY);
        List<TestRecord<String, Referral>> out = opened.readRecordsToList();
        assertThat(out).extracting(r -> r.value().getDistrict()).containsExactly("Harlow", "Basildon", "Thurrock");
        assertThat(out)
                .extracting(TestRecord::getRecordTime)
                .containsExactly(Hub.T0, Hub.T0.plusSeconds(1), Hub.T0.plusSeconds(2));
        assertThat(out).allSatisfy(r -> assertThat(r.value().getParties()).hasSize(2));
        try (var parked = driver.getKeyValueStore(DataKeyStore.PARKED).all()) {
            assertThat(parked.hasNext()).isFalse();
        }
    }

    @Test
    void shouldForwardAsErasedAReferralWhoseKeyNeverComesOnlyOnceItIsOlderThanTheBound() {
        // Given a referral read before its key
        Referral lost = Hub.referral(POLICE, "PR-1", "Harlow", Hub.T0);
        referrals.pipeInput(
                lost.getHubReferralId(), SealedReferrals.seal(router, key(lost).id(), lost), Hub.T0);

        // When its key never comes, nothing is forwarded until the referral is older than the bound
        Duration untilBound = Duration.between(WALL, Hub.T0.plus(DataKeyStore.IN_FLIGHT));
        driver.advanceWallClockTime(untilBound.minusSeconds(1));
        assertThat(opened.isEmpty()).isTrue();

        // Then it is forwarded redacted, naming no one, once
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        driver.advanceWallClockTime(DataKeyStore.RETRY);
        List<TestRecord<String, Referral>> out = opened.readRecordsToList();
        assertThat(out).extracting(TestRecord::getKey).containsExactly("POLICE/PR-1");
        assertErased(out.get(0).value());
        driver.advanceWallClockTime(DataKeyStore.IN_FLIGHT);
        assertThat(opened.isEmpty()).isTrue();
    }

    @Test
    void shouldForwardAsErasedAReferralWhoseKeysTombstoneIsRead() {
        // Given a referral whose key was erased before it was read, and one parked when its key is erased
        Referral before = Hub.referral(POLICE, "PR-1", "Harlow", Hub.T0);
        Referral waiting = Hub.referral(POLICE, "PR-2", "Thurrock", Hub.T0);
        DataKeys.DataKey k1 = key(before);
        DataKeys.DataKey k2 = key(waiting);
        keys.pipeInput(k1.id(), k1.wrapped(), Hub.T0);
        keys.pipeInput(k1.id(), null, Hub.T0);

        // When they are read, the first is forwarded redacted at once, the second parked
        referrals.pipeInput(before.getHubReferralId(), SealedReferrals.seal(router, k1.id(), before), Hub.T0);
        referrals.pipeInput(waiting.getHubReferralId(), SealedReferrals.seal(router, k2.id(), waiting), Hub.T0);
        List<TestRecord<String, Referral>> first = opened.readRecordsToList();
        assertThat(first).extracting(TestRecord::getKey).containsExactly("POLICE/PR-1");
        assertErased(first.get(0).value());

        // Then the second's key's tombstone forwards it redacted at the next punctuation, long before the bound
        keys.pipeInput(k2.id(), null, Hub.T0);
        driver.advanceWallClockTime(DataKeyStore.RETRY);
        List<TestRecord<String, Referral>> second = opened.readRecordsToList();
        assertThat(second).extracting(TestRecord::getKey).containsExactly("POLICE/PR-2");
        assertErased(second.get(0).value());
        driver.advanceWallClockTime(DataKeyStore.IN_FLIGHT);
        assertThat(opened.isEmpty()).isTrue();
    }

    @Test
    void shouldForwardAnOldReferralWhoseKeyIsMissingAsErasedAtOnce() {
        // Given a referral older than the bound whose key is not there (erased long ago)
        Referral old = Hub.referral(POLICE, "PR-1", "Harlow", Hub.T0);
        Instant written = WALL.minus(DataKeyStore.IN_FLIGHT).minusSeconds(1);

        // When it is read, then it is forwarded at once, redacted
        referrals.pipeInput(old.getHubReferralId(), SealedReferrals.seal(router, key(old).id(), old), written);
        List<TestRecord<String, Referral>> out = opened.readRecordsToList();
        assertThat(out).hasSize(1);
        assertErased(out.get(0).value());
    }

    @Test
    void shouldKeepNoPersonalDatumInClearInTheParkingStoresChangelog() {
        // Given a referral parked while its key is missing, then released
        Referral clear = Hub.referral(POLICE, "PR-1", "Harlow", Hub.T0);
        DataKeys.DataKey key = key(clear);
        referrals.pipeInput(clear.getHubReferralId(), SealedReferrals.seal(router, key.id(), clear), Hub.T0);
        keys.pipeInput(key.id(), key.wrapped(), Hub.T0);
        driver.advanceWallClockTime(DataKeyStore.RETRY);
        assertThat(opened.readRecordsToList()).hasSize(1);

        // When the changelog is read, each referral it holds decoded from the store's JSON
        String changelog = "rj-reporting-facts-" + DataKeyStore.PARKED + "-changelog";
        assertThat(driver.producedTopicNames()).contains(changelog);
        List<String> contents = new ArrayList<>();
        var records = driver.createOutputTopic(
                        changelog,
                        Serdes.String().deserializer(),
                        Serdes.ByteArray().deserializer())
                .readRecordsToList();
        for (var r : records) {
            if (r.value() == null) {
                contents.add("tombstone " + r.key());
                continue;
            }
            contents.add(new String(r.value(), StandardCharsets.UTF_8));
            Map<?, ?> parked = JsonSerde.of(Map.class).deserializer().deserialize(changelog, r.value());
            for (Object entry : (List<?>) parked.get("entries")) {
                byte[] referral = Base64.getDecoder().decode((String) ((Map<?, ?>) entry).get("referral"));
                contents.add(new String(referral, StandardCharsets.ISO_8859_1));
            }
        }

        // Then it holds the referral's operational fields, none of its persons', and the release's tombstone
        assertThat(contents).anySatisfy(c -> assertThat(c).contains("PR-1"));
        assertThat(contents).last().isEqualTo("tombstone POLICE/PR-1");
        for (String personal : List.of("Quarrington", "Imelda", "Fairweather", "CM20 1AB", "Mill Lane", "01632")) {
            assertThat(contents).noneSatisfy(c -> assertThat(c).contains(personal));
        }
    }

    private static void assertErased(Referral referral) {
        assertThat(referral.getParties()).isEmpty();
        assertThat(referral.getSealed()).isNull();
        assertThat(referral.getDistrict()).isNotEmpty();
    }

    private DataKeys.DataKey key(Referral clear) {
        return router.create(DataKeys.referralSubject(clear.getSourceAgency().name(), clear.getAgencyReferralId()));
    }

    /** The opener alone, between {@code rj.referrals.v1} and an output topic, its wall clock at {@link #WALL}. */
    private TopologyTestDriver driver(Path keyFile) throws Exception {
        FactsConfig config = FactsConfig.of(
                InMemoryRegistry.connection(),
                Map.of(
                        FactsConfig.HMAC_KEY,
                        TestSecrets.hmacKey(),
                        FactsConfig.MASTER_KEY,
                        keyFile.toString(),
                        FactsConfig.STATE_DIR,
                        Files.createTempDirectory(dir, "state").toString()));
        InMemoryRegistry registry = InMemoryRegistry.withCatalogue();
        topics = FactsTopics.create(UnaryOperator.identity(), registry.serdes());
        StreamsBuilder builder = new StreamsBuilder();
        DataKeyStore.opened(
                        builder,
                        config.masterKey(),
                        topics.dataKeys(),
                        builder.stream(
                                topics.referrals().name(), topics.referrals().consumed()))
                .to(OUT, Produced.with(Serdes.String(), AVRO));
        TopologyTestDriver next =
                new TopologyTestDriver(builder.build(), registry.bind(config.streamsProperties()), WALL);
        referrals = next.createInputTopic(
                topics.referrals().name(),
                Serdes.String().serializer(),
                topics.referrals().valueSerde().serializer());
        keys = next.createInputTopic(
                topics.dataKeys(),
                Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        opened = next.createOutputTopic(OUT, Serdes.String().deserializer(), AVRO.deserializer());
        return next;
    }
}
