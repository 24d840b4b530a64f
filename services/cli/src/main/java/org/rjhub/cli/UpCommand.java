package org.rjhub.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.rjhub.cli.privacy.SarCommand;
import org.rjhub.cli.up.HubProcesses;
import org.rjhub.cli.up.HubService;
import org.rjhub.cli.up.LocalReportingDatabase;
import org.rjhub.cli.up.ServiceEnvironment;
import org.rjhub.cli.up.ServiceState;
import org.rjhub.cli.up.StatusTable;
import org.rjhub.deploy.ServiceInternalTopics;
import org.rjhub.reporting.store.ReportingConfig;
import org.rjhub.stack.DevIdentityProvider;
import org.rjhub.stack.LocalStack;
import org.rjhub.stack.StackLayout;
import org.rjhub.stack.StackOptions;
import org.rjhub.stack.StackSecurity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hub up}: the whole hub in the foreground until Ctrl-C: the stack, then every service as its own process. */
@Command(
        name = "up",
        mixinStandardHelpOptions = true,
        description = {
            "Start the whole hub on loopback: a real Kafka broker (KRaft) and Apicurio Registry (topics created, "
                    + "schemas registered), then the router, the case service, the facts service, the reporting "
                    + "consumer (embedded database) and the lag monitor, each as its own process with its own "
                    + "operations port (and, on a secured stack, its own principal). Prints a status table from each "
                    + "service's /health/ready, announces everything in .rj-data/stack.json, and stops all of it on "
                    + "Ctrl-C. A service that ends is shown as ended, never restarted behind your back.",
            "Each service's log: .rj-data/logs/<service>.log."
        })
final class UpCommand implements Callable<Integer> {

