package org.rjhub.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rjhub.agencies.Agency;
import org.rjhub.common.clients.KafkaClients;
import org.rjhub.common.serde.AvroSerdes;
import org.rjhub.contracts.hub.DeadLetterReplay;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.contracts.police.PoliceReferral;
import org.rjhub.contracts.probation.ProbationReferral;
import org.rjhub.contracts.victimsupport.VictimSupportReferral;
import org.rjhub.dlq.inspect.DeadLetterEntry;
import org.rjhub.dlq.inspect.DeadLetterReader;
import org.rjhub.dlq.records.AgencyRecords;
import org.rjhub.dlq.replay.ReplayHistory;
import org.rjhub.dlq.replay.Replayer;
import org.rjhub.router.RouterConfig;
import org.rjhub.router.RouterInNamespace;
import org.rjhub.router.RouterService;
import org.rjhub.router.routing.RoutingRules;
import org.rjhub.router.routing.RulesStore;
import org.rjhub.testsupport.KafkaStackExtension;
import org.rjhub.testsupport.TestStack;

/**
 * Nothing is lost: records of several kinds are dead-lettered by the router running in-process, the causes are
 * fixed (corrected records, new routing rules), the dead letters are replayed with {@code hub dlq replay}, and each
 * referral ends processed exactly once: one REJECTED, then one RECEIVED or LINKED, every replay audited, and a second
 * replay refused unless forced (and then deduplicated by the router).
 */
