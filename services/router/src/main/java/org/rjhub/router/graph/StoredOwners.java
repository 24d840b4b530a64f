package org.rjhub.router.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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
 *
 * <p>A step reads an entry, changes it and puts it back: the bytes of the entry last read (its head and each part, as
 * the store holds them: {@link Read}) are kept until then, so that the put compares with them rather than reading the
 * head and every part again, and leaves the head alone when its bytes did not change either. Every write goes through
 * here, so what is kept is what the store holds; a task initialised again starts with none.
 */
final class StoredOwners implements CaseOwners.Store {

    private static final Serde<CaseOwners.Entry> HEADS = GraphSerdes.entryHeads();
    private static final Serde<Node> NODES = GraphSerdes.nodes();
    private static final Serde<Case> CASES = GraphSerdes.cases();
    private static final Serde<ReferralSummary> SUMMARIES = GraphSerdes.summaries();

    private final KeyValueStore<String, byte[]> owners;
    private final KeyValueStore<String, CaseOwners.Address> addresses;
    /** The entry last read or written, as stored; null when none is known. */
    private Read read;

    /**
     * An entry as the store holds it: its head's bytes, and each part's by its key ({@link #part}); an entry of the
     * earlier release, stored whole, is never kept (its parts are not stored under keys of their own). With them the
     * summaries as read or written, by key: a summary is immutable, so the same one put back has the same bytes and is
     * not serialised again to be compared (they were most of a put's serialising).
     */
    private record Read(String id, byte[] head, Map<String, byte[]> parts, Map<String, ReferralSummary> summaries) {}

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
        byte[] head = owners.get(referral);
        CaseOwners.Entry e = HEADS.deserializer().deserialize(CaseOwnersProcessor.OWNERS, head);
        read = null;
        if (e == null) {
            return null;
        }
        Map<String, byte[]> parts = new HashMap<>();
        Map<String, ReferralSummary> summaries = new HashMap<>();
        boolean inParts = true;
        if (e.component != null) {
            inParts &= fill(e.id, 'n', e.component.nodes, NODES, parts, null);
            inParts &= fill(e.id, 'c', e.component.cases, CASES, parts, null);
            inParts &= fill(e.id, 's', e.component.summaries, SUMMARIES, parts, summaries);
        }
        read = inParts ? new Read(referral, head, parts, summaries) : null;
        return e;
    }

    @Override
    public void put(CaseOwners.Entry entry) {
        Read had = read != null && read.id.equals(entry.id) ? read : stored(entry.id);
        read = null;
        byte[] head = HEADS.serializer().serialize(CaseOwnersProcessor.OWNERS, entry);
        if (!Arrays.equals(head, had.head)) {
            owners.put(entry.id, head);
        }
        Map<String, byte[]> parts = new HashMap<>();
        Map<String, ReferralSummary> summaries = new HashMap<>();
        CaseOwners.Component has = entry.component;
        if (has != null) {
            write(entry.id, 'n', has.nodes, NODES, had, parts, null);
            write(entry.id, 'c', has.cases, CASES, had, parts, null);
            write(entry.id, 's', has.summaries, SUMMARIES, had, parts, summaries);
        }
        for (String gone : had.parts.keySet()) {
            if (!parts.containsKey(gone)) {
                owners.delete(gone);
            }
        }
        read = new Read(entry.id, head, parts, summaries);
    }

    @Override
    public void deleteEntry(String referral) {
        Read had = read != null && read.id.equals(referral) ? read : stored(referral);
        read = null;
        had.parts.keySet().forEach(owners::delete);
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

    /**
     * The referral's entry as stored when it is not the one last read: its head, and the parts stored under the keys
     * of the ids the head names (none for an entry stored whole: a put writes them all under their keys).
     */
    private Read stored(String referral) {
        byte[] head = owners.get(referral);
        CaseOwners.Entry e = HEADS.deserializer().deserialize(CaseOwnersProcessor.OWNERS, head);
        Map<String, byte[]> parts = new HashMap<>();
        if (e != null && e.component != null) {
            stored(referral, 'n', e.component.nodes.keySet(), parts);
            stored(referral, 'c', e.component.cases.keySet(), parts);
            stored(referral, 's', e.component.summaries.keySet(), parts);
        }
        return new Read(referral, head, parts, Map.of());
    }

    private void stored(String root, char kind, Set<String> ids, Map<String, byte[]> parts) {
        for (String id : ids) {
            String key = part(root, kind, id);
            byte[] bytes = owners.get(key);
            if (bytes != null) {
                parts.put(key, bytes);
            }
        }
    }

    /**
     * Reads the parts a head names into {@code parts}, with their bytes into {@code read} (and the parts themselves
     * into {@code objects}, unless null); false when it found them in the head (an entry stored whole).
     */
    private <T> boolean fill(
            String root,
            char kind,
            Map<String, T> parts,
            Serde<T> serde,
            Map<String, byte[]> read,
            Map<String, T> objects) {
        boolean inParts = true;
        for (Map.Entry<String, T> p : parts.entrySet()) {
            if (p.getValue() == null) {
                String key = part(root, kind, p.getKey());
                byte[] bytes = owners.get(key);
                if (bytes == null) {
                    throw new IllegalStateException("the entry of " + root + " names a part not stored: " + kind);
                }
                p.setValue(serde.deserializer().deserialize(CaseOwnersProcessor.OWNERS, bytes));
                read.put(key, bytes);
                if (objects != null) {
                    objects.put(key, p.getValue());
                }
            } else {
                inParts = false;
            }
        }
        return inParts;
    }

    /**
     * Writes the parts that are new or changed since {@code had}, each part's bytes into {@code written}. With {@code
     * objects} (immutable parts: summaries), a part that is the very one {@code had} holds is left as it is,
     * unserialised, and each part goes into {@code objects}.
     */
    private <T> void write(
            String root,
            char kind,
            Map<String, T> has,
            Serde<T> serde,
            Read had,
            Map<String, byte[]> written,
            Map<String, T> objects) {
        for (Map.Entry<String, T> p : has.entrySet()) {
            String key = part(root, kind, p.getKey());
            byte[] before = had.parts.get(key);
            byte[] bytes;
            if (objects != null && before != null && had.summaries.get(key) == p.getValue()) {
                bytes = before;
            } else {
                bytes = serde.serializer().serialize(CaseOwnersProcessor.OWNERS, p.getValue());
                if (!Arrays.equals(bytes, before)) {
                    owners.put(key, bytes);
                }
            }
            written.put(key, bytes);
            if (objects != null) {
                objects.put(key, p.getValue());
            }
        }
    }
}
