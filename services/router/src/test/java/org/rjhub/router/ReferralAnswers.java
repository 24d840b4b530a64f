package org.rjhub.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.rjhub.agencies.AgencyRecord;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.serde.AvroSerdes;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.simulator.Batch;
import org.rjhub.simulator.Expectation;

/**
 * The agencies' side of the router's fault tests on a real broker and registry: publish referrals as an agency's
 * own producer would, read every answer from the outcome topics, and check each referral was answered exactly once
 * (the router's own fault tests, and the CLI module's multi-instance test through the router's test-jar).
 */
public final class ReferralAnswers {

    /** The first answer a referral gets (a merge notice, LINKED with a reason, is not one). */
    public static final List<OutcomeType> FIRST = List.of(
            OutcomeType.RECEIVED,
            OutcomeType.LINKED,
            OutcomeType.REJECTED,
            OutcomeType.REFERRED_ON,
            OutcomeType.NOT_ELIGIBLE);

    private ReferralAnswers() {}

    /** Publishes {@code records} in transactions of 50, in order, with Apicurio's serializer on {@code connection}. */
    public static void publish(KafkaConnection connection, UnaryOperator<String> naming, List<AgencyRecord> records) {
        Properties p = connection.clientProperties();
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "fault-publisher-" + UUID.randomUUID());
        var serializer = new AvroKafkaSerializer<SpecificRecord>();
        serializer.configure(new AvroSerdes(connection).clientConfig(), false);
        try (var producer = new KafkaProducer<>(p, new StringSerializer(), serializer)) {
            producer.initTransactions();
            for (int from = 0; from < records.size(); from += 50) {
                producer.beginTransaction();
                for (AgencyRecord r : records.subList(from, Math.min(records.size(), from + 50))) {
                    producer.send(new ProducerRecord<>(naming.apply(r.topic()), r.key(), r.value()));
                }
                producer.commitTransaction();
            }
        }
    }

    /** How many answers a batch gets: one first answer per distinct referral, one AMENDED per amendment. */
    public static int expectedAnswers(Batch batch) {
        return batch.size()
                - batch.indexesOf(Expectation.Kind.DUPLICATE_REDELIVERY).size();
    }

    /**
     * Every committed outcome by {@code agency/referral id}, read until at least {@code wanted} answers (first answers
     * and AMENDED, {@link #isAnswer}: merge notices and later outcomes do not count) have come and then three seconds
     * more (so that a duplicate would show), or until {@code timeout}.
     */
    public static Map<String, List<Outcome>> readOutcomes(
            KafkaConnection connection, UnaryOperator<String> naming, int wanted, Duration timeout) {
        Map<String, List<Outcome>> byReferral = new HashMap<>();
        try (var consumer = consumer(connection)) {
            consumer.subscribe(outcomeTopics(naming));
            long deadline = System.nanoTime() + timeout.toNanos();
            int seen = 0;
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                for (var r : consumer.poll(Duration.ofMillis(250))) {
                    Outcome o = (Outcome) r.value();
                    byReferral
                            .computeIfAbsent(o.getAgency() + "/" + o.getAgencyReferralId(), k -> new ArrayList<>())
                            .add(o);
                    seen += isAnswer(o) ? 1 : 0;
                }
                if (seen >= wanted && quietUntil == Long.MAX_VALUE) {
                    quietUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                }
            }
        }
        return byReferral;
    }

    /** Waits until at least {@code answers} outcomes are committed, so that a fault lands mid-stream. */
    public static void awaitAnswers(
            KafkaConnection connection, UnaryOperator<String> naming, int answers, Duration timeout) {
        try (var consumer = consumer(connection)) {
            consumer.subscribe(outcomeTopics(naming));
            long deadline = System.nanoTime() + timeout.toNanos();
            int seen = 0;
            while (seen < answers) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the router produced only " + seen + " answers in " + timeout);
                }
                seen += consumer.poll(Duration.ofMillis(200)).count();
            }
        }
    }

    /**
     * Asserts that each distinct referral of {@code batch} has exactly one first answer, each amendment one AMENDED,
     * no outcome was written twice, and the rejections are exactly the invalid records.
     */
    public static void assertEachReferralAnsweredExactlyOnce(Batch batch, Map<String, List<Outcome>> answers) {
        int redeliveries =
                batch.indexesOf(Expectation.Kind.DUPLICATE_REDELIVERY).size();
        int amendments = batch.indexesOf(Expectation.Kind.AMENDMENT).size();
        int distinct = batch.size() - redeliveries - amendments;
        Map<String, Integer> firstAnswers = new HashMap<>();
        int amended = 0;
        long rejected = 0;
        List<String> eventIds = new ArrayList<>();
        for (var entry : answers.entrySet()) {
            for (Outcome o : entry.getValue()) {
                eventIds.add(o.getEventId());
                if (isFirstAnswer(o)) {
                    firstAnswers.merge(entry.getKey(), 1, Integer::sum);
                }
                amended += o.getEventType() == OutcomeType.AMENDED ? 1 : 0;
                rejected += o.getEventType() == OutcomeType.REJECTED ? 1 : 0;
            }
        }
        assertThat(eventIds).as("no outcome written twice").doesNotHaveDuplicates();
        assertThat(firstAnswers).as("one first answer per distinct referral").hasSize(distinct);
        assertThat(firstAnswers.values()).as("no referral answered twice").containsOnly(1);
        assertThat(amended).as("one AMENDED per amendment").isEqualTo(amendments);
        assertThat(rejected)
                .as("only the invalid referrals rejected")
                .isEqualTo(batch.indexesOf(Expectation.Kind.INVALID).size());
    }

    /** A referral's first answer: one of {@link #FIRST}, but not a merge notice (LINKED with a reason). */
    public static boolean isFirstAnswer(Outcome o) {
        boolean mergeNotice = o.getEventType() == OutcomeType.LINKED && o.getReason() != null;
        return FIRST.contains(o.getEventType()) && !mergeNotice;
    }

    /** An answer the router owes: a first answer, or an AMENDED. */
    public static boolean isAnswer(Outcome o) {
        return isFirstAnswer(o) || o.getEventType() == OutcomeType.AMENDED;
    }

    /** Every committed value on {@code topic}, read until {@code quiet} plus three seconds have passed. */
    public static <T> List<T> read(KafkaConnection connection, String topic, Class<T> type, Duration quiet) {
        return read(connection, List.of(topic), type, quiet);
    }

    /**
     * Every committed value on all of {@code topics}, read by one consumer until {@code quiet} plus three seconds have
     * passed: each topic is read as long as {@link #read(KafkaConnection, String, Class, Duration)} reads one, but
     * the waits run at once rather than one after another.
     */
    public static <T> List<T> read(KafkaConnection connection, List<String> topics, Class<T> type, Duration quiet) {
        List<T> out = new ArrayList<>();
        try (var consumer = consumer(connection)) {
            consumer.subscribe(topics);
            long until =
                    System.nanoTime() + quiet.toNanos() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < until) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> out.add(type.cast(r.value())));
            }
        }
        return out;
    }

    public static List<String> outcomeTopics(UnaryOperator<String> naming) {
        return List.of(
                naming.apply("police.outcomes.v1"),
                naming.apply("probation.outcomes.v1"),
                naming.apply("victimsupport.outcomes.v1"));
    }

    /** A read-committed consumer from the start, with Apicurio's deserializer on {@code connection}. */
    public static KafkaConsumer<String, SpecificRecord> consumer(KafkaConnection connection) {
        Properties c = connection.clientProperties();
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "fault-reader-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        var deserializer = new AvroKafkaDeserializer<SpecificRecord>();
        deserializer.configure(new AvroSerdes(connection).clientConfig(), false);
        return new KafkaConsumer<>(c, new StringDeserializer(), deserializer);
    }
}
