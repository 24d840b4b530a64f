package org.rjhub.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rjhub.testsupport.KafkaStackExtension;
import org.rjhub.testsupport.TestStack;

@ExtendWith(KafkaStackExtension.class)
class RouterHttpIT {

    @Test
    void shouldServeHealthAndKafkaStreamsMetricsIncludingDeduplicated(TestStack stack) throws Exception {
        UnaryOperator<String> naming = stack.newNamespace("http");
        RouterConfig config = RouterConfig.of(
                stack.connection(),
                Map.of(
                        RouterConfig.STATE_DIR,
                        Files.createTempDirectory("router-http").toString(),
                        RouterConfig.APPLICATION_ID,
                        "rj-router-http-" + System.nanoTime(),
                        RouterConfig.TOPIC_PREFIX,
                        naming.apply(""),
                        RouterConfig.HTTP_PORT,
                        0));
        try (RouterService router = RouterService.start(config)) {
            router.awaitRunning(Duration.ofSeconds(60));
            HttpClient client = HttpClient.newHttpClient();

            HttpResponse<String> ready = get(client, router.httpPort(), "/health/ready");
            HttpResponse<String> live = get(client, router.httpPort(), "/health/live");
            HttpResponse<String> metrics = get(client, router.httpPort(), "/metrics");

            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(metrics.body())
                    .contains("kafka_stream_")
                    .contains("deduplicated_total")
                    .contains("rj_retries_total{service=\"router\"} 0.0")
                    .contains("rj_graph_purged_offsets_total");
        }
    }

    private static HttpResponse<String> get(HttpClient client, int port, String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
