package org.rjhub.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rjhub.agencies.Agency;
import org.rjhub.agencies.AgencyRecord;
import org.rjhub.common.serde.AvroSerdes;
import org.rjhub.contracts.hub.DeadLetter;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.contracts.police.Party;
import org.rjhub.contracts.police.PoliceReferral;
import org.rjhub.simulator.AgencySimulator;
import org.rjhub.simulator.Batch;
import org.rjhub.simulator.Expectation;
import org.rjhub.testsupport.KafkaStackExtension;
import org.rjhub.testsupport.TestStack;

/**
 * Issue 13's fuzz test against the real broker and registry: records across the three agency topics mixing
 * schema-valid random referrals, every malformed kind and oversized ones, interleaved with good referrals from the
 * agency simulator. The router never stops and never retries (the retry counter stays 0), every record is answered
 * exactly once, in = acknowledged + deduplicated + dead-lettered per agency, and every good referral gets its
 * normal answer. It prints the good referrals' p99 answer time alone and among the bad records (not asserted).
 *
 * <p>CI runs {@code rj.fuzz.records} = 1,000 records and {@code rj.fuzz.good} = 100 good referrals (under
 * 90 s on 2 cores); the full run: {@code mvn -B -o -pl services/router -am verify -Dtest=NONE
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=RouterFuzzIT -Dfailsafe.failIfNoSpecifiedTests=false
 * -Drj.fuzz.records=10000 -Drj.fuzz.good=1000} (a few minutes).
 */
@ExtendWith(KafkaStackExtension.class)
class RouterFuzzIT {

    /**
     * Good referrals a second, alone and among the bad records (about twenty bad records each): the interleaved phase
     * then offers about a hundred records a second, within what the router answers on two cores, so the comparison
     * shows what bad records cost the good ones rather than a backlog.
     */
    private static final int GOOD_PER_SECOND = 5;

    private static final int RECORDS = Integer.getInteger("rj.fuzz.records", 1000);
    private static final int GOOD = Integer.getInteger("rj.fuzz.good", 100);
    private static final long SEED = Long.getLong("rj.fuzz.seed", 13L);
    private static final Set<OutcomeType> FIRST = EnumSet.of(
            OutcomeType.RECEIVED,
            OutcomeType.LINKED,
            OutcomeType.REJECTED,
            OutcomeType.REFERRED_ON,
            OutcomeType.NOT_ELIGIBLE);

    /** The kinds of bad record, each as an agency's own client could send it. */
    enum Kind {
        RANDOM_VALID,
        NOT_WIRE_FORMAT,
        UNKNOWN_SCHEMA_ID,
        WRONG_SCHEMA,
        TRUNCATED,
        TRAILING_BYTES,
        TOMBSTONE,
        EMPTY_KEY,
        NULL_KEY,
        KEY_MISMATCH,
        TEXT_TOO_LONG,
        TOO_MANY_ITEMS,
        MEGABYTE_FIELD,
        TEN_THOUSAND_PARTIES,
        NEAR_BROKER_MAX
    }

    /** One record to send, and the referral id its answer comes under. */
    private record Send(Agency agency, String key, byte[] value, String answerId, boolean good) {}

    /** An answer as the agency received it. */
    private record Answer(Outcome outcome, long receivedNanos) {}

