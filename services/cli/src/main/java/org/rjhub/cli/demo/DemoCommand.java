package org.rjhub.cli.demo;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.rjhub.agencies.Agency;
import org.rjhub.agencies.AgencyRecord;
import org.rjhub.cli.AgencyPublisher;
import org.rjhub.cli.TopicReader;
import org.rjhub.cli.up.LocalReportingDatabase;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.contracts.hub.DeadLetter;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.contracts.hub.QueueItem;
import org.rjhub.reporting.report.ReportData;
import org.rjhub.router.RouterConfig;
import org.rjhub.router.RouterService;
import org.rjhub.simulator.AgencySimulator;
import org.rjhub.simulator.Batch;
import org.rjhub.simulator.Expectation;
import org.rjhub.simulator.SimulatorConfig;
import org.rjhub.stack.LocalStack;
import org.rjhub.stack.StackLayout;
import org.rjhub.stack.StackOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hub demo}: the main job end to end on the embedded stack, then a clean exit. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Start the embedded stack, secured (or use KAFKA_BOOTSTRAP_SERVERS + RJ_REGISTRY_URL), publish "
                + "a seeded synthetic batch from all three agencies, run the router over it, print what each agency "
                + "and each facilitator queue received, and exit. On the secured stack every client runs as its own "
                + "principal of deploy/access.yaml.")
public final class DemoCommand implements Callable<Integer> {

    private static final List<OutcomeType> FIRST_ACKS = List.of(
            OutcomeType.RECEIVED,
            OutcomeType.LINKED,
            OutcomeType.REJECTED,
            OutcomeType.REFERRED_ON,
            OutcomeType.NOT_ELIGIBLE,
            OutcomeType.AMENDED);

    /** More of the unusual cases than a county sees, so that every path of the hub shows. */
    private static final SimulatorConfig SHOWCASE = new SimulatorConfig(
            SimulatorConfig.DEFAULT_REFERENCE_TIME,
            0.06,
            0.10,
            0.25,
            0.12,
            0.06,
            0.06,
            0.40,
            0.30,
            0.20,
            0.45,
            0.50,
            0.50,
            0.08,
            0.10);

    @Option(names = "--seed", defaultValue = "2026", description = "Simulator seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--incidents",
            defaultValue = "50",
            description = "Incidents to simulate (default ${DEFAULT-VALUE}).")
    int incidents;

