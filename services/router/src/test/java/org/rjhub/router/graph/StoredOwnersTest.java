package org.rjhub.router.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rjhub.common.serde.JsonSerde;
import org.rjhub.router.graph.GraphState.Node;

class StoredOwnersTest {

    private static final String A = GraphSamples.A;
    private static final String B = GraphSamples.B;
    private static final JsonSerde<CaseOwners.Entry> JSON = JsonSerde.of(CaseOwners.Entry.class);

    private KeyValueStore<String, byte[]> owners;
    private StoredOwners stored;

    @BeforeEach
    void openStores() {
        owners = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(CaseOwnersProcessor.OWNERS), Serdes.String(), Serdes.ByteArray())
                .withLoggingDisabled()
                .build();
        KeyValueStore<String, CaseOwners.Address> addresses = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(CaseOwnersProcessor.ADDRESSES),
                        Serdes.String(),
                        GraphSerdes.addresses())
                .withLoggingDisabled()
                .build();
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        owners.init(context.getStateStoreContext(), owners);
        addresses.init(context.getStateStoreContext(), addresses);
        stored = new StoredOwners(owners, addresses);
    }

    @Test
    void shouldReadBackARootStoredInPartsAsItsJsonReadsBack() {
        CaseOwners.Entry root = GraphSamples.root();

        stored.put(root);

        assertThat(json(stored.entry(A)))
                .isEqualTo(json(
                        JSON.deserializer().deserialize("t", JSON.serializer().serialize("t", root))));
        assertThat(owners.get(StoredOwners.part(A, 'n', B))).isNotNull();
        assertThat(stored.entry(B)).isNull();
    }

    @Test
    void shouldRewriteOnlyTheHeadAndThePartsAStepChanged() {
        CaseOwners.Entry root = GraphSamples.root();
        for (int i = 0; i < 30; i++) {
            String other = "POLICE/PR-" + (100 + i);
            root.component.members.add(other);
            Node n = new Node(other);
            n.placed = true;
            n.match.put(A, 20.0 + i);
            n.matchByKey.put(A, new TreeMap<>(Map.of("sg:k" + i, 20.0 + i)));
            root.component.nodes.put(other, n);
        }
        stored.put(root);
        Map<String, byte[]> before = contents();

        CaseOwners.Entry read = stored.entry(A);
        read.component.nodes.get(B).pendingAmendments++;
        read.component.members.add("POLICE/PR-999");
        stored.put(read);

        assertThat(changedKeys(before, contents())).containsExactlyInAnyOrder(A, StoredOwners.part(A, 'n', B));
        assertThat(stored.entry(A).component.nodes.get(B).pendingAmendments).isEqualTo(1);
    }

    @Test
    void shouldDeleteThePartsAComponentNoLongerHas() {
        stored.put(GraphSamples.root());

        CaseOwners.Entry read = stored.entry(A);
        read.component.cases.remove("C-1");
        read.component.summaries.remove(B);
        stored.put(read);

        assertThat(owners.get(StoredOwners.part(A, 'c', "C-1"))).isNull();
        assertThat(owners.get(StoredOwners.part(A, 's', B))).isNull();
        assertThat(owners.get(StoredOwners.part(A, 's', A))).isNotNull();
        assertThat(stored.entry(A).component.summaries).containsOnlyKeys(A);

        CaseOwners.Entry givenUp = stored.entry(A);
        givenUp.pointer = "POLICE/PR-0";
        givenUp.component = null;
        stored.put(givenUp);

        assertThat(contents()).containsOnlyKeys(A);
        assertThat(stored.entry(A).pointer).isEqualTo("POLICE/PR-0");
    }

    @Test
    void shouldReadAnEntryOfTheEarlierReleaseWholeAndStoreItInPartsAtItsNextPut() {
        CaseOwners.Entry root = GraphSamples.root();
        String expected =
                json(JSON.deserializer().deserialize("t", JSON.serializer().serialize("t", root)));
        owners.put(A, JSON.serializer().serialize("t", root));

        CaseOwners.Entry read = stored.entry(A);
        assertThat(json(read)).isEqualTo(expected);
        stored.put(read);

        assertThat(owners.get(A)[0]).isNotEqualTo((byte) '{');
        assertThat(owners.get(StoredOwners.part(A, 'n', A))).isNotNull();
        assertThat(json(stored.entry(A))).isEqualTo(expected);
    }

    @Test
    void shouldKeepTheReferralsDatesInTheHead() {
        CaseOwners.Entry root = GraphSamples.root();
        stored.put(root);

        CaseOwners.Entry read = stored.entry(A);
        assertThat(read.component.seen).isEqualTo(root.component.seen).isNotEmpty();
        read.component.seen.put(B, read.component.seen.get(B) + 1);
        Map<String, byte[]> before = contents();
        stored.put(read);

        assertThat(changedKeys(before, contents())).containsExactly(A);
        assertThat(stored.entry(A).component.seen).isEqualTo(read.component.seen);
    }

    @Test
    void shouldDeleteARootsEntryWithEveryPartAndListOnlyRoots() {
        stored.put(GraphSamples.root());
        CaseOwners.Entry pointer = new CaseOwners.Entry();
        pointer.id = B;
        pointer.pointer = A;
        stored.put(pointer);
        CaseOwners.Entry other = new CaseOwners.Entry("POLICE/PR-2");
        stored.put(other);
        assertThat(contents().keySet().stream().filter(k -> k.startsWith("\u0000")))
                .hasSize(5);

        assertThat(stored.roots()).containsExactlyInAnyOrder(A, "POLICE/PR-2");
        stored.deleteEntry(A);
        stored.deleteEntry(B);

        assertThat(contents()).containsOnlyKeys("POLICE/PR-2");
        assertThat(stored.entry(A)).isNull();
        assertThat(stored.roots()).containsExactly("POLICE/PR-2");
    }

    @Test
    void shouldPutBackTheEntryJustReadWithoutReadingItAgainNorWritingWhatDidNotChange() {
        CaseOwners.Entry root = GraphSamples.root();
        stored.put(root);
        List<String> calls = new ArrayList<>();
        StoredOwners counted = new StoredOwners(counting(owners, calls), null);

        // When an entry is read, one part changed, and put back
        CaseOwners.Entry read = counted.entry(A);
        int parts = read.component.nodes.size() + read.component.cases.size() + read.component.summaries.size();
        assertThat(calls).hasSize(1 + parts).allMatch(c -> c.startsWith("get"));
        calls.clear();
        read.component.nodes.get(B).pendingAmendments++;
        counted.put(read);

        // Then nothing is read again, and only that part is written
        assertThat(calls).containsExactly("put " + StoredOwners.part(A, 'n', B));
        calls.clear();

        // When it is put back again unchanged, and then a head change, still without reading
        counted.put(read);
        read.component.members.add("POLICE/PR-999");
        counted.put(read);

        // Then only the head
        assertThat(calls).containsExactly("put " + A);
        assertThat(json(stored.entry(A))).isEqualTo(json(read));

        // When another entry is written in between, the first one's put reads it again
        calls.clear();
        CaseOwners.Entry other = new CaseOwners.Entry("POLICE/PR-2");
        counted.put(other);
        read.component.cases.remove("C-1");
        counted.put(read);
        assertThat(calls).filteredOn(c -> c.startsWith("get")).contains("get " + A);
        assertThat(calls).contains("delete " + StoredOwners.part(A, 'c', "C-1"));
        assertThat(json(stored.entry(A))).isEqualTo(json(read));

        // When a summary is replaced (a summary is kept by identity: the same one is not serialised again)
        calls.clear();
        read.component.summaries.put(B, read.component.summaries.get(A));
        counted.put(read);
        assertThat(calls).containsExactly("put " + StoredOwners.part(A, 's', B));
        assertThat(stored.entry(A).component.summaries.get(B)).isEqualTo(read.component.summaries.get(A));

        // When it is deleted just after being read, every part goes, read from what was kept
        counted.entry(A);
        calls.clear();
        counted.deleteEntry(A);
        assertThat(calls).noneMatch(c -> c.startsWith("get")).contains("delete " + A);
        assertThat(contents()).containsOnlyKeys("POLICE/PR-2");
    }

    @Test
    void shouldKeyPartsApartWhateverTheIdsHold() {
        assertThat(StoredOwners.part("X\u0000n1", 'n', "Y")).isNotEqualTo(StoredOwners.part("X", 'n', "\u0000n1Y"));
        assertThat(StoredOwners.part("AB", 'n', "C")).isNotEqualTo(StoredOwners.part("A", 'n', "BC"));
    }

    /** The store, each get, put and delete named in {@code calls} with its key. */
    @SuppressWarnings("unchecked")
    private static KeyValueStore<String, byte[]> counting(KeyValueStore<String, byte[]> store, List<String> calls) {
        return (KeyValueStore<String, byte[]>) Proxy.newProxyInstance(
                KeyValueStore.class.getClassLoader(), new Class<?>[] {KeyValueStore.class}, (proxy, method, args) -> {
                    if (Set.of("get", "put", "delete").contains(method.getName())) {
                        calls.add(method.getName() + " " + args[0]);
                    }
                    return method.invoke(store, args);
                });
    }

    private Map<String, byte[]> contents() {
        Map<String, byte[]> all = new TreeMap<>();
        try (var it = owners.all()) {
            it.forEachRemaining(kv -> all.put(kv.key, kv.value));
        }
        return all;
    }

    private static Set<String> changedKeys(Map<String, byte[]> before, Map<String, byte[]> after) {
        Set<String> changed = new HashSet<>();
        after.forEach((k, v) -> {
            if (!Arrays.equals(v, before.get(k))) {
                changed.add(k);
            }
        });
        before.keySet().stream().filter(k -> !after.containsKey(k)).forEach(changed::add);
        return changed;
    }

    private static String json(CaseOwners.Entry e) {
        return new String(JSON.serializer().serialize("t", e), java.nio.charset.StandardCharsets.UTF_8);
    }
}
