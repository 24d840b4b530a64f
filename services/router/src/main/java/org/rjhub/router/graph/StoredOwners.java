package org.rjhub.router.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.state.KeyValueStore;
import org.rjhub.matching.ReferralSummary;
import org.rjhub.router.graph.GraphState.Case;
import org.rjhub.router.graph.GraphState.Node;

/**
 * The partitioned graph's entries and case addresses in the processor's stores ({@link CaseOwnersProcessor#OWNERS},
 * {@link CaseOwnersProcessor#ADDRESSES}). A root's component is stored in parts, so that a step changing a few of its
 * referrals does not rewrite all of them in the changelog: under the root's id its entry's head (pointer, members,
 * retired keys, parked messages, members' dates ({@link CaseOwners.Component#seen}), and the ids of its nodes, cases and
 * summaries: {@link GraphSerdes#entryHeads}), and
 * each node, case and summary under a key of its own ({@link #part}). A put writes the head, the parts whose bytes
 * changed, and a tombstone for each part the component no longer has (all of them when it is given up, or when the
 * retention deletes the entry). An entry of an earlier release, stored whole, is read whole and stored in parts at its
 * next put.
 */
final class StoredOwners implements CaseOwners.Store {

    private static final Serde<CaseOwners.Entry> HEADS = GraphSerdes.entryHeads();
    private static final Serde<Node> NODES = GraphSerdes.nodes();
    private static final Serde<Case> CASES = GraphSerdes.cases();
    private static final Serde<ReferralSummary> SUMMARIES = GraphSerdes.summaries();

    private final KeyValueStore<String, byte[]> owners;
    private final KeyValueStore<String, CaseOwners.Address> addresses;

    StoredOwners(KeyValueStore<String, byte[]> owners, KeyValueStore<String, CaseOwners.Address> addresses) {
        this.owners = owners;
        this.addresses = addresses;
    }

    /**
     * The key of root {@code root}'s part {@code id} of kind {@code kind} ({@code n} node, {@code c} case, {@code s}
     * summary): a NUL (no referral id, so no entry's key, begins with one), the kind, the root's length, a NUL, the
     * root and the id; so no two parts share a key whatever characters the ids hold.
     */
    static String part(String root, char kind, String id) {
        return "\u0000" + kind + root.length() + "\u0000" + root + id;
    }

    @Override
    public CaseOwners.Entry entry(String referral) {
        CaseOwners.Entry e = head(referral);
        if (e != null && e.component != null) {
            fill(e.id, 'n', e.component.nodes, NODES);
            fill(e.id, 'c', e.component.cases, CASES);
            fill(e.id, 's', e.component.summaries, SUMMARIES);
        }
        return e;
    }

    @Override
    public void put(CaseOwners.Entry entry) {
        CaseOwners.Entry before = head(entry.id);
        CaseOwners.Component had = before == null ? null : before.component;
        CaseOwners.Component has = entry.component;
        owners.put(entry.id, HEADS.serializer().serialize(CaseOwnersProcessor.OWNERS, entry));
        write(entry.id, 'n', had == null ? Set.of() : had.nodes.keySet(), has == null ? Map.of() : has.nodes, NODES);
        write(entry.id, 'c', had == null ? Set.of() : had.cases.keySet(), has == null ? Map.of() : has.cases, CASES);
        write(
                entry.id,
                's',
                had == null ? Set.of() : had.summaries.keySet(),
                has == null ? Map.of() : has.summaries,
                SUMMARIES);
    }

    @Override
    public void deleteEntry(String referral) {
        CaseOwners.Entry before = head(referral);
        if (before != null && before.component != null) {
            write(referral, 'n', before.component.nodes.keySet(), Map.of(), NODES);
            write(referral, 'c', before.component.cases.keySet(), Map.of(), CASES);
            write(referral, 's', before.component.summaries.keySet(), Map.of(), SUMMARIES);
        }
        owners.delete(referral);
    }

    /** The ids of the roots stored here (their heads; the parts' keys begin with a NUL). */
    List<String> roots() {
        List<String> roots = new ArrayList<>();
        try (var it = owners.all()) {
            it.forEachRemaining(kv -> {
                if (!kv.key.startsWith("\u0000")) {
                    CaseOwners.Entry e = HEADS.deserializer().deserialize(CaseOwnersProcessor.OWNERS, kv.value);
                    if (e.isRoot()) {
                        roots.add(kv.key);
                    }
                }
            });
        }
        return roots;
    }

    @Override
    public CaseOwners.Address address(String caseId) {
        return addresses.get(caseId);
    }

    @Override
    public void put(CaseOwners.Address address) {
        addresses.put(address.caseId, address);
    }

    @Override
    public void deleteAddress(String caseId) {
        addresses.delete(caseId);
    }

    private CaseOwners.Entry head(String referral) {
        return HEADS.deserializer().deserialize(CaseOwnersProcessor.OWNERS, owners.get(referral));
    }

    /** Reads the parts a head names (an entry stored whole has them already). */
    private <T> void fill(String root, char kind, Map<String, T> parts, Serde<T> serde) {
        for (Map.Entry<String, T> p : parts.entrySet()) {
            if (p.getValue() == null) {
                byte[] bytes = owners.get(part(root, kind, p.getKey()));
                if (bytes == null) {
                    throw new IllegalStateException("the entry of " + root + " names a part not stored: " + kind);
                }
                p.setValue(serde.deserializer().deserialize(CaseOwnersProcessor.OWNERS, bytes));
            }
        }
    }

    /** Writes the parts that are new or changed, and deletes those the component no longer has. */
    private <T> void write(String root, char kind, Set<String> had, Map<String, T> has, Serde<T> serde) {
        for (Map.Entry<String, T> p : has.entrySet()) {
            String key = part(root, kind, p.getKey());
            byte[] bytes = serde.serializer().serialize(CaseOwnersProcessor.OWNERS, p.getValue());
            if (!had.contains(p.getKey()) || !Arrays.equals(bytes, owners.get(key))) {
                owners.put(key, bytes);
            }
        }
        for (String id : had) {
            if (!has.containsKey(id)) {
                owners.delete(part(root, kind, id));
            }
        }
    }
}
