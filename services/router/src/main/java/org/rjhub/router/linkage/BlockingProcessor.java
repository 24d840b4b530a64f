package org.rjhub.router.linkage;

import org.rjhub.matching.Decision;
import org.rjhub.matching.MatchResult;
import org.rjhub.matching.PersonMatcher;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.rjhub.router.graph.GraphMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs on the shard owning a probe's blocking keys: for each key, compares the probe's people with
 * everyone already under it, adds the probe's people, and reports all candidate edges of the
 * probe in one message. Each pair sharing a key is compared exactly once, by whichever arrives
 * second, and a pair sharing several keys on this shard is compared once for all of them.
 *
 * <p>Members are stored one entry each, {@code <key>|<referral>#<party>}, and read with a prefix
 * scan: a probe writes only its own people, never the whole block again.
 */
public final class BlockingProcessor implements Processor<String, BlockProbe, String, GraphMessage> {

    /** Store of block members: {@code blockingKey|hubReferralId#partyIndex} to the member. */
    public static final String STORE = "linkage-block-members";
    private static final Logger LOG = LoggerFactory.getLogger(BlockingProcessor.class);
    private static final StringSerializer PREFIX = new StringSerializer();

    private final PersonMatcher matcher;
    private final int maxBlockSize;
    private ProcessorContext<String, GraphMessage> context;
    private KeyValueStore<String, BlockProbe.Member> members;

    public BlockingProcessor(PersonMatcher matcher, int maxBlockSize) {
        this.matcher = matcher;
        this.maxBlockSize = maxBlockSize;
    }

    @Override
    public void init(ProcessorContext<String, GraphMessage> context) {
        this.context = context;
        this.members = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, BlockProbe> record) {
        BlockProbe probe = record.value();
        Map<String, GraphMessage.Edge> best = new TreeMap<>();
        Set<String> compared = new HashSet<>();
        probe.keys().forEach((key, incoming) -> {
            compareInBlock(probe.hubReferralId(), key, incoming, best, compared);
            if (key.startsWith(ReferralBlocking.CRIME)) {
                members.put(key + "|" + probe.hubReferralId() + "#-1", new BlockProbe.Member(probe.hubReferralId(),
                        -1, "INCIDENT", null, null, null, null, null));
            }
            for (BlockProbe.Member m : incoming) {
                members.put(key + "|" + m.id(), m);
            }
        });
        context.forward(record.withKey(probe.hubReferralId()).withValue(GraphMessage.blockResult(
                probe.hubReferralId(), shardName(probe.shard()), new ArrayList<>(best.values()))));
    }

    /** The name under which a shard's result reaches the case graph. */
    public static String shardName(int shard) {
        return "shard-" + shard;
    }

    private void compareInBlock(String referral, String key, List<BlockProbe.Member> incoming,
                                Map<String, GraphMessage.Edge> best, Set<String> compared) {
        boolean exact = key.startsWith(ReferralBlocking.CRIME);
        int seen = 0;
        try (var it = members.prefixScan(key + "|", PREFIX)) {
            while (it.hasNext() && seen < maxBlockSize) {
                BlockProbe.Member existing = it.next().value;
                if (existing.hubReferralId().equals(referral)) {
                    continue;
                }
                seen++;
                if (exact) {
                    best.put(existing.hubReferralId(),
                            new GraphMessage.Edge(existing.hubReferralId(), GraphMessage.Edge.EXACT, true));
                    continue;
                }
                for (BlockProbe.Member in : incoming) {
                    if (!in.comparableWith(existing) || !compared.add(in.partyIndex() + "/" + existing.id())) {
                        continue;
                    }
                    MatchResult result = matcher.score(in.person(), existing.person());
                    if (result.decision() != Decision.NO_MATCH) {
                        best.merge(existing.hubReferralId(), new GraphMessage.Edge(existing.hubReferralId(),
                                result.weight(), result.decision() == Decision.MATCH),
                                (a, b) -> a.weight() >= b.weight() ? a : b);
                    }
                }
            }
            if (it.hasNext()) {
                LOG.warn("A blocking key has more than {} members; only the first were compared "
                        + "(key not logged: personal data)", maxBlockSize);
            }
        }
    }
}
