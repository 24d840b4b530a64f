package org.rjhub.router.linkage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Rate;
import org.apache.kafka.common.metrics.stats.WindowedSum;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.rjhub.common.privacy.DataKeyStore;
import org.rjhub.common.privacy.KeyTombstones;
import org.rjhub.common.privacy.MasterKey;
import org.rjhub.matching.Decision;
import org.rjhub.matching.MatchResult;
import org.rjhub.matching.PersonMatcher;
import org.rjhub.router.graph.GraphMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs on the shard owning a probe's blocking keys: for each key, compares the probe's people with
 * everyone already under it, adds the probe's people, and reports all candidate edges of the
 * probe in one message. Each pair sharing a key is compared exactly once, by whichever arrives
 * second, and a pair sharing several keys on this shard is compared once for all of them. Each edge
 * names the key it was found under (a one-way id, {@link #keyId}), so that it can be withdrawn.
 *
 * <p>The block size cap, the same rule as the matching library's {@code PersonClusterer}: a key
 * whose block would hold more than {@code maxBlockSize} members is not selective, and is not used
 * for anyone. The probe that takes it past the cap marks it (a marker entry {@code <key>|}), drops
 * its members, and tells the case graph ({@link GraphMessage#keyRetired}) to withdraw every edge
 * found under it; later probes skip it. Whether a key is used therefore depends only on how many
 * people share it in the end, never on arrival order. Counted in {@code oversized-blocking-keys-total}.
 *
 * <p>A referral has one entry on the shard ({@link StoredReferral}: its parties, the keys it is under here, its last
 * probe), so a probe writes one entry whatever the number of its keys. Blocks are read from the task's index in memory
 * ({@link BlockIndex}, rebuilt at each {@link #init}) and a point {@code get} of each referral under the key, never by a
 * scan. Each person is prepared for comparison ({@link PreparedMember}) once per probe, not once per pair, and a stored
 * party stays prepared while its entry stays decoded in memory ({@link BlockMembers.Decoded}).
 */
public final class BlockingProcessor implements Processor<String, BlockProbe, String, GraphMessage> {

    /** Store of block members: {@code R:<hubReferralId>} to the referral's entry, {@code <key>|} a retired key. */
    public static final String STORE = "linkage-block-members";

    private static final Logger LOG = LoggerFactory.getLogger(BlockingProcessor.class);
    /** A digest per thread ({@code digest} resets it): looking one up for every key was a third of the work. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });
    /** The metric group of the router's own sensors ({@code addRateTotalSensor} with scope {@code rj-router}). */
    private static final String METRIC_GROUP = "stream-rj-router-metrics";
    /** {@code rj.linkage.member.cache.entries} by default. */
    public static final int DEFAULT_CACHED_ENTRIES = 10_000;

    private final PersonMatcher matcher;
    private final int maxBlockSize;
    private final Duration retention;
    private final Duration sweepInterval;
    private final MasterKey master;
    private final BlockIndex index;
    private final int cachedEntries;
    private final KeyTombstones tombstones;
    private MemberOpener opener;
    private BlockMembers members;
    private ProcessorContext<String, GraphMessage> context;
    private Sensor oversized;
    private Sensor comparisons;
    private Sensor erased;
    private final Map<String, Sensor> comparisonsByRule = new HashMap<>();

    /** Without retention: members are kept until their key is retired. */
    public BlockingProcessor(PersonMatcher matcher, int maxBlockSize) {
        this(matcher, maxBlockSize, Duration.ZERO, Duration.ZERO);
    }

    /**
     * @param retention     how long a referral's people stay in their blocks after its last probe ({@link
     *                      BlockRetention})
     * @param sweepInterval how often the wall-clock sweep runs; zero: never (no retention)
     */
    public BlockingProcessor(PersonMatcher matcher, int maxBlockSize, Duration retention, Duration sweepInterval) {
        this(
                matcher,
                maxBlockSize,
                retention,
                sweepInterval,
                Optional.empty(),
                DEFAULT_CACHED_ENTRIES,
                new KeyTombstones());
    }

    /**
     * @param master        with a master key the probes' parties are sealed ({@link SealedLinkage}): they are opened to
     *                      be compared with the keys of the global store {@link DataKeyStore#STORE}, stored sealed, and
     *                      a party whose key was erased is deleted when met (its referral's entry), never compared
     * @param cachedEntries how many linkage entries the task keeps decoded in memory ({@link BlockMembers})
     * @param tombstones    the tombstones the global store {@link DataKeyStore#STORE} has applied: the parties opened
     *                      are used without asking the store again until the count moves ({@link MemberOpener})
     */
    public BlockingProcessor(
            PersonMatcher matcher,
            int maxBlockSize,
            Duration retention,
            Duration sweepInterval,
            Optional<MasterKey> master,
            int cachedEntries,
            KeyTombstones tombstones) {
        this(matcher, maxBlockSize, retention, sweepInterval, master, cachedEntries, tombstones, new BlockIndex());
    }

    /** @param index the task's block index (a test's may hash keys to collide) */
    BlockingProcessor(
            PersonMatcher matcher,
            int maxBlockSize,
            Duration retention,
            Duration sweepInterval,
            Optional<MasterKey> master,
            int cachedEntries,
            KeyTombstones tombstones,
            BlockIndex index) {
        this.matcher = matcher;
        this.maxBlockSize = maxBlockSize;
        this.retention = retention;
        this.sweepInterval = sweepInterval;
        this.master = master.orElse(null);
        this.cachedEntries = cachedEntries;
        this.tombstones = tombstones;
        this.index = index;
    }

    /**
     * Also when a task is revived (after a dirty close, its store wiped and restored: Kafka Streams calls {@code init}
     * again on the same processor once restoration completes), so the index is rebuilt here from the store, never kept.
     */
    @Override
    public void init(ProcessorContext<String, GraphMessage> context) {
        this.context = context;
        KeyValueStore<String, StoredReferral> store = context.getStateStore(STORE);
        KeyValueStore<String, BlockRetention.Seen> seen = context.getStateStore(BlockRetention.STORE);
        this.members = new BlockMembers(store, index, cachedEntries);
        members.load(seen, context.currentSystemTimeMs());
        if (members.underEarlierRules() > 0) {
            LOG.info(
                    "{} referral(s) of this shard were stored under the blocking rules of an earlier release: "
                            + "later referrals are compared with them under those rules only while "
                            + "rj.linkage.earlier.rules is true (until they are past retention)",
                    members.underEarlierRules());
        }
        this.oversized = context.metrics()
                .addRateTotalSensor(
                        "rj-router", "linkage-blocking", "oversized-blocking-keys", Sensor.RecordingLevel.INFO);
        this.comparisons = countSensor("comparisons");
        if (master != null) {
            KeyValueStore<String, byte[]> keys = context.getStateStore(DataKeyStore.STORE);
            opener = new MemberOpener(master, keys::get, tombstones::count);
            // an unwrapped key, and what it opened, leaves memory within a bound even if no probe asks about it again
            context.schedule(MemberOpener.FORGET_EVERY, PunctuationType.WALL_CLOCK_TIME, opener::forget);
            erased = context.metrics()
                    .addRateTotalSensor("rj-router", "linkage-blocking", "erased-members", Sensor.RecordingLevel.INFO);
        }
        if (!sweepInterval.isZero()) {
            BlockRetention kept = new BlockRetention(members, retention);
            // by wall-clock time: a quiet shard's stream time could stand still for months
            context.schedule(sweepInterval, PunctuationType.WALL_CLOCK_TIME, kept::sweep);
        }
    }

    /** How many referrals the task's store held under the earlier rules' keys when it was initialised (for tests). */
    int underEarlierRules() {
        return members.underEarlierRules();
    }

    /** The task's block index as it is (for tests). */
    BlockIndex.View index() {
        return index.view();
    }

    /**
     * Person comparisons scored ({@code comparisons-total}, and {@code comparisons-<rule>-total} by the blocking rule
     * of the key a pair was first compared under): what matching costs, read by {@code hub bench}. Named and tagged as
     * {@code addRateTotalSensor} names the router's other counters, but summing the values recorded, so that a key's
     * comparisons are recorded once, not once each (recording every comparison was 5% of the stream thread over a
     * 30,000 history).
     */
    private Sensor countSensor(String operation) {
        String thread = Thread.currentThread().getName();
        Sensor sensor = context.metrics()
                .addSensor(thread + ".rj-router.linkage-blocking." + operation, Sensor.RecordingLevel.INFO);
        Map<String, String> tags = Map.of("thread-id", thread, "rj-router-id", "linkage-blocking");
        sensor.add(
                new MetricName(operation + "-rate", METRIC_GROUP, "The average number per second", tags),
                new Rate(TimeUnit.SECONDS, new WindowedSum()));
        sensor.add(new MetricName(operation + "-total", METRIC_GROUP, "The total number", tags), new CumulativeSum());
        return sensor;
    }

    @Override
    public void process(Record<String, BlockProbe> record) {
        BlockProbe probe = record.value();
        String referral = probe.hubReferralId();
        List<GraphMessage.Edge> edges = new ArrayList<>();
        Map<String, List<BlockProbe.Member>> written = new TreeMap<>();
        long now = context.currentSystemTimeMs();
        if (opener != null) {
            opener.learn(probe);
        }
        StoredReferral own = members.get(referral);
        boolean retiredHere = false;
        // the entries of the referrals met, each read once per probe
        Map<String, BlockMembers.Decoded> met = new HashMap<>();
        // the probe's parties ready to compare, by party index: each opened and prepared once per probe
        Map<Integer, PreparedMember> incomingParties = new HashMap<>();
        Map<Integer, BlockProbe.Member> storedIncoming = new HashMap<>();
        // each pair scored once, however many keys it shares: a stored party's id to the results by the probe's party
        int partySlots = partySlots(probe);
        Map<String, MatchResult[]> scored = new HashMap<>();
        for (Map.Entry<String, List<BlockProbe.Member>> probed : probe.keys().entrySet()) {
            // a key of the earlier rules is looked up only: nobody is stored under it any more
            String lookedUp = ReferralBlocking.lookedUp(probed.getKey());
            String key = lookedUp == null ? probed.getKey() : lookedUp;
            List<BlockProbe.Member> stored = probed.getValue();
            if (members.isRetired(key)) {
                continue; // this key outgrew the cap
            }
            List<PreparedMember> incoming = prepared(stored, incomingParties, now);
            boolean exact = key.startsWith(ReferralBlocking.CRIME);
            String rule = ReferralBlocking.rule(key);
            List<PreparedMember> block = new ArrayList<>();
            Set<String> gone = new TreeSet<>();
            for (String other : members.candidates(key)) {
                if (other.equals(referral)) {
                    continue; // the referral's own people under the key: counted from its entry
                }
                BlockMembers.Decoded entry = met.get(other);
                if (entry == null) {
                    entry = members.decoded(other);
                    met.put(other, entry);
                }
                List<PreparedMember> under = entry == null ? null : entry.under(key);
                if (under == null) {
                    continue; // another key of the same hash
                }
                for (PreparedMember m : under) {
                    if (opener == null) {
                        block.add(m);
                        continue;
                    }
                    MemberOpener.Opened o = opener.open(m, now);
                    if (o.state() == MemberOpener.State.OPEN) {
                        block.add(o.party());
                    } else if (o.state() == MemberOpener.State.GONE) {
                        gone.add(other);
                        break;
                    }
                }
            }
            if (!gone.isEmpty()) {
                forget(gone, met);
            }
            int ownUnder = own == null ? 0 : own.countUnder(key);
            int mine = exact ? 1 : stored.size();
            if (lookedUp != null && block.size() > maxBlockSize) {
                continue; // past a cap lowered since: not compared, and no longer growing, so not retired by a lookup
            }
            if (lookedUp == null && block.size() + Math.max(ownUnder, mine) > maxBlockSize) {
                retire(record, key, block, referral, met);
                retiredHere = true;
                continue;
            }
            String keyId = null; // worked out when the key gives its first edge: most give none
            Map<String, GraphMessage.Edge> best = new TreeMap<>();
            long compared = 0;
            block.sort(Comparator.comparing(PreparedMember::id));
            for (PreparedMember member : block) {
                BlockProbe.Member existing = member.member();
                if (exact) {
                    keyId = keyId == null ? keyId(key) : keyId;
                    best.put(
                            existing.hubReferralId(),
                            new GraphMessage.Edge(existing.hubReferralId(), GraphMessage.Edge.EXACT, true, keyId));
                    continue;
                }
                MatchResult[] results = null;
                for (PreparedMember in : incoming) {
                    if (!in.comparableWith(member)) {
                        continue;
                    }
                    if (results == null) {
                        results = scored.computeIfAbsent(member.id(), id -> new MatchResult[partySlots]);
                    }
                    int slot = in.member().partyIndex();
                    MatchResult result = results[slot];
                    if (result == null) {
                        result = matcher.score(in.person(), member.person());
                        results[slot] = result;
                        compared++;
                    }
                    if (result.decision() != Decision.NO_MATCH) {
                        keyId = keyId == null ? keyId(key) : keyId;
                        GraphMessage.Edge had = best.get(existing.hubReferralId());
                        if (had == null || result.weight() > had.weight()) {
                            best.put(
                                    existing.hubReferralId(),
                                    new GraphMessage.Edge(
                                            existing.hubReferralId(),
                                            result.weight(),
                                            result.decision() == Decision.MATCH,
                                            keyId));
                        }
                    }
                }
            }
            if (compared > 0) {
                comparisons.record(compared);
                comparisonsByRule
                        .computeIfAbsent(rule, r -> countSensor("comparisons-" + r))
                        .record(compared);
            }
            edges.addAll(best.values());
            if (lookedUp != null) {
                continue;
            }
            List<BlockProbe.Member> kept = new ArrayList<>(exact ? 0 : stored.size());
            if (!exact) {
                for (BlockProbe.Member m : stored) {
                    kept.add(
                            m.hasSealedFields()
                                    ? storedIncoming.computeIfAbsent(m.partyIndex(), i -> m.storedAt(now))
                                    : m);
                }
            }
            written.put(key, kept);
        }
        StoredReferral before = retiredHere ? members.get(referral) : own;
        if (before != null || !written.isEmpty()) {
            members.put((before == null ? new StoredReferral(referral, now, List.of(), Map.of()) : before)
                    .with(written, now));
        }
        context.forward(record.withKey(referral)
                .withValue(GraphMessage.blockResult(referral, shardName(probe.shard()), edges)));
    }

    /** One more than the largest party index of the probe: the slots of a stored party's results. */
    private static int partySlots(BlockProbe probe) {
        int slots = 0;
        for (List<BlockProbe.Member> ms : probe.keys().values()) {
            for (BlockProbe.Member m : ms) {
                slots = Math.max(slots, m.partyIndex() + 1);
            }
        }
        return slots;
    }

    /**
     * The probe's parties under a key ready to compare: opened when sealed, each opened and prepared once per probe (a
     * party is under several keys); a party whose key cannot be read is left out.
     */
    private List<PreparedMember> prepared(
            List<BlockProbe.Member> parties, Map<Integer, PreparedMember> incomingParties, long now) {
        List<PreparedMember> out = new ArrayList<>(parties.size());
        for (BlockProbe.Member m : parties) {
            PreparedMember p = incomingParties.computeIfAbsent(m.partyIndex(), i -> {
                if (opener == null) {
                    return new PreparedMember(m);
                }
                MemberOpener.Opened o = opener.open(m, now);
                return o.state() == MemberOpener.State.OPEN ? o.party() : null;
            });
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * Deletes the entries of the referrals whose key was erased (a tombstone each in the changelog): nobody is compared
     * with their people again.
     */
    private void forget(Set<String> gone, Map<String, BlockMembers.Decoded> met) {
        for (String referral : gone) {
            StoredReferral e = members.delete(referral);
            met.remove(referral);
            if (e != null) {
                e.parties().forEach(p -> erased.record());
            }
        }
        LOG.debug("Deleted {} referral(s)' parties whose data key was erased", gone.size());
    }

    /** Marks a key that outgrew the cap, drops its members, and has the graph withdraw its edges. */
    private void retire(
            Record<String, BlockProbe> record,
            String key,
            List<PreparedMember> block,
            String referral,
            Map<String, BlockMembers.Decoded> met) {
        Set<String> referrals = new TreeSet<>();
        referrals.add(referral);
        members.retire(key);
        met.clear(); // entries rewritten without the key
        block.forEach(m -> referrals.add(m.member().hubReferralId()));
        oversized.record();
        LOG.info(
                "A blocking key outgrew {} members and is no longer used; {} referral(s) lose the edges found "
                        + "under it (key not logged: personal data)",
                maxBlockSize,
                referrals.size());
        context.forward(
                record.withKey(referral).withValue(GraphMessage.keyRetired(keyId(key), new ArrayList<>(referrals))));
    }

    /** The name under which a shard's result reaches the case graph. */
    public static String shardName(int shard) {
        return "shard-" + shard;
    }

    /** A one-way id of a blocking key, so that the case graph can tell keys apart without holding personal data. */
    public static String keyId(String key) {
        byte[] d = SHA_256.get().digest(key.getBytes(StandardCharsets.UTF_8));
        return "K-" + HexFormat.of().formatHex(d, 0, 8);
    }
}
