package org.rjhub.router.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rjhub.agencies.AgencyRecord;
import org.rjhub.common.privacy.DataKeyStore;
import org.rjhub.common.privacy.DataKeys;
import org.rjhub.common.privacy.KeyTombstones;
import org.rjhub.common.privacy.MasterKey;
import org.rjhub.common.serde.JsonSerde;
import org.rjhub.matching.BlockingKeys;
import org.rjhub.matching.PersonMatcher;
import org.rjhub.matching.PersonRecord;
import org.rjhub.matching.ReferralSummary;
import org.rjhub.router.graph.GraphMessage;
import org.rjhub.simulator.AgencySimulator;
import org.rjhub.simulator.SimulatorConfig;

/**
 * The blocking shard's storage: one entry per referral ({@link StoredReferral}) and the task's block index in memory
 * ({@link BlockIndex}). The index rebuilt from the store at init is the one processing built; keys that share only a
 * hash never bring two referrals together; retention and erasure delete a referral's one entry and the index follows;
 * the earlier layout (one entry per key and party) is converted at init and matched as before. Synthetic people only.
 */
class BlockMembersTest {

    private static final PersonMatcher MATCHER = PersonMatcher.withDefaults();
    private static final long T0 = Instant.parse("2026-12-01T09:00:00Z").toEpochMilli();
    private static final Duration RETENTION = Duration.ofDays(365);
    private static final String TOPIC = "rj-router-linkage-block-members-changelog";

    @Test
    void shouldRebuildAtInitTheIndexThatProcessingBuilt() {
        Shard shard = new Shard(Optional.empty(), 3);
        BlockingProcessor first = shard.processor(new BlockIndex());
        simulated(7, 200).forEach(p -> shard.process(first, p));
        // four referrals of one incident: the crime-reference key outgrows a cap of 3 and is retired
        for (int i = 1; i <= 4; i++) {
            shard.process(first, new BlockProbe("POLICE/INC-" + i, 0, Map.of("C:42/55555/26", List.of())));
        }
        BlockIndex.View built = first.index();
        assertThat(built.retired()).contains("C:42/55555/26");
        assertThat(built.probedAt()).hasSizeGreaterThan(100);

        // a processor initialised on the same store (a task moved, or started again) rebuilds the same index
        BlockingProcessor second = shard.processor(new BlockIndex());
        assertThat(second.index()).isEqualTo(built);
        // and the same processor initialised again (a task revived after a dirty close) starts from the store, afresh
        first.init(shard.context);
        assertThat(first.index()).isEqualTo(built);
        // one entry per referral and a marker per retired key: nothing else in the store
        assertThat(shard.storeKeys())
                .allMatch(k -> k.startsWith(StoredReferral.PREFIX) || k.endsWith("|"))
                .filteredOn(k -> k.startsWith(StoredReferral.PREFIX))
                .hasSize(built.probedAt().size());
    }

