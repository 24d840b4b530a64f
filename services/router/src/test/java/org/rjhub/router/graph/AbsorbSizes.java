package org.rjhub.router.graph;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.rjhub.matching.ReferralSummary;
import org.rjhub.matching.ReferralSummary.PartySummary;
import org.rjhub.router.graph.GraphState.Case;
import org.rjhub.router.graph.GraphState.Node;

/**
 * A benchmark that prints how many bytes an {@code ABSORB} on the graph topic takes for a component of N synthetic
 * referrals in one case (sealed summaries as a router with a master key keeps them, keyed pseudonyms as blocking keys),
 * uncompressed (what the producer checks against {@code max.request.size}) and as a batch compressed with lz4 and zstd
 * (what the broker checks against {@code max.message.bytes}). Two shapes:
 * <ul>
 *   <li>{@code chain}: each referral a match of the one before under two keys (matches chaining many referrals);</li>
 *   <li>{@code person}: one person referred N times, each referral a match of every other under 3 keys, or 15 as when the same victim and offender are named in each (the
 *       densest a component gets: a blocking key shared by more than {@code rj.linkage.max.block.size}, 500, is
 *       retired and its edges withdrawn, so measured up to 500).</li>
 * </ul>
 * Run: {@code java -cp <router test classpath> org.rjhub.router.graph.AbsorbSizes}.
 */
public final class AbsorbSizes {

    private static final String TOPIC = "rj-router-graph-owners";

    private AbsorbSizes() {}

    public static void main(String[] args) {
        System.out.println("shape   members  bytes       bytes/member  lz4 batch   zstd batch");
        for (int n : new int[] {100, 1000, 5000, 20000}) {
            print("chain", n, chain(n));
        }
        for (int n : new int[] {50, 100, 250, 500}) {
            print("person3", n, person(n, 3));
        }
        // two parties (victim and offender) the same in every referral: about 15 keys a pair
        for (int n : new int[] {121, 250, 500}) {
            print("person15", n, person(n, 15));
        }
    }

    private static void print(String shape, int n, CaseOwners.Component component) {
        byte[] value = bytes(component);
        System.out.printf(
                "%-7s %7d  %10d  %12d  %10d  %10d%n",
                shape,
                n,
                value.length,
                value.length / n,
                batch(Compression.lz4().build(), value),
                batch(Compression.zstd().build(), value));
    }

    /** The serialized ABSORB of {@code component}, as the graph topic carries it. */
    static byte[] bytes(CaseOwners.Component component) {
        String to = component.members.iterator().next();
        return GraphSerdes.ownerMessages()
                .serializer()
                .serialize(TOPIC, OwnerMessage.absorb(to, "ZZ/root", component, List.of()));
    }

    private static int batch(Compression compression, byte[] value) {
        return MemoryRecords.withRecords(compression, new SimpleRecord(System.currentTimeMillis(), null, value))
                .sizeInBytes();
    }

    /** N referrals in one case, each a match of the one before under two keys. */
    static CaseOwners.Component chain(int n) {
        Random random = new Random(n);
        List<String> keys = List.of(key(random, "sg"), key(random, "gd"));
        CaseOwners.Component c = component(n, random);
        List<String> ids = new ArrayList<>(c.members);
        for (int i = 1; i < n; i++) {
            link(c, ids.get(i), ids.get(i - 1), keys, 20.5 + i % 7);
        }
        return c;
    }

    /** N referrals of one person in one case, each a match of every other under {@code keyCount} keys. */
    static CaseOwners.Component person(int n, int keyCount) {
        Random random = new Random(n);
        List<String> keys = new ArrayList<>();
        for (int k = 0; k < keyCount; k++) {
            keys.add(key(random, "r" + k));
        }
        CaseOwners.Component c = component(n, random);
        List<String> ids = new ArrayList<>(c.members);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                link(c, ids.get(i), ids.get(j), keys, 20.5 + (i + j) % 7);
            }
        }
        return c;
    }

    private static CaseOwners.Component component(int n, Random random) {
        CaseOwners.Component c = new CaseOwners.Component();
        String caseId = "RJ-" + HexFormat.of().withUpperCase().formatHex(bytes(random, 5));
        Case kase = new Case(caseId);
        kase.queue = "north-adult";
        for (int i = 0; i < n; i++) {
            String id = "POLICE/PR-" + (100000 + i);
            c.members.add(id);
            kase.members.add(id);
            Node node = new Node(id);
            node.announced = true;
            node.expected = 6;
            node.placed = true;
            node.caseId = caseId;
            c.nodes.put(id, node);
            c.summaries.put(id, summary(id, random));
            c.seen.put(id, 1_780_000_000_000L + i * 60_000L);
        }
        c.cases.put(caseId, kase);
        return c;
    }

    private static void link(CaseOwners.Component c, String a, String b, List<String> keys, double weight) {
        Node x = c.nodes.get(a);
        Node y = c.nodes.get(b);
        Map<String, Double> byKey = new TreeMap<>();
        keys.forEach(k -> byKey.put(k, weight));
        x.matchByKey.put(b, new TreeMap<>(byKey));
        y.matchByKey.put(a, new TreeMap<>(byKey));
        x.match.put(b, weight);
        y.match.put(a, weight);
        x.received.addAll(keys);
        y.received.addAll(keys);
    }

    /** A referral's summary as the case graph of a router with a master key keeps it: two parties, sealed. */
    private static ReferralSummary summary(String id, Random random) {
        String keyId = "dk-" + HexFormat.of().formatHex(bytes(random, 16));
        List<PartySummary> parties = List.of(party("VICTIM", keyId, random), party("OFFENDER", keyId, random));
        return new ReferralSummary(
                        id,
                        "POLICE",
                        id.substring(id.indexOf('/') + 1),
                        null,
                        "ADULT",
                        "PRE_SENTENCE",
                        "North",
                        "BURG",
                        "PROPERTY",
                        "",
                        List.of(),
                        parties)
                .withSealedDetails(keyId, base64(random, 120), false);
    }

    private static PartySummary party(String role, String keyId, Random random) {
        return new PartySummary(role, "", "", null, null, null, keyId, base64(random, 90), key(random, "id"));
    }

    private static String key(Random random, String rule) {
        return "P:" + rule + ":" + HexFormat.of().formatHex(bytes(random, 32));
    }

    private static String base64(Random random, int n) {
        return Base64.getEncoder().encodeToString(bytes(random, n));
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
