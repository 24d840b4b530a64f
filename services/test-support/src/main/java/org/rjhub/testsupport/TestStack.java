package org.rjhub.testsupport;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.stack.LocalStack;

/**
 * What an integration test gets: a connection to a real broker and registry, and an isolated
 * namespace of the catalogue's topics so tests sharing one stack never see each other's records.
 */
public final class TestStack {

    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    private final KafkaConnection connection;
    private final String mode;

    TestStack(KafkaConnection connection, String mode) {
        this.connection = connection;
        this.mode = mode;
    }

    public KafkaConnection connection() {
        return connection;
    }

    /** How the stack was obtained: {@code external}, {@code testcontainers} or {@code local}. */
    public String mode() {
        return mode;
    }

    /** Starts a broker of the test's own, which it may stop and start; close it when done. */
    public OwnBroker startOwnBroker() {
        return OwnBroker.start(this);
    }

    /**
     * Creates all catalogue topics and subjects under a fresh prefix, e.g. {@code t3-police.referrals.v1}.
     *
     * @return the naming function to give the code under test
     */
    public UnaryOperator<String> newNamespace(String hint) {
        String prefix = "t" + NAMESPACES.incrementAndGet() + "-"
                + hint.replaceAll("[^A-Za-z0-9]", "").toLowerCase() + "-"
                + Long.toString(System.nanoTime() % 100_000, 36) + ".";
        UnaryOperator<String> naming = name -> prefix + name;
        LocalStack.provision(connection, naming);
        return naming;
    }
}
