package org.rjhub.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rjhub.agencies.AgencyRecord;
import org.rjhub.common.clients.KafkaClients;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.serde.AvroSerdes;
import org.rjhub.contracts.hub.ActionKind;
import org.rjhub.contracts.hub.AgreementAction;
import org.rjhub.contracts.hub.AgreementDetails;
import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.CaseEventResult;
import org.rjhub.contracts.hub.CaseEventStatus;
import org.rjhub.contracts.hub.CaseEventType;
import org.rjhub.contracts.hub.ClosureDetails;
import org.rjhub.contracts.hub.ClosureReason;
import org.rjhub.contracts.hub.ConsentDetails;
import org.rjhub.contracts.hub.ConsentScope;
import org.rjhub.contracts.hub.ContactAttemptDetails;
import org.rjhub.contracts.hub.ContactMethod;
import org.rjhub.contracts.hub.MeetingDetails;
import org.rjhub.contracts.hub.MeetingFormat;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.contracts.hub.PartyRole;
import org.rjhub.contracts.hub.Referral;
import org.rjhub.contracts.hub.RiskAssessmentDetails;
import org.rjhub.contracts.hub.RiskAssessmentStage;
import org.rjhub.contracts.hub.RiskLevel;
import org.rjhub.contracts.hub.UnsuitabilityReason;
import org.rjhub.reporting.facts.Districts;
import org.rjhub.reporting.facts.FactsConfig;
import org.rjhub.reporting.facts.FactsService;
import org.rjhub.reporting.store.ReportingMain;
import org.rjhub.router.RouterConfig;
import org.rjhub.router.RouterInNamespace;
import org.rjhub.router.RouterService;
import org.rjhub.simulator.AgencySimulator;
import org.rjhub.simulator.Batch;
import org.rjhub.testsupport.KafkaStackExtension;
import org.rjhub.testsupport.TestStack;

/**
 * The demo's flow on the real broker and registry: agencies publish a synthetic batch, the router and the facts
 * service run in-process, facilitators' case events arrive with the case service's answers, and the reporting
 * consumer runs as a child JVM that is killed (SIGKILL) twice mid-stream and restarted. Afterwards every count in
 * the database equals the count computed directly from the hub's topics, and every fact is in it exactly once.
 */
@ExtendWith(KafkaStackExtension.class)
class ReportingCrashRecoveryIT {

    private static final Duration PATIENCE = Duration.ofMinutes(3);

