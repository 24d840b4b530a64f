package org.rjhub.router;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.rjhub.testsupport.TestStack;

/**
 * The router as a real-stack test runs it: as its own principal, under the access file's application id in the test's
 * namespace, its internal topics created ahead as provisioning does (its principal may not create topics).
 */
public final class RouterInNamespace {

    private RouterInNamespace() {}

    /** The router's config in {@code naming}'s namespace, state in {@code stateDir}, no HTTP port; topics created. */
    public static RouterConfig provision(TestStack stack, UnaryOperator<String> naming, Path stateDir) {
        return provision(stack, naming, stateDir, Map.of());
    }

    /** As {@link #provision(TestStack, UnaryOperator, Path)}, with further settings ({@code overrides} win). */
    public static RouterConfig provision(
            TestStack stack, UnaryOperator<String> naming, Path stateDir, Map<String, ?> overrides) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(RouterConfig.STATE_DIR, stateDir.toString());
        settings.put(RouterConfig.APPLICATION_ID, naming.apply("rj-router"));
        settings.put(RouterConfig.TOPIC_PREFIX, naming.apply(""));
        settings.put(RouterConfig.HTTP_PORT, -1);
        settings.putAll(overrides);
        RouterConfig config = RouterConfig.of(stack.connection("router"), settings);
        stack.createInternalTopics(RouterService.internalTopics(config));
        return config;
    }
}
