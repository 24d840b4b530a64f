package org.rjhub.testsupport;

import java.util.HashMap;
import java.util.Map;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.stack.RestartableBroker;
import org.rjhub.stack.StackLayout;

/**
 * A broker a test may stop and start (the broker's faults), started from the local Kafka runtime whatever the shared
 * stack is, beside the shared registry. Other tests never see it. Close it to stop it and delete its data.
 */
public final class OwnBroker implements AutoCloseable {

    private static final String HEAP = "384m";
    /** The prefix of the registry client's settings (Apicurio's names), e.g. its provisioning credentials. */
    private static final String REGISTRY_SETTINGS = "apicurio.registry.";

    private final RestartableBroker broker;
    private final TestStack stack;

    private OwnBroker(RestartableBroker broker, TestStack stack) {
        this.broker = broker;
        this.stack = stack;
    }

    /** Starts a broker of the test's own; schemas go to {@code shared}'s registry. */
    public static OwnBroker start(TestStack shared) {
        RestartableBroker broker = RestartableBroker.start(StackLayout.discover(), HEAP);
        // the broker is plaintext; the registry is the shared one, so its provisioning credentials carry over
        Map<String, String> registrySettings = new HashMap<>(shared.connection().clientSettings());
        registrySettings.keySet().removeIf(k -> !k.startsWith(REGISTRY_SETTINGS));
        KafkaConnection connection = new KafkaConnection(
                        broker.bootstrapServers(), shared.connection().registryUrl())
                .withClientSettings(registrySettings);
        return new OwnBroker(broker, new TestStack(connection, "own-broker"));
    }

    /** This broker with the shared registry: connection and namespaces as any test stack's. */
    public TestStack stack() {
        return stack;
    }

    /** Stops the broker process (SIGTERM, or SIGKILL with {@code kill}); returns once it is gone. */
    public void stop(boolean kill) {
        broker.stop(kill);
    }

    /** Starts it again on the same data and ports; returns once it answers. */
    public void restart() {
        broker.restart();
    }

    @Override
    public void close() {
        broker.close();
    }
}
