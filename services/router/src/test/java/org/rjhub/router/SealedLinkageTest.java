package org.rjhub.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rjhub.agencies.AgencyRecord;
import org.rjhub.agencies.mapping.CanonicalMapper;
import org.rjhub.common.privacy.DataKeys;
import org.rjhub.common.privacy.MasterKey;
import org.rjhub.common.privacy.SealedDetails;
import org.rjhub.common.privacy.SealedParties;
import org.rjhub.common.serde.JsonSerde;
import org.rjhub.contracts.hub.QueueItem;
import org.rjhub.contracts.hub.SensitivityFlag;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.contracts.police.PoliceReferral;
import org.rjhub.router.linkage.BlockingProcessor;
import org.rjhub.router.linkage.ReferralBlocking;
import org.rjhub.router.linkage.StoredReferral;
import org.rjhub.simulator.AgencySimulator;
import org.rjhub.simulator.SimulatorConfig;
import org.rjhub.testsupport.WrittenRecords;

/**
 * With a master key the router's own state names no one in clear: the blocking keys are keyed pseudonyms, the block
 * members are sealed under their referral's data key, and the case graph keeps no matching field; once a referral's
 * data key is tombstoned on {@code rj.data-keys.v1} ({@code hub erase}) its people are matched with no one and deleted
 * when met. Synthetic people only.
 */
class SealedLinkageTest {

    /** A synthetic sentinel person found nowhere else. */
    private static final String FORENAME = "Zephyrina";

    private static final String SURNAME = "Quobblethwaite";

    private static final String DOB = "1967-08-09";

    private static final String POSTCODE = "CM20 9ZQ";

    private static final String CRIME_REFERENCE = "42/97531/26";

    /** Each way the sentinel could be written (as given, normalised, in a blocking key), in lower case. */
    private static final List<String> SENTINELS = List.of(
            FORENAME.toLowerCase(Locale.ROOT),
            SURNAME.toLowerCase(Locale.ROOT),
            "quo:", // the surname's blocking prefix
            DOB,
            DOB.replace("-", ""),
            POSTCODE.toLowerCase(Locale.ROOT),
            POSTCODE.replace(" ", "").toLowerCase(Locale.ROOT),
            CRIME_REFERENCE);

    @Test
    void shouldLookUpTheEarlierRulesKeysAsPseudonymsWhenAsked(@TempDir Path dir) {
        Map<String, Object> upgrading = new HashMap<>(masterKey(dir));
        upgrading.put(RouterConfig.EARLIER_RULES, true);
        try (RouterDriver router = new RouterDriver(upgrading)) {
            // Given the sentinel referred by the police and by Victim Support, by a router upgrading from a release
            // before December 2026
            pipeSentinel(router);
            assertThat(router.cases()).contains(Set.of("POLICE/PR-S-1", "VICTIM_SUPPORT/VS-S-1"));

            // Then the probes carried the earlier rules' keys to look up, pseudonymised like every other key
            List<String> written = everyRecordWritten(router);
            assertThat(written)
                    .filteredOn(r -> r.contains("linkage-blocking"))
                    .anyMatch(r -> r.contains(ReferralBlocking.EARLIER + ReferralBlocking.PERSON + "sg:"));
            assertThat(written).noneMatch(SealedLinkageTest::namesTheSentinel);
            assertThat(everyStoredEntry(router))
                    .noneMatch(SealedLinkageTest::namesTheSentinel)
                    .noneMatch(e -> e.contains(ReferralBlocking.PERSON + "sg:"));
        }
    }

    @ParameterizedTest(name = "graph partitioned: {0}")
    @ValueSource(booleans = {false, true})
    void shouldWriteTheSentinelInNoRecordNorStoreWithAMasterKeyAndInThemWithout(
            boolean partitioned, @TempDir Path dir) {
        Map<String, Object> sealed = new HashMap<>(masterKey(dir));
        sealed.put(RouterConfig.GRAPH_PARTITIONED, partitioned);
        try (RouterDriver router = new RouterDriver(sealed)) {
            // Given the sentinel referred by the police and by Victim Support, linked by the person matcher
            pipeSentinel(router);
            assertThat(router.cases()).contains(Set.of("POLICE/PR-S-1", "VICTIM_SUPPORT/VS-S-1"));

            // Then no record the router wrote (outputs, repartition topics, changelogs) nor any store names them
            assertThat(everyRecordWritten(router)).isNotEmpty().noneMatch(SealedLinkageTest::namesTheSentinel);
            assertThat(everyStoredEntry(router)).isNotEmpty().noneMatch(SealedLinkageTest::namesTheSentinel);
        }
        // and without a master key they do: the check finds them when they are there
        try (RouterDriver router = new RouterDriver(Map.of(RouterConfig.GRAPH_PARTITIONED, partitioned))) {
            pipeSentinel(router);
            assertThat(everyRecordWritten(router))
                    .filteredOn(r -> r.startsWith("rj-router-" + BlockingProcessor.STORE))
                    .anyMatch(SealedLinkageTest::namesTheSentinel);
            assertThat(everyStoredEntry(router)).anyMatch(SealedLinkageTest::namesTheSentinel);
        }
    }