    @Test
    void shouldAnswerEveryRecordExactlyOnceWithoutEverStoppingOrRetrying(TestStack stack) throws Exception {
        // Given good referrals from the simulator and bad records of every kind, on fresh topics
        UnaryOperator<String> naming = stack.newNamespace("fuzz");
        AvroSerdes avro = new AvroSerdes(stack.connection());
        Batch batch = new AgencySimulator(SEED).generate(Math.max(10, GOOD));
        List<Integer> goodIndexes = new ArrayList<>();
        for (int i = 0; i < batch.size() && goodIndexes.size() < GOOD; i++) {
            goodIndexes.add(i);
        }
        Batch bases = new AgencySimulator(SEED + 1).generate(60);
        Random random = new Random(SEED);
        List<Send> good = new ArrayList<>();
        for (int i : goodIndexes) {
            AgencyRecord r = batch.record(i);
            good.add(new Send(r.agency(), r.key(), encode(avro, naming, r.agency(), r.value()), r.key(), true));
        }
        List<Send> bad = new ArrayList<>();
        Map<Kind, Integer> kinds = new java.util.EnumMap<>(Kind.class);
        for (int n = 0; n < RECORDS; n++) {
            Kind kind = kind(n, random);
            kinds.merge(kind, 1, Integer::sum);
            bad.add(bad(kind, "FZ-" + n, random, bases, avro, naming));
        }

        RouterConfig config = RouterConfig.of(
                stack.connection(),
                Map.of(
                        RouterConfig.STATE_DIR,
                        Files.createTempDirectory("router-fuzz").toString(),
                        RouterConfig.APPLICATION_ID,
                        "rj-router-fuzz-" + UUID.randomUUID(),
                        RouterConfig.TOPIC_PREFIX,
                        naming.apply(""),
                        RouterConfig.HTTP_PORT,
                        -1));
        Map<String, List<Answer>> answers = new ConcurrentHashMap<>();
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> watch(stack, naming, answers, watching), "fuzz-answers");
        try (RouterService router = RouterService.start(config);
                KafkaProducer<String, byte[]> producer = producer(stack)) {
            router.awaitRunning(Duration.ofSeconds(120));
            watcher.start();

            // When half the good referrals are sent alone, then the rest interleaved with the bad records, the good
            // ones at the same rate both times (GOOD_PER_SECOND), so their answer times show what bad records cost
            int alone = good.size() / 2;
            for (Send s : good.subList(0, alone)) {
                send(producer, naming, s, sentAt);
                pace(GOOD_PER_SECOND);
            }
            awaitAnswers(answers, keysOf(good.subList(0, alone)), Duration.ofSeconds(60));
            int perGood = Math.max(1, bad.size() / Math.max(1, good.size() - alone));
            int b = 0;
            for (Send s : good.subList(alone, good.size())) {
                for (int i = 0; i < perGood && b < bad.size(); i++) {
                    send(producer, naming, bad.get(b++), sentAt);
                }
                send(producer, naming, s, sentAt);
                pace(GOOD_PER_SECOND);
            }
            while (b < bad.size()) {
                send(producer, naming, bad.get(b++), sentAt);
            }
            producer.flush();
            assertThat(SEND_FAILURES).as("records the broker refused").isEmpty();
            List<String> all = new ArrayList<>(keysOf(good));
            all.addAll(keysOf(bad));
            awaitAnswers(answers, all, Duration.ofSeconds(120));
            awaitQuiet(answers, Duration.ofSeconds(3)); // any answer written twice would show now

            // Then the router still runs, never retried, and answered every record exactly once
            assertThat(router.state().isRunningOrRebalancing()).isTrue();
            assertThat(router.registry()
                            .get("rj.retries")
                            .tag("service", "router")
                            .counter()
                            .count())
                    .isZero();
            for (Send s : bad) {
                List<Answer> mine = answers.getOrDefault(s.agency() + "/" + s.answerId(), List.of());
                assertThat(mine).as("answers to %s", s.answerId()).hasSize(1);
                assertThat(FIRST).contains(mine.get(0).outcome().getEventType());
            }
            assertGoodAnswers(batch, goodIndexes, answers);
            assertCounts(stack, naming, router, batch, goodIndexes, good, bad, answers);

            System.out.printf(
                    "RouterFuzzIT: %d bad records %s, %d good referrals; good referrals' p99 answer time:"
                            + " alone %d ms, among the bad records %d ms%n",
                    bad.size(),
                    kinds,
                    good.size(),
                    p99(good.subList(0, alone), answers, sentAt),
                    p99(good.subList(alone, good.size()), answers, sentAt));
        } finally {
            watching.set(false);
            watcher.join(10_000);
        }
    }

    private static Kind kind(int n, Random random) {
        Kind[] all = Kind.values();
        if (n < all.length) {
            return all[n]; // every kind at least once
        }
        int pick = random.nextInt(100);
        if (pick < 35) {
            return Kind.RANDOM_VALID;
        }
        if (pick < 37) { // the big ones are rare: they cost the producer, not the router
            return new Kind[] {Kind.MEGABYTE_FIELD, Kind.TEN_THOUSAND_PARTIES, Kind.NEAR_BROKER_MAX}[random.nextInt(3)];
        }
        Kind[] small = {
            Kind.NOT_WIRE_FORMAT,
            Kind.UNKNOWN_SCHEMA_ID,
            Kind.WRONG_SCHEMA,
            Kind.TRUNCATED,
            Kind.TRAILING_BYTES,
            Kind.TOMBSTONE,
            Kind.EMPTY_KEY,
            Kind.NULL_KEY,
            Kind.KEY_MISMATCH,
            Kind.TEXT_TOO_LONG,
            Kind.TOO_MANY_ITEMS
        };
        return small[random.nextInt(small.length)];
    }

    private static Send bad(
            Kind kind, String id, Random random, Batch bases, AvroSerdes avro, UnaryOperator<String> naming) {
        AgencyRecord base = bases.record(random.nextInt(bases.size()));
        Agency agency = base.agency();
        SpecificRecord value = withId(base, id);
        byte[] valid = encode(avro, naming, agency, value);
        return switch (kind) {
            case RANDOM_VALID ->
                new Send(agency, id, encode(avro, naming, agency, randomised(value, id, random)), id, false);
            case NOT_WIRE_FORMAT -> {
                byte[] junk = new byte[random.nextInt(200)];
                random.nextBytes(junk);
                if (junk.length > 0 && junk[0] == 0) {
                    junk[0] = 1;
                }
                yield new Send(agency, id, junk, id, false);
            }
            case UNKNOWN_SCHEMA_ID -> {
                ByteBuffer.wrap(valid).putInt(1, 0x7f000000 + random.nextInt(1_000_000));
                yield new Send(agency, id, valid, id, false);
            }
            case WRONG_SCHEMA -> {
                AgencyRecord other = bases.record(random.nextInt(bases.size()));
                Agency target = other.agency() == agency ? next(agency) : agency;
                yield new Send(target, id, encode(avro, naming, other.agency(), withId(other, id)), id, false);
            }
            case TRUNCATED ->
                new Send(agency, id, Arrays.copyOf(valid, 5 + random.nextInt(valid.length - 5)), id, false);
            case TRAILING_BYTES -> {
                byte[] longer = Arrays.copyOf(valid, valid.length + 1 + random.nextInt(20));
                yield new Send(agency, id, longer, id, false);
            }
            case TOMBSTONE -> new Send(agency, id, null, id, false);
            case EMPTY_KEY -> new Send(agency, "", valid, id, false);
            case NULL_KEY -> new Send(agency, null, valid, id, false);
            case KEY_MISMATCH -> new Send(agency, id + "-X", valid, id, false);
            case TEXT_TOO_LONG ->
                new Send(agency, id, encode(avro, naming, agency, withText(value, "Q".repeat(3000))), id, false);
            case MEGABYTE_FIELD ->
                new Send(
                        agency,
                        id,
                        encode(avro, naming, agency, withText(value, "M".repeat(1_024_000))),
                        id,
                        false); // a megabyte, within the broker's 1 MiB
            case TOO_MANY_ITEMS, TEN_THOUSAND_PARTIES -> {
                AgencyRecord police = firstOf(bases, Agency.POLICE);
                PoliceReferral r = (PoliceReferral) withId(police, id);
                List<Party> victims = new ArrayList<>();
                Party small = Party.newBuilder(r.getVictims().get(0))
                        .setForename("Al")
                        .setSurname("Bo")
                        .build();
                small.getAddress().setLine1("1");
                small.getAddress().setTown("Ow");
                for (int i = 0; i < (kind == Kind.TOO_MANY_ITEMS ? 30 : 10_000); i++) {
                    victims.add(Party.newBuilder(small).build()); // short ones: ten thousand within the broker's 1 MiB
                }
                r.setVictims(victims);
                yield new Send(Agency.POLICE, id, encode(avro, naming, Agency.POLICE, r), id, false);
            }
            case NEAR_BROKER_MAX -> {
                byte[] near = Arrays.copyOf(valid, 1_000_000);
                yield new Send(agency, id, near, id, false);
            }
        };
    }

    /** A schema-valid referral with random text in a quarter of its text fields (any Unicode, any length). */
    private static SpecificRecord randomised(SpecificRecord value, String id, Random random) {
        randomise((IndexedRecord) value, random, true);
        return withId(value, id);
    }

    private static void randomise(IndexedRecord record, Random random, boolean top) {
        List<Schema.Field> fields = record.getSchema().getFields();
        for (int i = 0; i < fields.size(); i++) {
            Object v = record.get(i);
            if (v instanceof CharSequence && random.nextInt(4) == 0) {
                record.put(i, randomText(random));
            } else if (v instanceof IndexedRecord nested) {
                randomise(nested, random, false);
            } else if (v instanceof List<?> list) {
                list.stream()
                        .filter(IndexedRecord.class::isInstance)
                        .forEach(item -> randomise((IndexedRecord) item, random, false));
            }
        }
    }

    private static String randomText(Random random) {
        int[] pool = {
            'a', 'Z', 'é', 'ß', 'Ω', 'ж', '中', 0x0301, 0x200B, 0x200D, 0xFEFF, 0x202E, 0x0000, 0x0007, ' ', '\n', '-',
            '\'', '.', 0x1F600, 0x3164, 'x', 'x', 'x'
        };
        int length = random.nextInt(10) == 0 ? random.nextInt(2500) : random.nextInt(25);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.appendCodePoint(pool[random.nextInt(pool.length)]);
        }
        return s.toString();
    }

    private static SpecificRecord withText(SpecificRecord value, String text) {
        SpecificRecord copy = SpecificData.get().deepCopy(value.getSchema(), value);
        copy.put(copy.getSchema().getField("district").pos(), text);
        return copy;
    }

    private static SpecificRecord withId(AgencyRecord r, String id) {
        return withId(r.value(), id);
    }

    private static SpecificRecord withId(SpecificRecord value, String id) {
        SpecificRecord copy = SpecificData.get().deepCopy(value.getSchema(), value);
        Schema.Field field = copy.getSchema().getField("referralId") != null
                ? copy.getSchema().getField("referralId")
                : copy.getSchema().getField("vsCaseId");
        copy.put(field.pos(), id);
        return copy;
    }

    private static AgencyRecord firstOf(Batch batch, Agency agency) {
        return batch.record(batch.indexesOf(agency).get(0));
    }

    private static Agency next(Agency agency) {
        return switch (agency) {
            case POLICE -> Agency.PROBATION;
            case PROBATION -> Agency.VICTIM_SUPPORT;
            default -> Agency.POLICE;
        };
    }

    private static byte[] encode(AvroSerdes avro, UnaryOperator<String> naming, Agency agency, SpecificRecord value) {
        String topic = naming.apply(topicOf(agency));
        return avro.value(SpecificRecord.class).serializer().serialize(topic, value);
    }

    private static String topicOf(Agency agency) {
        return switch (agency) {
            case POLICE -> "police.referrals.v1";
            case PROBATION -> "probation.referrals.v1";
            default -> "victimsupport.referrals.v1";
        };
    }

    private static final List<String> SEND_FAILURES = java.util.Collections.synchronizedList(new ArrayList<>());

    private static void send(
            KafkaProducer<String, byte[]> producer, UnaryOperator<String> naming, Send s, Map<String, Long> sentAt) {
        sentAt.putIfAbsent(s.agency() + "/" + s.answerId(), System.nanoTime());
        producer.send(new ProducerRecord<>(naming.apply(topicOf(s.agency())), s.key(), s.value()), (meta, e) -> {
            if (e != null) {
                SEND_FAILURES.add(s.answerId() + ": " + e);
            }
        });
    }

    private static void pace(int perSecond) {
        // pacing the agencies, not synchronisation
        java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofSeconds(1).toNanos() / perSecond);
    }

    private static List<String> keysOf(List<Send> sends) {
        return sends.stream()
                .map(s -> s.agency() + "/" + s.answerId())
                .distinct()
                .toList();
    }

    private static void awaitAnswers(Map<String, List<Answer>> answers, List<String> keys, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!keys.stream().allMatch(answers::containsKey)) {
            if (System.nanoTime() > deadline) {
                long missing =
                        keys.stream().filter(k -> !answers.containsKey(k)).count();
                throw new AssertionError(missing + " of " + keys.size() + " records unanswered after " + timeout);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(
                    Duration.ofMillis(100).toNanos());
        }
    }

    private static void awaitQuiet(Map<String, List<Answer>> answers, Duration quiet) {
        long end = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < end) {
            java.util.concurrent.locks.LockSupport.parkNanos(
                    Duration.ofMillis(100).toNanos());
        }
    }

    /** Each good referral's answers in order, by the simulator's ground truth. */
    private static void assertGoodAnswers(Batch batch, List<Integer> goodIndexes, Map<String, List<Answer>> answers) {
        Map<String, List<Expectation.Kind>> expected = new HashMap<>();
        for (int i : goodIndexes) {
            AgencyRecord r = batch.record(i);
            Expectation.Kind kind = batch.expectation(i).kind();
            if (kind != Expectation.Kind.DUPLICATE_REDELIVERY) {
                expected.computeIfAbsent(
                                SourceAgency.valueOf(r.agency().name()) + "/" + r.key(), k -> new ArrayList<>())
                        .add(kind);
            }
        }
        expected.forEach((key, kinds) -> {
            List<OutcomeType> got = answers.getOrDefault(key, List.of()).stream()
                    .map(a -> a.outcome().getEventType())
                    .toList();
            assertThat(got).as("answers to good referral %s", key).hasSize(kinds.size());
            assertThat(normal(kinds.get(0))).as("first answer to %s", key).contains(got.get(0));
        });
    }

    private static Set<OutcomeType> normal(Expectation.Kind kind) {
        return switch (kind) {
            case VALID -> EnumSet.of(OutcomeType.RECEIVED, OutcomeType.LINKED);
            case INVALID -> EnumSet.of(OutcomeType.REJECTED);
            case YOUTH -> EnumSet.of(OutcomeType.REFERRED_ON);
            case OUT_OF_AREA -> EnumSet.of(OutcomeType.NOT_ELIGIBLE);
            case AMENDMENT -> EnumSet.of(OutcomeType.AMENDED);
            case DUPLICATE_REDELIVERY -> EnumSet.noneOf(OutcomeType.class);
        };
    }

    /** in = acknowledged + deduplicated + dead-lettered, per agency; each dead letter answered REJECTED. */
    private static void assertCounts(
            TestStack stack,
            UnaryOperator<String> naming,
            RouterService router,
            Batch batch,
            List<Integer> goodIndexes,
            List<Send> good,
            List<Send> bad,
            Map<String, List<Answer>> answers) {
        Map<SourceAgency, Integer> deadLetters = new java.util.EnumMap<>(SourceAgency.class);
        for (DeadLetter d : readDeadLetters(stack, naming, bad.size() + good.size())) {
            deadLetters.merge(d.getAgency(), 1, Integer::sum);
        }
        int deduplicated = 0;
        for (SourceAgency agency : List.of(SourceAgency.POLICE, SourceAgency.PROBATION, SourceAgency.VICTIM_SUPPORT)) {
            long in = good.stream()
                            .filter(s -> s.agency().name().equals(agency.name()))
                            .count()
                    + bad.stream()
                            .filter(s -> s.agency().name().equals(agency.name()))
                            .count();
            int dups = (int) goodIndexes.stream()
                    .filter(i -> batch.record(i).agency().name().equals(agency.name())
                            && batch.expectation(i).kind() == Expectation.Kind.DUPLICATE_REDELIVERY)
                    .count();
            deduplicated += dups;
            List<Outcome> outcomes = answers.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(agency + "/"))
                    .flatMap(e -> e.getValue().stream())
                    .map(Answer::outcome)
                    .toList();
            long rejected = outcomes.stream()
                    .filter(o -> o.getEventType() == OutcomeType.REJECTED)
                    .count();
            long acknowledged = outcomes.size() - rejected;
            int dlq = deadLetters.getOrDefault(agency, 0);
            assertThat(rejected)
                    .as("%s: each dead letter answered REJECTED", agency)
                    .isEqualTo(dlq);
            assertThat(in)
                    .as("%s: in = acknowledged + deduplicated + dead-lettered", agency)
                    .isEqualTo(acknowledged + dups + dlq);
        }
        double metric = router.streams().metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals("deduplicated-total"))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .sum();
        assertThat(metric).as("deduplicated-total").isEqualTo(deduplicated);
    }

    private static long p99(List<Send> sends, Map<String, List<Answer>> answers, Map<String, Long> sentAt) {
        long[] millis = sends.stream()
                .map(s -> s.agency() + "/" + s.answerId())
                .distinct()
                .filter(answers::containsKey)
                .mapToLong(k -> (answers.get(k).get(0).receivedNanos() - sentAt.get(k)) / 1_000_000)
                .sorted()
                .toArray();
        return millis.length == 0 ? -1 : millis[Math.min(millis.length - 1, (int) Math.ceil(millis.length * 0.99) - 1)];
    }

    /** Collects the router's answers (merge notices left out) by agency and referral id, as the agencies get them. */
    private static void watch(
            TestStack stack, UnaryOperator<String> naming, Map<String, List<Answer>> answers, AtomicBoolean watching) {
        try (var consumer = consumer(stack)) {
            consumer.subscribe(List.of(
                    naming.apply("police.outcomes.v1"),
                    naming.apply("probation.outcomes.v1"),
                    naming.apply("victimsupport.outcomes.v1")));
            while (watching.get()) {
                for (var r : consumer.poll(Duration.ofMillis(100))) {
                    Outcome o = (Outcome) r.value();
                    if (o.getEventType() == OutcomeType.LINKED && o.getReason() != null) {
                        continue; // a later notice that the case merged, not an answer
                    }
                    answers.computeIfAbsent(
                                    o.getAgency() + "/" + o.getAgencyReferralId(),
                                    k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                            .add(new Answer(o, System.nanoTime()));
                }
            }
        }
    }

    private static List<DeadLetter> readDeadLetters(TestStack stack, UnaryOperator<String> naming, int atMost) {
        List<DeadLetter> out = new ArrayList<>();
        try (var consumer = consumer(stack)) {
            consumer.subscribe(List.of(naming.apply("rj.dead-letters.v1")));
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            int empty = 0;
            while (System.nanoTime() < until && out.size() < atMost && empty < 15) {
                var records = consumer.poll(Duration.ofMillis(200));
                empty = records.isEmpty() && !out.isEmpty() ? empty + 1 : 0;
                records.forEach(r -> out.add((DeadLetter) r.value()));
            }
        }
        return out;
    }

    private static KafkaProducer<String, byte[]> producer(TestStack stack) {
        Properties p = stack.connection().clientProperties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_100_000);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<String, SpecificRecord> consumer(TestStack stack) {
        Properties c = stack.connection().clientProperties();
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "fuzz-reader-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        var deserializer = new AvroKafkaDeserializer<SpecificRecord>();
        deserializer.configure(new AvroSerdes(stack.connection()).clientConfig(), false);
        return new KafkaConsumer<>(c, new StringDeserializer(), deserializer);
    }
}
