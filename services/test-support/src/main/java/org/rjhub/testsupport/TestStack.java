package org.rjhub.testsupport;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.rjhub.common.access.AccessPolicy;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.streams.InternalTopics;
import org.rjhub.stack.LocalStack;
import org.rjhub.stack.StackSecurity;

/**
 * What an integration test gets: a connection to a real broker and registry, and an isolated
 * namespace of the catalogue's topics so tests sharing one stack never see each other's records.
 *
 * <p>On the self-started stack the broker is secured (TLS, SASL SCRAM, ACLs of {@code deploy/access.yaml}):
 * {@link #connection()} is the admin (provisioning), {@link #connection(String)} a principal of the access file, and
 * {@link #newNamespace} grants each principal its rules within the namespace, so a test runs each program under its
 * own principal with the least it needs. On an existing cluster named by the environment, a Testcontainers broker
 * or a test's own broker (all plaintext), there are no principals: {@link #connection(String)} is the one
 * connection.
 */
public final class TestStack {

    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    private final KafkaConnection connection;
    private final StackSecurity security; // null: plaintext, no principals
    private final String mode;

    TestStack(KafkaConnection connection, String mode) {
        this(connection, null, mode);
    }

    TestStack(KafkaConnection connection, StackSecurity security, String mode) {
        this.connection = connection;
        this.security = security;
        this.mode = mode;
    }

    /** The stack as its admin, the provisioning principal (on a plaintext stack: the one connection). */
    public KafkaConnection connection() {
        return connection;
    }

    /**
     * The stack as {@code principal} of the access file ({@code router}, {@code cases}, {@code police} ...): its
     * client config. On a plaintext stack, the one connection.
     */
    public KafkaConnection connection(String principal) {
        return security == null ? connection : security.connection(connection, principal);
    }

    /**
     * The client config file (Kafka client properties, owner-only) of {@code principal}, for a program started as
     * a process ({@code KAFKA_CLIENT_CONFIG}); empty on a plaintext stack.
     */
    public Optional<java.nio.file.Path> clientConfigFile(String principal) {
        return security().map(s -> s.principals().get(principal).clientConfig());
    }

    /** The principals' client configs and the CA; empty on a plaintext stack. */
    public Optional<StackSecurity> security() {
        return Optional.ofNullable(security);
    }

    /** How the stack was obtained: {@code external}, {@code testcontainers}, {@code local} or {@code own-broker}. */
    public String mode() {
        return mode;
    }

    /** Starts a broker of the test's own (plaintext), which it may stop and start; close it when done. */
    public OwnBroker startOwnBroker() {
        return OwnBroker.start(this);
    }

    /**
     * Creates all catalogue topics and subjects under a fresh prefix, e.g. {@code t3-police.referrals.v1}, and on a
     * secured stack grants every principal its access-file rules there (names, prefixes, groups and transactional ids
     * under the prefix: a service's application id is {@code naming.apply("rj-router")}, an agency's groups
     * {@code naming.apply("police.")...}).
     *
     * @return the naming function to give the code under test
     */
    public UnaryOperator<String> newNamespace(String hint) {
        // the process id keeps the namespaces of test JVMs sharing one stack apart
        String prefix = "t" + ProcessHandle.current().pid() + "x" + NAMESPACES.incrementAndGet() + "-"
                + hint.replaceAll("[^A-Za-z0-9]", "").toLowerCase() + "-"
                + Long.toString(System.nanoTime() % 100_000, 36) + ".";
        UnaryOperator<String> naming = name -> prefix + name;
        LocalStack.provision(connection, naming);
        if (security != null) {
            LocalStack.applyAccess(AccessPolicy.load().namespaced(naming), connection, false);
        }
        return naming;
    }

    /**
     * Creates a Streams service's internal topics ahead, as production provisioning does (e.g.
     * {@code RouterService.internalTopics(config)}): its principal may not create them.
     */
    public void createInternalTopics(List<InternalTopics.InternalTopic> topics) {
        LocalStack.provisionInternal(connection, topics);
    }
}
