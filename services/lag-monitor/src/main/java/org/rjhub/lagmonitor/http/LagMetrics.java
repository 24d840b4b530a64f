package org.rjhub.lagmonitor.http;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.rjhub.lagmonitor.GroupLag;
import org.rjhub.lagmonitor.LagMonitor;
import org.rjhub.lagmonitor.LagSnapshot;
import org.rjhub.lagmonitor.PartitionLag;
import org.rjhub.lagmonitor.business.BusinessLag;
import org.rjhub.lagmonitor.status.GroupStatus;

/**
 * The monitor's snapshot as Micrometer gauges, named as kafka_exporter names them so that its dashboards work:
 * <ul>
 *   <li>{@code kafka_consumergroup_lag{consumergroup,topic,partition}}</li>
 *   <li>{@code kafka_consumergroup_current_offset{consumergroup,topic,partition}} (committed offset)</li>
 *   <li>{@code kafka_consumergroup_lag_seconds{consumergroup,topic,partition}} (NaN while unknown)</li>
 *   <li>{@code kafka_consumergroup_lag_sum{consumergroup,topic}}</li>
 *   <li>{@code kafka_topic_partition_current_offset{topic,partition}} (log-end offset, for the partitions the
 *       watched groups consume)</li>
 *   <li>{@code rj_consumergroup_status{consumergroup,status}}: 1 for the group's status, 0 for the others</li>
 *   <li>{@code rj_business_lag_seconds{measure,queue}} (once a business lag source is plugged in)</li>
 *   <li>{@code rj_lagmonitor_poll_failures_total} and {@code rj_lagmonitor_last_poll_success_timestamp_seconds}</li>
 * </ul>
 * Each gauge reads the latest snapshot when scraped; the rows of a group, topic or partition that is gone are removed
 * at the next snapshot.
 */
public final class LagMetrics {

    private record PartitionKey(String group, String topic, int partition) {
        Tags tags() {
            return Tags.of("consumergroup", group, "topic", topic, "partition", Integer.toString(partition));
        }
    }

    private record TopicKey(String group, String topic) {}

    private record LogKey(String topic, int partition) {}

    private record BusinessKey(String measure, String queue) {}

    /** The snapshot, indexed for the gauges. */
    private record Index(
            Map<PartitionKey, PartitionLag> partitions,
            Map<TopicKey, Long> topicSums,
            Map<LogKey, Long> logEnds,
            Map<String, GroupStatus> statuses,
            Map<BusinessKey, Double> business) {

        static final Index EMPTY = new Index(Map.of(), Map.of(), Map.of(), Map.of(), Map.of());

        static Index of(LagSnapshot s) {
            Map<PartitionKey, PartitionLag> partitions = new HashMap<>();
            Map<TopicKey, Long> sums = new HashMap<>();
            Map<LogKey, Long> ends = new HashMap<>();
            Map<String, GroupStatus> statuses = new HashMap<>();
            for (GroupLag g : s.groups()) {
                statuses.put(g.group(), g.status());
                g.lagByTopic().forEach((topic, sum) -> sums.put(new TopicKey(g.group(), topic), sum));
                for (PartitionLag p : g.partitions()) {
                    partitions.put(new PartitionKey(g.group(), p.topic(), p.partition()), p);
                    ends.put(new LogKey(p.topic(), p.partition()), p.logEndOffset());
                }
            }
            Map<BusinessKey, Double> business = new HashMap<>();
            for (BusinessLag b : s.businessLag()) {
                business.put(new BusinessKey(b.measure(), b.queue()), b.age().toMillis() / 1000.0);
            }
            return new Index(partitions, sums, ends, statuses, business);
        }
    }

    private final MultiGauge lag;
    private final MultiGauge committedOffset;
    private final MultiGauge lagSeconds;
    private final MultiGauge lagSum;
    private final MultiGauge logEndOffset;
    private final MultiGauge status;
    private final MultiGauge businessLag;
    private volatile Index index = Index.EMPTY;

