package org.rjhub.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import org.rjhub.stack.DevIdentityProvider;
import org.rjhub.stack.LocalStack;
import org.rjhub.stack.StackLayout;
import org.rjhub.stack.StackOptions;
import org.rjhub.stack.StackSecurity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hub up}: the local stack in the foreground until Ctrl-C. */
@Command(
        name = "up",
        mixinStandardHelpOptions = true,
        description = "Start a real Kafka broker (KRaft) and Apicurio Registry on loopback, create the topics "
                + "and register the schemas; stop everything cleanly on Ctrl-C.")
final class UpCommand implements Callable<Integer> {

    @Option(names = "--kafka-port", description = "Broker port (default: a free port).")
    int kafkaPort;

    @Option(names = "--registry-port", description = "Registry port (default: a free port).")
    int registryPort;

    @Option(names = "--keep-data", description = "Keep the data folder under .rj-data/ after stopping.")
    boolean keepData;

    @Option(
            names = "--secure",
            description = "Secure the broker (the default): TLS with a CA of this stack, SASL SCRAM-SHA-512, "
                    + "one user per principal of deploy/access.yaml and its ACLs; .rj-data/stack.json names each principal's "
                    + "client config (owner-only files).")
    boolean secure;

    @Option(
            names = "--plaintext",
            description = "Run the broker plaintext and open to anyone on loopback: for debugging only.")
    boolean plaintext;

    @Override
    public Integer call() throws InterruptedException {
        StackLayout layout = StackLayout.discover();
        StackOptions options = new StackOptions(kafkaPort, registryPort, "512m", "256m", keepData, !plaintext);
        LocalStack stack = LocalStack.start(layout, options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            StackConnection.withdraw(layout);
                            stack.close();
                            stopped.countDown();
                        },
                        "hub-up-shutdown"));
        stack.provision(UnaryOperator.identity());
        LocalStack.provisionInternal(stack.connection(), ServiceInternalTopics.all(stack.connection()));
        StackConnection.announce(layout, stack.connection(), stack.security());
        DevIdentityProvider idp = stack.identityProvider();
        StackConnection.announceIdentityProvider(layout, idp);
        StackConnection.announceRegistryAuth(
                layout, idp.tokenEndpoint(), DevIdentityProvider.PROVISIONER, stack.provisionerSecretFile());
        stack.security()
                .ifPresent(s -> System.out.printf(
                        "Secured   %s %s, CA %s; principals %s, each with a client " + "config in %s (see %s)%n",
                        StackSecurity.PROTOCOL,
                        StackSecurity.SASL_MECHANISM,
                        s.caFile(),
                        s.principals().keySet(),
                        s.dir(),
                        StackConnection.announcement(layout)));
        System.out.printf(
                "Kafka     %s%nRegistry  %s (Confluent API: %s)%n"
                        + "          anyone reads; only client %s registers, changes or deletes schemas "
                        + "(client_credentials at %s, its secret in %s)%n",
                stack.connection().bootstrapServers(),
                stack.connection().registryUrl(),
                stack.connection().ccompatUrl(),
                DevIdentityProvider.PROVISIONER,
                idp.tokenEndpoint(),
                stack.provisionerSecretFile());
        System.out.printf(
                "Identity  %s  FOR DEVELOPMENT ONLY: tokens for the case API (audience %s) to anyone who "
                        + "names a user, and for the registry (audience %s) to its service clients %s%n"
                        + "          token: POST %s  grant_type=password&username=USER%n",
                idp.issuer(),
                DevIdentityProvider.AUDIENCE,
                DevIdentityProvider.REGISTRY_AUDIENCE,
                idp.clients().stream()
                        .map(DevIdentityProvider.DevClient::clientId)
                        .toList(),
                idp.tokenEndpoint());
        for (DevIdentityProvider.DevUser user : idp.users()) {
            System.out.printf(
                    "          %-10s %s%s%n",
                    user.subject(),
                    String.join(",", user.roles()),
                    user.queues().isEmpty()
                            ? ""
                            : " of "
                                    + (user.queues().size() > 4
                                            ? user.queues().size() + " queues"
                                            : String.join(", ", user.queues())));
        }
        System.out.printf(
                "          case service: RJ_CASES_AUTH_ISSUER=%s RJ_CASES_AUTH_JWKS_URL=%s; then e.g. "
                        + "`hub case list --as COORD-01`%n",
                idp.issuer(), idp.jwksUri());
        System.out.printf(
                "Ready in %s ms, resident memory %s MiB; Ctrl-C stops.%n", stack.startupMillis(), stack.residentMib());
        stopped.await();
        return 0;
    }
}