    /** A synthetic sentinel offence wording found nowhere else. */
    private static final String WORDING = "Smashed the Gribblewick greenhouse";

    @ParameterizedTest(name = "graph partitioned: {0}")
    @ValueSource(booleans = {false, true})
    void shouldKeepTheOffenceWordingAndFlagsOnlySealedAndStillRouteTheCaseToTheSpecialistQueue(
            boolean partitioned, @TempDir Path dir) {
        Map<String, Object> config = new HashMap<>(masterKey(dir));
        config.put(RouterConfig.GRAPH_PARTITIONED, partitioned);
        List<QueueItem> sealed;
        Map<String, byte[]> keys;
        try (RouterDriver router = new RouterDriver(config)) {
            // Given a police referral flagged domestic abuse, with the sentinel wording, and probation's for the crime
            pipeSensitive(router);
            sealed = router.allQueues();
            keys = router.dataKeys();

            // Then no other record the router wrote (repartition topics, the graph's, changelogs) nor any store holds
            // the wording or the flag
            assertThat(everyRecordWritten(router)).isNotEmpty().noneMatch(SealedLinkageTest::holdsWordingOrFlag);
            assertThat(everyStoredEntry(router)).isNotEmpty().noneMatch(SealedLinkageTest::holdsWordingOrFlag);
        }
        List<QueueItem> clear;
        try (RouterDriver router = new RouterDriver(Map.of(RouterConfig.GRAPH_PARTITIONED, partitioned))) {
            pipeSensitive(router);
            clear = router.allQueues();
            // (without a master key they are there: the check finds them)
            assertThat(everyStoredEntry(router)).anyMatch(SealedLinkageTest::holdsWordingOrFlag);
        }
        assertThat(clear).isNotEmpty().allSatisfy(q -> {
            assertThat(q.getQueue()).isEqualTo("specialist");
            assertThat(q.getFlags()).contains(SensitivityFlag.DOMESTIC_ABUSE);
            assertThat(q.getOffence().getDescription()).isEqualTo(WORDING);
            assertThat(q.getDetails()).isEmpty();
        });
        // and the queue items hold neither in clear, each referral's under its data key, yet go to the specialist queue
        assertThat(sealed)
                .extracting(QueueItem::getQueue)
                .containsExactlyElementsOf(
                        clear.stream().map(QueueItem::getQueue).toList());
        assertThat(sealed).allSatisfy(q -> {
            assertThat(q.getFlags()).isEmpty();
            assertThat(q.getOffence().getDescription()).isEmpty();
            assertThat(q.getDetails()).hasSize(q.getLinkedReferrals().size()).allSatisfy(d -> {
                assertThat(SealedDetails.isSealed(d)).isTrue();
                assertThat(keys).containsKey(d.getDataKeyId());
                assertThat(d.getOffenceDescription()).isNull();
                assertThat(d.getFlags()).isEmpty();
            });
        });
        // and opened with the keys they are the items a router without a master key queues
        DataKeys reader = new DataKeys(MasterKey.of(dir.resolve("mk.json").toString()));
        keys.forEach(reader::add);
        assertThat(sealed.stream()
                        .map(q -> SealedDetails.opened(reader, SealedParties.opened(reader, q)))
                        .toList())
                .usingRecursiveFieldByFieldElementComparatorIgnoringFields("createdAt")
                .containsExactlyElementsOf(clear);
        // and once the police referral's key is erased its wording and flag open to nothing (its details stay sealed)
        DataKeys erased = new DataKeys(MasterKey.of(dir.resolve("mk.json").toString()));
        keys.forEach((id, wrapped) -> {
            if (!id.startsWith("POLICE:")) {
                erased.add(id, wrapped);
            }
        });
        assertThat(sealed.stream().map(q -> SealedDetails.opened(erased, q)).toList())
                .allSatisfy(q -> {
                    assertThat(q.getFlags()).isEmpty();
                    assertThat(q.getOffence().getDescription()).isEmpty();
                    assertThat(q.getDetails())
                            .singleElement()
                            .satisfies(d -> assertThat(d.getDataKeyId()).startsWith("POLICE:"));
                });
    }

