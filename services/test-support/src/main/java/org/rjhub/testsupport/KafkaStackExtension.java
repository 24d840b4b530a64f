package org.rjhub.testsupport;

import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.stack.LocalStack;
import org.rjhub.stack.StackLayout;
import org.rjhub.stack.StackOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Gives integration tests a {@link TestStack}, started once per test JVM and shared:
 * <ol>
 *   <li>{@code KAFKA_BOOTSTRAP_SERVERS} + {@code RJ_REGISTRY_URL} set: that existing cluster and registry (with
 *       {@code KAFKA_CLIENT_CONFIG}'s settings, if set), one connection for every principal;</li>
 *   <li>a Docker engine answers: Testcontainers' Apache Kafka (plaintext), with the self-started registry, one
 *       connection for every principal;</li>
 *   <li>otherwise: the self-started local stack (real KRaft broker and Apicurio Registry), secured as {@code hub up}
 *       runs it: TLS, SASL SCRAM, ACLs of the access file, a client config per principal
 *       ({@link TestStack#connection(String)}); under a Maven build that sets {@value SharedStack#PROPERTY}, one
 *       such stack for the whole build, shared by its test JVMs ({@link SharedStack}), else one per test JVM.</li>
 * </ol>
 */
public final class KafkaStackExtension implements ParameterResolver {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaStackExtension.class);
    private static final String KAFKA_IMAGE = "apache/kafka:4.1.1";

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == TestStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        // the launcher session's store, not the root context's: Surefire and Failsafe run each test class of a fork
        // that takes its classes one at a time as an execution of its own, whose root context closes after the class
        return extension
                .getStore(ExtensionContext.StoreScope.LAUNCHER_SESSION, ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Holder.class, k -> start(System.getenv()), Holder.class)
                .stack;
    }

    private static Holder start(Map<String, String> env) {
        var external = KafkaConnection.fromEnvironment(env);
        if (external.isPresent()) {
            LOG.info("Integration tests use the existing cluster named by the environment");
            return new Holder(new TestStack(external.get(), "external"), null, null);
        }
        if (dockerAnswers()) {
            KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
            kafka.start();
            LocalStack registry = LocalStack.start(
                    StackLayout.discover(), StackOptions.defaults().plaintext(), kafka.getBootstrapServers());
            return new Holder(new TestStack(registry.connection(), "testcontainers"), registry, kafka);
        }
        var shared = SharedStack.join();
        if (shared.isPresent()) {
            return new Holder(shared.get(), null, null);
        }
        LocalStack stack = LocalStack.start(StackLayout.discover(), StackOptions.defaults());
        LOG.info(
                "Integration tests use the self-started secured local stack (no Docker engine), up in {} ms",
                stack.startupMillis());
        return new Holder(new TestStack(stack.connection(), stack.security().orElseThrow(), "local"), stack, null);
    }

    private static boolean dockerAnswers() {
        if ("false".equalsIgnoreCase(System.getenv("RJ_TESTCONTAINERS"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Closed by JUnit when the launcher session closes, at the end of the test JVM's run. */
    private record Holder(TestStack stack, LocalStack local, KafkaContainer container) implements AutoCloseable {
        @Override
        public void close() {
            if (local != null) {
                local.close();
            }
            if (container != null) {
                container.stop();
            }
        }
    }
}
