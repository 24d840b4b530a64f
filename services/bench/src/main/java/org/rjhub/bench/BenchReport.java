package org.rjhub.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The figures of a run as a table for people and as JSON for tools. */
final class BenchReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BenchReport() {}

    /**
     * The JSON document: the required keys ({@code pipeline_rps}, {@code raw_produce_rps}, {@code ratio},
     * {@code p50_ms}, {@code p99_ms}, {@code referrals}) first, then the context needed to read them.
     */
    static ObjectNode json(BenchResult r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("pipeline_rps", round(r.pipelineRps(), 1));
        n.put("raw_produce_rps", round(r.rawProduceRps(), 1));
        n.put("ratio", round(r.ratio(), 4));
        n.put("p50_ms", round(r.p50Ms(), 2));
        n.put("p99_ms", round(r.p99Ms(), 2));
        n.put("referrals", r.referrals());
        BenchResult.Anchors a = r.anchors();
        n.put("baseline_eos_rps", round(a.baselineEosRps(), 1));
        n.put("eos_ratio", round(r.eosRatio(), 4));
        n.put("eos_ratio_target_met", r.eosRatioMet());
        n.put("comparisons_per_referral", round(a.comparisonsPerReferral(), 2));
        ObjectNode perRule = n.putObject("comparisons_per_referral_by_rule");
        new java.util.TreeMap<>(a.comparisonsPerRule()).forEach((rule, c) -> perRule.put(rule, round(c, 2)));
        n.put("backlog_referrals", r.referrals());
        n.put("history_referrals", a.historyReferrals());
        n.put("referrals_before_backlog", a.referralsBefore());
        n.put("baseline_eos_ms", round(a.baselineEosMs(), 1));
        n.put("warmup_referrals", r.warmupReferrals());
        n.put("p90_ms", round(r.p90Ms(), 2));
        n.put("p999_ms", round(r.p999Ms(), 2));
        n.put("max_ms", round(r.maxMs(), 2));
        n.put("rate", r.ratePerSecond());
        n.put("achieved_rate", round(r.achievedRatePerSecond(), 1));
        n.put("latency_seconds", r.latencySeconds());
        n.put("latency_referrals", r.latencyReferrals());
        n.put("pipeline_ms", round(r.pipelineMs(), 1));
        n.put("raw_produce_ms", round(r.rawProduceMs(), 1));
        n.put("router_startup_ms", round(r.routerStartupMs(), 1));
        n.put("record_bytes", r.averageValueBytes());
        n.put("missing_acks", r.missingAcks());
        n.put("duplicate_acks", r.duplicateAcks());
        n.put("outcome_records", r.outcomeRecords());
        n.put("commit_interval_ms", r.commitIntervalMs());
        n.put("stream_threads", r.streamThreads());
        n.put("machine_cores", r.machineCores());
        n.put("load_average_at_start", round(r.loadAverageAtStart(), 2));
        n.put("stack", r.stack());
        n.put("ratio_target_met", r.ratioMet());
        n.put("p99_target_met", r.p99Met());
        n.put("first_hop_p50_ms", round(r.firstHopP50Ms(), 2));
        n.put("first_hop_p99_ms", round(r.firstHopP99Ms(), 2));
        RouterDiagnostics d = r.diagnostics();
        ObjectNode router = n.putObject("router_diagnostics");
        router.put("records_processed_per_referral", round(d.recordsProcessedPerReferral(), 2));
        router.put("records_sent_per_referral", round(d.recordsSentPerReferral(), 2));
        router.put("log_records_written_per_referral", round(d.recordsWrittenPerReferral(), 2));
        router.put("log_bytes_written_per_referral", Math.round(d.bytesWrittenPerReferral()));
        router.put("commits", d.commits());
        router.put("commit_latency_avg_ms", round(d.commitLatencyAvgMs(), 1));
        router.put("commit_latency_max_ms", round(d.commitLatencyMaxMs(), 1));
        router.put("producer_flush_ms", round(d.producerFlushMs(), 0));
        router.put("producer_retries", d.producerRetries());
        router.put("thread_process_ratio", round(d.processRatio(), 3));
        router.put("thread_commit_ratio", round(d.commitRatio(), 3));
        router.put("thread_poll_ratio", round(d.pollRatio(), 3));
        ObjectNode topics = router.putObject("writes_per_referral_by_topic");
        d.topics()
                .forEach((topic, w) -> topics.putObject(topic)
                        .put("records", round(w.recordsPerReferral(), 2))
                        .put("bytes", Math.round(w.bytesPerReferral())));
        return n;
    }

    static void writeJson(BenchResult r, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, JSON.writeValueAsString(json(r)) + System.lineSeparator());
    }

    static String table(BenchResult r) {
        StringBuilder t = new StringBuilder();
        String row = "%-44s %18s  %s%n";
        t.append(String.format(Locale.ROOT, row, "Figure", "Value", "Target"));
        t.append(String.format(Locale.ROOT, row, "-".repeat(44), "-".repeat(18), "-".repeat(14)));
        t.append(String.format(Locale.ROOT, row, "Referrals (throughput phase)", count(r.referrals()), ""));
        t.append(String.format(Locale.ROOT, row, "  after an untimed warm-up of", count(r.warmupReferrals()), ""));
        t.append(String.format(Locale.ROOT, row, "Mean serialized referral", count(r.averageValueBytes()) + " B", ""));
        t.append(String.format(
                Locale.ROOT,
                row,
                "Raw broker produce (acks=all, idempotent)",
                count(Math.round(r.rawProduceRps())) + " /s",
                ""));
        t.append(String.format(
                Locale.ROOT, row, "Pipeline, exactly-once router", count(Math.round(r.pipelineRps())) + " /s", ""));
        t.append(String.format(
                Locale.ROOT,
                row,
                "Exactly-once one-hop pass-through",
                count(Math.round(r.anchors().baselineEosRps())) + " /s",
                ""));
        t.append(String.format(
                Locale.ROOT,
                row,
                "Ratio pipeline / pass-through",
                String.format(Locale.ROOT, "%.3f", r.eosRatio()),
                verdict(r.eosRatioMet(), ">= " + BenchResult.EOS_RATIO_TARGET)));
        t.append(String.format(
                Locale.ROOT,
                row,
                "Router history before the backlog",
                count(r.anchors().referralsBefore()) + " (" + count(r.anchors().historyReferrals()) + " --history)",
                ""));
        t.append(String.format(
                Locale.ROOT,
                row,
                "Person comparisons per referral",
                String.format(Locale.ROOT, "%.1f", r.anchors().comparisonsPerReferral()),
                ""));
        new java.util.TreeMap<>(r.anchors().comparisonsPerRule())
                .forEach((rule, c) -> t.append(String.format(
                        Locale.ROOT, row, "  under rule " + rule, String.format(Locale.ROOT, "%.1f", c), "")));
        t.append(String.format(
                Locale.ROOT,
                row,
                "Ratio pipeline / raw",
                String.format(Locale.ROOT, "%.3f", r.ratio()),
                verdict(r.ratioMet(), ">= " + BenchResult.RATIO_TARGET)));
        t.append(String.format(
                Locale.ROOT,
                row,
                "Latency phase: referrals sent",
                count(r.latencyReferrals()) + String.format(Locale.ROOT, " @ %,.0f/s", r.achievedRatePerSecond()),
                ""));
        t.append(String.format(Locale.ROOT, row, "End-to-end latency p50", millis(r.p50Ms()), ""));
        t.append(String.format(Locale.ROOT, row, "End-to-end latency p90", millis(r.p90Ms()), ""));
        t.append(String.format(
                Locale.ROOT,
                row,
                "End-to-end latency p99",
                millis(r.p99Ms()),
                verdict(r.p99Met(), "< " + (int) BenchResult.P99_TARGET_MS + " ms")));
        t.append(String.format(Locale.ROOT, row, "End-to-end latency p99.9", millis(r.p999Ms()), ""));
        t.append(String.format(Locale.ROOT, row, "End-to-end latency max", millis(r.maxMs()), ""));
        t.append(String.format(
                Locale.ROOT,
                row,
                "  of which the first hop (intake) p50 / p99",
                String.format(Locale.ROOT, "%.0f / %.0f ms", r.firstHopP50Ms(), r.firstHopP99Ms()),
                ""));
        t.append(String.format(
                Locale.ROOT,
                row,
                "Acknowledged exactly once",
                r.exactlyOnce() ? "yes" : r.missingAcks() + " missing, " + r.duplicateAcks() + " dup",
                ""));
        t.append(String.format(
                Locale.ROOT,
                row,
                "Router commit.interval.ms / stream threads",
                r.commitIntervalMs() + " / " + r.streamThreads(),
                ""));
        t.append(String.format(
                Locale.ROOT,
                row,
                "Machine cores / load average at start",
                r.machineCores() + String.format(Locale.ROOT, " / %.2f", r.loadAverageAtStart()),
                ""));
        diagnostics(t, r.diagnostics());
        return t.toString();
    }

    private static void diagnostics(StringBuilder t, RouterDiagnostics d) {
        String row = "%-44s %18s%n";
        t.append(String.format(Locale.ROOT, "%nRouter during the throughput phase (per referral unless said)%n"));
        t.append(String.format(
                Locale.ROOT,
                row,
                "Records processed by the stream thread(s)",
                String.format(Locale.ROOT, "%.1f", d.recordsProcessedPerReferral())));
        t.append(String.format(
                Locale.ROOT,
                row,
                "Records sent by the router's producer(s)",
                String.format(Locale.ROOT, "%.1f", d.recordsSentPerReferral())));
        t.append(String.format(
                Locale.ROOT,
                row,
                "Log entries / bytes written (with markers)",
                String.format(
                        Locale.ROOT,
                        "%.1f / %,d B",
                        d.recordsWrittenPerReferral(),
                        Math.round(d.bytesWrittenPerReferral()))));
        double otherRecords = 0;
        double otherBytes = 0;
        int others = 0;
        var byBytes = d.topics().entrySet().stream()
                .sorted((a, b) -> Double.compare(
                        b.getValue().bytesPerReferral(), a.getValue().bytesPerReferral()))
                .toList();
        for (var e : byBytes) {
            RouterDiagnostics.TopicWrites w = e.getValue();
            if (w.recordsPerReferral() >= 0.5) {
                t.append(String.format(
                        Locale.ROOT,
                        row,
                        "  " + shorten(e.getKey(), 42),
                        String.format(
                                Locale.ROOT,
                                "%.2f / %,d B",
                                w.recordsPerReferral(),
                                Math.round(w.bytesPerReferral()))));
            } else {
                otherRecords += w.recordsPerReferral();
                otherBytes += w.bytesPerReferral();
                others++;
            }
        }
        if (others > 0) {
            t.append(String.format(
                    Locale.ROOT,
                    row,
                    "  other topics (" + others + ": outcomes, queues)",
                    String.format(Locale.ROOT, "%.2f / %,d B", otherRecords, Math.round(otherBytes))));
        }
        t.append(String.format(
                Locale.ROOT,
                row,
                "Commits (total) / mean / max",
                String.format(
                        Locale.ROOT,
                        "%d / %.0f / %.0f ms",
                        d.commits(),
                        d.commitLatencyAvgMs(),
                        d.commitLatencyMaxMs())));
        t.append(String.format(
                Locale.ROOT,
                row,
                "Producer flush time (total) / retries",
                String.format(Locale.ROOT, "%,.0f ms / %,d", d.producerFlushMs(), d.producerRetries())));
        t.append(String.format(
                Locale.ROOT,
                row,
                "Thread time: process / commit / poll",
                String.format(Locale.ROOT, "%.2f / %.2f / %.2f", d.processRatio(), d.commitRatio(), d.pollRatio())));
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : "…" + s.substring(s.length() - max + 1);
    }

    private static String verdict(boolean met, String target) {
        return target + (met ? "  met" : "  MISSED");
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String millis(double ms) {
        return String.format(Locale.ROOT, "%.1f ms", ms);
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