    @Test
    void shouldForwardAndStoreTheSameWhateverTheDecodedEntriesHeld() {
        // Given shards that keep no decoded entry, three (evicted all the time), and all of them
        List<Integer> sizes = List.of(0, 3, BlockingProcessor.DEFAULT_CACHED_ENTRIES);
        List<Shard> shards = new ArrayList<>();
        List<BlockingProcessor> processors = new ArrayList<>();
        List<List<Object>> results = new ArrayList<>();
        for (int size : sizes) {
            Shard shard = new Shard(Optional.empty(), 12);
            shards.add(shard);
            processors.add(shard.processor(new BlockIndex(), size));
            results.add(new ArrayList<>());
        }

        // When the same referrals are probed on each (with a cap of 12, so a key is retired and entries rewritten),
        // some referrals probed again (amended: entries read back and replaced), and the retention sweeps some out
        List<BlockProbe> probes = new ArrayList<>(simulated(13, 250));
        probes.addAll(simulated(13, 40));
        for (int i = 1; i <= 13; i++) { // thirteen referrals of one incident: its crime-reference key is retired
            probes.add(new BlockProbe("POLICE/INC-" + i, 0, Map.of("C:42/55555/26", List.of())));
        }
        for (int i = 0; i < sizes.size(); i++) {
            for (BlockProbe p : probes) {
                results.get(i).addAll(shards.get(i).process(processors.get(i), p));
            }
            shards.get(i).context.setCurrentSystemTimeMs(T0 + RETENTION.toMillis() / 2);
            shards.get(i)
                    .process(
                            processors.get(i), probe("POLICE/PR-9", "Imelda", "Quarrington", "1971-05-06", "CM20 1AB"));
            shards.get(i).sweep(T0 + RETENTION.toMillis() + 1);
            // a referral the sweep deleted comes back under one of its keys: stored with that key alone
            shards.get(i).process(processors.get(i), underFirstKey(probes.get(0)));
            results.get(i)
                    .addAll(shards.get(i)
                            .process(
                                    processors.get(i),
                                    probe("VICTIM_SUPPORT/VS-9", "Imelda", "Quarrington", "1971-05-06", "CM20 1AB")));
        }

        // Then each forwarded the same, compared as often, and stored the same entries
        assertThat(results.get(0)).anyMatch(m -> ((GraphMessage) m).type() == GraphMessage.Type.KEY_RETIRED);
        // the referral probed after the sweep meets only the one probed since (the retention took the others)
        assertThat(results.get(0))
                .last()
                .satisfies(m -> assertThat(((GraphMessage) m).edges())
                        .isNotEmpty()
                        .allMatch(e -> e.other().equals("POLICE/PR-9")));
        for (int i = 1; i < sizes.size(); i++) {
            assertThat(results.get(i))
                    .as("decoded entries held: %d", sizes.get(i))
                    .isEqualTo(results.get(0));
            assertThat(shards.get(i).comparisons()).isEqualTo(shards.get(0).comparisons());
            assertThat(shards.get(i).entries()).isEqualTo(shards.get(0).entries());
            assertThat(shards.get(i)
                            .entries()
                            .get(StoredReferral.storeKey(probes.get(0).hubReferralId()))
                            .keys())
                    .hasSize(1);
        }
    }

    @Test
    void shouldCountEachPairComparedOnceWhateverTheKeysItShares() {
        Shard shard = new Shard(Optional.empty(), 500);
        BlockingProcessor processor = shard.processor(new BlockIndex());
        // three referrals of one person: each shares every key with those before it
        for (String referral : List.of("POLICE/PR-1", "PROBATION/PB-1", "VICTIM_SUPPORT/VS-1")) {
            shard.process(processor, probe(referral, "Imelda", "Quarrington", "1971-05-06", "CM20 1AB"));
        }
        // the second met one, the third two: each pair scored once, not once a key
        assertThat(probe("X", "Imelda", "Quarrington", "1971-05-06", "CM20 1AB").keys())
                .hasSizeGreaterThan(1);
        assertThat(shard.comparisons()).isEqualTo(3.0);
    }

    @Test
    void shouldCompareNoPairThatSharesOnlyAKeysHash() {
        // Given one shard whose index hashes every key alike, and one with the real hash
        Shard colliding = new Shard(Optional.empty(), 500);
        Shard real = new Shard(Optional.empty(), 500);
        BlockingProcessor all = colliding.processor(new BlockIndex(key -> 42L));
        BlockingProcessor apart = real.processor(new BlockIndex());

        // When the same simulated referrals are probed on both
        List<BlockProbe> probes = simulated(11, 150);
        List<Object> collidingResults = new ArrayList<>();
        List<Object> realResults = new ArrayList<>();
        for (BlockProbe p : probes) {
            collidingResults.addAll(colliding.process(all, p));
            realResults.addAll(real.process(apart, p));
        }

        // Then every key shared one hash there, yet the same pairs were compared and the same edges found
        assertThat(colliding.processorIndexHashes(all)).containsExactly(42L);
        assertThat(collidingResults).isEqualTo(realResults);
        assertThat(colliding.comparisons()).isEqualTo(real.comparisons()).isPositive();
        assertThat(realResults).anyMatch(m -> !((GraphMessage) m).edges().isEmpty());
    }

