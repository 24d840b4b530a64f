package org.rjhub.cases;

import java.util.Map;
import org.rjhub.common.config.Environment;
import org.rjhub.common.service.ServiceRunner;

/**
 * Runs the case service as a process ({@link ServiceRunner}: exits 1 when it stops on a fatal error or a spent retry
 * budget, 2 on bad configuration). Settings come from the environment: {@code KAFKA_BOOTSTRAP_SERVERS},
 * {@code RJ_REGISTRY_URL}, and any setting of {@link CasesConfig} as {@code RJ_CASES_<NAME>} (dots as underscores,
 * the service's own {@code rj.cases.} left out): {@code RJ_CASES_STATE_DIR}, {@code RJ_CASES_RJ_HTTP_PORT},
 * {@code RJ_CASES_RJ_HTTP_HOST}, {@code RJ_CASES_RJ_TOPIC_PREFIX}, {@code RJ_CASES_RJ_RETRY_BUDGET_MS},
 * {@code RJ_CASES_SLA_NO_PROGRESS_DAYS}, {@code RJ_CASES_ADVERTISED_HOST} (where the other instances reach this one's
 * API), {@code RJ_CASES_NUM_STANDBY_REPLICAS}; any Kafka Streams setting as {@code RJ_CASES_STREAMS_<NAME>}, e.g.
 * {@code RJ_CASES_STREAMS_PRODUCER_LINGER_MS}.
 */
public final class CasesMain {

    private CasesMain() {}

    public static void main(String[] args) {
        ServiceRunner.forProcess(CasesService.NAME)
                .runAndExit(() -> new CasesConfig(fromEnvironment(System.getenv())), CasesService::create);
    }

    static Map<String, Object> fromEnvironment(Map<String, String> env) {
        return Environment.settings(env, "RJ_CASES_", CasesConfig.definition(), "rj.cases.");
    }
}