    private static void pipeSensitive(RouterDriver router) {
        PoliceReferral police = Fixtures.police("PR-W-1", "42/86420/26");
        police.getOffence().setDescription(WORDING);
        police.setDomesticAbuse(true);
        router.police(police);
        router.probation(
                Fixtures.probation("PROB-W-1", "42/86420/26", "Kwabena", "Fairweather", "1990-03-04", "CM20 2AB"));
    }

    private static boolean holdsWordingOrFlag(String text) {
        return text.contains(WORDING)
                || text.contains("Gribblewick")
                || text.contains(SensitivityFlag.DOMESTIC_ABUSE.name());
    }

    @Test
    void shouldLinkTheSameCasesWithAMasterKeyAsWithout(@TempDir Path dir) {
        // Given the same referrals, with and without a master key: the same cases, the same ids
        Map<String, Set<String>> clear;
        Map<String, Set<String>> sealed;
        try (RouterDriver router = new RouterDriver()) {
            pipeErasureScenario(router, false);
            clear = router.casesById();
        }
        try (RouterDriver router = new RouterDriver(masterKey(dir))) {
            pipeErasureScenario(router, false);
            sealed = router.casesById();
        }
        assertThat(sealed).isEqualTo(clear);
        // and one case: the sentinel's referrals by the person, the others through the police offender they share
        assertThat(sealed.values())
                .containsExactly(
                        Set.of("POLICE/PR-S-1", "POLICE/PR-O-1", "VICTIM_SUPPORT/VS-S-1", "VICTIM_SUPPORT/VS-O-1"));
    }

    @ParameterizedTest(name = "graph partitioned: {0}")
    @ValueSource(booleans = {false, true})
    void shouldMakeTheSameCasesOfASimulatedBatchWithAMasterKeyAsWithout(boolean partitioned, @TempDir Path dir) {
        // Given simulated referrals with the simulator's usual noise (typos, nicknames, moves, missing fields)
        List<AgencyRecord> records =
                new AgencySimulator(7, SimulatorConfig.defaults()).generate(150).records();
        Map<String, Object> sealed = new HashMap<>(masterKey(dir));
        sealed.put(RouterConfig.GRAPH_PARTITIONED, partitioned);

        // When one router matches them in clear and another sealed
        Map<String, Set<String>> clear =
                RouterDriver.casesById(records, Map.of(RouterConfig.GRAPH_PARTITIONED, partitioned));

        // Then they make the same cases, with the same ids, some of several referrals
        assertThat(RouterDriver.casesById(records, sealed)).isEqualTo(clear);
        assertThat(clear.values()).anyMatch(c -> c.size() > 1);
    }

    @Test
    void shouldMatchNoOneWithAReferralWhoseDataKeyWasErasedAndDeleteItsPeopleWhenMet(@TempDir Path dir) {
        String erased = CanonicalMapper.hubReferralId(SourceAgency.POLICE, "PR-S-1");
        try (RouterDriver router = new RouterDriver(masterKey(dir))) {
            // Given the sentinel's police referral, its people in the blocks, then its data key tombstoned (hub erase)
            policeSentinel(router);
            int stored = blockEntriesOf(router, erased).size();
            assertThat(stored).isPositive();
            erase(router);

            // When the police refer someone else with the same offender, and Victim Support the sentinel, and the other
            others(router);

            // Then the sentinel's later referral is a new case, and so is the other police referral (the offender was
            // in the erased referral too), while the other person's two referrals are still linked
            assertThat(router.cases())
                    .containsExactlyInAnyOrder(
                            Set.of("POLICE/PR-S-1"),
                            Set.of("VICTIM_SUPPORT/VS-S-1"),
                            Set.of("POLICE/PR-O-1", "VICTIM_SUPPORT/VS-O-1"));
            // and the erased referral's people met on the way were deleted from their blocks (tombstones in the
            // changelog), with every other entry of it on the shards where they were met
            assertThat(blockEntriesOf(router, erased)).hasSizeLessThan(stored);
            assertThat(everyRecordWritten(router))
                    .filteredOn(r -> r.startsWith("rj-router-" + BlockingProcessor.STORE + "-changelog"))
                    .anyMatch(r -> r.contains(erased) && r.endsWith(" "));
            assertThat(router.driver.metrics().entrySet())
                    .anyMatch(e -> e.getKey().name().equals("erased-members-total")
                            && ((Number) e.getValue().metricValue()).doubleValue() > 0);
        }
    }