    @Test
    void shouldDeleteAReferralsOneEntryAfterTheRetentionAndForgetItInTheIndex() {
        Shard shard = new Shard(Optional.empty(), 500);
        BlockingProcessor processor = shard.processor(new BlockIndex());
        // Given a referral probed at T0, its one entry stored
        shard.process(processor, probe("POLICE/PR-1", "Imelda", "Quarrington", "1971-05-06", "CM20 1AB"));
        assertThat(shard.storeKeys()).containsExactly(StoredReferral.storeKey("POLICE/PR-1"));

        // When the retention passes without a probe of it, and the hourly sweep runs
        shard.sweep(T0 + RETENTION.toMillis() - 1);
        assertThat(processor.index().probedAt()).containsOnlyKeys("POLICE/PR-1");
        shard.sweep(T0 + RETENTION.toMillis() + 1);

        // Then its entry is deleted and the index no longer names it under any key
        assertThat(shard.storeKeys()).isEmpty();
        assertThat(processor.index().probedAt()).isEmpty();
        assertThat(processor.index().referralsByHash()).isEmpty();
        // and the same person referred again is matched with no one
        shard.context.setCurrentSystemTimeMs(T0 + RETENTION.toMillis() + 2);
        assertThat(shard.process(
                        processor, probe("VICTIM_SUPPORT/VS-1", "Imelda", "Quarrington", "1971-05-06", "CM20 1AB")))
                .singleElement()
                .satisfies(m -> assertThat(((GraphMessage) m).edges()).isEmpty());
    }

    @Test
    void shouldDeleteAnErasedReferralsOneEntryWhenMetAndForgetItInTheIndex(@TempDir Path dir) {
        MasterKey master =
                MasterKey.of(MasterKey.createIfMissing(dir.resolve("mk.json")).toString());
        DataKeys keys = new DataKeys(master);
        Shard shard = new Shard(Optional.of(master), 500);
        BlockingProcessor processor = shard.processor(new BlockIndex());
        // Given a sealed referral stored, its key read, then its key erased (the global store's tombstone mark)
        DataKeys.DataKey erased = keys.create("POLICE:PR-1");
        shard.dataKeys.put(erased.id(), erased.wrapped());
        shard.process(processor, sealed(keys, erased, "POLICE/PR-1"));
        assertThat(shard.storeKeys()).containsExactly(StoredReferral.storeKey("POLICE/PR-1"));
        shard.dataKeys.put(erased.id(), new byte[0]);
        shard.tombstones.applied();

        // When another referral of the same person is probed
        DataKeys.DataKey other = keys.create("VICTIM_SUPPORT:VS-1");
        shard.dataKeys.put(other.id(), other.wrapped());
        List<Object> out = shard.process(processor, sealed(keys, other, "VICTIM_SUPPORT/VS-1"));

        // Then it is matched with no one, the erased referral's entry is deleted and the index no longer names it
        assertThat(out)
                .singleElement()
                .satisfies(m -> assertThat(((GraphMessage) m).edges()).isEmpty());
        assertThat(shard.storeKeys()).containsExactly(StoredReferral.storeKey("VICTIM_SUPPORT/VS-1"));
        assertThat(processor.index().probedAt()).containsOnlyKeys("VICTIM_SUPPORT/VS-1");
        assertThat(processor.index().referralsByHash().values())
                .allMatch(referrals -> referrals.equals(Set.of("VICTIM_SUPPORT/VS-1")));
    }

