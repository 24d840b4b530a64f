package org.rjhub.cases;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Runs the case service as a process. Settings come from the environment: {@code KAFKA_BOOTSTRAP_SERVERS},
 * {@code RJ_REGISTRY_URL}, and any setting of {@link CasesConfig} as {@code RJ_CASES_<NAME>} (dots as
 * underscores, without a leading {@code rj.cases.} or {@code rj.}: {@code RJ_CASES_STATE_DIR},
 * {@code RJ_CASES_HTTP_PORT}, {@code RJ_CASES_TOPIC_PREFIX}, {@code RJ_CASES_SLA_NO_PROGRESS_DAYS},
 * {@code RJ_CASES_RETRY_BUDGET_MS}). Exits 1 when the service stops on a fatal error or a spent retry budget.
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
        Map<String, Object> values = new HashMap<>();
        if (env.containsKey("KAFKA_BOOTSTRAP_SERVERS")) {
            values.put(CasesConfig.BOOTSTRAP_SERVERS, env.get("KAFKA_BOOTSTRAP_SERVERS"));
        }
        if (env.containsKey("RJ_REGISTRY_URL")) {
            values.put(CasesConfig.REGISTRY_URL, env.get("RJ_REGISTRY_URL"));
        }
        for (String name : CasesConfig.definition().names()) {
            String shortName = name.startsWith("rj.cases.") ? name.substring("rj.cases.".length())
                    : name.startsWith("rj.") ? name.substring("rj.".length()) : name;
            String key = "RJ_CASES_" + shortName.toUpperCase(Locale.ROOT).replace('.', '_');
            if (env.containsKey(key)) {
                values.put(name, env.get(key));
            }
        }
        return values;
    }
}
