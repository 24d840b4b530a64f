package org.rjhub.cases;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.rjhub.stack.DevIdentityProvider;
import org.rjhub.testsupport.TestStack;

/**
 * The case service as a real-stack test runs it: as its own principal, under the access file's application id in the
 * test's namespace, signing in through {@code identity}, its internal topics created ahead as provisioning does (its
 * principal may not create topics).
 */
public final class CasesInNamespace {

    private CasesInNamespace() {}

    /** The case service's config in {@code naming}'s namespace, state in {@code stateDir}, any free HTTP port. */
    public static CasesConfig provision(
            TestStack stack, UnaryOperator<String> naming, Path stateDir, DevIdentityProvider identity) {
        return provision(stack, naming, stateDir, identity, Map.of());
    }

    /** As {@link #provision(TestStack, UnaryOperator, Path, DevIdentityProvider)}, with further settings. */
    public static CasesConfig provision(
            TestStack stack,
            UnaryOperator<String> naming,
            Path stateDir,
            DevIdentityProvider identity,
            Map<String, ?> overrides) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(CasesConfig.STATE_DIR, stateDir.toString());
        settings.put(CasesConfig.APPLICATION_ID, naming.apply("rj-cases"));
        settings.put(CasesConfig.TOPIC_PREFIX, naming.apply(""));
        settings.put(CasesConfig.HTTP_PORT, 0);
        settings.put(CasesConfig.AUTH_ISSUER, identity.issuer().toString());
        settings.put(CasesConfig.AUTH_JWKS_URL, identity.jwksUri().toString());
        settings.putAll(overrides);
        CasesConfig config = CasesConfig.of(stack.connection("cases"), settings);
        stack.createInternalTopics(CasesService.internalTopics(config));
        return config;
    }
}
