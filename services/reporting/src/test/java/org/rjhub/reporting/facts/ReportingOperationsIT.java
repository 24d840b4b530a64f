package org.rjhub.reporting.facts;

import static org.assertj.core.api.Assertions.assertThat;

import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rjhub.common.clients.KafkaClients;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.errors.RetryBackoff;
import org.rjhub.common.serde.AvroSerdes;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.reporting.TestSecrets;
import org.rjhub.reporting.store.ReportingConfig;
import org.rjhub.reporting.store.ReportingConsumer;
import org.rjhub.testsupport.KafkaStackExtension;
import org.rjhub.testsupport.TestStack;

/**
 * On the real broker and registry: the facts service and the reporting consumer serve their health and metrics,
 * count the facts that flow, and a reporting database that goes away for a while costs retries, not facts: the
 * consumer backs off, reconnects and writes every fact once when the database is back (the database is an H2 server
 * this test owns, so stopping it touches no other test).
 */
@ExtendWith(KafkaStackExtension.class)
class ReportingOperationsIT {

    private static final Duration PATIENCE = Duration.ofMinutes(3);

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldServeHealthAndCountFactsAndWriteEveryFactOnceAfterTheDatabaseWasAway(TestStack stack) throws Exception {
        // Given the facts service and the reporting consumer, on a database server of this test's own
        UnaryOperator<String> naming = stack.newNamespace("reporting-ops");
        KafkaConnection conn = stack.connection();
        Path work = Files.createTempDirectory("reporting-ops-it");
        String id = UUID.randomUUID().toString().substring(0, 8);
        int dbPort = freePort();
        String jdbcUrl = "jdbc:h2:tcp://127.0.0.1:" + dbPort + "/reporting";
        Server database = startDatabase(dbPort, work);
        try (FactsService facts = FactsService.start(FactsConfig.of(
                        conn,
                        Map.of(
                                FactsConfig.STATE_DIR,
                                work.resolve("facts").toString(),
                                FactsConfig.APPLICATION_ID,
                                "it-facts-ops-" + id,
                                FactsConfig.TOPIC_PREFIX,
                                naming.apply(""),
                                FactsConfig.HMAC_KEY,
                                TestSecrets.hmacKey(),
                                FactsConfig.HTTP_PORT,
                                0)));
                ReportingConsumer consumer = ReportingConsumer.create(ReportingConfig.of(
                        conn,
                        Map.of(
                                ReportingConfig.TOPIC_PREFIX,
                                naming.apply(""),
                                ReportingConfig.GROUP_ID,
                                "it-reporting-ops-" + id,
                                ReportingConfig.JDBC_URL,
                                jdbcUrl,
                                ReportingConfig.HTTP_PORT,
                                0,
                                RetryBackoff.INITIAL_MS,
                                200,
                                RetryBackoff.MAX_MS,
                                1000,
                                RetryBackoff.BUDGET_MS,
                                120_000)))) {
            Thread loop = new Thread(consumer, "reporting-ops-it");
            loop.start();

            // Then both are live and turn ready
            assertThat(get(facts.httpPort(), "/health/live").statusCode()).isEqualTo(200);
            awaitStatus(facts.httpPort(), "/health/ready", 200);
            awaitStatus(consumer.httpPort(), "/health/ready", 200);
            assertThat(get(consumer.httpPort(), "/health/live").statusCode()).isEqualTo(200);

            // When five referrals are rejected by the hub (each one fact)
            publishRejections(conn, naming, 0, 5);

            // Then the consumer counts five facts in and written, none failed; the facts service five produced
            awaitMetric(consumer.httpPort(), "rj_reporting_facts_written_total", 5);
            String consumerMetrics = get(consumer.httpPort(), "/metrics").body();
            assertThat(metric(consumerMetrics, "rj_reporting_facts_in_total")).isEqualTo(5);
            assertThat(metric(consumerMetrics, "rj_reporting_facts_failed_total"))
                    .isZero();
            assertThat(consumerMetrics).contains("rj_retries_total{service=\"reporting-consumer\"} 0.0");
            assertThat(consumerMetrics).as("the consumer's client metrics").contains("kafka_consumer_fetch_manager_");
            String factsProduced = "kafka_stream_topic_records_produced_total{topic=\""
                    + naming.apply("rj.reporting.case-facts.v1") + "\"}";
            awaitMetric(facts.httpPort(), factsProduced, 5);
            assertThat(get(facts.httpPort(), "/metrics").body())
                    .as("the retry counter, at zero")
                    .contains("rj_retries_total{service=\"reporting-facts\"} 0.0");
            assertThat(factsIn(jdbcUrl)).isEqualTo(5);

            // When the database goes away, three more referrals are rejected, and it comes back
            database.stop();
            awaitStatus(consumer.httpPort(), "/health/ready", 503);
            publishRejections(conn, naming, 5, 3);
            awaitMetric(consumer.httpPort(), "rj_retries_total", n -> n >= 2);
            assertThat(get(consumer.httpPort(), "/health/live").statusCode())
                    .as("retrying, not dead")
                    .isEqualTo(200);
            database = startDatabase(dbPort, work);

            // Then every fact is written once, the consumer is ready again and never stopped
            awaitMetric(consumer.httpPort(), "rj_reporting_facts_written_total", 8);
            awaitStatus(consumer.httpPort(), "/health/ready", 200);
            consumerMetrics = get(consumer.httpPort(), "/metrics").body();
            assertThat(metric(consumerMetrics, "rj_reporting_facts_failed_total"))
                    .isPositive();
            assertThat(factsIn(jdbcUrl)).isEqualTo(8);
            assertThat(consumer.failure()).isNull();
            awaitMetric(facts.httpPort(), factsProduced, 8);
        } finally {
            database.stop();
        }
    }

