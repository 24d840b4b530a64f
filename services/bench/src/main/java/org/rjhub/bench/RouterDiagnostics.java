package org.rjhub.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Why the router is as fast as it is: its own metrics (work per referral, where the stream thread's
 * time goes, commits, producer retries) and what it wrote to each topic, taken once the throughput
 * phase is done.
 *
 * @param recordsProcessedPerReferral records the stream thread(s) processed per referral (all hops)
 * @param recordsSentPerReferral      records the router's producer(s) sent per referral
 * @param commits                     exactly-once transactions committed
 * @param commitLatencyAvgMs          mean time of one commit (flush, offsets, end transaction)
 * @param commitLatencyMaxMs          longest commit
 * @param producerFlushMs             time the producer(s) spent in flush (waiting for acks before a commit)
 * @param producerRetries             produce retries (CONCURRENT_TRANSACTIONS, OUT_OF_ORDER_SEQUENCE_NUMBER ...)
 * @param processRatio                share of the stream thread's recent time spent processing
 * @param commitRatio                 share spent committing
 * @param pollRatio                   share spent polling
 * @param topics                      per topic the router writes: log records (with transaction markers) and
 *                                    bytes, per referral
 */
record RouterDiagnostics(
        double recordsProcessedPerReferral,
        double recordsSentPerReferral,
        long commits,
        double commitLatencyAvgMs,
        double commitLatencyMaxMs,
        double producerFlushMs,
        long producerRetries,
        double processRatio,
        double commitRatio,
        double pollRatio,
        Map<String, TopicWrites> topics) {

    /** What one topic received per referral: log entries (records and transaction markers) and bytes. */
    record TopicWrites(double recordsPerReferral, double bytesPerReferral) {}

    /**
     * @param routerTopic    which topics of the cluster the router writes
     * @param internalPrefix the prefix of the router's internal topics (its application id and a dash),
     *                       left out of the names reported
     */
    static RouterDiagnostics capture(
            KafkaStreams streams, Admin admin, Predicate<String> routerTopic, String internalPrefix, int referrals)
            throws InterruptedException, ExecutionException {
        Map<MetricName, ? extends Metric> m = streams.metrics();
        return new RouterDiagnostics(
                sum(m, "stream-thread-metrics", "process-total") / referrals,
                sum(m, "producer-metrics", "record-send-total") / referrals,
                (long) sum(m, "stream-thread-metrics", "commit-total"),
                mean(m, "stream-thread-metrics", "commit-latency-avg"),
                max(m, "stream-thread-metrics", "commit-latency-max"),
                sum(m, "producer-metrics", "flush-time-ns-total") / 1e6,
                (long) sum(m, "producer-metrics", "record-retry-total"),
                mean(m, "stream-thread-metrics", "process-ratio"),
                mean(m, "stream-thread-metrics", "commit-ratio"),
                mean(m, "stream-thread-metrics", "poll-ratio"),
                topicWrites(admin, routerTopic, internalPrefix, referrals));
    }

    private static Map<String, TopicWrites> topicWrites(
            Admin admin, Predicate<String> routerTopic, String internalPrefix, int referrals)
            throws InterruptedException, ExecutionException {
        Set<String> names =
                admin.listTopics().names().get().stream().filter(routerTopic).collect(Collectors.toSet());
        Map<String, TopicDescription> described =
                admin.describeTopics(names).allTopicNames().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        described
                .values()
                .forEach(d -> d.partitions()
                        .forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
        Map<String, Long> records = new HashMap<>();
        admin.listOffsets(latest)
                .all()
                .get()
                .forEach((tp, info) -> records.merge(tp.topic(), info.offset(), Long::sum));
        Map<String, Long> bytes = new HashMap<>();
        List<Integer> brokers =
                admin.describeCluster().nodes().get().stream().map(n -> n.id()).toList();
        admin.describeLogDirs(brokers)
                .allDescriptions()
                .get()
                .values()
                .forEach(dirs -> dirs.values()
                        .forEach(dir -> dir.replicaInfos().forEach((tp, replica) -> {
                            if (names.contains(tp.topic())) {
                                bytes.merge(tp.topic(), replica.size(), Long::sum);
                            }
                        })));
        Map<String, TopicWrites> out = new TreeMap<>();
        for (String topic : names) {
            long n = records.getOrDefault(topic, 0L);
            if (n > 0) {
                String label = topic.startsWith(internalPrefix) ? topic.substring(internalPrefix.length()) : topic;
                out.put(
                        label,
                        new TopicWrites((double) n / referrals, (double) bytes.getOrDefault(topic, 0L) / referrals));
            }
        }
        return out;
    }

    /** The metric group of the router's own sensors. */
    static final String ROUTER_METRICS = "stream-rj-router-metrics";

    static final String ALL_RULES = "all";

    /**
     * Person comparisons the router has scored so far, over all its threads and tasks: {@value #ALL_RULES} for
     * every one, and by blocking rule ({@code ds}, {@code ps} ...: the rule of the key a pair was first compared
     * under). Empty when the router counts none.
     */
    static Map<String, Double> comparisons(KafkaStreams streams) {
        Map<String, Double> out = new TreeMap<>(counters(streams, "comparisons-"));
        Double all = totals(streams).get("comparisons");
        if (all != null) {
            out.put(ALL_RULES, all);
        }
        return out;
    }

    /**
     * The partitioned case graph's messages applied so far, by kind ({@code join}, {@code absorb} ...: what its topic
     * carried); empty on the one-partition graph.
     */
    static Map<String, Double> graphMessages(KafkaStreams streams) {
        return counters(streams, "graph-messages-");
    }

    /** The router's counters named {@code <prefix><name>-total}, by name, summed over its threads and tasks. */
    private static Map<String, Double> counters(KafkaStreams streams, String prefix) {
        Map<String, Double> out = new TreeMap<>();
        totals(streams).forEach((n, v) -> {
            if (n.startsWith(prefix)) {
                out.put(n.substring(prefix.length()), v);
            }
        });
        return out;
    }

    /** Every counter of the router's own sensors ({@code <name>-total}), by name, summed over threads and tasks. */
    private static Map<String, Double> totals(KafkaStreams streams) {
        Map<String, Double> out = new TreeMap<>();
        streams.metrics().forEach((name, metric) -> {
            String n = name.name();
            if (name.group().equals(ROUTER_METRICS)
                    && n.endsWith("-total")
                    && metric.metricValue() instanceof Number v
                    && Double.isFinite(v.doubleValue())) {
                out.merge(n.substring(0, n.length() - "-total".length()), v.doubleValue(), Double::sum);
            }
        });
        return out;
    }

    double recordsWrittenPerReferral() {
        return topics.values().stream()
                .mapToDouble(TopicWrites::recordsPerReferral)
                .sum();
    }

    double bytesWrittenPerReferral() {
        return topics.values().stream()
                .mapToDouble(TopicWrites::bytesPerReferral)
                .sum();
    }

    private static double sum(Map<MetricName, ? extends Metric> metrics, String group, String name) {
        return values(metrics, group, name).stream()
                .mapToDouble(Double::doubleValue)
                .sum();
    }

    private static double mean(Map<MetricName, ? extends Metric> metrics, String group, String name) {
        return values(metrics, group, name).stream()
                .mapToDouble(Double::doubleValue)
                .average()
                .orElse(0);
    }

    private static double max(Map<MetricName, ? extends Metric> metrics, String group, String name) {
        return values(metrics, group, name).stream()
                .mapToDouble(Double::doubleValue)
                .max()
                .orElse(0);
    }

    /** The finite values of one metric across clients and threads. */
    private static List<Double> values(Map<MetricName, ? extends Metric> metrics, String group, String name) {
        return metrics.entrySet().stream()
                .filter(e ->
                        e.getKey().group().equals(group) && e.getKey().name().equals(name))
                .map(e -> e.getValue().metricValue())
                .filter(Number.class::isInstance)
                .map(v -> ((Number) v).doubleValue())
                .filter(Double::isFinite)
                .toList();
    }
}
