package org.rjhub.router;

import java.util.Map;

/**
 * A benchmark that prints how long the router takes per referral when one person is referred many times (the same
 * victim and offender in every police referral, each under its own crime reference: every referral a match of every
 * other, the densest component there is), through the whole topology ({@link RouterDriver}), in batches of 20, on the
 * one-partition graph and on the partitioned one. Each referral's cost grows with the component (its edges are
 * kept on both sides, under each blocking key); what is measured is how fast.
 *
 * <p>Run: {@code java -cp <router test classpath> org.rjhub.router.DensePersonBench [referrals, default 200]}.
 */
public final class DensePersonBench {

    private DensePersonBench() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        for (String partitioned : new String[] {"false", "true"}) {
            System.out.printf("graph: %s%n", "true".equals(partitioned) ? "partitioned" : "one partition");
            try (RouterDriver router = new RouterDriver(Map.of(RouterConfig.GRAPH_PARTITIONED, partitioned))) {
                long start = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    router.police(Fixtures.police(String.format("PR-%05d", i), String.format("42/%05d/26", 10000 + i)));
                    if ((i + 1) % 20 == 0) {
                        long now = System.nanoTime();
                        System.out.printf(
                                "  referrals %4d-%4d: %7.1f ms a referral%n", i - 18, i + 1, (now - start) / 20e6);
                        start = now;
                    }
                }
                System.out.printf("  cases: %d (one expected)%n", router.cases().size());
            }
        }
    }
}