@ExtendWith(KafkaStackExtension.class)
class DeadLetterReplayIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String OPERATOR = "it-operator";
    private static final List<OutcomeType> ACCEPTED = List.of(OutcomeType.RECEIVED, OutcomeType.LINKED);

    private final StringBuilder transcript = new StringBuilder();
    private TestStack stack;
    private UnaryOperator<String> naming;

    /** What the operator would have seen (synthetic data only), for reading: target/dlq-it-transcript.txt. */
    @AfterEach
    void writeTranscript() throws Exception {
        Files.writeString(Path.of("target", "dlq-it-transcript.txt"), transcript);
    }

    @Test
    void shouldProcessEveryDeadLetteredRecordExactlyOnceAfterTheCauseIsFixedAndItIsReplayed(TestStack stack)
            throws Exception {
        // Given the router running on a namespace of its own
        this.stack = stack;
        this.naming = stack.newNamespace("dlq");
        DlqConfig config = DlqConfig.of(stack.connection(), naming.apply(""));
        Path work = Files.createTempDirectory("dlq-it");
        RouterConfig routerConfig = RouterInNamespace.provision(stack, naming, work.resolve("state"));
        try (RouterService router = RouterService.start(routerConfig);
                OutcomeReader outcomes = new OutcomeReader()) {
            router.awaitRunning(WAIT);

            // and agencies that send one valid referral and four the hub cannot accept
            PoliceReferral valid = police("PR-2026-001919");
            PoliceReferral postcodeFixed = police("PR-2026-001917");
            PoliceReferral badPostcode =
                    PoliceReferral.newBuilder(postcodeFixed).build();
            badPostcode.getVictims().get(0).getAddress().setPostcode("CM13");
            ProbationReferral dobFixed = probation("PROB-2026-000802");
            ProbationReferral futureDob = ProbationReferral.newBuilder(dobFixed).build();
            futureDob.getOffender().setDateOfBirth(LocalDate.of(2031, 5, 1));
            VictimSupportReferral wickford = victimSupport("VS-ESX-0043945");
            wickford.setDistrict("Wickford"); // a town in Basildon district, not a district: not in the rules
            PoliceReferral unreadableFixed = police("PR-2026-001918");
            byte[] garbage = "referral PR-2026-001918, sent as CSV by mistake".getBytes(StandardCharsets.UTF_8);
            publish(
                    Map.of(
                            Agency.POLICE.topic(),
                            List.of(valid, badPostcode),
                            Agency.PROBATION.topic(),
                            List.of(futureDob),
                            Agency.VICTIM_SUPPORT.topic(),
                            List.of(wickford)),
                    unreadableFixed.getReferralId(),
                    garbage);

            // When the router has answered each of them
            List<String> refused = List.of(
                    "police/PR-2026-001917",
                    "probation/PROB-2026-000802",
                    "victimsupport/VS-ESX-0043945",
                    "police/PR-2026-001918");
            outcomes.awaitUntil(seen -> seen.size() == 5, WAIT);

            // Then the valid one is accepted and the four are rejected and dead-lettered
            assertThat(outcomes.types("police/PR-2026-001919")).singleElement().isIn(ACCEPTED);
            refused.forEach(r -> assertThat(outcomes.types(r)).as(r).containsExactly(OutcomeType.REJECTED));
            Map<String, DeadLetterEntry> letters = byRule(new DeadLetterReader(config).all());
            assertThat(letters)
                    .containsOnlyKeys(
                            "POSTCODE_SYNTAX", "DATE_OF_BIRTH_IN_FUTURE", "DISTRICT_NOT_IN_ESSEX", "NOT_WIRE_FORMAT");
            String postcodeId = letters.get("POSTCODE_SYNTAX").id().toString();
            String dobId = letters.get("DATE_OF_BIRTH_IN_FUTURE").id().toString();
            String districtId = letters.get("DISTRICT_NOT_IN_ESSEX").id().toString();
            String unreadableId = letters.get("NOT_WIRE_FORMAT").id().toString();

            // and the operator sees them listed, filtered, and shown without personal data
            Run list = dlq("list");
            assertThat(list.code).isZero();
            assertThat(list.out)
                    .contains(
                            postcodeId,
                            "PR-2026-001917",
                            "POSTCODE_SYNTAX",
                            "DISTRICT_NOT_IN_ESSEX",
                            "DATE_OF_BIRTH_IN_FUTURE",
                            "NOT_WIRE_FORMAT",
                            "4 dead letters");
            assertThat(dlq("list", "--agency", "probation").out)
                    .contains("PROB-2026-000802", "1 of 4 dead letters")
                    .doesNotContain("PR-2026-001917");
            String surname = badPostcode.getVictims().get(0).getSurname();
            Run show = dlq("show", postcodeId);
            assertThat(show.out)
                    .contains("POSTCODE_SYNTAX", "\"postcode\" : \"***\"", "\"surname\" : \"***\"")
                    .doesNotContain(surname);
            assertThat(dlq("show", postcodeId, "--unmasked").out).contains(surname, "\"postcode\" : \"CM13\"");
            // the unmasked view was audited: who and when, listed from then on, not counted as a replay
            assertThat(dlq("show", postcodeId).out).containsPattern("unmasked +\\S+ by \\S+");
            assertThat(dlq("show", unreadableId).out)
                    .contains("not the Confluent wire format")
                    .doesNotContain("sent as CSV");

            // When the causes are fixed: new routing rules with the district, corrected records for the rest
            publishRoutingRulesWithWickford(router);
            Path postcodeFile = file(work, "postcode.json", Agency.POLICE, postcodeFixed);
            Path dobFile = file(work, "dob.json", Agency.PROBATION, dobFixed);
            Path unreadableFile = file(work, "unreadable.json", Agency.POLICE, unreadableFixed);
            Map<String, Long> endsBefore = sourceTopicEnds();

            // and the dead letters are replayed
            Run unreadableAsItWas = dlq("replay", unreadableId, "--operator", OPERATOR);
            assertThat(unreadableAsItWas.code).isEqualTo(DlqCommand.EXIT_NOT_ALL_REPLAYED);
            assertThat(unreadableAsItWas.out).contains("refused " + unreadableId, "--edit-file", "0 replayed");
            assertThat(sourceTopicEnds())
                    .as("nothing sent for a refused replay")
                    .isEqualTo(endsBefore);
            List<Run> replays = List.of(
                    dlq("replay", postcodeId, "--edit-file", postcodeFile.toString(), "--operator", OPERATOR),
                    dlq("replay", dobId, "--edit-file", dobFile.toString(), "--operator", OPERATOR),
                    dlq("replay", "--rule", "district_not_in_essex", "--operator", OPERATOR),
                    dlq("replay", unreadableId, "--edit-file", unreadableFile.toString(), "--operator", OPERATOR));

            // Then each replay succeeded, and each referral is answered once more, accepted, after its REJECTED
            assertThat(replays).allSatisfy(r -> {
                assertThat(r.code).as(r.out + r.err).isZero();
                assertThat(r.out).contains("1 replayed by " + OPERATOR);
            });
            outcomes.awaitUntil(
                    seen -> refused.stream().allMatch(r -> outcomes.types(r).size() == 2), WAIT);
            outcomes.awaitQuiet(Duration.ofSeconds(3));
            refused.forEach(r -> {
                assertThat(outcomes.types(r)).as(r).hasSize(2).first().isEqualTo(OutcomeType.REJECTED);
                assertThat(outcomes.types(r)).as(r).last().isIn(ACCEPTED);
            });
            assertThat(outcomes.types("police/PR-2026-001919")).hasSize(1);
            assertThat(outcomes.eventIds()).as("no outcome written twice").doesNotHaveDuplicates();
            assertThat(new DeadLetterReader(config).all())
                    .as("no new dead letter")
                    .hasSize(4);

            // and every replay is audited: who, which dead letter, where it went, edited or not
            ReplayHistory history = ReplayHistory.read(config);
            assertThat(history.size()).isEqualTo(4);
            for (DeadLetterEntry letter : letters.values()) {
                DeadLetterReplay audit = history.last(letter).orElseThrow();
                assertThat(audit.getOperator()).isEqualTo(OPERATOR);
                assertThat(audit.getEdited())
                        .isEqualTo(!letter.letter().getRule().equals("DISTRICT_NOT_IN_ESSEX"));
                assertThat(audit.getForced()).isFalse();
                assertThat(audit.getTargetTopic()).isEqualTo(letter.letter().getSourceTopic());
                ConsumerRecord<byte[], byte[]> sent =
                        readAt(audit.getTargetTopic(), audit.getTargetPartition(), audit.getTargetOffset());
                assertThat(new String(
                                sent.headers()
                                        .lastHeader(Replayer.REPLAY_OF_HEADER)
                                        .value(),
                                StandardCharsets.UTF_8))
                        .isEqualTo(letter.coordinates());
                assertThat(new String(sent.key(), StandardCharsets.UTF_8)).isEqualTo(audit.getAgencyReferralId());
                if (!audit.getEdited()) {
                    assertThat(sent.value())
                            .as("the original bytes")
                            .isEqualTo(letter.originalValue().orElseThrow());
                }
            }

            // When everything is replayed again without --force
            Map<String, Long> endsAfterReplays = sourceTopicEnds();
            Run again = dlq("replay", "--all", "--operator", OPERATOR);

            // Then every one is refused and nothing is sent
            assertThat(again.code).isEqualTo(DlqCommand.EXIT_NOT_ALL_REPLAYED);
            assertThat(again.out.lines().filter(l -> l.startsWith("refused ") && l.contains("already replayed")))
                    .hasSize(4);
            assertThat(again.out).contains("0 replayed, 4 not");
            assertThat(sourceTopicEnds()).isEqualTo(endsAfterReplays);
            assertThat(dlq("list").out).contains("4 dead letters", "4 of them replayed");

            // When one is forced through again
            Run forced = dlq("replay", districtId, "--force", "--operator", OPERATOR);

            // Then it is sent and audited as forced, and the router drops it as a redelivery: still answered once
            assertThat(forced.code).isZero();
            assertThat(forced.out).contains("forced");
            assertThat(ReplayHistory.read(config).of(letters.get("DISTRICT_NOT_IN_ESSEX")))
                    .extracting(DeadLetterReplay::getForced)
                    .containsExactly(false, true);
            outcomes.awaitQuiet(Duration.ofSeconds(5));
            assertThat(outcomes.types("victimsupport/VS-ESX-0043945")).hasSize(2);
            assertThat(new DeadLetterReader(config).all()).hasSize(4);
        }
    }

    // ------------------------------------------------------------------------------------------ the agencies

    private static PoliceReferral police(String id) {
        return sample(Agency.POLICE, PoliceReferral.class, id, r -> r.getReferralId());
    }

    private static ProbationReferral probation(String id) {
        return sample(Agency.PROBATION, ProbationReferral.class, id, r -> r.getReferralId());
    }

    private static VictimSupportReferral victimSupport(String id) {
        return sample(Agency.VICTIM_SUPPORT, VictimSupportReferral.class, id, r -> r.getVsCaseId());
    }

    private static <T extends SpecificRecord> T sample(
            Agency agency, Class<T> type, String id, java.util.function.Function<T, String> idOf) {
        return Samples.records(agency).stream()
                .map(type::cast)
                .filter(r -> idOf.apply(r).equals(id))
                .findFirst()
                .orElseThrow();
    }

    /** Publishes the agencies' records and one unreadable police record in one transaction, as agencies would. */
    private void publish(Map<String, List<? extends SpecificRecord>> records, String garbageKey, byte[] garbage) {
        Properties p = stack.connection().clientProperties();
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "dlq-it-agencies-" + UUID.randomUUID());
        AvroKafkaSerializer<SpecificRecord> avro = new AvroKafkaSerializer<>();
        avro.configure(new AvroSerdes(stack.connection()).clientConfig(), false);
        try (var producer =
                KafkaClients.of(stack.connection()).producer(p, new StringSerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            records.forEach((topic, values) -> values.forEach(v -> {
                String t = naming.apply(topic);
                producer.send(new ProducerRecord<>(t, AgencyRecords.idOf(agencyOf(topic), v), avro.serialize(t, v)));
            }));
            producer.send(new ProducerRecord<>(naming.apply(Agency.POLICE.topic()), garbageKey, garbage));
            producer.commitTransaction();
        } finally {
            avro.close();
        }
    }

    private static Agency agencyOf(String topic) {
        for (Agency a : Agency.values()) {
            if (a.topic().equals(topic)) {
                return a;
            }
        }
        throw new IllegalArgumentException(topic);
    }

    /** The shipped rules, version 2, with Wickford as a district of the Basildon team; waits until the router has them. */
    private void publishRoutingRulesWithWickford(RouterService router) throws Exception {
        String rules = RoutingRules.defaultText()
                .replaceFirst("(?m)^version: \\d+", "version: 2")
                .replaceFirst(
                        "(?m)^areas:\\n", "areas:\n  - {district: Wickford, queue: basildon, outwardCodes: []}\n");
        assertThat(rules).contains("district: Wickford");
        Properties p = stack.connection().clientProperties();
        try (var producer =
                KafkaClients.of(stack.connection()).producer(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(naming.apply("rj.routing-rules.v1"), RulesStore.KEY, rules))
                    .get();
        }
        ReadOnlyKeyValueStore<String, String> store = router.streams()
                .store(StoreQueryParameters.fromNameAndType(
                        RulesStore.STORE, QueryableStoreTypes.<String, String>keyValueStore()));
        org.awaitility.Awaitility.await("router took the new rules")
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> rules.equals(store.get(RulesStore.KEY)));
    }

    private static Path file(Path dir, String name, Agency agency, SpecificRecord record) throws Exception {
        return Files.writeString(dir.resolve(name), AgencyRecords.toFile(agency, record));
    }

    // ------------------------------------------------------------------------------------------ the command

    private record Run(int code, String out, String err) {}

    /** Runs {@code hub dlq ARGS} against the test's cluster and namespace. */
    private Run dlq(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(
                "--bootstrap-servers",
                stack.connection().bootstrapServers(),
                "--registry-url",
                stack.connection().registryUrl().toString(),
                "--topic-prefix",
                naming.apply("")));
        stack.clientConfigFile("admin").ifPresent(f -> all.addAll(List.of("--command-config", f.toString())));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        picocli.CommandLine cli = new picocli.CommandLine(new DlqCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(all.toArray(String[]::new));
        Run run = new Run(code, out.toString(), err.toString());
        transcript
                .append("$ hub dlq ")
                .append(String.join(" ", args))
                .append(System.lineSeparator())
                .append(run.out)
                .append(run.err)
                .append("(exit ")
                .append(code)
                .append(")")
                .append(System.lineSeparator())
                .append(System.lineSeparator());
        return run;
    }

    // ------------------------------------------------------------------------------------------ reading back

    private static Map<String, DeadLetterEntry> byRule(List<DeadLetterEntry> entries) {
        Map<String, DeadLetterEntry> by = new LinkedHashMap<>();
        entries.forEach(e -> assertThat(by.put(e.letter().getRule(), e))
                .as("one dead letter per rule")
                .isNull());
        return by;
    }

    /** End offsets of the agencies' topics. */
    private Map<String, Long> sourceTopicEnds() {
        try (var consumer = bytesConsumer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (Agency a : Agency.values()) {
                String topic = naming.apply(a.topic());
                consumer.partitionsFor(topic).forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            }
            Map<String, Long> ends = new HashMap<>();
            consumer.endOffsets(partitions).forEach((tp, end) -> ends.put(tp.toString(), end));
            return ends;
        }
    }

    private ConsumerRecord<byte[], byte[]> readAt(String topic, int partition, long offset) {
        try (var consumer = bytesConsumer()) {
            TopicPartition tp = new TopicPartition(topic, partition);
            consumer.assign(List.of(tp));
            consumer.seek(tp, offset);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() == offset) {
                        return r;
                    }
                }
            }
            throw new AssertionError("no record at " + tp + " offset " + offset);
        }
    }

    private KafkaConsumer<byte[], byte[]> bytesConsumer() {
        Properties c = stack.connection().clientProperties();
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return KafkaClients.of(stack.connection())
                .consumer(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The agencies' outcome topics, read from the start and kept open across the test's phases. */
    private final class OutcomeReader implements AutoCloseable {
        private final KafkaConsumer<String, Object> consumer;
        private final Map<String, List<Outcome>> byReferral = new LinkedHashMap<>();

        OutcomeReader() {
            Properties c = stack.connection().clientProperties();
            c.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-it-outcomes-" + UUID.randomUUID());
            c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            AvroKafkaDeserializer<Object> values = new AvroKafkaDeserializer<>();
            values.configure(new AvroSerdes(stack.connection()).clientConfig(), false);
            consumer = KafkaClients.of(stack.connection()).consumer(c, new StringDeserializer(), values);
            List<String> topics = new ArrayList<>();
            for (String agency : List.of("police", "probation", "victimsupport")) {
                topics.add(naming.apply(agency + ".outcomes.v1"));
            }
            consumer.subscribe(topics);
        }

        void awaitUntil(Predicate<Map<String, List<Outcome>>> done, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(byReferral)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("outcomes not as expected after " + timeout + ": " + summary());
                }
                poll();
            }
        }

        /** Polls until nothing new arrives for {@code quiet}: time for a duplicate to show. */
        void awaitQuiet(Duration quiet) {
            long until = System.nanoTime() + quiet.toNanos();
            while (System.nanoTime() < until) {
                if (poll() > 0) {
                    until = System.nanoTime() + quiet.toNanos();
                }
            }
        }

        private int poll() {
            int n = 0;
            for (var r : consumer.poll(Duration.ofMillis(200))) {
                Outcome o = (Outcome) r.value();
                String agency = o.getAgency().name().equals("VICTIM_SUPPORT")
                        ? "victimsupport"
                        : o.getAgency().name().toLowerCase(java.util.Locale.ROOT);
                byReferral
                        .computeIfAbsent(agency + "/" + o.getAgencyReferralId(), k -> new ArrayList<>())
                        .add(o);
                n++;
            }
            return n;
        }

        List<OutcomeType> types(String referral) {
            return byReferral.getOrDefault(referral, List.of()).stream()
                    .map(Outcome::getEventType)
                    .toList();
        }

        List<String> eventIds() {
            return byReferral.values().stream()
                    .flatMap(List::stream)
                    .map(Outcome::getEventId)
                    .toList();
        }

        private Map<String, List<OutcomeType>> summary() {
            Map<String, List<OutcomeType>> s = new LinkedHashMap<>();
            byReferral.keySet().forEach(k -> s.put(k, types(k)));
            return s;
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
