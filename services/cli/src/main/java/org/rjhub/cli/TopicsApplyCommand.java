package org.rjhub.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.rjhub.cli.topics.TopicPlan;
import org.rjhub.common.clients.KafkaClients;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.progress.Progress;
import org.rjhub.common.registry.CatalogueSchemas;
import org.rjhub.common.registry.SchemaRegistrar;
import org.rjhub.common.streams.InternalTopics;
import org.rjhub.common.topics.TopicCatalogue;
import org.rjhub.common.topics.TopicProvisioner;
import org.rjhub.common.topics.TopicSpec;
import org.rjhub.deploy.ServiceInternalTopics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hub topics apply}: makes any cluster's topics those of the catalogue (created, partitions added, settings
 * set) and registers the schemas; a dry run, showing the difference, unless {@code --execute}. Idempotent: a second
 * run finds nothing to do.
 */
@Command(
        name = "apply",
        mixinStandardHelpOptions = true,
        description = {
            "Create or update every topic of the catalogue (deploy/topics.yaml) on the cluster `hub up` announced or "
                    + "KAFKA_BOOTSTRAP_SERVERS names: missing topics created, partitions added, topic settings set to "
                    + "the catalogue's; then register every schema (BACKWARD compatible). Shows the difference and "
                    + "changes nothing unless --execute. Partitions are never removed (Kafka cannot): such a "
                    + "difference is reported, exit 3.",
            "Replication factor and min.insync.replicas: the catalogue's, capped by the brokers the cluster has.",
            "--internal also creates the Kafka Streams services' internal topics (repartition, changelog) under their "
                    + "production application ids, so that no service needs Create; --schemas-only registers the "
                    + "schemas and touches no topic (where an operator, e.g. Strimzi's, owns the topics)."
        },
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "0:the cluster is as the catalogue says (or would be, after --execute)",
            "1:unexpected failure",
            "2:bad options, or no cluster",
            "3:a difference that cannot be applied"
        })