    /** How long {@code hub up} waits for every service to be ready before printing the table anyway. */
    static final Duration READY_WITHIN = Duration.ofMinutes(2);

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
                    + "client config (owner-only files). Each service connects as its own principal.")
    boolean secure;

    @Option(
            names = "--plaintext",
            description = "Run the broker plaintext and open to anyone on loopback: for debugging only.")
    boolean plaintext;

    @Option(
            names = "--only",
            split = ",",
            paramLabel = "PART",
            description = "Start only these parts: broker, registry (always started: everything needs them), router, "
                    + "cases, facts, reporting, lag-monitor. `--only broker,registry`: the stack alone, no services.")
    List<String> only;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws InterruptedException {
        List<HubService> services = selected(only);
        StackLayout layout = StackLayout.discover();
        LocalReportingDatabase reporting = LocalReportingDatabase.of(layout);
        if (services.contains(HubService.REPORTING) && !reporting.reset()) {
            throw new UserInputException("the reporting database " + reporting.dir()
                    + " is open in another process (another `hub up` or `hub demo`?): stop it first, or leave the "
                    + "reporting consumer out with --only");
        }
        StackOptions options = new StackOptions(kafkaPort, registryPort, "512m", "256m", keepData, !plaintext);
        LocalStack stack = LocalStack.start(layout, options);
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        List<HubProcesses> running = new ArrayList<>(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stopping.set(true);
                            StackConnection.withdraw(layout);
                            synchronized (running) {
                                running.forEach(HubProcesses::close);
                            }
                            stack.close();
                            stopped.countDown();
                        },
                        "hub-up-shutdown"));
        stack.provision(UnaryOperator.identity());
        LocalStack.provisionInternal(stack.connection(), ServiceInternalTopics.all(stack.connection()));
        StackConnection.announce(layout, stack.connection(), stack.security());
        StackConnection.announceMasterKey(layout);
        DevIdentityProvider idp = stack.identityProvider();
        StackConnection.announceIdentityProvider(layout, idp);
        StackConnection.announceRegistryAuth(
                layout, idp.tokenEndpoint(), DevIdentityProvider.PROVISIONER, stack.provisionerSecretFile());
        printStack(layout, stack, idp);
        if (services.isEmpty()) {
            out.printf(
                    "Ready in %s ms, resident memory %s MiB; Ctrl-C stops.%n",
                    stack.startupMillis(), stack.residentMib());
            stopped.await();
            return 0;
        }
        Map<String, java.nio.file.Path> clientConfigs = new LinkedHashMap<>();
        stack.security().ifPresent(s -> s.principals().forEach((name, p) -> clientConfigs.put(name, p.clientConfig())));
        ServiceEnvironment environment = new ServiceEnvironment(
                stack.connection().withClientSettings(Map.of()),
                clientConfigs,
                stack.dataDir(),
                idp.issuer(),
                idp.jwksUri(),
                reporting.jdbcUrl(),
                ServiceEnvironment.pseudonymKeys(stack.dataDir()),
                StackConnection.masterKey(layout));
        StackConnection.announceSettings(
                layout,
                Map.of(
                        ReportingConfig.envName(ReportingConfig.JDBC_URL),
                        reporting.jdbcUrl(),
                        SarCommand.FACTS_KEYS_ENV,
                        ServiceEnvironment.pseudonymKeys(stack.dataDir())
                                .toAbsolutePath()
                                .toString()));
        out.printf("Starting %s ...%n", services.stream().map(HubService::name).toList());
        HubProcesses processes;
        synchronized (running) {
            if (stopping.get()) {
                return 130;
            }
            processes =
                    HubProcesses.start(services, environment, layout.dataRoot().resolve("logs"));
            running.add(processes);
        }
        StackConnection.announceServices(layout, processes.endpoints());
        Map<HubService, ServiceState> states = processes.awaitReady(READY_WITHIN, out, stopping::get);
        if (stopping.get()) {
            return 130;
        }
        printTable(stack, processes, states);
        watch(processes, stack, stopping);
        return 0;
    }

    /** Says every later change (a service ending, or falling out of ready), with the table, until Ctrl-C. */
    private void watch(HubProcesses processes, LocalStack stack, AtomicBoolean stopping) throws InterruptedException {
        long t0 = System.nanoTime();
        Map<HubService, ServiceState> shown = processes.states();
        while (!stopping.get()) {
            Thread.sleep(1000);
            if (stopping.get()) {
                return;
            }
            Map<HubService, ServiceState> now = processes.changes(out, t0);
            if (!now.equals(shown)) {
                printTable(stack, processes, now);
                shown = now;
            }
        }
    }

    private void printTable(LocalStack stack, HubProcesses processes, Map<HubService, ServiceState> states) {
        List<StatusTable.Row> rows = new ArrayList<>();
        rows.add(new StatusTable.Row(
                "broker",
                stack.connection().bootstrapServers(),
                ServiceState.READY.text(),
                plaintext ? "" : "SASL_SSL"));
        rows.add(new StatusTable.Row(
                "registry", stack.connection().registryUrl().toString(), ServiceState.READY.text(), ""));
        rows.addAll(processes.rows(states));
        out.println();
        out.print(StatusTable.render(rows));
        processes.endpoints().getOrDefault(HubService.CONSOLE.name(), Map.of()).entrySet().stream()
                .filter(e -> e.getKey().equals("url"))
                .forEach(e -> out.printf(
                        "Console   %s  sign in with a development user listed above (e.g. FAC-017, COORD-01, MGR-01)%n",
                        e.getValue()));
        boolean all = states.values().stream().allMatch(ServiceState::ready);
        out.printf(
                "%s; %s. Addresses in %s. Ctrl-C stops everything.%n",
                StatusTable.summary(rows, ServiceState.READY.text()),
                all ? "the hub is up" : "see the logs named above",
                StackConnection.announcement(StackLayout.discover()));
    }

    private void printStack(StackLayout layout, LocalStack stack, DevIdentityProvider idp) {
        stack.security()
                .ifPresent(s -> out.printf(
                        "Secured   %s %s, CA %s; principals %s, each with a client config in %s (see %s)%n",
                        StackSecurity.PROTOCOL,
                        StackSecurity.SASL_MECHANISM,
                        s.caFile(),
                        s.principals().keySet(),
                        s.dir(),
                        StackConnection.announcement(layout)));
        out.printf(
                "Kafka     %s%nRegistry  %s (Confluent API: %s)%n"
                        + "          anyone reads; only client %s registers, changes or deletes schemas "
                        + "(client_credentials at %s, its secret in %s)%n",
                stack.connection().bootstrapServers(),
                stack.connection().registryUrl(),
                stack.connection().ccompatUrl(),
                DevIdentityProvider.PROVISIONER,
                idp.tokenEndpoint(),
                stack.provisionerSecretFile());
        out.printf(
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
            out.printf(
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
        out.printf("          e.g. `hub case list --as COORD-01`%n");
    }

    /** The services {@code --only} names (all when it is not given); the stack's parts are always started. */
    static List<HubService> selected(List<String> only) {
        if (only == null || only.isEmpty()) {
            return HubService.ALL;
        }
        List<String> unknown = only.stream()
                .map(n -> n.trim().toLowerCase(Locale.ROOT))
                .filter(n -> !HubService.names().contains(n))
                .toList();
        if (!unknown.isEmpty()) {
            throw new UserInputException(
                    "--only: unknown part(s) " + unknown + "; the parts are " + String.join(", ", HubService.names()));
        }
        return HubService.ALL.stream()
                .filter(s -> only.stream().anyMatch(n -> n.trim().equalsIgnoreCase(s.name())))
                .toList();
    }
}
