package org.rjhub.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;
import org.rjhub.common.access.AccessFileException;
import org.rjhub.common.access.AccessPlan;
import org.rjhub.common.access.AccessPolicy;
import org.rjhub.common.clients.KafkaClients;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.topics.TopicCatalogue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hub access check|plan|apply}: the access file against the catalogue and a cluster's ACLs. */
@Command(
        name = "access",
        mixinStandardHelpOptions = true,
        description = "Access as code: check deploy/access.yaml, show what it would change on a cluster, apply it.",
        subcommands = {
            AccessCommand.Check.class,
            AccessCommand.Plan.class,
            AccessCommand.Apply.class,
            AccessCommand.Rotate.class
        })
final class AccessCommand {

    /** The file, defaulting to the project's. */
    static class FileOption {
        @Parameters(paramLabel = "FILE", arity = "0..1", description = "Access file (default: deploy/access.yaml).")
        Path file;

        AccessPolicy load() {
            Path f = file != null
                    ? file
                    : org.rjhub.stack.StackLayout.discover().projectRoot().resolve("deploy/access.yaml");
            AccessPolicy policy;
            try {
                policy = AccessPolicy.read(f);
            } catch (AccessFileException e) {
                throw new UserInputException(f + ": " + e.getMessage(), e);
            }
            List<String> problems = policy.check(TopicCatalogue.load());
            if (!problems.isEmpty()) {
                throw new UserInputException(
                        f + " does not hold against the topic catalogue:\n  " + String.join("\n  ", problems));
            }
            return policy;
        }
    }

    /** The cluster, as a principal allowed to read and change ACLs (the admin). */
    static class ClusterOption {
        @Option(
                names = "--command-config",
                paramLabel = "FILE",
                description = "Kafka client properties of the admin principal (default: the admin's of the stack "
                        + "`hub up` announced, or none).")
        Path commandConfig;

        KafkaConnection connection() {
            KafkaConnection c = StackConnection.require();
            return commandConfig == null ? c : c.withClientConfigFile(commandConfig);
        }
    }

    @Command(
            name = "check",
            mixinStandardHelpOptions = true,
            description = "Check the access file against the topic catalogue; exits 2 naming each problem.")
    static final class Check implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        FileOption file = new FileOption();

        @Override
        public Integer call() {
            AccessPolicy policy = file.load();
            System.out.printf(
                    "Access file holds: %d principals, %d ACLs.%n",
                    policy.principals().size(), policy.bindings().size());
            return 0;
        }
    }

    @Command(
            name = "plan",
            mixinStandardHelpOptions = true,
            description = "Show the ACLs applying the file would create, and those it would remove with --prune.")
    static final class Plan implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        FileOption file = new FileOption();

        @picocli.CommandLine.Mixin
        ClusterOption cluster = new ClusterOption();

        @Override
        public Integer call() throws InterruptedException {
            AccessPolicy policy = file.load();
            try (Admin admin = KafkaClients.forCluster(cluster.connection().clientProperties())
                    .admin()) {
                AccessPlan plan = AccessPlan.forCluster(policy, admin);
                print(plan);
                return 0;
            }
        }
    }

    @Command(
            name = "apply",
            mixinStandardHelpOptions = true,
            description = "Create the ACLs the file declares and the cluster lacks; with --prune also delete the ACLs "
                    + "it does not declare. Applying twice changes nothing the second time.")
    static final class Apply implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        FileOption file = new FileOption();

        @picocli.CommandLine.Mixin
        ClusterOption cluster = new ClusterOption();

        @Option(names = "--prune", description = "Also delete ACLs the file does not declare.")
        boolean prune;

        @Override
        public Integer call() throws InterruptedException {
            AccessPolicy policy = file.load();
            try (Admin admin = KafkaClients.forCluster(cluster.connection().clientProperties())
                    .admin()) {
                AccessPlan plan = AccessPlan.forCluster(policy, admin);
                print(plan);
                AccessPlan.Applied applied = plan.apply(admin, prune);
                System.out.printf(
                        "Applied: %d ACLs created, %d deleted%s.%n",
                        applied.created(),
                        applied.deleted(),
                        prune || plan.undeclared().isEmpty()
                                ? ""
                                : " (" + plan.undeclared().size() + " undeclared kept; --prune deletes them)");
                return 0;
            }
        }
    }

    @Command(
            name = "rotate",
            mixinStandardHelpOptions = true,
            description = "Give a principal a new random SCRAM password (Admin API) and write it to the principal's "
                    + "owner-only password file and client config; connected clients stay connected, new connections "
                    + "need the new file. The password is never printed.")
    static final class Rotate implements Callable<Integer> {
        @Parameters(paramLabel = "PRINCIPAL", description = "A principal of the access file, e.g. police.")
        String principal;

        @Option(
                names = "--password-file",
                paramLabel = "FILE",
                description = "Where to write the password (default: the principal's of the stack `hub up` announced).")
        Path passwordFile;

        @Option(
                names = "--client-config",
                paramLabel = "FILE",
                description = "The client config to update (default: the principal's of the stack `hub up` announced).")
        Path clientConfig;

        @picocli.CommandLine.Mixin
        ClusterOption cluster = new ClusterOption();

        @Override
        public Integer call() throws InterruptedException {
            if (!AccessPolicy.load().principals().containsKey(principal)) {
                throw new UserInputException("no principal '" + principal + "' in the access file");
            }
            Path password = passwordFile != null
                    ? passwordFile
                    : StackConnection.principalFile(principal, "passwordFile")
                            .orElseThrow(() -> new UserInputException(
                                    "give --password-file: no secured stack names " + principal + "'s"));
            Path config = clientConfig != null
                    ? clientConfig
                    : StackConnection.principalFile(principal, "clientConfig")
                            .orElseThrow(() -> new UserInputException(
                                    "give --client-config: no secured stack names " + principal + "'s"));
            try (Admin admin = KafkaClients.forCluster(cluster.connection().clientProperties())
                    .admin()) {
                org.rjhub.stack.ScramRotation.rotate(admin, principal, password, config);
            } catch (IllegalArgumentException e) {
                throw new UserInputException(e.getMessage(), e);
            }
            System.out.printf("Rotated the password of %s: %s and %s rewritten.%n", principal, password, config);
            return 0;
        }
    }

    static void print(AccessPlan plan) {
        plan.missing().forEach(b -> System.out.println("+ " + line(b)));
        plan.undeclared()
                .forEach(b -> System.out.println("- " + line(b) + "   (undeclared; removed only with --prune)"));
        System.out.printf(
                "%d to create, %d undeclared.%n",
                plan.missing().size(), plan.undeclared().size());
    }

    private static String line(AclBinding b) {
        return String.format(
                "%-22s %-8s %-17s %-9s %s",
                b.entry().principal(),
                b.entry().permissionType(),
                b.pattern().resourceType() + " " + b.pattern().patternType(),
                AccessPolicy.display(b.entry().operation()),
                b.pattern().name());
    }
}
