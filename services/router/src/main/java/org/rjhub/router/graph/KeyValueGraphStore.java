package org.rjhub.router.graph;

import org.apache.kafka.streams.state.KeyValueStore;
import org.rjhub.matching.ReferralSummary;
import org.rjhub.router.graph.GraphState.Case;
import org.rjhub.router.graph.GraphState.Node;

/** The case graph's state in the processor's three key-value stores (RocksDB, changelogged). */
final class KeyValueGraphStore implements GraphStore {

    private final KeyValueStore<String, Node> nodes;
    private final KeyValueStore<String, Case> cases;
    private final KeyValueStore<String, ReferralSummary> summaries;

    KeyValueGraphStore(
            KeyValueStore<String, Node> nodes,
            KeyValueStore<String, Case> cases,
            KeyValueStore<String, ReferralSummary> summaries) {
        this.nodes = nodes;
        this.cases = cases;
        this.summaries = summaries;
    }

    @Override
    public Node node(String hubReferralId) {
        return nodes.get(hubReferralId);
    }

    @Override
    public void putNode(Node node) {
        nodes.put(node.id, node);
    }

    @Override
    public Case kase(String caseId) {
        return cases.get(caseId);
    }

    @Override
    public void putCase(Case kase) {
        cases.put(kase.caseId, kase);
    }

    @Override
    public void deleteCase(String caseId) {
        cases.delete(caseId);
    }

    @Override
    public ReferralSummary summary(String hubReferralId) {
        return summaries.get(hubReferralId);
    }

    @Override
    public void putSummary(String hubReferralId, ReferralSummary summary) {
        summaries.put(hubReferralId, summary);
    }

    @Override
    public void deleteSummary(String hubReferralId) {
        summaries.delete(hubReferralId);
    }
}
