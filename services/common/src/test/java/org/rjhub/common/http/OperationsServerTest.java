package org.rjhub.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class OperationsServerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldAnswerTheProbesAndServeTheRegistryOnLoopback() throws Exception {
        // Given a service not ready yet, with one counter
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.counter("rj.test.things", "kind", "synthetic").increment(3);
        AtomicBoolean ready = new AtomicBoolean();
        try (OperationsServer server = OperationsServer.start(
                0,
                () -> new Health(true, "POLLING"),
                () -> new Health(ready.get(), ready.get() ? "READY" : "NO_ASSIGNMENT"),
                registry)) {

            // Then live answers 200, ready 503 until the service is ready, and metrics the counter's value
            assertThat(get(server, "/health/live").statusCode()).isEqualTo(200);
            HttpResponse<String> notReady = get(server, "/health/ready");
            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThat(notReady.body()).contains("\"state\":\"NO_ASSIGNMENT\"");
            ready.set(true);
            assertThat(get(server, "/health/ready").statusCode()).isEqualTo(200);
            HttpResponse<String> metrics = get(server, "/metrics");
            assertThat(metrics.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
            assertThat(metrics.body()).contains("rj_test_things_total{kind=\"synthetic\"} 3.0");
        }
    }

    private HttpResponse<String> get(OperationsServer server, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
