package org.rjhub.lagmonitor.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rjhub.lagmonitor.TestSnapshots.group;
import static org.rjhub.lagmonitor.TestSnapshots.partition;
import static org.rjhub.lagmonitor.TestSnapshots.snapshot;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rjhub.lagmonitor.LagSnapshot;
import org.rjhub.lagmonitor.TestSnapshots;
import org.rjhub.lagmonitor.business.BusinessLag;
import org.rjhub.lagmonitor.status.PartitionStatus;
import org.rjhub.lagmonitor.timelag.TimeLag;

class LagMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final LagMetrics metrics = new LagMetrics(registry);

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void shouldExposeTheSnapshotUnderKafkaExporterNames() {
        // Given a group 7 records and 12.5 s behind on one partition, caught up on another
        metrics.update(snapshot(group(
                "rj-router",
                partition(
                        "police.referrals.v1",
                        0,
                        93,
                        100,
                        new TimeLag(12.5, TimeLag.Method.INTERPOLATED),
                        PartitionStatus.STOP,
                        "no commit"),
                partition("police.referrals.v1", 1, 40, 40, TimeLag.CAUGHT_UP, PartitionStatus.OK, "caught up"))));

        // When scraped
        String text = registry.scrape();

        // Then
        assertThat(text)
                .contains(
                        "kafka_consumergroup_lag{consumergroup=\"rj-router\",partition=\"0\",topic=\"police.referrals.v1\"} 7.0")
                .contains(
                        "kafka_consumergroup_lag{consumergroup=\"rj-router\",partition=\"1\",topic=\"police.referrals.v1\"} 0.0")
                .contains(
                        "kafka_consumergroup_current_offset{consumergroup=\"rj-router\",partition=\"0\",topic=\"police.referrals.v1\"} 93.0")
                .contains(
                        "kafka_consumergroup_lag_seconds{consumergroup=\"rj-router\",partition=\"0\",topic=\"police.referrals.v1\"} 12.5")
                .contains("kafka_consumergroup_lag_sum{consumergroup=\"rj-router\",topic=\"police.referrals.v1\"} 7.0")
                .contains("kafka_topic_partition_current_offset{partition=\"0\",topic=\"police.referrals.v1\"} 100.0")
                .contains("rj_consumergroup_status{consumergroup=\"rj-router\",status=\"ERR\"} 1.0")
                .contains("rj_consumergroup_status{consumergroup=\"rj-router\",status=\"OK\"} 0.0")
                .contains("rj_consumergroup_status{consumergroup=\"rj-router\",status=\"WARN\"} 0.0");
    }

    @Test
    void shouldFollowTheLatestSnapshotAndRemoveTheSeriesOfAGroupThatIsGone() {
        // Given two groups
        metrics.update(snapshot(
                group("rj-router", partition("t", 0, 5, 10, TimeLag.UNKNOWN, PartitionStatus.OK, "ok")),
                group("rj-outcomes", partition("t", 0, 1, 10, TimeLag.UNKNOWN, PartitionStatus.OK, "ok"))));

        // When the next snapshot has only rj-router, further behind
        metrics.update(
                snapshot(group("rj-router", partition("t", 0, 5, 30, TimeLag.UNKNOWN, PartitionStatus.OK, "ok"))));
        String text = registry.scrape();

        // Then rj-outcomes has no series left, and rj-router shows the new value
        assertThat(text)
                .doesNotContain("rj-outcomes")
                .contains("kafka_consumergroup_lag{consumergroup=\"rj-router\",partition=\"0\",topic=\"t\"} 25.0")
                .contains(
                        "kafka_consumergroup_lag_seconds{consumergroup=\"rj-router\",partition=\"0\",topic=\"t\"} NaN");
    }

    @Test
    void shouldExposeBusinessLagReadings() {
        LagSnapshot withBusiness = new LagSnapshot(
                TestSnapshots.AT,
                List.of(),
                List.of(new BusinessLag("oldest_unassigned_case_age", "essex-south", Duration.ofSeconds(90))));

        metrics.update(withBusiness);

        assertThat(registry.scrape())
                .contains("rj_business_lag_seconds{measure=\"oldest_unassigned_case_age\",queue=\"essex-south\"} 90.0");
    }
}