    /** The sentinel referred by the police and by Victim Support, with no crime reference in common. */
    private static void pipeSentinel(RouterDriver router) {
        policeSentinel(router);
        router.victimSupport(Fixtures.victimSupport("VS-S-1", null, FORENAME, SURNAME, DOB, POSTCODE));
    }

    /**
     * The sentinel's police referral (its key erased when {@code erase}), another victim's police referral with the
     * same offender, then each victim referred by Victim Support without a crime reference.
     */
    private static void pipeErasureScenario(RouterDriver router, boolean erase) {
        policeSentinel(router);
        if (erase) {
            erase(router);
        }
        others(router);
    }

    private static void policeSentinel(RouterDriver router) {
        router.police(Fixtures.police(
                "PR-S-1",
                CRIME_REFERENCE,
                "Harlow",
                "OUT_OF_COURT",
                "CRIMINAL_DAMAGE_AND_ARSON",
                FORENAME,
                SURNAME,
                DOB,
                POSTCODE));
    }

    /** A tombstone for every data key the router wrote so far, as {@code hub erase} writes them. */
    private static void erase(RouterDriver router) {
        var keys = router.driver
                .createOutputTopic(
                        router.topics.dataKeys(),
                        Serdes.String().deserializer(),
                        Serdes.ByteArray().deserializer())
                .readKeyValuesToMap();
        assertThat(keys).hasSize(1);
        var tombstones = router.driver.createInputTopic(
                router.topics.dataKeys(),
                Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        keys.keySet().forEach(id -> tombstones.pipeInput(id, null));
    }

    private static void others(RouterDriver router) {
        router.police(Fixtures.police(
                "PR-O-1",
                "42/86420/26",
                "Harlow",
                "OUT_OF_COURT",
                "CRIMINAL_DAMAGE_AND_ARSON",
                "Ottoline",
                "Brackenbury",
                "1982-02-03",
                "CM20 3BD"));
        router.victimSupport(Fixtures.victimSupport("VS-S-1", null, FORENAME, SURNAME, DOB, POSTCODE));
        router.victimSupport(
                Fixtures.victimSupport("VS-O-1", null, "Ottoline", "Brackenbury", "1982-02-03", "CM20 3BD"));
    }

    private static List<String> blockEntriesOf(RouterDriver router, String referral) {
        KeyValueStore<String, StoredReferral> members = router.driver.getKeyValueStore(BlockingProcessor.STORE);
        List<String> entries = new ArrayList<>();
        try (var it = members.all()) {
            it.forEachRemaining(kv -> {
                if (kv.value.hubReferralId().equals(referral)) {
                    entries.add(kv.key);
                }
            });
        }
        return entries;
    }

    private static Map<String, Object> masterKey(Path dir) {
        return Map.of(
                RouterConfig.MASTER_KEY,
                org.rjhub.common.privacy.MasterKey.createIfMissing(dir.resolve("mk.json"))
                        .toString());
    }

    private static boolean namesTheSentinel(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return SENTINELS.stream().anyMatch(lower::contains);
    }

    /** The topic, key and value of every record the topology wrote (outputs, repartition topics, changelogs). */
    private static List<String> everyRecordWritten(RouterDriver router) {
        return WrittenRecords.asText(router.driver);
    }

    /** The key and value of every entry of every store, the value serialized as JSON (as the router's stores keep it). */
    private static List<String> everyStoredEntry(RouterDriver router) {
        List<String> all = new ArrayList<>();
        var json = JsonSerde.of(Object.class).serializer();
        for (StateStore store : router.driver.getAllStateStores().values()) {
            if (store instanceof KeyValueStore<?, ?> kv) {
                try (var it = kv.all()) {
                    it.forEachRemaining(e -> all.add(store.name() + " " + e.key + " "
                            + WrittenRecords.text(
                                    e.value instanceof byte[] b ? b : json.serialize(store.name(), e.value))));
                }
            }
        }
        return all;
    }
}