final class TopicsApplyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--execute", description = "Apply the changes (default: a dry run that only shows them).")
    boolean execute;

    @Option(
            names = "--internal",
            description = "Also create the router's, case service's and facts service's internal topics (missing ones; "
                    + "an existing one is left as it is).")
    boolean internal;

    @Option(names = "--schemas-only", description = "Only register the schemas: no topic is read or changed.")
    boolean schemasOnly;

    @Option(
            names = "--topic-prefix",
            paramLabel = "PREFIX",
            defaultValue = "",
            description = "Prefix of every topic name and subject (a namespace; default none).")
    String prefix;

    @Override
    public Integer call() throws InterruptedException {
        var out = spec.commandLine().getOut();
        KafkaConnection connection = StackConnection.require();
        TopicCatalogue catalogue = TopicCatalogue.load();
        UnaryOperator<String> naming = name -> prefix + name;
        List<TopicSpec> wanted = catalogue.all().stream()
                .map(s -> s.renamed(naming.apply(s.name())))
                .toList();
        if (schemasOnly) {
            return registerSchemas(connection, catalogue, naming, out);
        }
        try (Admin admin = KafkaClients.of(connection).admin()) {
            int brokers = admin.describeCluster().nodes().get().size();
            short replication = (short) Math.min(catalogue.replicationFactor(), brokers);
            int minIsr = Math.min(catalogue.minInsyncReplicas(), replication);
            if (replication < catalogue.replicationFactor()) {
                out.printf(
                        "note: %d broker(s): replication factor %d (the catalogue says %d), min.insync.replicas %d%n",
                        brokers, replication, catalogue.replicationFactor(), minIsr);
            }
            TopicPlan plan = TopicPlan.of(wanted, existing(admin, wanted), replication, minIsr);
            plan.describe().forEach(out::println);
            Map<String, org.apache.avro.Schema> subjects = CatalogueSchemas.subjects(catalogue, naming);
            List<InternalTopics.InternalTopic> missingInternal =
                    internal ? missingInternal(admin, ServiceInternalTopics.all(connection, prefix)) : List.of();
            missingInternal.forEach(
                    t -> out.printf("+ %s: create (internal), %d partitions%n", t.name(), t.partitions()));
            if (!execute) {
                out.printf(
                        "dry run: %d change(s) to %d of %d topics, %d schema subjects to register; nothing changed. "
                                + "--execute applies it.%n",
                        plan.changes().size(), plan.topicsTouched(), wanted.size(), subjects.size());
                if (internal) {
                    out.printf("dry run: %d internal topic(s) to create%n", missingInternal.size());
                }
                return plan.refused().isEmpty() ? 0 : 3;
            }
            try (Progress progress =
                    Progress.start("topics apply", plan.changes().size() + (long) subjects.size())) {
                apply(admin, plan, progress);
                awaitApplied(admin, wanted, replication, minIsr);
                new TopicProvisioner(admin).provisionInternal(missingInternal, replication);
                SchemaRegistrar registrar = new SchemaRegistrar(connection);
                subjects.forEach((subject, schema) -> {
                    registrar.register(subject, schema);
                    progress.step();
                });
            }
            out.printf(
                    "applied: %d change(s) to %d of %d topics; %d schema subjects registered (an unchanged schema keeps "
                            + "its id)%n",
                    plan.changes().size(), plan.topicsTouched(), wanted.size(), subjects.size());
            if (internal) {
                out.printf("applied: %d internal topic(s) created%n", missingInternal.size());
            }
            return plan.refused().isEmpty() ? 0 : 3;
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "the cluster refused: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** {@code --schemas-only}: every catalogue schema registered (or, without {@code --execute}, counted). */
    private int registerSchemas(
            KafkaConnection connection,
            TopicCatalogue catalogue,
            UnaryOperator<String> naming,
            java.io.PrintWriter out) {
        Map<String, org.apache.avro.Schema> subjects = CatalogueSchemas.subjects(catalogue, naming);
        if (!execute) {
            out.printf(
                    "dry run: %d schema subjects to register; nothing changed. --execute applies it.%n",
                    subjects.size());
            return 0;
        }
        try (Progress progress = Progress.start("schemas", subjects.size())) {
            SchemaRegistrar registrar = new SchemaRegistrar(connection);
            subjects.forEach((subject, schema) -> {
                registrar.register(subject, schema);
                progress.step();
            });
        }
        out.printf("applied: %d schema subjects registered (an unchanged schema keeps its id)%n", subjects.size());
        return 0;
    }

    /** The internal topics the cluster does not have yet. */
    private static List<InternalTopics.InternalTopic> missingInternal(
            Admin admin, List<InternalTopics.InternalTopic> all) throws ExecutionException, InterruptedException {
        var present = admin.listTopics().names().get();
        return all.stream().filter(t -> !present.contains(t.name())).toList();
    }

    /** What the cluster has of the wanted topics: partition count and effective topic settings. */
    static Map<String, TopicPlan.Existing> existing(Admin admin, List<TopicSpec> wanted)
            throws ExecutionException, InterruptedException {
        var present = admin.listTopics().names().get();
        List<String> names =
                wanted.stream().map(TopicSpec::name).filter(present::contains).toList();
        if (names.isEmpty()) {
            return Map.of();
        }
        Map<String, TopicDescription> described =
                admin.describeTopics(names).allTopicNames().get();
        List<ConfigResource> resources = names.stream()
                .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n))
                .toList();
        var configs = admin.describeConfigs(resources).all().get();
        Map<String, TopicPlan.Existing> existing = new HashMap<>();
        for (String name : names) {
            Map<String, String> config = new HashMap<>();
            for (ConfigEntry entry : configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name))
                    .entries()) {
                if (entry.value() != null) {
                    config.put(entry.name(), entry.value());
                }
            }
            existing.put(
                    name,
                    new TopicPlan.Existing(described.get(name).partitions().size(), config));
        }
        return existing;
    }

    private static void apply(Admin admin, TopicPlan plan, Progress progress)
            throws ExecutionException, InterruptedException {
        List<NewTopic> creates = new ArrayList<>();
        Map<String, NewPartitions> partitions = new HashMap<>();
        Map<ConfigResource, Collection<AlterConfigOp>> configs = new HashMap<>();
        for (TopicPlan.Change change : plan.changes()) {
            if (change instanceof TopicPlan.Create c) {
                creates.add(new NewTopic(c.topic(), c.partitions(), c.replicationFactor()).configs(c.config()));
            } else if (change instanceof TopicPlan.AddPartitions p) {
                partitions.put(p.topic(), NewPartitions.increaseTo(p.to()));
            } else if (change instanceof TopicPlan.SetConfig s) {
                configs.computeIfAbsent(
                                new ConfigResource(ConfigResource.Type.TOPIC, s.topic()), r -> new ArrayList<>())
                        .add(new AlterConfigOp(new ConfigEntry(s.key(), s.to()), AlterConfigOp.OpType.SET));
            }
        }
        if (!creates.isEmpty()) {
            admin.createTopics(creates).all().get();
            progress.step(creates.size());
        }
        if (!partitions.isEmpty()) {
            for (var result : admin.createPartitions(partitions).values().entrySet()) {
                try {
                    result.getValue().get();
                } catch (ExecutionException e) {
                    // the admin client retries a request whose answer it lost, and the retry finds the partitions
                    // there ("already has"): done, once the cluster describes them
                    if (!(e.getCause() instanceof InvalidPartitionsException)
                            || !describedWithin(admin, result.getKey(), partitions.get(result.getKey()))) {
                        throw e;
                    }
                }
            }
            progress.step(partitions.size());
        }
        if (!configs.isEmpty()) {
            admin.incrementalAlterConfigs(configs).all().get();
            progress.step(configs.values().stream().mapToLong(Collection::size).sum());
        }
    }

    /**
     * Waits until the cluster describes what was applied: a broker answers from its copy of the metadata, which
     * follows the controller's log a little behind, so a run right after this one would otherwise find the same
     * changes to make (and fail making them).
     */
    private static void awaitApplied(Admin admin, List<TopicSpec> wanted, short replication, int minIsr)
            throws ExecutionException, InterruptedException {
        long deadline = System.nanoTime() + TopicProvisioner.VISIBLE_WITHIN.toNanos();
        long pause = 20;
        TopicPlan left;
        while (!(left = TopicPlan.of(wanted, existing(admin, wanted), replication, minIsr)).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("applied, but after " + TopicProvisioner.VISIBLE_WITHIN.toSeconds()
                        + " s the cluster still describes " + left.changes().size() + " change(s) to make, e.g. "
                        + left.changes().get(0).describe());
            }
            Thread.sleep(pause);
            pause = Math.min(pause * 2, 500);
        }
    }

    private static boolean describedWithin(Admin admin, String topic, NewPartitions wanted)
            throws InterruptedException {
        try {
            TopicProvisioner.awaitDescribed(admin, Map.of(topic, wanted.totalCount()), Duration.ofSeconds(30));
            return true;
        } catch (IllegalStateException notThere) {
            return false;
        }
    }
}
