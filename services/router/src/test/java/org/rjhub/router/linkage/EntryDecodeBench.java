package org.rjhub.router.linkage;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/**
 * A benchmark that prints how long the router takes to decode and to encode one block-member entry ({@link
 * StoredReferral}, as {@link BlockSerdes#entries} stores it), without a broker: a probe decodes the entry of every
 * candidate its keys name that is not in memory, which over a million referrals of history was the largest single cost
 * of the linkage. A decode here reads the entry and its first party, as a probe wanting the parties under one key
 * does. The entries are synthetic referrals of two parties in clear and one sealed, under eight keys.
 *
 * <p>Run from {@code services/router}: {@code java -cp <router test classpath>
 * org.rjhub.router.linkage.EntryDecodeBench [entries, default 20000] [rounds, default 30]}; it prints the median and
 * the fastest round in nanoseconds an entry. To compare two builds, run it against each build's classes one after the
 * other several times ({@code farm-bench} pairs them).
 */
public final class EntryDecodeBench {

    private static final String TOPIC = "rj-router-linkage-block-members-changelog";
    private static final String[] FORENAMES = {"ada", "bryn", "cerys", "dafydd", "elin", "ffion", "gethin", "huw"};
    private static final String[] SURNAMES = {"ashby", "brook", "colne", "dengie", "epping", "fobbing", "galleywood"};

    private EntryDecodeBench() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Serde<StoredReferral> serde = BlockSerdes.entries();
        List<StoredReferral> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            entries.add(entry(i));
        }
        byte[][] bytes = new byte[n][];
        long[] decode = new long[rounds];
        long[] encode = new long[rounds];
        long sink = 0;
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                bytes[i] = serde.serializer().serialize(TOPIC, entries.get(i));
            }
            encode[r] = System.nanoTime() - start;
            start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                // a probe wants the parties under the key it shares: here the victim, one of three
                sink += serde.deserializer()
                                .deserialize(TOPIC, bytes[i])
                                .parties()
                                .get(0)
                                .partyIndex()
                        + 1;
            }
            decode[r] = System.nanoTime() - start;
        }
        long size = 0;
        for (byte[] b : bytes) {
            size += b.length;
        }
        System.out.printf("entries %d, %d bytes an entry, %d rounds (%d)%n", n, size / n, rounds, sink / rounds / n);
        System.out.printf("decode ns/entry: %s%n", figures(decode, n));
        System.out.printf("encode ns/entry: %s%n", figures(encode, n));
    }

    /** The median and fastest round, in nanoseconds an entry (the first third of the rounds warm up the JIT). */
    private static String figures(long[] rounds, int n) {
        long[] timed = Arrays.copyOfRange(rounds, rounds.length / 3, rounds.length);
        Arrays.sort(timed);
        return String.format("median %d, fastest %d", timed[timed.length / 2] / n, timed[0] / n);
    }

    /** A referral of a victim and an offender in clear and a sealed other party, under eight keys. */
    private static StoredReferral entry(int i) {
        String referral = "POLICE/PR-" + (100_000 + i);
        BlockProbe.Member victim = new BlockProbe.Member(
                referral,
                0,
                "VICTIM",
                FORENAMES[i % FORENAMES.length],
                SURNAMES[i % SURNAMES.length] + i,
                LocalDate.of(1950 + i % 50, 1 + i % 12, 1 + i % 28),
                "CM" + (i % 20) + " " + (i % 9) + "AB",
                (i % 90) + " colne road",
                true);
        BlockProbe.Member offender = new BlockProbe.Member(
                referral,
                1,
                "OFFENDER",
                FORENAMES[(i + 3) % FORENAMES.length],
                SURNAMES[(i + 2) % SURNAMES.length] + i,
                LocalDate.of(1960 + i % 40, 1 + i % 12, 1 + i % 28),
                "SS" + (i % 17) + " " + (i % 9) + "CD",
                null,
                true);
        BlockProbe.Member sealed = new BlockProbe.Member(
                referral, 2, "OTHER_PARTY", null, null, null, null, null, true, "k-" + i, "c2VhbGVk".repeat(12), i);
        return StoredReferral.of(
                referral,
                1_700_000_000_000L + i,
                Map.of(
                        "P:ns|" + victim.surname(),
                        List.of(victim),
                        "P:di|" + i,
                        List.of(victim, offender),
                        "P:pc|" + victim.postcode(),
                        List.of(victim),
                        "P:hs|" + i % 97,
                        List.of(victim),
                        "P:ns|" + offender.surname(),
                        List.of(offender),
                        "P:pc|" + offender.postcode(),
                        List.of(offender),
                        "P:sk|k-" + i,
                        List.of(sealed),
                        "C:" + i,
                        List.of()));
    }
}