    @Test
    void shouldConvertTheEarlierLayoutAtInitAndMatchAsItWouldHave() {
        // Given the same referrals stored by this layout, and by the earlier one (an entry per key and party, the
        // retention's dates in its own store, a retired key's marker), as each would have stored them at T0
        List<BlockProbe> probes = simulated(5, 120);
        BlockProbe later = probes.remove(probes.size() - 1);
        Shard current = new Shard(Optional.empty(), 500);
        BlockingProcessor now = current.processor(new BlockIndex());
        probes.forEach(p -> current.process(now, p));
        Shard earlier = new Shard(Optional.empty(), 500);
        for (BlockProbe p : probes) {
            Set<String> written = new TreeSet<>();
            p.keys().forEach((key, ms) -> {
                List<BlockProbe.Member> under = key.startsWith(ReferralBlocking.CRIME)
                        ? List.of(StoredReferral.incident(p.hubReferralId()))
                        : ms;
                for (BlockProbe.Member m : under) {
                    earlier.store.put(key + "|" + m.id(), StoredReferral.earlier(m));
                    written.add(key + "|" + m.id());
                }
            });
            earlier.seen.put(p.hubReferralId(), new BlockRetention.Seen(T0, written));
        }
        earlier.store.put(
                "P:sg:RETIRED|",
                StoredReferral.earlier(new BlockProbe.Member("", -1, "RETIRED", null, null, null, null, null, true)));

        // When a task of the new release is initialised on the earlier store
        earlier.context.setCurrentSystemTimeMs(T0 + 60_000);
        BlockingProcessor upgraded = earlier.processor(new BlockIndex());

        // Then each referral has its one entry, as this layout stores it, dated by the earlier retention store
        Map<String, StoredReferral> converted = earlier.entries();
        assertThat(converted).isEqualTo(current.entries());
        assertThat(earlier.storeKeys()).contains("P:sg:RETIRED|").hasSize(converted.size() + 1);
        assertThat(earlier.seenKeys()).isEmpty();
        assertThat(upgraded.index().referralsByHash()).isEqualTo(now.index().referralsByHash());
        assertThat(upgraded.index().retired()).containsExactly("P:sg:RETIRED");
        // and a later referral is matched exactly as it is on the store this layout wrote
        double comparedBefore = current.comparisons();
        assertThat(earlier.process(upgraded, later)).isEqualTo(current.process(now, later));
        assertThat(earlier.comparisons()).isEqualTo(current.comparisons() - comparedBefore);
    }

    @Test
    void shouldCompareWithReferralsStoredUnderTheEarlierRulesOnlyWhileProbesLookThemUp() {
        // Given a referral an earlier release stored under its rules' keys, and the task started on this release
        BlockProbe.Member imelda = victim(
                "POLICE/PR-1", "Imelda", "Quarrington", LocalDate.parse("1984-03-17"), "CM20 1AB", "12 Larkspur Road");
        Map<String, List<BlockProbe.Member>> earlierKeys = new TreeMap<>();
        BlockingGrowthBench.earlierRules(imelda.person())
                .forEach(k -> earlierKeys.put(ReferralBlocking.PERSON + k, List.of(imelda)));
        Shard shard = new Shard(Optional.empty(), 500);
        shard.process(shard.processor(new BlockIndex()), new BlockProbe("POLICE/PR-1", 0, earlierKeys));
        BlockingProcessor upgraded = shard.processor(new BlockIndex());
        // and the same name again, no date of birth nor address, another postcode: no key of this release's rules in
        // common
        BlockProbe.Member again = victim("VICTIMSUPPORT/VS-1", "Imelda", "Quarrington", null, "CM20 1XY", null);
        assertThat(BlockingKeys.of(again.person())).doesNotContainAnyElementsOf(BlockingKeys.of(imelda.person()));

        // When it is probed without the earlier rules' keys, then (another referral of the same) with them
        List<Object> without = shard.process(upgraded, probeWith("VICTIMSUPPORT/VS-1", again, false));
        List<Object> with = shard.process(
                upgraded,
                probeWith(
                        "VICTIMSUPPORT/VS-2",
                        victim("VICTIMSUPPORT/VS-2", "Imelda", "Quarrington", null, "CM20 1XY", null),
                        true));

        // Then only the probe that looked the earlier keys up met the stored referral
        assertThat(upgraded.underEarlierRules()).isEqualTo(1);
        assertThat(without)
                .singleElement()
                .satisfies(m -> assertThat(((GraphMessage) m).edges()).isEmpty());
        assertThat(with)
                .singleElement()
                .satisfies(m -> assertThat(((GraphMessage) m).edges())
                        .extracting(GraphMessage.Edge::other)
                        .contains("POLICE/PR-1"));
        // and nobody was stored under them: the second probe's entry lists only this release's keys
        assertThat(shard.entries()
                        .get(StoredReferral.storeKey("VICTIMSUPPORT/VS-2"))
                        .keys()
                        .keySet())
                .allSatisfy(k -> assertThat(BlockingKeys.EARLIER_RULES).doesNotContain(ReferralBlocking.rule(k)))
                .isNotEmpty();
    }