    @Test
    void shouldCountEveryFactOnceAfterTheReportingConsumerIsKilledMidway(TestStack stack) throws Exception {
        // Given the router and the facts service on a fresh namespace
        UnaryOperator<String> naming = stack.newNamespace("reporting");
        KafkaConnection conn = stack.connection();
        Path work = Files.createTempDirectory("reporting-it");
        String db = work.resolve("reporting").toAbsolutePath().toString();
        String id = UUID.randomUUID().toString().substring(0, 8);
        Batch batch = new AgencySimulator(20261121L).generate(120);
        // the router and the facts service each as its own principal, under the access file's application ids in
        // the namespace, their internal topics created ahead by provisioning (their principals may not create topics)
        RouterConfig routerConfig = RouterInNamespace.provision(stack, naming, work.resolve("router"));
        FactsConfig factsConfig = FactsConfig.of(
                stack.connection("facts"),
                Map.of(
                        FactsConfig.STATE_DIR,
                        work.resolve("facts").toString(),
                        FactsConfig.APPLICATION_ID,
                        naming.apply("rj-reporting-facts"),
                        FactsConfig.TOPIC_PREFIX,
                        naming.apply(""),
                        FactsConfig.HMAC_KEY,
                        TestSecrets.hmacKey(),
                        FactsConfig.HTTP_PORT,
                        0));
        stack.createInternalTopics(FactsService.internalTopics(factsConfig));
        try (RouterService router = RouterService.start(routerConfig);
                FactsService facts = FactsService.start(factsConfig)) {
            router.awaitRunning(PATIENCE);
            facts.awaitRunning(PATIENCE);

            // When the agencies publish (paced) while the reporting consumer is killed mid-stream
            CompletableFuture<Void> publishing =
                    CompletableFuture.runAsync(() -> publish(conn, naming, batch.records()));
            Process consumer = startConsumer(conn, stack.clientConfigFile("reporting"), naming, db, id, work, 0);
            long atFirstKill = awaitFacts(db, 40);
            consumer.destroyForcibly().waitFor();
            consumer = startConsumer(conn, stack.clientConfigFile("reporting"), naming, db, id, work, 1);
            publishing.get();
            assertThat(atFirstKill)
                    .as("killed before the agencies had finished")
                    .isLessThan(batch.size());

            // ... and facilitators work the cases, the case service answering each event
            Map<String, Referral> referrals =
                    latestReferrals(read(conn, List.of(naming.apply("rj.referrals.v1")), Referral.class));
            Map<String, List<Outcome>> outcomes = outcomesByReferral(read(conn, outcomeTopics(naming), Outcome.class));
            Map<String, Expected.Referral> expected = Expected.referrals(referrals, outcomes);
            List<String> caseIds = expected.values().stream()
                    .map(Expected.Referral::caseId)
                    .filter(c -> c != null)
                    .distinct()
                    .sorted()
                    .toList();
            Expected.Funnel funnel = workTheCases(conn, naming, caseIds);
            long beforeSecondKill = awaitFacts(db, awaitFacts(db, 1) + 25);
            consumer.destroyForcibly().waitFor();
            consumer = startConsumer(conn, stack.clientConfigFile("reporting"), naming, db, id, work, 2);
            try {
                // Then, once all is consumed, the database holds every fact once and the figures of the topics
                List<ConsumerRecord<String, Object>> onTopic =
                        readQuiet(conn, List.of(naming.apply("rj.reporting.case-facts.v1")), Duration.ofSeconds(8));
                awaitExactly(db, onTopic.size());
                assertThat(beforeSecondKill).isLessThan(onTopic.size());
                try (Connection c = open(db)) {
                    assertThat(count(c, "SELECT COUNT(DISTINCT fact_id) FROM rpt_facts"))
                            .isEqualTo(onTopic.size());
                    Map<Integer, Long> lastOffsets = new TreeMap<>();
                    onTopic.forEach(r -> lastOffsets.merge(r.partition(), r.offset(), Math::max));
                    Map<Integer, Long> stored = new TreeMap<>();
                    try (Statement st = c.createStatement();
                            ResultSet rs = st.executeQuery(
                                    "SELECT partition_no, next_offset FROM rpt_consumer_offsets WHERE next_offset >= 0")) {
                        while (rs.next()) {
                            stored.put(rs.getInt(1), rs.getLong(2));
                        }
                    }
                    lastOffsets.forEach((p, o) ->
                            assertThat(stored.get(p)).as("partition %s", p).isGreaterThan(o));

                    assertThat(groups(
                                    c,
                                    "SELECT agency, district, offence_category, intake, COUNT(*) FROM rpt_referrals "
                                            + "GROUP BY agency, district, offence_category, intake"))
                            .isEqualTo(Expected.byDimensions(expected));
                    assertThat(count(c, "SELECT COUNT(*) FROM v_cases")).isEqualTo(caseIds.size());
                    assertThat(count(c, "SELECT COUNT(*) FROM rpt_referrals WHERE intake = 'LINKED_TO_CASE'"))
                            .isEqualTo(expected.values().stream()
                                    .filter(r -> "LINKED_TO_CASE".equals(r.intake()))
                                    .count());
                    assertThat(count(c, "SELECT SUM(contacted) FROM v_funnel")).isEqualTo(funnel.contacted());
                    assertThat(count(c, "SELECT SUM(consented) FROM v_funnel")).isEqualTo(funnel.completed());
                    assertThat(count(c, "SELECT SUM(communicated) FROM v_funnel"))
                            .isEqualTo(funnel.completed());
                    assertThat(count(c, "SELECT SUM(completed) FROM v_funnel")).isEqualTo(funnel.completed());
                    assertThat(count(
                                    c,
                                    "SELECT SUM(declines) FROM v_declines WHERE party_role = 'VICTIM' "
                                            + "AND reason = 'DECLINED'"))
                            .isEqualTo(funnel.declined());
                    assertThat(count(
                                    c,
                                    "SELECT SUM(cases) FROM v_unsuitability WHERE unsuitable_reason = "
                                            + "'SAFEGUARDING_CONCERN'"))
                            .isEqualTo(funnel.unsuitable());
                }
            } finally {
                consumer.destroy();
                consumer.waitFor();
            }
        }
    }

