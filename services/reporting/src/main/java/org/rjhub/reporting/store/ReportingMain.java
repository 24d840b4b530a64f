package org.rjhub.reporting.store;

import java.sql.SQLException;

/**
 * Runs the reporting consumer as a process. Settings come from the environment: {@code KAFKA_BOOTSTRAP_SERVERS},
 * {@code RJ_REGISTRY_URL}, and any setting as {@code RJ_REPORTING_<NAME>} (dots as underscores, e.g.
 * {@code RJ_REPORTING_JDBC_URL}); see {@link ReportingConfig}. Health and metrics on port
 * {@code RJ_REPORTING_RJ_HTTP_PORT} (8083) of {@code RJ_REPORTING_RJ_HTTP_HOST} (loopback by default). Exits 1 when it stops on an error or a spent retry budget.
 */
public final class ReportingMain {

    private ReportingMain() {}

    public static void main(String[] args) throws SQLException {
        ReportingConsumer consumer = ReportingConsumer.create(ReportingConfig.fromEnvironment(System.getenv()));
        Thread shutdown = new Thread(consumer::close, "reporting-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        consumer.run();
        if (consumer.failure() != null) {
            Runtime.getRuntime().removeShutdownHook(shutdown);
            System.exit(1);
        }
    }
}