    @Option(
            names = "--timeout",
            defaultValue = "PT90S",
            description = "How long to wait for the hub (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(
            names = "--plaintext",
            description = "Run the embedded broker plaintext and open, every client as one (for debugging only).")
    boolean plaintext;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        var external = KafkaConnection.fromEnvironment(System.getenv());
        StackLayout layout = StackLayout.discover();
        LocalReportingDatabase reporting = LocalReportingDatabase.of(layout);
        if (!reporting.reset()) {
            throw new IllegalStateException("the reporting database " + reporting.dir() + " is open in another process "
                    + "(a running `hub up`?): stop it first, the demo fills the database `hub report` reads");
        }
        StackOptions options = plaintext ? StackOptions.defaults().plaintext() : StackOptions.defaults();
        try (LocalStack stack = external.isPresent() ? null : LocalStack.start(layout, options)) {
            KafkaConnection connection = external.orElseGet(stack::connection);
            DemoPrincipals principals = new DemoPrincipals(
                    connection, stack == null ? null : stack.security().orElse(null));
            String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
            UnaryOperator<String> naming =
                    external.isPresent() ? name -> "demo-" + run + "." + name : UnaryOperator.identity();
            LocalStack.provisionTopics(connection, naming);
            // the schemas are needed from the first record published on: registered while the services start
            CompletableFuture<Void> schemas =
                    CompletableFuture.runAsync(() -> LocalStack.registerSchemas(connection, naming));
            System.out.printf(
                    "Stack ready in %d ms: Kafka %s, registry %s%s%n",
                    millis(t0),
                    connection.bootstrapServers(),
                    connection.registryUrl(),
                    stack == null ? " (existing)" : " " + stack.startupMillis());
            System.out.println(
                    principals.secured()
                            ? "Secured: TLS and SASL SCRAM-SHA-512, ACLs of deploy/access.yaml; every client below runs "
                                    + "as its own principal (police, probation, victimsupport, router, cases, dlq)"
                            : "NOT secured: plaintext, every client as one ("
                                    + (stack == null ? "existing cluster" : "--plaintext") + ")");
            return runDemo(
                    principals,
                    naming,
                    stack == null
                            ? java.nio.file.Files.createTempDirectory("rj-router-demo")
                            : stack.dataDir().resolve("router"),
                    reporting,
                    layout.dataRoot().resolve("report").resolve("demo-report.html"),
                    schemas,
                    t0);
        }
    }

    private int runDemo(
            DemoPrincipals principals,
            UnaryOperator<String> naming,
            java.nio.file.Path stateDir,
            LocalReportingDatabase reportingDatabase,
            java.nio.file.Path reportFile,
            CompletableFuture<Void> schemas,
            long t0)
            throws InterruptedException, SQLException {
        Batch batch = new AgencySimulator(seed, SHOWCASE).generate(incidents);
        Map<String, Object> settings = Map.of(
                RouterConfig.STATE_DIR,
                stateDir.toString(),
                RouterConfig.APPLICATION_ID,
                naming.apply("rj-router"),
                RouterConfig.TOPIC_PREFIX,
                naming.apply(""),
                RouterConfig.HTTP_PORT,
                -1);
        RouterConfig routerConfig = RouterConfig.of(principals.as("router"), settings);
        // the router, the reporting pipeline and the case service start side by side
        try (StartedTogether services = StartedTogether.start(List.of(
                () -> {
                    // provisioning creates the router's internal topics: its principal may not
                    LocalStack.provisionInternal(principals.admin(), RouterService.internalTopics(routerConfig));
                    return RouterService.start(routerConfig);
                },
                () -> {
                    try {
                        return ReportingDemo.start(principals, naming, stateDir, reportingDatabase.jdbcUrl());
                    } catch (SQLException e) {
                        throw new IllegalStateException("the reporting database did not open", e);
                    }
                },
                () -> CaseworkDemo.start(principals, naming, stateDir, seed)))) {
            RouterService router = services.get(0, RouterService.class);
            ReportingDemo reporting = services.get(1, ReportingDemo.class);
            CaseworkDemo casework = services.get(2, CaseworkDemo.class);
            router.awaitRunning(Duration.ofSeconds(60));
            System.out.printf("Router running at %d ms%n", millis(t0));
            schemas.join();
            Map<Agency, List<AgencyRecord>> byAgency = new TreeMap<>();
            batch.records()
                    .forEach(r -> byAgency.computeIfAbsent(r.agency(), a -> new ArrayList<>())
                            .add(r));
            Map<Agency, Integer> sent = new TreeMap<>();
            byAgency.forEach((agency, records) -> {
                try (AgencyPublisher publisher = new AgencyPublisher(principals.as(agency.cliName()), naming, agency)) {
                    sent.put(agency, publisher.publish(records));
                }
            });
            System.out.printf(
                    "Published %d referrals, each agency in one transaction as its own principal: %s%n",
                    batch.size(), sent);

            int expected = batch.size()
                    - batch.indexesOf(Expectation.Kind.DUPLICATE_REDELIVERY).size();
            // one reader for both acts: the casework's outcome feeds follow the acknowledgements on the same topics
            try (TopicReader reader = new TopicReader(principals.readers(naming));
                    CaughtUp caughtUp =
                            new CaughtUp(principals.admin(), List.of(router.streams(), casework.streams()))) {
                return report(batch, expected, naming, router, reporting, casework, reader, caughtUp, reportFile, t0);
            }
        }
    }

    private int report(
            Batch batch,
            int expected,
            UnaryOperator<String> naming,
            RouterService router,
            ReportingDemo reporting,
            CaseworkDemo casework,
            TopicReader reader,
            CaughtUp caughtUp,
            java.nio.file.Path reportFile,
            long t0)
            throws InterruptedException, SQLException {
        List<ConsumerRecord<String, SpecificRecord>> seen;
        reader.readUntil(all -> firstAcks(all) >= expected, timeout);
        // and all the hub wrote beside them (queue items, dead letters): once the router and the case service have
        // read all there is for them
        caughtUp.awaitHub(timeout);
        seen = reader.readToEnd(timeout);
        double deduplicated = router.streams().metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals("deduplicated-total"))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .sum();
        int acks = firstAcks(seen);
        new DemoReport(batch, seen, naming).print(System.out, deduplicated);
        System.out.printf(
                "%nAccounting: %d records in = %d acknowledged + %.0f redeliveries dropped%s%n",
                batch.size(), acks, deduplicated, acks + deduplicated == batch.size() ? "  ✓" : "  ✗");
        boolean lifecycle = casework.run(queueItems(seen), reader, caughtUp, t0);
        long facts = reporting.awaitCaughtUp(caughtUp, Duration.ofSeconds(30));
        reporting.stop();
        ReportData data = reporting.writeReport(reportFile);
        long cases = ((Number) data.table("funnel").rows().get(0).get(1)).longValue();
        System.out.printf(
                "%nReporting (%d ms): %d pseudonymised facts (facts service, as facts) applied exactly once to the "
                        + "reporting database (reporting consumer, as reporting), %d cases in it; report written: %s%n"
                        + "  `./hub report` reads the same database.%n",
                millis(t0), facts, cases, reportFile);
        System.out.printf(
                "%nWeb console: the demo stops its services when it ends; `./hub up` runs them with the console and "
                        + "prints its address (http://127.0.0.1:7090 when free).%n"
                        + "  Development sign-ins (FOR DEVELOPMENT ONLY, no password, at the development identity "
                        + "provider): %s%n",
                org.rjhub.stack.DevIdentityProvider.seededUsers().stream()
                        .map(u -> u.subject() + " (" + String.join(", ", u.roles()) + ")")
                        .collect(java.util.stream.Collectors.joining(", ")));
        System.out.printf("Demo finished in %d ms.%n", millis(t0));
        return acks >= expected && lifecycle && facts > 0 && cases > 0 ? 0 : 1;
    }

    static int firstAcks(List<ConsumerRecord<String, SpecificRecord>> records) {
        int n = 0;
        for (var r : records) {
            if (r.value() instanceof Outcome o
                    && FIRST_ACKS.contains(o.getEventType())
                    && !(o.getEventType() == OutcomeType.LINKED && o.getReason() != null)) {
                n++;
            }
        }
        return n;
    }

    private static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** Type-checked views of what was read, for the report. */
    static List<Outcome> outcomes(List<ConsumerRecord<String, SpecificRecord>> seen) {
        return seen.stream()
                .map(ConsumerRecord::value)
                .filter(Outcome.class::isInstance)
                .map(Outcome.class::cast)
                .toList();
    }

    static List<QueueItem> queueItems(List<ConsumerRecord<String, SpecificRecord>> seen) {
        return seen.stream()
                .map(ConsumerRecord::value)
                .filter(QueueItem.class::isInstance)
                .map(QueueItem.class::cast)
                .toList();
    }

    static List<DeadLetter> deadLetters(List<ConsumerRecord<String, SpecificRecord>> seen) {
        return seen.stream()
                .map(ConsumerRecord::value)
                .filter(DeadLetter.class::isInstance)
                .map(DeadLetter.class::cast)
                .toList();
    }
}