    /** A facilitator's script per case (by its place in the sorted list), with the case service's answers. */
    private static Expected.Funnel workTheCases(
            KafkaConnection conn, UnaryOperator<String> naming, List<String> caseIds) {
        int contacted = 0;
        int completed = 0;
        int declined = 0;
        int unsuitable = 0;
        List<ProducerRecord<String, SpecificRecord>> out = new ArrayList<>();
        Instant t = Instant.parse("2026-11-20T09:00:00Z");
        for (int i = 0; i < caseIds.size(); i++) {
            String caseId = caseIds.get(i);
            List<CaseEvent> accepted = new ArrayList<>();
            CaseEvent refused = null;
            switch (i % 4) {
                case 0 -> {
                    accepted.add(event(
                            caseId,
                            CaseEventType.CONTACT_MADE,
                            PartyRole.VICTIM,
                            t,
                            new ContactAttemptDetails(ContactMethod.PHONE, true)));
                    for (PartyRole party : List.of(PartyRole.VICTIM, PartyRole.OFFENDER)) {
                        accepted.add(event(
                                caseId,
                                CaseEventType.CONSENT_GIVEN,
                                party,
                                t.plusSeconds(60),
                                new ConsentDetails(ConsentScope.DIRECT_MEETING, true)));
                    }
                    accepted.add(event(
                            caseId,
                            CaseEventType.MEETING_HELD,
                            null,
                            t.plusSeconds(3600),
                            new MeetingDetails(MeetingFormat.FACE_TO_FACE_CONFERENCE, 4)));
                    accepted.add(event(
                            caseId,
                            CaseEventType.AGREEMENT_RECORDED,
                            null,
                            t.plusSeconds(3700),
                            new AgreementDetails(
                                    1,
                                    0,
                                    null,
                                    List.of(new AgreementAction(
                                            "A1",
                                            ActionKind.APOLOGY_LETTER,
                                            PartyRole.OFFENDER,
                                            LocalDate.parse("2026-12-20"))),
                                    null)));
                    accepted.add(event(
                            caseId,
                            CaseEventType.ACTION_COMPLETED,
                            null,
                            t.plusSeconds(86_400),
                            new AgreementDetails(0, 0, null, List.of(), "A1")));
                    accepted.add(event(
                            caseId,
                            CaseEventType.CASE_CLOSED,
                            null,
                            t.plusSeconds(90_000),
                            new ClosureDetails(ClosureReason.AGREEMENT_COMPLETED)));
                    contacted++;
                    completed++;
                }
                case 1 -> {
                    accepted.add(event(
                            caseId,
                            CaseEventType.CONTACT_MADE,
                            PartyRole.VICTIM,
                            t,
                            new ContactAttemptDetails(ContactMethod.LETTER, true)));
                    accepted.add(
                            event(caseId, CaseEventType.CONSENT_WITHDRAWN, PartyRole.VICTIM, t.plusSeconds(600), null));
                    contacted++;
                    declined++;
                }
                case 2 -> {
                    accepted.add(event(
                            caseId,
                            CaseEventType.RISK_ASSESSED,
                            null,
                            t,
                            new RiskAssessmentDetails(
                                    RiskAssessmentStage.INITIAL,
                                    RiskLevel.HIGH,
                                    false,
                                    UnsuitabilityReason.SAFEGUARDING_CONCERN)));
                    unsuitable++;
                }
                default -> {
                    accepted.add(event(
                            caseId,
                            CaseEventType.CONTACT_MADE,
                            PartyRole.OFFENDER,
                            t,
                            new ContactAttemptDetails(ContactMethod.VIA_REFERRER, true)));
                    refused = event(
                            caseId,
                            CaseEventType.MEETING_HELD,
                            null,
                            t.plusSeconds(60),
                            new MeetingDetails(MeetingFormat.VIDEO_CONFERENCE, 3));
                    contacted++;
                }
            }
            for (CaseEvent e : accepted) {
                out.add(new ProducerRecord<>(naming.apply("rj.case-events.v1"), caseId, e));
                out.add(new ProducerRecord<>(
                        naming.apply("rj.case-event-results.v1"), e.getEventId(), result(e, CaseEventStatus.ACCEPTED)));
            }
            if (refused != null) {
                out.add(new ProducerRecord<>(naming.apply("rj.case-events.v1"), caseId, refused));
                out.add(new ProducerRecord<>(
                        naming.apply("rj.case-event-results.v1"),
                        refused.getEventId(),
                        result(refused, CaseEventStatus.REFUSED)));
            }
            t = t.plusSeconds(7200);
        }
        send(conn, out, 40, Duration.ofMillis(100));
        return new Expected.Funnel(contacted, completed, declined, unsuitable);
    }

