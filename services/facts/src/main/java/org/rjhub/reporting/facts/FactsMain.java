package org.rjhub.reporting.facts;

import org.rjhub.common.service.ServiceRunner;

/**
 * Runs the facts service as a process ({@link ServiceRunner}: exits 1 when it stops on a fatal error or a spent retry
 * budget, {@code RJ_FACTS_RJ_RETRY_BUDGET_MS}; 2 on bad configuration). Settings come from the environment:
 * {@code KAFKA_BOOTSTRAP_SERVERS}, {@code RJ_REGISTRY_URL}, the pseudonymisation key file {@code RJ_FACTS_PSEUDONYM_KEYS}
 * (or the one secret {@code RJ_REPORTING_HMAC_KEY}, key version 1), and any other setting as {@code RJ_FACTS_<NAME>} (dots as underscores, e.g. {@code RJ_FACTS_STATE_DIR});
 * see {@link FactsConfig}. Health and metrics on {@code RJ_FACTS_RJ_HTTP_HOST} (loopback) port
 * {@code RJ_FACTS_RJ_HTTP_PORT} (8082).
 */
public final class FactsMain {

    private FactsMain() {}

    public static void main(String[] args) {
        ServiceRunner.forProcess(FactsService.NAME)
                .runAndExit(() -> FactsConfig.fromEnvironment(System.getenv()), FactsService::create);
    }
}
