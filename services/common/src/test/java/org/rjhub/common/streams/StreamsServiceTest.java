package org.rjhub.common.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.LogAndFailExceptionHandler;
import org.apache.kafka.streams.errors.LogAndFailProcessingExceptionHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.service.ServiceRunner;

/**
 * The shared running of a Streams service, on a real Kafka Streams client whose broker is not there (nothing is
 * processed; the client starts, serves its HTTP port and closes). A fatal stop is shown on the real stack by the
 * services' ITs (e.g. {@code FactsServiceExitIT}).
 */
class StreamsServiceTest {

    /** Nothing listens on port 1: the client starts and keeps trying to connect. */
    private static final KafkaConnection NOWHERE = KafkaConnection.of("127.0.0.1:1", "http://127.0.0.1:1/");

    private static final class TestConfig extends StreamsServiceConfig {
        static final ConfigDef DEF = define(new ConfigDef(), "rj-streams-service-test", "unused", 8090, 100L);

        TestConfig(Map<String, ?> values) {
            super(DEF, values);
        }

        Properties streamsProperties() {
            return streamsProperties(LogAndFailExceptionHandler.class, LogAndFailProcessingExceptionHandler.class, 0L);
        }
    }

    @TempDir
    Path state;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldServeHealthAndMetricsOnTheConfiguredAddressAndStopCleanlyWhenClosed() throws Exception {
        // Given a service started with a free port on loopback
        TestConfig config =
                config(Map.of(StreamsServiceConfig.HTTP_PORT, 0, StreamsServiceConfig.HTTP_HOST, "127.0.0.1"));
        StreamsService service = StreamsService.start(
                "test-service", config, topology(), config.streamsProperties(), StreamsService.OPERATIONS);
        int port = service.httpPort();

        // Then it is live (not RUNNING without a broker, so not ready) and serves its retry counter
        try {
            assertThat(port).isPositive();
            assertThat(get(port, "/health/live").statusCode()).isEqualTo(200);
            assertThat(get(port, "/health/ready").statusCode()).isEqualTo(503);
            assertThat(get(port, "/metrics").body()).contains("rj_retries_total{service=\"test-service\"} 0.0");
        } finally {
            // When it is closed (twice: the runner's close and the shutdown hook's)
            service.close();
            service.close();
        }

        // Then it stopped cleanly, not on a failure, and its port is closed
        assertThat(service.awaitStop()).isEqualTo(ServiceRunner.Stop.CLOSED);
        assertThat(service.failed()).isFalse();
        assertThat(service.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
        assertThatThrownBy(() -> get(port, "/health/live")).isInstanceOf(ConnectException.class);
    }

    @Test
    void shouldServeNothingWhenThePortIsOff() {
        TestConfig config = config(Map.of(StreamsServiceConfig.HTTP_PORT, -1));
        StreamsService service = StreamsService.start(
                "test-service", config, topology(), config.streamsProperties(), (s, host, port) -> {
                    throw new AssertionError("no HTTP port to open");
                });
        service.close();

        assertThat(service.httpPort()).isEqualTo(-1);
    }

    @Test
    void shouldStartNothingWhenItsPortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            TestConfig config = config(Map.of(StreamsServiceConfig.HTTP_PORT, taken.getLocalPort()));

            assertThatThrownBy(() -> StreamsService.start(
                            "test-service", config, topology(), config.streamsProperties(), StreamsService.OPERATIONS))
                    .isInstanceOf(RuntimeException.class);
        }
    }

    private TestConfig config(Map<String, Object> overrides) {
        Map<String, Object> values = new java.util.HashMap<>(overrides);
        values.put(StreamsServiceConfig.STATE_DIR, state.toString());
        values.put(StreamsServiceConfig.APPLICATION_ID, "rj-streams-service-test-" + System.nanoTime());
        return new TestConfig(StreamsServiceConfig.withConnection(NOWHERE, values));
    }

    private static Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in").to("out");
        return builder.build();
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
