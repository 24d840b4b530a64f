package org.rjhub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCommandTest {

    @Test
    void shouldDefaultToTwentyThousandReferralsAndAThousandPerSecondForTwentySeconds() {
        BenchCommand bench = new BenchCommand();
        new CommandLine(bench).parseArgs();

        BenchSettings settings = bench.settings();

        assertThat(settings.referrals()).isEqualTo(20_000);
        assertThat(settings.ratePerSecond()).isEqualTo(1_000);
        assertThat(settings.latencySeconds()).isEqualTo(20);
        assertThat(settings.latencyReferrals()).isEqualTo(20_000);
        // the router's own defaults unless overridden
        assertThat(settings.commitIntervalMs()).isEqualTo(20);
        assertThat(settings.routerOverrides()).isEmpty();
        assertThat(settings.warmupReferrals()).isEqualTo(3_000);
        assertThat(settings.streamThreads()).isEqualTo(1);
    }

    @Test
    void shouldTakeTheOptions() {
        BenchCommand bench = new BenchCommand();
        new CommandLine(bench)
                .parseArgs(
                        "--referrals",
                        "300",
                        "--rate",
                        "100",
                        "--latency-seconds",
                        "3",
                        "--seed",
                        "7",
                        "--json",
                        "x.json",
                        "--commit-interval-ms",
                        "1000",
                        "--stream-threads",
                        "2",
                        "--router",
                        "streams.producer.linger.ms=20",
                        "--warmup",
                        "50",
                        "--history",
                        "4000");

        BenchSettings settings = bench.settings();

        assertThat(settings)
                .isEqualTo(new BenchSettings(
                        300, 100, 3, 7, 1_000, 2, java.util.Map.of("streams.producer.linger.ms", "20"), 50, 4_000));
        assertThat(bench.json).hasFileName("x.json");
    }

    @Test
    void shouldRefuseANonsensicalRunBeforeStartingAnything() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new BenchCommand());
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("--referrals", "0");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--referrals must be at least 1");
    }
}
