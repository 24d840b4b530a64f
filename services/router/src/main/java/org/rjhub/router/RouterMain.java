package org.rjhub.router;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.rjhub.common.http.OperationsServer;

/**
 * Runs the router as a process. Settings come from the environment: {@code KAFKA_BOOTSTRAP_SERVERS},
 * {@code RJ_REGISTRY_URL}, and any router setting as {@code RJ_ROUTER_<NAME>} (dots as underscores,
 * e.g. {@code RJ_ROUTER_STATE_DIR}, {@code RJ_ROUTER_RJ_HTTP_PORT}); see {@link RouterConfig}.
 */
public final class RouterMain {

    private RouterMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        RouterConfig config = new RouterConfig(fromEnvironment(System.getenv()));
        RouterService service = RouterService.start(config);
        OperationsServer http = config.httpPort() < 0 ? null : service.serveOperations(config.httpPort());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (http != null) {
                http.close();
            }
            service.close();
            stopped.countDown();
        }, "router-shutdown"));
        stopped.await();
    }

    static Map<String, Object> fromEnvironment(Map<String, String> env) {
        Map<String, Object> values = new HashMap<>();
        if (env.containsKey("KAFKA_BOOTSTRAP_SERVERS")) {
            values.put(RouterConfig.BOOTSTRAP_SERVERS, env.get("KAFKA_BOOTSTRAP_SERVERS"));
        }
        if (env.containsKey("RJ_REGISTRY_URL")) {
            values.put(RouterConfig.REGISTRY_URL, env.get("RJ_REGISTRY_URL"));
        }
        for (String name : RouterConfig.definition().names()) {
            String key = "RJ_ROUTER_" + name.toUpperCase(java.util.Locale.ROOT).replace('.', '_');
            if (env.containsKey(key)) {
                values.put(name, env.get(key));
            }
        }
        return values;
    }
}
