package org.rjhub.reporting.facts;

import org.apache.kafka.streams.KafkaStreams;

/**
 * Runs the facts service as a process. Settings come from the environment: {@code KAFKA_BOOTSTRAP_SERVERS},
 * {@code RJ_REGISTRY_URL}, {@code RJ_REPORTING_HMAC_KEY} (the pseudonymisation secret), and any other setting as
 * {@code RJ_FACTS_<NAME>} (dots as underscores, e.g. {@code RJ_FACTS_STATE_DIR}); see {@link FactsConfig}.
 * Exits 1 when the service stops on a fatal error or a spent retry budget ({@code RJ_FACTS_RJ_RETRY_BUDGET_MS});
 * health and metrics on loopback port {@code RJ_FACTS_RJ_HTTP_PORT} (8082).
 */
public final class FactsMain {

    private FactsMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        FactsService service = FactsService.start(FactsConfig.fromEnvironment(System.getenv()));
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "facts-shutdown"));
        service.awaitTermination();
        if (service.state() == KafkaStreams.State.ERROR) {
            System.exit(1);
        }
    }
}