    private static CaseEvent event(String caseId, CaseEventType type, PartyRole party, Instant at, Object details) {
        return CaseEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setCaseId(caseId)
                .setEventType(type)
                .setPartyRole(party)
                .setActor("FAC-007")
                .setOccurredAt(at)
                .setDetails(details)
                .build();
    }

    private static CaseEventResult result(CaseEvent e, CaseEventStatus status) {
        return CaseEventResult.newBuilder()
                .setEventId(e.getEventId())
                .setCaseId(e.getCaseId())
                .setEventType(e.getEventType().name())
                .setActor(e.getActor())
                .setStatus(status)
                .setRule(status == CaseEventStatus.REFUSED ? "MEETING_BEFORE_CONSENT" : null)
                .setReason(status == CaseEventStatus.REFUSED ? "no party has consented" : null)
                .setDecidedAt(e.getOccurredAt())
                .build();
    }

    /** The agencies' records, 20 to a transaction, paced so the stream lasts across the first kill. */
    private static void publish(KafkaConnection conn, UnaryOperator<String> naming, List<AgencyRecord> records) {
        List<ProducerRecord<String, SpecificRecord>> out = new ArrayList<>();
        records.forEach(r -> out.add(new ProducerRecord<>(naming.apply(r.topic()), r.key(), r.value())));
        send(conn, out, 20, Duration.ofMillis(250));
    }