    public LagMetrics(MeterRegistry registry) {
        lag = MultiGauge.builder("kafka.consumergroup.lag")
                .description("Log-end offset minus committed offset of a consumer group on a partition")
                .register(registry);
        committedOffset = MultiGauge.builder("kafka.consumergroup.current.offset")
                .description("Committed offset of a consumer group on a partition")
                .register(registry);
        lagSeconds = MultiGauge.builder("kafka.consumergroup.lag.seconds")
                .description("Seconds since the committed offset was the log-end offset (estimated from a lookup "
                        + "table of log-end offsets; NaN while unknown)")
                .register(registry);
        lagSum = MultiGauge.builder("kafka.consumergroup.lag.sum")
                .description("Summed lag of a consumer group over the partitions of a topic")
                .register(registry);
        logEndOffset = MultiGauge.builder("kafka.topic.partition.current.offset")
                .description("Log-end offset of a partition consumed by a watched group")
                .register(registry);
        status = MultiGauge.builder("rj.consumergroup.status")
                .description("Burrow status of a consumer group: 1 for the current status, 0 for the others")
                .register(registry);
        businessLag = MultiGauge.builder("rj.business.lag.seconds")
                .description("Business lag readings (e.g. age of the oldest unassigned case) per measure and queue")
                .register(registry);
    }

    /** Registers the gauges and keeps them up to date with the monitor's snapshots. */
    public static LagMetrics bind(LagMonitor monitor, MeterRegistry registry) {
        LagMetrics metrics = new LagMetrics(registry);
        FunctionCounter.builder("rj.lagmonitor.poll.failures", monitor, LagMonitor::pollFailures)
                .description("Polls of the cluster that failed")
                .register(registry);
        Gauge.builder(
                        "rj.lagmonitor.last.poll.success.timestamp.seconds",
                        monitor,
                        m -> m.lastSuccess().map(t -> t.toEpochMilli() / 1000.0).orElse(Double.NaN))
                .description("When the last successful poll read the log-end offsets (Unix time)")
                .register(registry);
        monitor.latest().ifPresent(metrics::update);
        monitor.addListener(metrics::update);
        return metrics;
    }

    /** Publishes a snapshot: rows for new keys are added, rows of keys that are gone are removed. */
    public void update(LagSnapshot snapshot) {
        Index next = Index.of(snapshot);
        index = next;
        lag.register(rows(next.partitions().keySet(), PartitionKey::tags, k -> i -> lagOf(i, k)), false);
        committedOffset.register(
                rows(next.partitions().keySet(), PartitionKey::tags, k -> i -> committedOf(i, k)), false);
        lagSeconds.register(rows(next.partitions().keySet(), PartitionKey::tags, k -> i -> secondsOf(i, k)), false);
        lagSum.register(
                rows(
                        next.topicSums().keySet(),
                        k -> Tags.of("consumergroup", k.group(), "topic", k.topic()),
                        k -> i -> orNaN(i.topicSums().get(k))),
                false);
        logEndOffset.register(
                rows(
                        next.logEnds().keySet(),
                        k -> Tags.of("topic", k.topic(), "partition", Integer.toString(k.partition())),
                        k -> i -> orNaN(i.logEnds().get(k))),
                false);
        List<MultiGauge.Row<?>> statusRows = new ArrayList<>();
        for (String group : next.statuses().keySet()) {
            for (GroupStatus s : GroupStatus.values()) {
                statusRows.add(MultiGauge.Row.of(
                        Tags.of("consumergroup", group, "status", s.name()), this, m -> statusOf(m.index, group, s)));
            }
        }
        status.register(statusRows, false);
        businessLag.register(
                rows(
                        next.business().keySet(),
                        k -> Tags.of("measure", k.measure(), "queue", k.queue()),
                        k -> i -> orNaN(i.business().get(k))),
                false);
    }

    private <K> List<MultiGauge.Row<?>> rows(
            Iterable<K> keys, Function<K, Tags> tags, Function<K, ToDoubleFunction<Index>> value) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (K key : keys) {
            ToDoubleFunction<Index> f = value.apply(key);
            rows.add(MultiGauge.Row.of(tags.apply(key), this, (LagMetrics m) -> f.applyAsDouble(m.index)));
        }
        return rows;
    }

    private static double lagOf(Index i, PartitionKey k) {
        PartitionLag p = i.partitions().get(k);
        return p == null ? Double.NaN : p.lag();
    }

    private static double committedOf(Index i, PartitionKey k) {
        PartitionLag p = i.partitions().get(k);
        return p == null ? Double.NaN : p.committedOffset();
    }

    private static double secondsOf(Index i, PartitionKey k) {
        PartitionLag p = i.partitions().get(k);
        return p == null ? Double.NaN : p.timeLag().seconds();
    }

    private static double statusOf(Index i, String group, GroupStatus s) {
        GroupStatus current = i.statuses().get(group);
        return current == null ? Double.NaN : current == s ? 1 : 0;
    }

    private static double orNaN(Number n) {
        return n == null ? Double.NaN : n.doubleValue();
    }
}
