package org.rjhub.router.graph;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.state.KeyValueStore;
import org.rjhub.matching.ReferralSummary;
import org.rjhub.router.graph.GraphState.Case;
import org.rjhub.router.graph.GraphState.Node;

/**
 * The declared retention of the one-partition case graph's stores ({@link CaseGraphProcessor#NODES}, {@link
 * CaseGraphProcessor#CASES}, {@link CaseGraphProcessor#SUMMARIES}): a case none of whose referrals has been announced
 * for {@code rj.referral.versions.retention.days} (by the wall clock; a new version or an amendment announces it
 * again) is deleted with its referrals' nodes and summaries, and so is a referral never placed in a case; the deletes
 * write tombstones to the changelogs, and every other node's edges and decisions naming them go too. A case is
 * forgotten whole, never a referral out of a case still in use: a case id derives from one of its referrals, which
 * stays in the case while it exists. When each referral was last announced is kept in a store of its own ({@link
 * #STORE}, hub referral id to wall-clock milliseconds); a node it has no date for (stored before retention existed) is
 * dated by the first sweep that finds it.
 */
public final class GraphRetention {

    /** When each referral was last announced to the case graph. */
    public static final String STORE = "graph-referrals-seen";

    private final KeyValueStore<String, Long> seen;
    private final KeyValueStore<String, Node> nodes;
    private final KeyValueStore<String, Case> cases;
    private final KeyValueStore<String, ReferralSummary> summaries;
    private final Duration retention;

    GraphRetention(
            KeyValueStore<String, Long> seen,
            KeyValueStore<String, Node> nodes,
            KeyValueStore<String, Case> cases,
            KeyValueStore<String, ReferralSummary> summaries,
            Duration retention) {
        this.seen = seen;
        this.nodes = nodes;
        this.cases = cases;
        this.summaries = summaries;
        this.retention = retention;
    }

    /** A message reached the graph at {@code now}: an announcement dates its referral. */
    void touch(GraphMessage message, long now) {
        if (message.type() == GraphMessage.Type.ANNOUNCE) {
            seen.put(message.hubReferralId(), now);
        }
    }

    /** Forgets every case (and unplaced referral) whose referrals were all last announced before the retention. */
    void sweep(long now) {
        // a node never announced here (stored before retention existed, or made for the other end of an edge) is
        // dated by the first sweep that finds it
        try (var it = nodes.all()) {
            it.forEachRemaining(kv -> {
                if (seen.get(kv.key) == null) {
                    seen.put(kv.key, now);
                }
            });
        }
        long cutoff = now - retention.toMillis();
        Set<String> expired = new TreeSet<>();
        try (var it = seen.all()) {
            it.forEachRemaining(kv -> {
                if (kv.value < cutoff) {
                    expired.add(kv.key);
                }
            });
        }
        Set<String> forgotten = new TreeSet<>();
        for (String referral : expired) {
            Node node = nodes.get(referral);
            String caseId = node == null ? null : node.caseId;
            Case kase = caseId == null ? null : cases.get(caseId);
            if (kase == null) {
                forgotten.add(referral);
            } else if (expired.containsAll(kase.members)) {
                forgotten.addAll(kase.members);
                cases.delete(caseId);
            }
        }
        if (forgotten.isEmpty()) {
            return;
        }
        for (String referral : forgotten) {
            nodes.delete(referral);
            summaries.delete(referral);
            seen.delete(referral);
        }
        List<Node> touched = new ArrayList<>();
        try (var it = nodes.all()) {
            it.forEachRemaining(kv -> {
                if (forgetEdges(kv.value, forgotten)) {
                    touched.add(kv.value);
                }
            });
        }
        touched.forEach(n -> nodes.put(n.id, n));
    }

    /** Removes every edge and decision of {@code node} naming a forgotten referral; whether any did. */
    static boolean forgetEdges(Node node, Set<String> forgotten) {
        boolean changed = false;
        for (Map<String, ?> edges : List.of(node.match, node.review, node.matchByKey, node.reviewByKey)) {
            changed |= edges.keySet().removeAll(forgotten);
        }
        changed |= node.confirmed.removeAll(forgotten);
        changed |= node.keptApart.removeAll(forgotten);
        return changed;
    }
}
