package org.rjhub.router.linkage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.rjhub.router.graph.GraphMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs on the partition owning a blocking key: compares the probe's people with everyone already
 * in the block, reports candidate edges to the case graph, and adds the probe to the block.
 * Each pair sharing a key is compared exactly once, whatever the arrival order.
 */
public final class BlockingProcessor implements Processor<String, BlockProbe, String, GraphMessage> {

    /** The store of blocks: blocking key to its members. */
    public static final String STORE = "linkage-blocks";
    private static final Logger LOG = LoggerFactory.getLogger(BlockingProcessor.class);

    private final PersonMatcher matcher;
    private final int maxBlockSize;
    private ProcessorContext<String, GraphMessage> context;
    private KeyValueStore<String, BlockProbe.Block> blocks;

    public BlockingProcessor(PersonMatcher matcher, int maxBlockSize) {
        this.matcher = matcher;
        this.maxBlockSize = maxBlockSize;
    }

    @Override
    public void init(ProcessorContext<String, GraphMessage> context) {
        this.context = context;
        this.blocks = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, BlockProbe> record) {
        String key = record.key();
        BlockProbe probe = record.value();
        BlockProbe.Block block = blocks.get(key);
        if (block == null) {
            block = new BlockProbe.Block(List.of(), List.of());
        }
        Map<String, GraphMessage.Edge> best = new TreeMap<>();
        boolean exact = key.startsWith(ReferralBlocking.CRIME);
        if (exact) {
            for (String other : block.referrals()) {
                if (!other.equals(probe.hubReferralId())) {
                    best.put(other, new GraphMessage.Edge(other, GraphMessage.Edge.EXACT, true));
                }
            }
        } else {
            for (BlockProbe.Member existing : block.members()) {
                if (existing.hubReferralId().equals(probe.hubReferralId())) {
                    continue;
                }
                for (BlockProbe.Member incoming : probe.members()) {
                    if (!incoming.comparableWith(existing)) {
                        continue;
                    }
                    MatchResult result = matcher.score(incoming.person(), existing.person());
                    if (result.decision() == Decision.NO_MATCH) {
                        continue;
                    }
                    var edge = new GraphMessage.Edge(existing.hubReferralId(), result.weight(),
                            result.decision() == Decision.MATCH);
                    best.merge(existing.hubReferralId(), edge, (a, b) -> a.weight() >= b.weight() ? a : b);
                }
            }
        }
        blocks.put(key, grow(block, probe, key));
        context.forward(record.withKey(probe.hubReferralId())
                .withValue(GraphMessage.blockResult(probe.hubReferralId(), key, new ArrayList<>(best.values()))));
    }

    private BlockProbe.Block grow(BlockProbe.Block block, BlockProbe probe, String key) {
        List<String> referrals = new ArrayList<>(block.referrals());
        if (!referrals.contains(probe.hubReferralId())) {
            referrals.add(probe.hubReferralId());
        }
        List<BlockProbe.Member> members = new ArrayList<>(block.members());
        for (BlockProbe.Member m : probe.members()) {
            members.removeIf(e -> e.hubReferralId().equals(m.hubReferralId()) && e.partyIndex() == m.partyIndex());
            members.add(m);
        }
        if (referrals.size() > maxBlockSize || members.size() > maxBlockSize) {
            LOG.warn("Blocking key of {} chars over {} entries: oldest dropped (key not logged: personal data)",
                    key.length(), maxBlockSize);
            referrals = new ArrayList<>(referrals.subList(Math.max(0, referrals.size() - maxBlockSize), referrals.size()));
            members = new ArrayList<>(members.subList(Math.max(0, members.size() - maxBlockSize), members.size()));
        }
        return new BlockProbe.Block(referrals, members);
    }
}
