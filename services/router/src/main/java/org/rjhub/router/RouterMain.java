package org.rjhub.router;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.rjhub.common.config.Environment;
import org.rjhub.common.http.OperationsServer;

/**
 * Runs the router as a process. Settings come from the environment: {@code KAFKA_BOOTSTRAP_SERVERS},
 * {@code RJ_REGISTRY_URL}, and any router setting as {@code RJ_ROUTER_<NAME>} (dots as underscores,
 * e.g. {@code RJ_ROUTER_STATE_DIR}, {@code RJ_ROUTER_RJ_HTTP_PORT}), and any Kafka Streams setting as
 * {@code RJ_ROUTER_STREAMS_<NAME>} (e.g. {@code RJ_ROUTER_STREAMS_PRODUCER_LINGER_MS}); see {@link RouterConfig}.
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
        return Environment.settings(env, "RJ_ROUTER_", RouterConfig.definition());
    }
}
