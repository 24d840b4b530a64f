package org.rjhub.cases;

import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.rjhub.common.config.Environment;

/**
 * Runs the case service as a process. Settings come from the environment: {@code KAFKA_BOOTSTRAP_SERVERS},
 * {@code RJ_REGISTRY_URL}, and any setting of {@link CasesConfig} as {@code RJ_CASES_<NAME>} (dots as
 * underscores, without a leading {@code rj.cases.} or {@code rj.}: {@code RJ_CASES_STATE_DIR},
 * {@code RJ_CASES_HTTP_PORT}, {@code RJ_CASES_TOPIC_PREFIX}, {@code RJ_CASES_SLA_NO_PROGRESS_DAYS},
 * {@code RJ_CASES_RETRY_BUDGET_MS}); any Kafka Streams setting as {@code RJ_CASES_STREAMS_<NAME>}, e.g.
 * {@code RJ_CASES_STREAMS_PRODUCER_LINGER_MS}. Exits 1 when the service stops on a fatal error or a spent retry budget.
 */
public final class CasesMain {

    private CasesMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        CasesService service = CasesService.start(new CasesConfig(fromEnvironment(System.getenv())));
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "cases-shutdown"));
        service.awaitRunning(java.time.Duration.ofMinutes(10));
        service.awaitTermination();
        if (service.streams().state() == KafkaStreams.State.ERROR) {
            System.exit(1);
        }
    }

    static Map<String, Object> fromEnvironment(Map<String, String> env) {
        return Environment.settings(env, "RJ_CASES_", CasesConfig.definition(), "rj.cases.", "rj.");
    }
}