    @Test
    void shouldReadAnEarlierMemberEntryInJsonOrBinaryAndAReferralsEntryBack() {
        BlockProbe.Member m = BlockProbe.Member.of(
                "POLICE/PR-1", 0, "VICTIM", new PersonRecord("x", "Imelda", "Quarrington", null, null, null));
        var serde = BlockSerdes.entries();
        byte[] json = JsonSerde.of(BlockProbe.Member.class).serializer().serialize(TOPIC, m);
        byte[] binary = BlockSerdes.members().serializer().serialize(TOPIC, m);
        assertThat(serde.deserializer().deserialize(TOPIC, json)).isEqualTo(StoredReferral.earlier(m));
        assertThat(serde.deserializer().deserialize(TOPIC, binary)).isEqualTo(StoredReferral.earlier(m));
        StoredReferral entry =
                StoredReferral.of("POLICE/PR-1", T0, Map.of("P:sg:Q:I", List.of(m), "C:42/1/26", List.of()));
        byte[] bytes = serde.serializer().serialize(TOPIC, entry);
        assertThat(bytes[0]).isEqualTo(BlockSerdes.ENTRY);
        assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(entry);
    }

    /** A blocking task on its own: its stores in memory, wall-clock time at {@link #T0}. */
    private static final class Shard {
        final MockProcessorContext<String, GraphMessage> context = new MockProcessorContext<>();
        final KeyValueStore<String, StoredReferral> store = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(BlockingProcessor.STORE), Serdes.String(), BlockSerdes.entries())
                .withLoggingDisabled()
                .build();
        final KeyValueStore<String, BlockRetention.Seen> seen = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(BlockRetention.STORE),
                        Serdes.String(),
                        JsonSerde.of(BlockRetention.Seen.class))
                .withLoggingDisabled()
                .build();
        final KeyValueStore<String, byte[]> dataKeys = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(DataKeyStore.STORE), Serdes.String(), Serdes.ByteArray())
                .withLoggingDisabled()
                .build();
        private final Optional<MasterKey> master;
        /** The tombstones the key store applied: a test that marks a key erased tells them too, as the store does. */
        final KeyTombstones tombstones = new KeyTombstones();

        private final int maxBlockSize;

        Shard(Optional<MasterKey> master, int maxBlockSize) {
            this.master = master;
            this.maxBlockSize = maxBlockSize;
            for (KeyValueStore<?, ?> s : List.of(store, seen, dataKeys)) {
                s.init(context.getStateStoreContext(), s);
                context.addStateStore(s);
            }
            context.setCurrentSystemTimeMs(T0);
        }

        BlockingProcessor processor(BlockIndex index) {
            return processor(index, BlockingProcessor.DEFAULT_CACHED_ENTRIES);
        }

        BlockingProcessor processor(BlockIndex index, int cachedEntries) {
            BlockingProcessor p = new BlockingProcessor(
                    MATCHER, maxBlockSize, RETENTION, Duration.ofHours(1), master, cachedEntries, tombstones, index);
            p.init(context);
            return p;
        }

        /** What the processor forwards for {@code probe}. */
        List<Object> process(BlockingProcessor processor, BlockProbe probe) {
            context.resetForwards();
            processor.process(new Record<>(probe.hubReferralId(), probe, context.currentSystemTimeMs()));
            List<Object> out = new ArrayList<>();
            context.forwarded().forEach(f -> out.add(f.record().value()));
            return out;
        }

        /** Runs the retention's sweep (the punctuation of the sweep interval) at {@code now}. */
        void sweep(long now) {
            context.setCurrentSystemTimeMs(now);
            context.scheduledPunctuators().stream()
                    .filter(p -> p.getInterval().equals(Duration.ofHours(1)))
                    .forEach(p -> p.getPunctuator().punctuate(now));
        }

        List<String> storeKeys() {
            List<String> keys = new ArrayList<>();
            try (var it = store.all()) {
                it.forEachRemaining(kv -> keys.add(kv.key));
            }
            return keys;
        }

        List<String> seenKeys() {
            List<String> keys = new ArrayList<>();
            try (var it = seen.all()) {
                it.forEachRemaining(kv -> keys.add(kv.key));
            }
            return keys;
        }

        Map<String, StoredReferral> entries() {
            Map<String, StoredReferral> out = new TreeMap<>();
            try (var it = store.all()) {
                it.forEachRemaining(kv -> {
                    if (kv.key.startsWith(StoredReferral.PREFIX)) {
                        out.put(kv.key, kv.value);
                    }
                });
            }
            return out;
        }

        Set<Long> processorIndexHashes(BlockingProcessor processor) {
            return processor.index().referralsByHash().keySet();
        }

        double comparisons() {
            return context.metrics().metrics().entrySet().stream()
                    .filter(e -> e.getKey().name().equals("comparisons-total"))
                    .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                    .sum();
        }
    }

    /** Simulated referrals (the simulator's noise: typos, nicknames, moves), each one probe on one shard. */
    private static List<BlockProbe> simulated(long seed, int count) {
        List<BlockProbe> probes = new ArrayList<>();
        for (AgencyRecord r : new AgencySimulator(
                        seed, SimulatorConfig.defaults().cleanOnly())
                .generate(count)
                .records()) {
            probes.addAll(ReferralBlocking.probes(
                            ReferralSummary.of(NormalisedMemberTest.canonical(r).referral()), 1)
                    .values());
        }
        return probes;
    }

    /** The probe with its first key only. */
    private static BlockProbe underFirstKey(BlockProbe probe) {
        var first = probe.keys().entrySet().iterator().next();
        return new BlockProbe(probe.hubReferralId(), probe.shard(), Map.of(first.getKey(), first.getValue()));
    }

    /** A referral of one victim, in clear, all its keys on one shard. */
    private static BlockProbe probe(String referral, String forename, String surname, String dob, String postcode) {
        BlockProbe.Member m = BlockProbe.Member.of(
                referral,
                0,
                "VICTIM",
                new PersonRecord(referral + "#0", forename, surname, LocalDate.parse(dob), postcode, "1 Test Road"));
        Map<String, List<BlockProbe.Member>> keys = new TreeMap<>();
        BlockingKeys.of(m.person()).forEach(k -> keys.put(ReferralBlocking.PERSON + k, List.of(m)));
        return new BlockProbe(referral, 0, keys);
    }

    private static BlockProbe.Member victim(
            String referral, String forename, String surname, LocalDate dob, String postcode, String address) {
        return BlockProbe.Member.of(
                referral, 0, "VICTIM", new PersonRecord(referral + "#0", forename, surname, dob, postcode, address));
    }

    /** A referral of one victim, in clear, on one shard, with the keys of the earlier rules to look up or not. */
    private static BlockProbe probeWith(String referral, BlockProbe.Member victim, boolean earlierRules) {
        Map<String, List<BlockProbe.Member>> keys = new TreeMap<>();
        BlockingKeys.of(victim.person()).forEach(k -> keys.put(ReferralBlocking.PERSON + k, List.of(victim)));
        if (earlierRules) {
            BlockingKeys.ofEarlierRules(victim.person())
                    .forEach(k -> keys.put(ReferralBlocking.EARLIER + ReferralBlocking.PERSON + k, List.of(victim)));
        }
        return new BlockProbe(referral, 0, keys);
    }

    /** The same victim's referral, sealed under {@code key}, which the probe carries. */
    private static BlockProbe sealed(DataKeys keys, DataKeys.DataKey key, String referral) {
        BlockProbe clear = probe(referral, "Imelda", "Quarrington", "1971-05-06", "CM20 1AB");
        BlockProbe.Member m = SealedLinkage.seal(
                keys, key.id(), clear.keys().values().iterator().next().get(0));
        Map<String, List<BlockProbe.Member>> byKey = new TreeMap<>();
        clear.keys().keySet().forEach(k -> byKey.put(k, List.of(m)));
        return new BlockProbe(referral, 0, byKey, key.id(), Base64.getEncoder().encodeToString(key.wrapped()));
    }
}
