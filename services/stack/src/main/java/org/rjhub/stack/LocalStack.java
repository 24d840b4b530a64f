package org.rjhub.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.rjhub.common.access.AccessPlan;
import org.rjhub.common.access.AccessPolicy;
import org.rjhub.common.clients.KafkaClients;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.registry.CatalogueSchemas;
import org.rjhub.common.registry.RegistryCredentials;
import org.rjhub.common.registry.SchemaRegistrar;
import org.rjhub.common.streams.InternalTopics;
import org.rjhub.common.topics.TopicCatalogue;
import org.rjhub.common.topics.TopicProvisioner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's local stack: a real Kafka broker and a real Apicurio Registry on loopback, with the
 * catalogue's topics and the contracts' schemas in place. Close it to stop both.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    /** How many times a stack on picked ports is started when another process takes a port first. */
    private static final int PORT_ATTEMPTS = 3;

    private final KafkaBroker broker; // null when the broker is external
    private final ApicurioRegistry registry;
    private final Path dataDir;
    private final StackOptions options;
    private final KafkaConnection connection;
    private final StackSecurity security; // null when plaintext
    private final Map<String, Long> startupMillis;
    /** For development only: the issuer of the case API's and the registry's bearer tokens on this stack. */
    private final DevIdentityProvider identityProvider;

    private final Path provisionerSecretFile;

    private LocalStack(
            KafkaBroker broker,
            String bootstrap,
            ApicurioRegistry registry,
            DevIdentityProvider identityProvider,
            Path dataDir,
            StackOptions options,
            StackSecurity security,
            Map<String, Long> startupMillis) {
        this.broker = broker;
        this.registry = registry;
        this.identityProvider = identityProvider;
        this.dataDir = dataDir;
        this.options = options;
        this.security = security;
        KafkaConnection open = KafkaConnection.of(bootstrap, registry.url());
        KafkaConnection admin = security == null ? open : security.connection(open, StackSecurity.ADMIN);
        this.provisionerSecretFile = OwnerOnlyFiles.directory(dataDir.resolve("security"))
                .resolve(DevIdentityProvider.PROVISIONER + ".secret");
        String secret = identityProvider.clientSecret(DevIdentityProvider.PROVISIONER);
        OwnerOnlyFiles.write(provisionerSecretFile, secret);
        this.connection = RegistryCredentials.addTo(
                admin, identityProvider.tokenEndpoint(), DevIdentityProvider.PROVISIONER, secret);
        this.startupMillis = Map.copyOf(startupMillis);
    }

    /** Starts broker and registry side by side and waits until both answer. */
    public static LocalStack start(StackLayout layout, StackOptions options) {
        return start(layout, options, null);
    }

    /**
     * Starts the registry, and a broker unless {@code externalBootstrap} names one already running
     * (e.g. a Testcontainers Kafka where a Docker engine exists).
     */
    public static LocalStack start(StackLayout layout, StackOptions options, String externalBootstrap) {
        // a port picked free can be taken by another process before the broker or the registry binds it (tests start
        // several stacks side by side): then the stack starts again on newly picked ports; a port the user chose is
        // not retried
        boolean pickedPorts = options.kafkaPort() == 0 && options.registryPort() == 0;
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(layout, options, externalBootstrap);
            } catch (PortTakenException e) {
                if (!pickedPorts || attempt == PORT_ATTEMPTS) {
                    throw e;
                }
                LOG.warn("Starting the stack again on other ports: {}", e.getMessage());
            }
        }
    }

    private static LocalStack startOnce(StackLayout layout, StackOptions options, String externalBootstrap) {
        if (options.secure() && externalBootstrap != null) {
            throw new IllegalArgumentException(
                    "a secured stack runs its own broker; an external one cannot be secured by it");
        }
        long t0 = System.nanoTime();
        Path dataDir = layout.newDataDir("stack");
        AccessPolicy access = options.secure() ? AccessPolicy.load() : null;
        StackSecurity security = access == null ? null : StackSecurity.generate(dataDir, access.principalNames());
        DevIdentityProvider identityProvider = DevIdentityProvider.start();
        ApicurioRegistry registry;
        try {
            registry = ApicurioRegistry.launch(
                    layout, dataDir, options.registryPort(), options.registryHeap(), identityProvider.issuer());
        } catch (RuntimeException e) {
            identityProvider.close();
            throw e;
        }
        KafkaBroker broker = null;
        try {
            if (externalBootstrap == null) {
                broker = KafkaBroker.launch(layout, dataDir, options.kafkaPort(), options.brokerHeap(), security);
            }
            if (security != null) {
                security.writeClientConfigs(broker.bootstrapServers());
            }
        } catch (RuntimeException e) {
            registry.abandon();
            identityProvider.close();
            throw e;
        }
        String bootstrap = broker == null ? externalBootstrap : broker.bootstrapServers();
        KafkaBroker launched = broker;
        try {
            CompletableFuture<Long> brokerUp = CompletableFuture.supplyAsync(() -> {
                if (launched != null) {
                    launched.awaitReady(START_TIMEOUT);
                }
                return millisSince(t0);
            });
            CompletableFuture<Long> registryUp = CompletableFuture.supplyAsync(() -> {
                registry.awaitReady(bootstrap, START_TIMEOUT);
                return millisSince(t0);
            });
            awaitBoth(brokerUp, registryUp);
            Map<String, Long> times = Map.of("broker", brokerUp.join(), "registry", registryUp.join());
            if (access != null) {
                applyAccess(
                        access,
                        security.connection(KafkaConnection.of(bootstrap, registry.url()), StackSecurity.ADMIN));
            }
            LOG.info(
                    "Local stack up in {} ms: Kafka at {} ({}), registry at {}",
                    millisSince(t0),
                    bootstrap,
                    security == null ? "PLAINTEXT" : StackSecurity.PROTOCOL + " " + StackSecurity.SASL_MECHANISM,
                    registry.url());
            return new LocalStack(broker, bootstrap, registry, identityProvider, dataDir, options, security, times);
        } catch (RuntimeException e) {
            // a start that failed leaves nothing worth a gentle stop: neither process has to finish its start, nor
            // write the class archive of a start that never completed
            registry.abandon();
            identityProvider.close();
            if (broker != null) {
                broker.abandon();
            }
            throw e instanceof java.util.concurrent.CompletionException
                            && e.getCause() instanceof RuntimeException cause
                    ? cause
                    : e;
        }
    }

    /** Returns when both have completed, or throws as soon as either fails (not once the other is up as well). */
    private static void awaitBoth(CompletableFuture<?> first, CompletableFuture<?> second) {
        CompletableFuture<Void> both = CompletableFuture.allOf(first, second);
        for (CompletableFuture<?> part : List.of(first, second)) {
            part.whenComplete((value, failure) -> {
                if (failure != null) {
                    both.completeExceptionally(failure);
                }
            });
        }
        both.join();
    }

    /** Makes the secured broker's ACLs those of the access file (nothing else is allowed). */
    private static void applyAccess(AccessPolicy access, KafkaConnection admin) {
        List<String> problems = access.check(TopicCatalogue.load());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the access file does not hold against the topic catalogue: " + problems);
        }
        applyAccess(access, admin, true);
    }

    /**
     * Adds the ACLs of {@code access} to the cluster {@code admin} reaches, e.g. the access file for a test's
     * namespace ({@link AccessPolicy#namespaced}); others are deleted only when {@code prune}.
     */
    public static void applyAccess(AccessPolicy access, KafkaConnection admin, boolean prune) {
        try (Admin client = KafkaClients.forCluster(admin.clientProperties()).admin()) {
            AccessPlan.Applied applied = AccessPlan.forCluster(access, client).apply(client, prune);
            LOG.info(
                    "Access file applied: {} ACLs for {} principals",
                    applied.created(),
                    access.principals().size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while applying the access file", e);
        }
    }

    /**
     * Creates the catalogue's topics (replication factor 1 on this single broker) and registers
     * the contracts' schemas, each subject BACKWARD compatible.
     *
     * @param naming identity for the real names; a prefixing function for an isolated test namespace
     */
    public void provision(UnaryOperator<String> naming) {
        provision(connection, naming);
    }

    /** The same provisioning against any cluster and registry (single-broker settings). */
    public static void provision(KafkaConnection connection, UnaryOperator<String> naming) {
        provisionTopics(connection, naming);
        registerSchemas(connection, naming);
    }

    /** The first half of {@link #provision}: the catalogue's topics (single-broker settings). */
    public static void provisionTopics(KafkaConnection connection, UnaryOperator<String> naming) {
        try (Admin admin = KafkaClients.of(connection).admin()) {
            new TopicProvisioner(admin).provision(TopicCatalogue.load(), naming, (short) 1, 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    /** The second half of {@link #provision}: the contracts' schemas, each subject BACKWARD compatible. */
    public static void registerSchemas(KafkaConnection connection, UnaryOperator<String> naming) {
        new SchemaRegistrar(connection).registerAll(CatalogueSchemas.subjects(TopicCatalogue.load(), naming));
    }

    /**
     * Creates Kafka Streams applications' internal topics ahead ({@link InternalTopics}, e.g.
     * {@code RouterService.internalTopics(config)}), so their principals need no Create (single-broker settings).
     */
    public static void provisionInternal(KafkaConnection connection, List<InternalTopics.InternalTopic> topics) {
        try (Admin admin = KafkaClients.of(connection).admin()) {
            new TopicProvisioner(admin).provisionInternal(topics, (short) 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating internal topics", e);
        }
    }

    /**
     * How to reach the stack as its provisioning: on a secured stack, as the admin principal; at the registry, as the
     * client {@value DevIdentityProvider#PROVISIONER} (the only one that may register schemas).
     */
    public KafkaConnection connection() {
        return connection;
    }

    /** The owner-only file holding the provisioning client's secret at the registry. */
    public Path provisionerSecretFile() {
        return provisionerSecretFile;
    }

    /** The stack's principals, passwords and TLS material; empty on a plaintext stack. */
    public java.util.Optional<StackSecurity> security() {
        return java.util.Optional.ofNullable(security);
    }

    /** How to reach the stack as {@code principal} (reading the registry anonymously); a secured stack only. */
    public KafkaConnection connection(String principal) {
        if (security == null) {
            throw new IllegalStateException("a plaintext stack has no principals");
        }
        return security.connection(connection, principal);
    }

    /** Milliseconds from launch until each part answered. */
    public Map<String, Long> startupMillis() {
        return startupMillis;
    }

    /** Resident memory (MiB) of the broker and the registry processes. */
    public Map<String, Long> residentMib() {
        return Map.of(
                "broker",
                broker == null ? -1 : broker.process().residentMib(),
                "registry",
                registry.process().residentMib());
    }

    public Path dataDir() {
        return dataDir;
    }

    /**
     * Empty while the broker and the registry this stack launched run; otherwise the first that exited, with its pid,
     * exit code and log. A stack closed after that keeps its data folder, for the log.
     */
    public Optional<String> exited() {
        return registry.process()
                .exit()
                .or(() -> broker == null ? Optional.empty() : broker.process().exit());
    }

    /** Process ids of what this stack launched. */
    public List<Long> pids() {
        return broker == null
                ? List.of(registry.process().pid())
                : List.of(broker.process().pid(), registry.process().pid());
    }

    /**
     * The development identity provider this stack runs (seeded synthetic users and service clients; never for
     * production), which the registry trusts.
     */
    public DevIdentityProvider identityProvider() {
        return identityProvider;
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Override
    public void close() {
        identityProvider.close();
        // a process that exited while the stack ran left its reason in its log: the data folder is kept for it
        Optional<String> exited = exited();
        // both stop at once: each waits for its own process to end; when the data folder is deleted next, neither
        // needs a gentle stop (a controlled shutdown, logs flushed and checkpointed) that nothing would read
        boolean discard = !options.keepData() && exited.isEmpty();
        CompletableFuture<Void> registryStopped =
                CompletableFuture.runAsync(discard ? registry::discard : registry::close);
        if (broker != null) {
            if (discard) {
                broker.discard();
            } else {
                broker.close();
            }
        }
        registryStopped.join();
        if (discard) {
            deleteQuietly(dataDir);
        } else if (exited.isPresent()) {
            LOG.warn("Kept the stack's data folder {}: {}", dataDir, exited.get());
        }
        LOG.info("Local stack stopped");
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Could not delete {}", dir, e);
        }
    }
}
