package org.rjhub.cli.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.rjhub.cli.up.ServiceEnvironment;
import org.rjhub.reporting.facts.FactsConfig;
import org.rjhub.reporting.facts.FactsService;
import org.rjhub.reporting.report.ReportCommand;
import org.rjhub.reporting.report.ReportData;
import org.rjhub.reporting.store.FactStore;
import org.rjhub.reporting.store.ReportingConfig;
import org.rjhub.reporting.store.ReportingConsumer;
import org.rjhub.stack.LocalStack;

/**
 * The demo's reporting pipeline: the facts service (pseudonymised case facts) and the exactly-once reporting consumer
 * into the embedded database that {@code hub report} reads, and at the end the HTML report of what the demo did.
 */
final class ReportingDemo implements AutoCloseable {

    private final FactsService facts;
    private final ReportingConsumer consumer;
    private final Thread consuming;
    private final String jdbcUrl;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private ReportingDemo(FactsService facts, ReportingConsumer consumer, String jdbcUrl) {
        this.facts = facts;
        this.consumer = consumer;
        this.jdbcUrl = jdbcUrl;
        this.consuming = new Thread(consumer, "demo-reporting-consumer");
    }

    /** Starts both, the facts service's state under {@code stateDir}, the facts into {@code jdbcUrl}. */
    static ReportingDemo start(DemoPrincipals principals, UnaryOperator<String> naming, Path stateDir, String jdbcUrl)
            throws SQLException {
        FactsConfig factsConfig = FactsConfig.of(
                principals.as("facts"),
                Map.of(
                        FactsConfig.STATE_DIR, stateDir.resolve("facts").toString(),
                        FactsConfig.APPLICATION_ID, naming.apply("rj-reporting-facts"),
                        FactsConfig.TOPIC_PREFIX, naming.apply(""),
                        FactsConfig.HTTP_PORT, -1,
                        FactsConfig.HMAC_KEY, ServiceEnvironment.randomHmacKey()));
        // provisioning creates the facts service's internal topics: its principal may not
        LocalStack.provisionInternal(principals.admin(), FactsService.internalTopics(factsConfig));
        FactsService facts = FactsService.start(factsConfig);
        try {
            ReportingConsumer consumer = ReportingConsumer.create(ReportingConfig.of(
                    principals.as("reporting"),
                    Map.of(
                            ReportingConfig.JDBC_URL,
                            jdbcUrl,
                            ReportingConfig.TOPIC_PREFIX,
                            naming.apply(""),
                            ReportingConfig.GROUP_ID,
                            naming.apply("rj-reporting-sql"),
                            ReportingConfig.HTTP_PORT,
                            -1)));
            ReportingDemo demo = new ReportingDemo(facts, consumer, jdbcUrl);
            demo.consuming.start();
            return demo;
        } catch (SQLException | RuntimeException e) {
            facts.close();
            throw e;
        }
    }

    /**
     * Waits until the hub, then the facts service has caught up with what it wrote, and the consumer with the facts
     * (each at most {@code max}).
     *
     * @return the facts applied
     */
    long awaitCaughtUp(CaughtUp caughtUp, Duration max) throws InterruptedException {
        caughtUp.awaitHub(max);
        caughtUp.await(facts.streams(), max);
        caughtUp.await(() -> consumer.failure() == null ? consumer.positions() : null, max);
        return consumer.applied();
    }

    /** Writes the report of the last year, as {@code hub report} does by default; returns its figures' source. */
    ReportData writeReport(Path html) throws SQLException {
        LocalDate to = LocalDate.now(FactStore.ZONE);
        try (Connection c = DriverManager.getConnection(jdbcUrl, "sa", "")) {
            c.setReadOnly(true);
            ReportData data = ReportData.load(c, to.minusYears(1).plusDays(1), to);
            ReportCommand.write(data, html);
            return data;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + html, e);
        }
    }

    /** Stops both (the database closed, so that the report reads all of it); {@link #close()} then does nothing. */
    void stop() {
        close();
    }

    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        consumer.close();
        try {
            consuming.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        facts.close();
    }
}
