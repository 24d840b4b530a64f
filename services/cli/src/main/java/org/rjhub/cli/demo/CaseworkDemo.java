package org.rjhub.cli.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.rjhub.cases.CasesConfig;
import org.rjhub.cases.CasesService;
import org.rjhub.cases.CasesTopics;
import org.rjhub.cases.api.KafkaCaseEventSender;
import org.rjhub.cases.cli.CasesClient;
import org.rjhub.cli.TopicReader;
import org.rjhub.common.clients.KafkaClients;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.serde.AvroSerdes;
import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.contracts.hub.QueueItem;
import org.rjhub.contracts.hub.QueueItemType;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.stack.DevIdentityProvider;
import org.rjhub.stack.LocalStack;

/**
 * The demo's second act: simulated facilitators work the queued cases; each agency hears the outcomes. The case
 * service is started with the router ({@link #start}), so that its start-up overlaps the router's work.
 */
final class CaseworkDemo implements AutoCloseable {

    private static final List<OutcomeType> LIFECYCLE = List.of(
            OutcomeType.ACCEPTED,
            OutcomeType.CONTACT_MADE,
            OutcomeType.DECLINED,
            OutcomeType.UNSUITABLE,
            OutcomeType.MEETING_HELD,
            OutcomeType.INDIRECT_COMMUNICATION,
            OutcomeType.AGREEMENT_REACHED,
            OutcomeType.AGREEMENT_COMPLETED,
            OutcomeType.AGREEMENT_NOT_COMPLETED,
            OutcomeType.CLOSED);

    private final DemoPrincipals principals;
    private final UnaryOperator<String> naming;
    private final Path stateDir;
    private final long seed;
    private final DevIdentityProvider idp;
    private final KafkaConnection asCases;
    private final CasesService cases;

    private CaseworkDemo(DemoPrincipals principals, UnaryOperator<String> naming, Path stateDir, long seed) {
        this.principals = principals;
        this.naming = naming;
        this.stateDir = stateDir;
        this.seed = seed;
        this.idp = DevIdentityProvider.start(0, users());
        this.asCases = principals.as("cases");
        CasesService started = null;
        try {
            CasesConfig config = CasesConfig.of(asCases, settings());
            // provisioning creates the case service's internal topics: its principal may not
            LocalStack.provisionInternal(principals.admin(), CasesService.internalTopics(config));
            started = CasesService.start(config);
        } finally {
            if (started == null) {
                idp.close();
            }
        }
        this.cases = started;
    }

    /** Starts the case service (and the development identity provider its API trusts), without waiting for it. */
    static CaseworkDemo start(DemoPrincipals principals, UnaryOperator<String> naming, Path stateDir, long seed) {
        return new CaseworkDemo(principals, naming, stateDir, seed);
    }

    KafkaStreams streams() {
        return cases.streams();
    }

    @Override
    public void close() {
        try {
            cases.close();
        } finally {
            idp.close();
        }
    }

    private Map<String, Object> settings() {
        return Map.of(
                CasesConfig.STATE_DIR,
                stateDir.resolve("cases").toString(),
                CasesConfig.APPLICATION_ID,
                naming.apply("rj-cases"),
                CasesConfig.TOPIC_PREFIX,
                naming.apply(""),
                CasesConfig.HTTP_PORT,
                0,
                CasesConfig.AUTH_ISSUER,
                idp.issuer().toString(),
                CasesConfig.AUTH_JWKS_URL,
                idp.jwksUri().toString());
    }

    /**
     * Drives the facilitators' work and reads its outcomes with {@code reader} (which has read the acts before), once
     * the case service has caught up with the facilitators' events.
     */
    boolean run(List<QueueItem> queued, TopicReader reader, CaughtUp caughtUp, long t0) throws InterruptedException {
        cases.awaitRunning(Duration.ofSeconds(60));
        List<QueueItem> work = queued.stream()
                .filter(i -> i.getItemType() == QueueItemType.NEW_CASE
                        || i.getItemType() == QueueItemType.POSSIBLE_DUPLICATE
                        || i.getItemType() == QueueItemType.RELEASED_AFTER_SENTENCE)
                .toList();
        List<CaseEvent> events = new FacilitatorSimulator(seed).drive(work, Instant.now());
        // the facilitators' events go in as the case API sends them: as the case service's principal
        CasesTopics casesTopics = CasesTopics.create(naming, new AvroSerdes(asCases));
        try (KafkaCaseEventSender sender =
                new KafkaCaseEventSender(KafkaClients.of(asCases), casesTopics.caseEvents(), casesTopics.caseNotes())) {
            sender.sendAll(events);
        }
        System.out.printf(
                "%nCasework (%d ms): %d simulated facilitator events on %d cases (case service, "
                        + "exactly-once; HTTP API on port %d).%n",
                (System.nanoTime() - t0) / 1_000_000, events.size(), work.size(), cases.httpPort());
        caughtUp.awaitHub(Duration.ofSeconds(60));
        List<ConsumerRecord<String, SpecificRecord>> seen = reader.readToEnd(Duration.ofSeconds(60));
        print(seen);
        boolean api = showApi(cases.httpPort(), idp, events);
        return lifecycle(seen) > 0 && api;
    }

