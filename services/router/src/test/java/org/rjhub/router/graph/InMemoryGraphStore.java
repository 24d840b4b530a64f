package org.rjhub.router.graph;

import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;
import org.rjhub.common.serde.JsonSerde;
import org.rjhub.matching.ReferralSummary;
import org.rjhub.router.graph.GraphState.Case;
import org.rjhub.router.graph.GraphState.Node;

/**
 * The case graph's state in maps, for unit tests. Values go through the production stores' JSON
 * serdes both ways, so every read is a fresh copy and only what is put back counts, as in RocksDB.
 */
final class InMemoryGraphStore implements GraphStore {

    private static final Serde<Node> NODE = JsonSerde.of(Node.class);
    private static final Serde<Case> CASE = JsonSerde.of(Case.class);
    private static final Serde<ReferralSummary> SUMMARY = JsonSerde.of(ReferralSummary.class);

    private final Map<String, byte[]> nodes = new TreeMap<>();
    private final Map<String, byte[]> cases = new TreeMap<>();
    private final Map<String, byte[]> summaries = new TreeMap<>();

    @Override
    public Node node(String hubReferralId) {
        return read(NODE, nodes.get(hubReferralId));
    }

    @Override
    public void putNode(Node node) {
        nodes.put(node.id, write(NODE, node));
    }

    @Override
    public Case kase(String caseId) {
        return read(CASE, cases.get(caseId));
    }

    @Override
    public void putCase(Case kase) {
        cases.put(kase.caseId, write(CASE, kase));
    }

    @Override
    public void deleteCase(String caseId) {
        cases.remove(caseId);
    }

    @Override
    public ReferralSummary summary(String hubReferralId) {
        return read(SUMMARY, summaries.get(hubReferralId));
    }

    @Override
    public void putSummary(String hubReferralId, ReferralSummary summary) {
        summaries.put(hubReferralId, write(SUMMARY, summary));
    }

    @Override
    public void deleteSummary(String hubReferralId) {
        summaries.remove(hubReferralId);
    }

    /** Every case, by id. */
    Map<String, Case> cases() {
        Map<String, Case> all = new TreeMap<>();
        cases.forEach((id, bytes) -> all.put(id, read(CASE, bytes)));
        return all;
    }

    private static <T> T read(Serde<T> serde, byte[] bytes) {
        return serde.deserializer().deserialize("in-memory", bytes);
    }

    private static <T> byte[] write(Serde<T> serde, T value) {
        return serde.serializer().serialize("in-memory", value);
    }
}
