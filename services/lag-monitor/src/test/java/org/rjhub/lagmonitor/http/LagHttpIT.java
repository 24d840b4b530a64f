package org.rjhub.lagmonitor.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rjhub.lagmonitor.KafkaFixtures.unique;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rjhub.lagmonitor.KafkaFixtures;
import org.rjhub.lagmonitor.LagMonitorConfig;
import org.rjhub.lagmonitor.LagMonitorService;
import org.rjhub.testsupport.Await;
import org.rjhub.testsupport.KafkaStackExtension;
import org.rjhub.testsupport.TestStack;

/** The deployable over HTTP: health, Prometheus metrics and JSON, against the real broker. */
@ExtendWith(KafkaStackExtension.class)
class LagHttpIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void shouldServeLagAsPrometheusMetricsAndJsonAndDropAGroupThatIsDeleted(TestStack stack) throws Exception {
        // Given a group 7 records behind on a partition of 12
        // the lag monitor takes no client config yet: a plaintext broker of the test's own beside the secured stack
        try (org.rjhub.testsupport.OwnBroker own = stack.startOwnBroker();
                KafkaFixtures kafka = new KafkaFixtures(own.stack().connection().bootstrapServers())) {
            String topic = unique("http");
            String group = unique("http-group");
            TopicPartition tp = new TopicPartition(topic, 0);
            kafka.createTopic(topic, 1);
            kafka.produce(tp, 12);
            try (KafkaConsumer<String, String> consumer = kafka.consumer(group)) {
                KafkaFixtures.commit(consumer, tp, 5);
            }
            LagMonitorConfig config = LagMonitorConfig.defaults(kafka.bootstrapServers())
                    .withGroupFilter(Pattern.compile(Pattern.quote(group)))
                    .withPollInterval(Duration.ofMillis(200))
                    .withHttpPort(0);

            // When the service runs
            try (LagMonitorService service = LagMonitorService.start(config)) {
                String base = "http://127.0.0.1:" + service.port();
                assertThat(get(base + "/health/live").statusCode()).isEqualTo(200);
                Await.until("ready", DEADLINE, () -> get(base + "/health/ready").statusCode(), code -> code == 200);
                String series = "{consumergroup=\"" + group + "\",partition=\"0\",topic=\"" + topic + "\"}";
                String metrics = Await.until(
                        "the group's lag in /metrics",
                        DEADLINE,
                        () -> get(base + "/metrics").body(),
                        // a scrape during the first poll may hold some of the series only: wait for the last ones
                        body -> body.contains("kafka_consumergroup_lag" + series)
                                && body.contains("kafka_consumergroup_current_offset" + series)
                                && body.contains("rj_consumergroup_status{consumergroup=\"" + group + "\""));

                // Then /metrics has every series, under kafka_exporter's names
                assertThat(get(base + "/metrics").headers().firstValue("Content-Type"))
                        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
                assertThat(metrics)
                        .contains("kafka_consumergroup_lag" + series + " 7.0")
                        .contains("kafka_consumergroup_current_offset" + series + " 5.0")
                        .contains("kafka_consumergroup_lag_seconds" + series)
                        .contains("kafka_consumergroup_lag_sum{consumergroup=\"" + group + "\",topic=\"" + topic
                                + "\"} 7.0")
                        .contains("kafka_topic_partition_current_offset{partition=\"0\",topic=\"" + topic + "\"} 12.0")
                        .contains("rj_consumergroup_status{consumergroup=\"" + group + "\",status=\"OK\"}")
                        .contains("rj_consumergroup_status{consumergroup=\"" + group + "\",status=\"ERR\"}")
                        .contains("rj_lagmonitor_poll_failures_total")
                        .contains("rj_lagmonitor_last_poll_success_timestamp_seconds");

                // And /lag has the group, its partition, status and evidence
                HttpResponse<String> lag = get(base + "/lag");
                assertThat(lag.headers().firstValue("Content-Type"))
                        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
                JsonNode g =
                        new ObjectMapper().readTree(lag.body()).path("groups").get(0);
                assertThat(g.path("group").asText()).isEqualTo(group);
                assertThat(g.path("status").asText()).isIn("OK", "WARN", "ERR");
                JsonNode p = g.path("partitions").get(0);
                assertThat(p.path("topic").asText()).isEqualTo(topic);
                assertThat(p.path("committedOffset").asLong()).isEqualTo(5);
                assertThat(p.path("logEndOffset").asLong()).isEqualTo(12);
                assertThat(p.path("lag").asLong()).isEqualTo(7);
                assertThat(p.path("status").asText()).isNotBlank();
                assertThat(p.path("evidence")
                                .path("window")
                                .get(0)
                                .path("offset")
                                .asLong())
                        .isEqualTo(5);

                // And when the group is deleted, its series go
                kafka.deleteGroup(group);
                Await.until(
                        "the group's series gone from /metrics",
                        DEADLINE,
                        () -> get(base + "/metrics").body(),
                        body -> !body.contains(group));
            }
        }
    }

    private HttpResponse<String> get(String url) {
        try {
            return http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
