package org.rjhub.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.router.RouterConfig;
import org.rjhub.stack.LocalStack;
import org.rjhub.stack.StackLayout;
import org.rjhub.stack.StackOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hub bench}: measures, in one run on a real broker and registry, the raw broker baseline,
 * the exactly-once router's throughput and its end-to-end latency at a fixed rate; prints a table
 * and optionally writes JSON. Exits 1 if any referral was not acknowledged exactly once.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Benchmark the hub on the embedded stack (or KAFKA_BOOTSTRAP_SERVERS + RJ_REGISTRY_URL, "
                    + "in a fresh topic namespace): ",
            "1. raw broker baseline (byte[] records of the mean referral size, acks=all, idempotent);",
            "2. router throughput over N pre-published referrals, until every acknowledgement is visible "
                    + "to a read_committed consumer;",
            "3. end-to-end latency at a fixed rate, send to visible acknowledgement.",
            "Beside them: an exactly-once one-hop Kafka Streams pass-through of the same records "
                    + "(baseline_eos_rps) and the person comparisons per referral.",
            "The figures hold for this machine at this moment: compare ratios from one run."
        })
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--referrals",
            defaultValue = "20000",
            description =
                    "Referrals for the throughput phase and records for the raw baseline (default ${DEFAULT-VALUE}).")
    int referrals;

    @Option(
            names = "--rate",
            defaultValue = "1000",
            description = "Referrals per second in the latency phase (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(
            names = "--latency-seconds",
            defaultValue = "20",
            description = "Length of the latency phase in seconds (default ${DEFAULT-VALUE}).")
    int latencySeconds;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures to this JSON file.")
    Path json;

    @Option(names = "--seed", defaultValue = "2026", description = "Simulator seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--commit-interval-ms",
            paramLabel = "MS",
            description =
                    "Router commit.interval.ms for this run (default: the router's, " + "exactly-once either way).")
    Long commitIntervalMs;

    @Option(
            names = "--stream-threads",
            paramLabel = "N",
            description = "Router num.stream.threads for this run (default: the router's).")
    Integer streamThreads;

    @Option(
            names = "--warmup",
            defaultValue = "3000",
            paramLabel = "N",
            description = "Referrals sent through the router before the throughput phase, untimed, so the "
                    + "figures are those of a warmed-up JVM as in production (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(
            names = "--history",
            defaultValue = "0",
            paramLabel = "N",
            description = "Referrals preloaded through the router after the warm-up, untimed, so that the timed "
                    + "backlog is matched against N referrals of history (default ${DEFAULT-VALUE}).")
    int history;

    @Option(
            names = "--router",
            paramLabel = "NAME=VALUE",
            description = "Any other router setting for this run, repeatable; e.g. "
                    + "--router streams.producer.linger.ms=20 (see RouterConfig).")
    java.util.Map<String, String> routerSettings = new java.util.LinkedHashMap<>();

    public BenchCommand() {
        // picocli fills the options
    }

    @Override
    public Integer call() throws Exception {
        BenchSettings settings = settings();
        Optional<KafkaConnection> external = KafkaConnection.fromEnvironment(System.getenv());
        try (RunCleanup cleanup = RunCleanup.forProcess()) {
            if (external.isPresent()) {
                String prefix = "bench-" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36) + ".";
                UnaryOperator<String> naming = name -> prefix + name;
                LocalStack.provision(external.get(), naming);
                return run(external.get(), naming, settings, "external", cleanup, Optional::empty);
            }
            try (RunCleanup.Started<LocalStack> started = cleanup.start(
                    () -> LocalStack.start(
                            StackLayout.discover(), StackOptions.defaults().plaintext()), // the hub's cost, not TLS's
                    LocalStack::close)) {
                LocalStack stack = started.get();
                LocalStack.provision(stack.connection(), UnaryOperator.identity());
                out().printf(
                                "Local stack up (%s): Kafka %s, registry %s%n",
                                stack.startupMillis(),
                                stack.connection().bootstrapServers(),
                                stack.connection().registryUrl());
                return run(stack.connection(), UnaryOperator.identity(), settings, "local", cleanup, stack::exited);
            }
        }
    }

    /**
     * Runs the bench on a provisioned cluster whose catalogue topics are named by {@code naming}.
     *
     * @return 0 when every referral was acknowledged exactly once, 1 otherwise
     */
    int run(KafkaConnection connection, UnaryOperator<String> naming, BenchSettings settings, String stack)
            throws Exception {
        try (RunCleanup cleanup = RunCleanup.forProcess()) {
            return run(connection, naming, settings, stack, cleanup, Optional::empty);
        }
    }

    /**
     * {@link #run(KafkaConnection, UnaryOperator, BenchSettings, String)}, closing what it starts with {@code cleanup},
     * failing at once when {@code cluster} (the local stack's processes) stops.
     */
    private int run(
            KafkaConnection connection,
            UnaryOperator<String> naming,
            BenchSettings settings,
            String stack,
            RunCleanup cleanup,
            Liveness cluster)
            throws Exception {
        try (RunCleanup.Started<Path> stateDir =
                cleanup.start(BenchCommand::createStateDir, BenchCommand::deleteRecursively)) {
            BenchResult result =
                    new Benchmark(connection, naming, settings, stateDir.get(), stack, out(), cleanup, cluster).run();
            out().println();
            out().print(BenchReport.table(result));
            if (json != null) {
                BenchReport.writeJson(result, json);
                out().printf("%nJSON written to %s%n", json.toAbsolutePath());
            }
            out().flush();
            return result.exactlyOnce() ? 0 : 1;
        }
    }

    /** The options as checked settings; the router's own defaults where not given. */
    BenchSettings settings() {
        var routerDefaults = RouterConfig.definition().defaultValues();
        long commit = commitIntervalMs != null
                ? commitIntervalMs
                : ((Number) routerDefaults.get(RouterConfig.COMMIT_INTERVAL_MS)).longValue();
        int threads =
                streamThreads != null ? streamThreads : ((Number) routerDefaults.get(RouterConfig.THREADS)).intValue();
        try {
            return new BenchSettings(
                    referrals, rate, latencySeconds, seed, commit, threads, routerSettings, warmup, history);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private static Path createStateDir() {
        try {
            return Files.createTempDirectory("rj-bench-router-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the router's state folder", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    /** Runs {@code bench} on its own (the {@code hub} CLI registers the command as a subcommand). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }
}