    private static Server startDatabase(int port, Path dir) throws SQLException {
        return Server.createTcpServer("-tcpPort", Integer.toString(port), "-baseDir", dir.toString(), "-ifNotExists")
                .start();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** REJECTED acknowledgements of referrals the hub never accepted: one REFERRAL_ONLY fact each. */
    private static void publishRejections(KafkaConnection conn, UnaryOperator<String> naming, int from, int count) {
        Properties p = conn.clientProperties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        AvroKafkaSerializer<Outcome> values = new AvroKafkaSerializer<>();
        values.configure(new AvroSerdes(conn).clientConfig(), false);
        try (KafkaProducer<String, Outcome> producer =
                KafkaClients.of(conn).producer(p, new StringSerializer(), values)) {
            for (int i = from; i < from + count; i++) {
                String referral = "PR-OPS-" + i;
                producer.send(new ProducerRecord<>(
                        naming.apply("police.outcomes.v1"),
                        referral,
                        Hub.ack(OutcomeType.REJECTED, SourceAgency.POLICE, referral, null, Hub.T0.plusSeconds(i))));
            }
        }
    }

    private void awaitStatus(int port, String path, int status) {
        Awaitility.await(path + " " + status)
                .atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> get(port, path).statusCode(), code -> code == status);
    }

    private void awaitMetric(int port, String name, double value) {
        awaitMetric(port, name, n -> n == value);
    }

    private void awaitMetric(int port, String name, java.util.function.DoublePredicate wanted) {
        Awaitility.await(name)
                .atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> metric(get(port, "/metrics").body(), name), wanted::test);
    }

    /**
     * The sum of every series of a metric in Prometheus text; {@code name{label="value"}} keeps the series with that
     * label only.
     */
    private static double metric(String text, String series) {
        int brace = series.indexOf('{');
        String name = brace < 0 ? series : series.substring(0, brace);
        String label = brace < 0 ? "" : series.substring(brace + 1, series.length() - 1);
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? ([0-9.eE+-]+)$")
                .matcher(text);
        double sum = 0;
        while (m.find()) {
            if (m.group(1) == null ? label.isEmpty() : m.group(1).contains(label)) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long factsIn(String jdbcUrl) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "sa", "");
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM rpt_facts")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