    /** The development users: the seeded ones and the simulator's 42 volunteer facilitators. */
    private static List<DevIdentityProvider.DevUser> users() {
        List<DevIdentityProvider.DevUser> users = new ArrayList<>(DevIdentityProvider.seededUsers());
        for (int i = 1; i <= 42; i++) {
            users.add(new DevIdentityProvider.DevUser(String.format("FAC-%03d", i), List.of("facilitator"), List.of()));
        }
        return users;
    }

    /**
     * The case API as the facilitators and managers use it, with bearer tokens from the development identity provider:
     * a facilitator sees only the cases assigned to them, a manager sees all, no token is refused.
     */
    private static boolean showApi(int port, DevIdentityProvider idp, List<CaseEvent> events) {
        String url = "http://127.0.0.1:" + port;
        String facilitator = events.stream()
                .map(CaseEvent::getActor)
                .filter(a -> a.startsWith("FAC-"))
                .findFirst()
                .orElse(null);
        if (facilitator == null) {
            return true;
        }
        CasesClient.Answer mine = new CasesClient(url, idp.token(facilitator)).list(Map.of("status", "ALL"));
        CasesClient.Answer all = new CasesClient(url, idp.token("MGR-01")).list(Map.of("status", "ALL"));
        CasesClient.Answer anonymous = new CasesClient(url, "").list(Map.of());
        List<String> assignees = new ArrayList<>();
        mine.body().forEach(c -> assignees.add(c.path("facilitator").asText()));
        System.out.printf(
                "  Case API, bearer tokens from the development identity provider (%s): %s sees %d case(s), "
                        + "all assigned to them; the manager MGR-01 sees %d; without a token: HTTP %d%n",
                idp.issuer(), facilitator, assignees.size(), all.body().size(), anonymous.status());
        return mine.ok()
                && all.ok()
                && !assignees.isEmpty()
                && assignees.stream().allMatch(facilitator::equals)
                && anonymous.status() == 401;
    }

    private static long lifecycle(List<ConsumerRecord<String, SpecificRecord>> seen) {
        return DemoCommand.outcomes(seen).stream()
                .filter(o -> LIFECYCLE.contains(o.getEventType()))
                .count();
    }

    private void print(List<ConsumerRecord<String, SpecificRecord>> seen) {
        System.out.println("Each agency's outcome feed (its own referrals only, under its own referral ids):");
        for (SourceAgency agency : SourceAgency.values()) {
            String topic = naming.apply(org.rjhub.agencies.Agency.of(agency).outcomesTopic());
            Map<OutcomeType, Long> byType = seen.stream()
                    .filter(r -> r.topic().equals(topic))
                    .map(r -> ((Outcome) r.value()).getEventType())
                    .filter(LIFECYCLE::contains)
                    .collect(Collectors.groupingBy(t -> t, TreeMap::new, Collectors.counting()));
            System.out.printf("  %-26s %s%n", topic, byType);
        }
        DemoCommand.outcomes(seen).stream()
                .filter(o -> o.getEventType() == OutcomeType.AGREEMENT_COMPLETED)
                .findFirst()
                .ifPresent(done -> {
                    System.out.printf(
                            "  e.g. %s %s, case %s:%n",
                            done.getAgency(), done.getAgencyReferralId(), done.getHubCaseId());
                    DemoCommand.outcomes(seen).stream()
                            .filter(o -> o.getAgency() == done.getAgency()
                                    && o.getAgencyReferralId().equals(done.getAgencyReferralId()))
                            .forEach(o -> System.out.printf(
                                    "       %-24s %s%n",
                                    o.getEventType(),
                                    o.getDeclinedBy() != null
                                            ? "declined by " + o.getDeclinedBy()
                                            : o.getReason() == null ? "" : o.getReason()));
                });
        DemoCommand.outcomes(seen).stream()
                .filter(o -> o.getEventType() == OutcomeType.DECLINED)
                .findFirst()
                .ifPresent(o -> System.out.printf(
                        "  e.g. %s %s DECLINED by %s%n", o.getAgency(), o.getAgencyReferralId(), o.getDeclinedBy()));
        Map<QueueItemType, Long> reminders = DemoCommand.queueItems(seen).stream()
                .filter(i -> i.getItemType() == QueueItemType.ACTION_DUE_SOON
                        || i.getItemType() == QueueItemType.ACTION_OVERDUE)
                .collect(Collectors.groupingBy(QueueItem::getItemType, TreeMap::new, Collectors.counting()));
        System.out.printf("  Outcome-agreement monitoring on the facilitators' queues: %s%n", reminders);
    }
}
