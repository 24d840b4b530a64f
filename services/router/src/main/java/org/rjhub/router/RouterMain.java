package org.rjhub.router;

import java.util.Map;
import org.rjhub.common.config.Environment;
import org.rjhub.common.service.ServiceRunner;

/**
 * Runs the router as a process ({@link ServiceRunner}: exits 1 when it stops on a fatal error or a spent retry
 * budget, 2 on bad configuration). Settings come from the environment: {@code KAFKA_BOOTSTRAP_SERVERS},
 * {@code RJ_REGISTRY_URL}, and any router setting as {@code RJ_ROUTER_<NAME>} (dots as underscores,
 * e.g. {@code RJ_ROUTER_STATE_DIR}, {@code RJ_ROUTER_RJ_HTTP_PORT}, {@code RJ_ROUTER_RJ_HTTP_HOST}), and any Kafka
 * Streams setting as {@code RJ_ROUTER_STREAMS_<NAME>} (e.g. {@code RJ_ROUTER_STREAMS_PRODUCER_LINGER_MS}); see
 * {@link RouterConfig}.
 */
public final class RouterMain {

    private RouterMain() {}

    public static void main(String[] args) {
        ServiceRunner.forProcess(RouterService.NAME)
                .runAndExit(() -> new RouterConfig(fromEnvironment(System.getenv())), RouterService::create);
    }

    static Map<String, Object> fromEnvironment(Map<String, String> env) {
        return Environment.settings(env, "RJ_ROUTER_", RouterConfig.definition());
    }
}
