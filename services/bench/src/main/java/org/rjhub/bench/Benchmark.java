package org.rjhub.bench;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.rjhub.agencies.Agency;
import org.rjhub.common.clients.KafkaClients;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.streams.StreamsService;
import org.rjhub.router.RouterConfig;
import org.rjhub.router.RouterService;
import org.rjhub.schemas.Contracts;
import org.rjhub.stack.LocalStack;

/**
 * One bench run on a provisioned cluster: the raw broker baseline, the router's exactly-once
 * throughput over a pre-published backlog, and end-to-end latency at a fixed rate.
 */
final class Benchmark {

    private static final Duration ROUTER_START_TIMEOUT = Duration.ofSeconds(120);
    private static final int TRANSACTION_RECORDS = 1_000;
    static final int LATENCY_PRODUCER_LINGER_MS = 5;

    private final KafkaConnection connection;
    private final UnaryOperator<String> naming;
    private final BenchSettings settings;
    private final Path stateDir;
    private final String stack;
    private final PrintWriter progress;
    private final RunCleanup cleanup;
    private final Liveness cluster;
    private final String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);

    /**
     * @param cleanup closes what the run starts, also on SIGTERM
     * @param cluster the broker and registry the run uses, checked beside the router while it waits
     */
    Benchmark(
            KafkaConnection connection,
            UnaryOperator<String> naming,
            BenchSettings settings,
            Path stateDir,
            String stack,
            PrintWriter progress,
            RunCleanup cleanup,
            Liveness cluster) {
        this.connection = connection;
        this.naming = naming;
        this.settings = settings;
        this.stateDir = stateDir;
        this.stack = stack;
        this.progress = progress;
        this.cleanup = cleanup;
        this.cluster = cluster;
    }

    BenchResult run() throws InterruptedException, ExecutionException, TimeoutException {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long t0 = System.nanoTime();
        ReferralSet backlog =
                ReferralSet.generate(connection, naming, settings.seed(), settings.referrals(), "B" + run);
        ReferralSet paced =
                ReferralSet.generate(connection, naming, settings.seed() + 1, settings.latencyReferrals(), "L" + run);
        ReferralSet warmup = settings.warmupReferrals() == 0
                ? null
                : ReferralSet.generate(connection, naming, settings.seed() + 2, settings.warmupReferrals(), "W" + run);
        ReferralSet history = settings.historyReferrals() == 0
                ? null
                : ReferralSet.generate(connection, naming, settings.seed() + 3, settings.historyReferrals(), "H" + run);
        int valueBytes = backlog.averageValueBytes();
        say(
                "Generated and serialized %,d + %,d referrals (mean %,d bytes) in %,d ms",
                backlog.size(), paced.size(), valueBytes, millisSince(t0));

        var raw = RawProduceBaseline.run(
                connection,
                naming.apply(Agency.POLICE.topic()),
                naming.apply("bench.raw-" + run),
                backlog.keys(),
                valueBytes);
        say(
                "1. Raw broker baseline: %,d records of %,d bytes in %,.0f ms = %,.0f records/s",
                backlog.size(), valueBytes, raw.millis(), raw.recordsPerSecond());

        Throughput eos = eosBaselinePhase(backlog, warmup);

        List<String> outcomeTopics = Arrays.stream(Agency.values())
                .map(a -> naming.apply(a.outcomesTopic()))
                .toList();
        try (AckWatcher acks = new AckWatcher(connection, outcomeTopics, naming.apply(Contracts.HUB_REFERRALS_TOPIC));
                RunCleanup.Started<RouterService> running =
                        cleanup.start(() -> RouterService.start(routerConfig()), RouterService::close)) {
            long started = System.nanoTime();
            RouterService router = running.get();
            Liveness routerAlive = cluster.and(Liveness.ofStreams("the router", router::state));
            long processing = awaitProcessing(router, routerAlive);
            double startupMillis = (processing - started) / 1e6;
            if (warmup != null) {
                long w0 = System.nanoTime();
                publishTransactionally(warmup, "W");
                awaitAll(acks, warmup.keys(), pipelineTimeout(), routerAlive);
                say("2. Router warmed up: %,d referrals, untimed (%,d ms)", warmup.size(), millisSince(w0));
            }
            if (history != null) {
                long h0 = System.nanoTime();
                publishTransactionally(history, "H");
                awaitAll(acks, history.keys(), timeoutFor(history.size()), routerAlive);
                say("   History preloaded: %,d referrals, untimed (%,d ms)", history.size(), millisSince(h0));
            }
            int warmupCount = warmup == null ? 0 : warmup.size();
            int historyCount = history == null ? 0 : history.size();
            Map<String, Double> comparedBefore = RouterDiagnostics.comparisons(router.streams());
            Map<String, Double> graphBefore = RouterDiagnostics.graphMessages(router.streams());
            Throughput pipeline = throughputPhase(acks, routerAlive, backlog, startupMillis);
            Map<String, Double> comparisons =
                    perReferral(comparedBefore, RouterDiagnostics.comparisons(router.streams()), backlog.size());
            Map<String, Double> graphMessages =
                    perReferral(graphBefore, RouterDiagnostics.graphMessages(router.streams()), backlog.size());
            if (!graphMessages.isEmpty()) {
                say(
                        "   %.2f case graph messages per referral, by kind: %s",
                        graphMessages.values().stream()
                                .mapToDouble(Double::doubleValue)
                                .sum(),
                        graphMessages.entrySet().stream()
                                .filter(e -> e.getValue() > 0)
                                .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()))
                                .collect(Collectors.joining(", ")));
            }
            say(
                    "   %.1f person comparisons per referral (%,d referrals before the backlog); "
                            + "exactly-once pass-through %,.0f referrals/s",
                    comparisons.getOrDefault(RouterDiagnostics.ALL_RULES, 0.0),
                    warmupCount + historyCount,
                    eos.recordsPerSecond());
            var anchors = new BenchResult.Anchors(
                    eos.recordsPerSecond(),
                    eos.millis(),
                    historyCount,
                    warmupCount + historyCount,
                    comparisons.getOrDefault(RouterDiagnostics.ALL_RULES, 0.0),
                    comparisons.entrySet().stream()
                            .filter(e -> !e.getKey().equals(RouterDiagnostics.ALL_RULES))
                            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
            // per referral over everything the router has done so far: warm-up, history and throughput phase alike
            RouterDiagnostics diagnostics =
                    diagnostics(router, outcomeTopics, backlog.size() + warmupCount + historyCount);

            Thread.sleep(1_000); // let the last transactions settle: the router is caught up
            say(
                    "4. Latency: %,d referrals at %,d/s for %d s",
                    paced.size(), settings.ratePerSecond(), settings.latencySeconds());
            LatencyPhase latency = latencyPhase(paced, acks, routerAlive);
            LatencyStats e2e = latency.endToEnd();
            say(
                    "   p50 %.1f ms, p99 %.1f ms, max %.1f ms (sent at %,.0f/s); first hop p50 %.1f ms",
                    e2e.percentileMillis(50),
                    e2e.percentileMillis(99),
                    e2e.maxMillis(),
                    latency.achievedRate(),
                    latency.firstHop().percentileMillis(50));

            long missing = acks.missing(backlog.keys())
                    + (history == null ? 0 : acks.missing(history.keys()))
                    + acks.missing(paced.keys())
                    + (warmup == null ? 0 : acks.missing(warmup.keys()));
            if (acks.moves() > 0) {
                say(
                        "   %,d referral(s) told of a split after their first acknowledgement (not duplicates)",
                        acks.moves());
            }
            acks.acknowledgedTwice().forEach(t -> say("   acknowledged twice: %s", t));
            return new BenchResult(
                    backlog.size(),
                    warmupCount,
                    valueBytes,
                    raw.recordsPerSecond(),
                    raw.millis(),
                    pipeline.recordsPerSecond(),
                    pipeline.millis(),
                    pipeline.startupMillis(),
                    settings.ratePerSecond(),
                    settings.latencySeconds(),
                    paced.size(),
                    latency.achievedRate(),
                    e2e.percentileMillis(50),
                    e2e.percentileMillis(90),
                    e2e.percentileMillis(99),
                    e2e.percentileMillis(99.9),
                    e2e.maxMillis(),
                    missing,
                    acks.duplicates(),
                    acks.outcomes(),
                    settings.commitIntervalMs(),
                    settings.streamThreads(),
                    Runtime.getRuntime().availableProcessors(),
                    load,
                    stack,
                    latency.firstHop().percentileMillis(50),
                    latency.firstHop().percentileMillis(99),
                    diagnostics,
                    anchors);
        }
    }

    /**
     * {@code baseline_eos_rps}: the same backlog through {@link EosBaseline} (after the same warm-up), in its own
     * topic namespace on the same broker, with the router's settings; closed before the router starts.
     */
    private Throughput eosBaselinePhase(ReferralSet backlog, ReferralSet warmup)
            throws InterruptedException, TimeoutException {
        UnaryOperator<String> eosNaming = name -> "bench-eos-" + run + "." + naming.apply(name);
        LocalStack.provision(connection, eosNaming);
        UnaryOperator<String> topics = topic -> Arrays.stream(Agency.values())
                .filter(a -> naming.apply(a.topic()).equals(topic))
                .map(a -> eosNaming.apply(a.topic()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("not an agency topic: " + topic));
        List<String> outcomeTopics = Arrays.stream(Agency.values())
                .map(a -> eosNaming.apply(a.outcomesTopic()))
                .toList();
        Map<String, Object> values = new java.util.HashMap<>(settings.routerOverrides());
        values.putAll(Map.of(
                RouterConfig.STATE_DIR,
                stateDir.resolve("eos-baseline").toString(),
                RouterConfig.APPLICATION_ID,
                "rj-bench-eos-" + run,
                RouterConfig.TOPIC_PREFIX,
                eosNaming.apply(""),
                RouterConfig.COMMIT_INTERVAL_MS,
                settings.commitIntervalMs(),
                RouterConfig.THREADS,
                settings.streamThreads(),
                RouterConfig.HTTP_PORT,
                -1));
        try (AckWatcher acks =
                        new AckWatcher(connection, outcomeTopics, eosNaming.apply(Contracts.HUB_REFERRALS_TOPIC));
                RunCleanup.Started<StreamsService> running = cleanup.start(
                        () -> EosBaseline.start(RouterConfig.of(connection, values)), StreamsService::close)) {
            StreamsService baseline = running.get();
            baseline.awaitRunning(ROUTER_START_TIMEOUT);
            Liveness baselineAlive = cluster.and(Liveness.ofStreams("the exactly-once baseline", baseline::state));
            if (warmup != null) {
                ReferralSet w = warmup.onTopics(topics);
                publishTransactionally(w, "EW");
                awaitAll(acks, w.keys(), timeoutFor(w.size()), baselineAlive);
            }
            ReferralSet b = backlog.onTopics(topics);
            long start = System.nanoTime();
            publishTransactionally(b, "EB");
            long last = awaitAll(acks, b.keys(), timeoutFor(b.size()), baselineAlive);
            double millis = (last - start) / 1e6;
            var t = new Throughput(b.size() / (millis / 1000), millis, 0);
            say(
                    "1b. Exactly-once one-hop pass-through: %,d referrals in %,.0f ms = %,.0f referrals/s",
                    b.size(), t.millis(), t.recordsPerSecond());
            return t;
        }
    }

    /** The growth of each counter from {@code before} to {@code after}, per referral. */
    static Map<String, Double> perReferral(Map<String, Double> before, Map<String, Double> after, int referrals) {
        Map<String, Double> out = new java.util.TreeMap<>();
        after.forEach((k, v) -> out.put(k, (v - before.getOrDefault(k, 0.0)) / referrals));
        return out;
    }

    /**
     * @param recordsPerSecond referrals per second from the start of publishing to the last acknowledgement
     * @param millis           that time
     * @param startupMillis    from starting the router to its start of processing
     */
    private record Throughput(double recordsPerSecond, double millis, double startupMillis) {}

    /**
     * Times the router over a backlog published at once (transactions of 1,000, as an agency system would
     * send a batch): from the start of publishing to the last acknowledgement visible.
     */
    private Throughput throughputPhase(AckWatcher acks, Liveness router, ReferralSet backlog, double startupMillis)
            throws InterruptedException, TimeoutException {
        long start = System.nanoTime();
        publishTransactionally(backlog, "B");
        say("3. Published %,d referrals to the agency topics in %,d ms", backlog.size(), millisSince(start));
        long last = awaitAll(acks, backlog.keys(), pipelineTimeout(), router);
        double millis = (last - start) / 1e6;
        var t = new Throughput(backlog.size() / (millis / 1000), millis, startupMillis);
        say(
                "   %,d acknowledgements visible after %,.0f ms = %,.0f referrals/s (router started in %,.0f ms)",
                backlog.size(), t.millis(), t.recordsPerSecond(), startupMillis);
        return t;
    }

    private RouterConfig routerConfig() {
        Map<String, Object> values = new java.util.HashMap<>(settings.routerOverrides());
        values.putAll(Map.of(
                RouterConfig.STATE_DIR,
                stateDir.toString(),
                RouterConfig.APPLICATION_ID,
                "rj-bench-router-" + run,
                RouterConfig.TOPIC_PREFIX,
                naming.apply(""),
                RouterConfig.COMMIT_INTERVAL_MS,
                settings.commitIntervalMs(),
                RouterConfig.THREADS,
                settings.streamThreads(),
                RouterConfig.HTTP_PORT,
                -1));
        return RouterConfig.of(connection, values);
    }

    /**
     * Waits for RUNNING, checking every millisecond so the start of processing is known to about 1 ms; fails at once
     * when the router stops first.
     */
    private static long awaitProcessing(RouterService router, Liveness alive) throws InterruptedException {
        long deadline = System.nanoTime() + ROUTER_START_TIMEOUT.toNanos();
        while (router.state() != KafkaStreams.State.RUNNING) {
            alive.check("not processing yet");
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "router not processing after " + ROUTER_START_TIMEOUT + ": " + router.state());
            }
            Thread.sleep(1);
        }
        return System.nanoTime();
    }

    /**
     * {@link AckWatcher#awaitAll}, saying at once when what it waits on has stopped: the failure itself is printed once
     * what the bench started is closed, which takes a while.
     */
    private long awaitAll(AckWatcher acks, Collection<String> keys, Duration timeout, Liveness producer)
            throws InterruptedException, TimeoutException {
        try {
            return acks.awaitAll(keys, timeout, producer);
        } catch (Liveness.StoppedException e) {
            say("   %s; closing what the bench started", cleanup.stopping() ? "Stopping on request" : e.getMessage());
            throw e;
        }
    }

    /** Generous: two minutes plus 50 ms per referral (twenty times slower than any run seen). */
    private Duration pipelineTimeout() {
        return timeoutFor(settings.referrals());
    }

    private static Duration timeoutFor(int referrals) {
        return Duration.ofSeconds(120).plusMillis(50L * referrals);
    }

    /** The router's metrics and writes after the throughput phase, before the latency phase adds to them. */
    private RouterDiagnostics diagnostics(RouterService router, List<String> outcomeTopics, int referrals)
            throws InterruptedException, ExecutionException {
        String internal = "rj-bench-router-" + run + "-";
        String hubTopics = naming.apply(Contracts.HUB_TOPIC_PREFIX);
        try (Admin admin = KafkaClients.of(connection).admin()) {
            return RouterDiagnostics.capture(
                    router.streams(),
                    admin,
                    t -> t.startsWith(internal) || t.startsWith(hubTopics) || outcomeTopics.contains(t),
                    internal,
                    referrals);
        }
    }

    /**
     * @param endToEnd send (due time) to first acknowledgement visible
     * @param firstHop send to canonical record visible: the first of the router's three transactions
     */
    private record LatencyPhase(LatencyStats endToEnd, LatencyStats firstHop, double achievedRate) {}

    private LatencyPhase latencyPhase(ReferralSet paced, AckWatcher acks, Liveness router)
            throws InterruptedException, TimeoutException {
        List<ReferralSet.Serialized> records = paced.records();
        long[] due = new long[records.size()];
        AtomicReference<Exception> failed = new AtomicReference<>();
        Callback onAck = (metadata, e) -> {
            if (e != null) {
                failed.compareAndSet(null, e);
            }
        };
        long lastSent;
        Pacer pacer;
        try (var producer = KafkaClients.of(connection)
                .producer(latencyProducer(), new StringSerializer(), new ByteArraySerializer())) {
            records.stream().map(ReferralSet.Serialized::topic).distinct().forEach(producer::partitionsFor);
            pacer = new Pacer(System.nanoTime() + 10_000_000L, settings.ratePerSecond());
            for (int i = 0; i < records.size(); i++) {
                due[i] = pacer.awaitDue(i);
                ReferralSet.Serialized r = records.get(i);
                producer.send(new ProducerRecord<>(r.topic(), r.key(), r.value()), onAck);
            }
            lastSent = System.nanoTime();
            producer.flush();
        }
        if (failed.get() != null) {
            throw new IllegalStateException(
                    "latency-phase send failed: " + failed.get().getMessage(), failed.get());
        }
        double sendSeconds = (lastSent - pacer.dueNanos(0)) / 1e9 + 1.0 / settings.ratePerSecond();
        try {
            awaitAll(acks, paced.keys(), Duration.ofSeconds(120).plusMillis(50L * paced.size()), router);
        } catch (TimeoutException e) {
            say("   %s; the percentiles cover the acknowledged ones only", e.getMessage());
        }
        LatencyStats stats = new LatencyStats();
        LatencyStats firstHop = new LatencyStats();
        for (int i = 0; i < records.size(); i++) {
            Long visible = acks.visibleAt(records.get(i).key());
            if (visible != null) {
                stats.recordNanos(visible - due[i]);
            }
            Long canonical = acks.canonicalAt(records.get(i).key());
            if (canonical != null) {
                firstHop.recordNanos(canonical - due[i]);
            }
        }
        return new LatencyPhase(stats, firstHop, records.size() / sendSeconds);
    }

    private Properties latencyProducer() {
        Properties p = connection.clientProperties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, LATENCY_PRODUCER_LINGER_MS);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "rj-bench-paced");
        return p;
    }

    /** The backlog as an agency system would send it: transactions of 1,000, all committed. */
    private void publishTransactionally(ReferralSet referrals, String batch) {
        Map<String, Object> p = Map.of(ProducerConfig.LINGER_MS_CONFIG, 5);
        try (var producer = KafkaClients.of(connection)
                .transactionalProducer(
                        "rj-bench-backlog-" + batch + run, p, new StringSerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            List<ReferralSet.Serialized> all = referrals.records();
            for (int from = 0; from < all.size(); from += TRANSACTION_RECORDS) {
                producer.beginTransaction();
                for (var r : all.subList(from, Math.min(all.size(), from + TRANSACTION_RECORDS))) {
                    producer.send(new ProducerRecord<>(r.topic(), r.key(), r.value()));
                }
                producer.commitTransaction();
            }
        }
    }

    private void say(String format, Object... args) {
        progress.printf(format + "%n", args);
        progress.flush();
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