    private static void send(
            KafkaConnection conn,
            List<ProducerRecord<String, SpecificRecord>> records,
            int perTransaction,
            Duration pause) {
        Properties p = conn.clientProperties();
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "reporting-it-" + UUID.randomUUID());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        var values = new AvroKafkaSerializer<SpecificRecord>();
        values.configure(new AvroSerdes(conn).clientConfig(), false);
        try (var producer = KafkaClients.of(conn).producer(p, new StringSerializer(), values)) {
            producer.initTransactions();
            for (int from = 0; from < records.size(); from += perTransaction) {
                producer.beginTransaction();
                records.subList(from, Math.min(records.size(), from + perTransaction))
                        .forEach(producer::send);
                producer.commitTransaction();
                java.util.concurrent.locks.LockSupport.parkNanos(pause.toNanos());
            }
        }
    }

    /** The reporting consumer as its principal ({@code clientConfig}), in its group of the access file. */
    private static Process startConsumer(
            KafkaConnection conn,
            java.util.Optional<Path> clientConfig,
            UnaryOperator<String> naming,
            String db,
            String id,
            Path work,
            int n)
            throws Exception {
        ProcessBuilder pb = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                ReportingMain.class.getName());
        pb.environment().put("KAFKA_BOOTSTRAP_SERVERS", conn.bootstrapServers());
        pb.environment().put("RJ_REGISTRY_URL", conn.registryUrl().toString());
        pb.environment().put("RJ_REPORTING_RJ_TOPIC_PREFIX", naming.apply(""));
        clientConfig.ifPresent(f -> pb.environment().put("KAFKA_CLIENT_CONFIG", f.toString()));
        pb.environment().put("RJ_REPORTING_GROUP_ID", naming.apply("rj-reporting-sql"));
        pb.environment().put("RJ_REPORTING_JDBC_URL", "jdbc:h2:" + db + ";AUTO_SERVER=TRUE");
        pb.environment().put("RJ_REPORTING_MAX_POLL_RECORDS", "5");
        pb.environment().put("RJ_REPORTING_RJ_HTTP_PORT", "0");
        pb.redirectErrorStream(true)
                .redirectOutput(work.resolve("consumer-" + n + ".log").toFile());
        return pb.start();
    }

    /** Waits until the database holds at least {@code wanted} facts; returns how many it holds. */
    private static long awaitFacts(String db, long wanted) {
        return org.awaitility.Awaitility.await("facts in the reporting database")
                .atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(25))
                .until(() -> factsIn(db), seen -> seen >= wanted);
    }

    /** Facts in the database now; 0 while it is not created yet or the consumer is between lives. */
    private static long factsIn(String db) {
        if (!Files.exists(Path.of(db + ".mv.db"))) {
            return 0;
        }
        try (Connection c = open(db)) {
            return count(c, "SELECT COUNT(*) FROM rpt_facts");
        } catch (SQLException e) {
            return 0;
        }
    }

    private static void awaitExactly(String db, long wanted) {
        awaitFacts(db, wanted);
        // and nothing more arrives for two seconds
        org.awaitility.Awaitility.await("no more facts than wanted")
                .during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(10))
                .until(() -> factsIn(db), seen -> seen == wanted);
        assertThat(factsIn(db)).as("facts in the database").isEqualTo(wanted);
    }

    private static Connection open(String db) throws SQLException {
        return DriverManager.getConnection("jdbc:h2:" + db + ";AUTO_SERVER=TRUE;IFEXISTS=TRUE", "sa", "");
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Map<String, Long> groups(Connection c, String sql) throws SQLException {
        Map<String, Long> out = new TreeMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> key = new ArrayList<>();
                for (int i = 1; i < n; i++) {
                    key.add(String.valueOf(rs.getString(i)));
                }
                out.put(String.join("|", key), rs.getLong(n));
            }
        }
        return out;
    }

    private static List<String> outcomeTopics(UnaryOperator<String> naming) {
        return List.of(
                naming.apply("police.outcomes.v1"),
                naming.apply("probation.outcomes.v1"),
                naming.apply("victimsupport.outcomes.v1"));
    }

    private static <T> List<T> read(KafkaConnection conn, List<String> topics, Class<T> type) {
        return readQuiet(conn, topics, Duration.ofSeconds(6)).stream()
                .map(r -> type.cast(r.value()))
                .toList();
    }

    /** Reads until nothing new has come for {@code quiet}. */
    private static List<ConsumerRecord<String, Object>> readQuiet(
            KafkaConnection conn, List<String> topics, Duration quiet) {
        Properties c = conn.clientProperties();
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "reporting-it-reader-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        var values = new AvroKafkaDeserializer<Object>();
        values.configure(new AvroSerdes(conn).clientConfig(), false);
        List<ConsumerRecord<String, Object>> out = new ArrayList<>();
        try (var consumer = KafkaClients.of(conn).consumer(c, new StringDeserializer(), values)) {
            consumer.subscribe(topics);
            long last = System.nanoTime();
            long deadline = last + PATIENCE.toNanos();
            while (System.nanoTime() - last < quiet.toNanos() && System.nanoTime() < deadline) {
                var records = consumer.poll(Duration.ofMillis(250));
                if (!records.isEmpty()) {
                    records.forEach(out::add);
                    last = System.nanoTime();
                }
            }
        }
        return out;
    }

    private static Map<String, Referral> latestReferrals(List<Referral> referrals) {
        Map<String, Referral> latest = new LinkedHashMap<>();
        referrals.forEach(r -> latest.put(r.getSourceAgency() + "/" + r.getAgencyReferralId(), r));
        return latest;
    }

    private static Map<String, List<Outcome>> outcomesByReferral(List<Outcome> outcomes) {
        Map<String, List<Outcome>> by = new HashMap<>();
        outcomes.forEach(o -> by.computeIfAbsent(o.getAgency() + "/" + o.getAgencyReferralId(), k -> new ArrayList<>())
                .add(o));
        return by;
    }

    /** The figures computed straight from the hub's topics, by the contract's rules. */
    static final class Expected {

        private Expected() {}

        /**
         * One agency referral as the topics tell it.
         *
         * @param agency   agency
         * @param district district, as reporting keeps it
         * @param offence  offence category, or null
         * @param intake   what the hub did with it
         * @param caseId   its case, if any
         */
        record Referral(String agency, String district, String offence, String intake, String caseId) {}

        /**
         * What the facilitators' scripts did.
         *
         * @param contacted  cases with contact made
         * @param completed  cases taken to a completed agreement (also: consented, met, agreed)
         * @param declined   victims who declined
         * @param unsuitable cases found unsuitable
         */
        record Funnel(long contacted, long completed, long declined, long unsuitable) {}

        static Map<String, Referral> referrals(
                Map<String, org.rjhub.contracts.hub.Referral> canonical, Map<String, List<Outcome>> outcomes) {
            Map<String, Referral> out = new TreeMap<>();
            for (var e : outcomes.entrySet()) {
                org.rjhub.contracts.hub.Referral r = canonical.get(e.getKey());
                String intake = null;
                String caseId = null;
                for (Outcome o : e.getValue()) {
                    switch (o.getEventType()) {
                        case RECEIVED -> {
                            intake = "OPENED_CASE";
                            caseId = o.getHubCaseId();
                        }
                        case LINKED -> {
                            intake = "LINKED_TO_CASE";
                            caseId = o.getHubCaseId();
                        }
                        case NOT_ELIGIBLE, REFERRED_ON ->
                            intake = o.getEventType().name();
                        default -> {
                            // AMENDED changes no intake; REJECTED counts only when the hub never accepted a version
                        }
                    }
                }
                if (r == null) {
                    boolean rejected = e.getValue().stream().anyMatch(o -> o.getEventType() == OutcomeType.REJECTED);
                    if (rejected) {
                        out.put(
                                e.getKey(),
                                new Referral(e.getValue().get(0).getAgency().name(), null, null, "REJECTED", null));
                    }
                    continue;
                }
                if (intake != null) {
                    out.put(
                            e.getKey(),
                            new Referral(
                                    r.getSourceAgency().name(),
                                    Districts.reported(r.getDistrict()),
                                    r.getOffence() == null
                                            ? null
                                            : r.getOffence().getCategory().name(),
                                    intake,
                                    "OPENED_CASE".equals(intake) || "LINKED_TO_CASE".equals(intake) ? caseId : null));
                }
            }
            return out;
        }

        static Map<String, Long> byDimensions(Map<String, Referral> referrals) {
            Map<String, Long> out = new TreeMap<>();
            referrals
                    .values()
                    .forEach(r -> out.merge(
                            r.agency() + "|" + r.district() + "|" + r.offence() + "|" + r.intake(), 1L, Long::sum));
            return out;
        }
    }
}
