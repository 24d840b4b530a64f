package org.rjhub.cli.privacy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.rjhub.agencies.Agency;
import org.rjhub.agencies.outcomes.Acknowledgements;
import org.rjhub.common.clients.KafkaClients;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.privacy.DataKeys;
import org.rjhub.common.serde.AvroSerdes;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.dlq.inspect.TopicSnapshot;
import org.rjhub.schemas.Contracts;

/**
 * Erases what the hub holds about one agency referral, in one transaction: a tombstone for each of the referral's
 * data keys on {@value Contracts#DATA_KEYS_TOPIC}, and for each key of every hub case the referral was in (the case's
 * notes, which may name any of its parties) (every copy sealed under them, dead letters and backups included,
 * becomes unreadable; compaction then removes the keys from the broker) and an {@code ERASED} outcome to the referring
 * agency. Needs no master key: it destroys keys, it never opens one.
 */
public final class Erasure {

    /**
     * What was done.
     *
     * @param subject the referral's subject, {@code <SourceAgency>:<id>}
     * @param cases   the hub cases the referral was in, whose own keys ({@code case:<caseId>}) were destroyed too
     * @param keys    the ids of the data keys destroyed
     * @param outcome the outcome sent to the agency
     */
    public record Result(String subject, List<String> cases, List<String> keys, Outcome outcome) {}

    private final KafkaConnection connection;
    private final UnaryOperator<String> naming;

    /** Erasure on {@code connection}'s cluster (its admin), topic names under {@code naming}. */
    public Erasure(KafkaConnection connection, UnaryOperator<String> naming) {
        this.connection = connection;
        this.naming = naming;
    }

    /** Erases agency referral {@code referralId} of {@code agency}. */
    public Result eraseReferral(Agency agency, String referralId, Instant now) {
        String subject = DataKeys.referralSubject(agency.sourceAgency().name(), referralId);
        String keyTopic = naming.apply(Contracts.DATA_KEYS_TOPIC);
        String outcomes = naming.apply(agency.outcomesTopic());
        List<String> cases = casesOf(referralId, readOutcomes(outcomes));
        List<String> live = liveKeys(read(keyTopic, new ByteArrayDeserializer()));
        List<String> keys = new ArrayList<>(keysOf(subject, live));
        cases.forEach(c -> keys.addAll(keysOf(DataKeys.caseSubject(c), live)));
        Outcome erased =
                Acknowledgements.outcome(OutcomeType.ERASED, agency.sourceAgency(), referralId, null, null, now);
        Properties p = new Properties();
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "rj-erase-" + keyTopic);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        Serializer<Outcome> outcomeSerializer =
                new AvroSerdes(connection).value(Outcome.class).serializer();
        try (KafkaProducer<byte[], byte[]> producer =
                KafkaClients.of(connection).producer(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (String id : keys) {
                producer.send(new ProducerRecord<>(keyTopic, id.getBytes(StandardCharsets.UTF_8), null));
            }
            producer.send(new ProducerRecord<>(
                    outcomes,
                    referralId.getBytes(StandardCharsets.UTF_8),
                    outcomeSerializer.serialize(outcomes, erased)));
            producer.commitTransaction();
        } finally {
            outcomeSerializer.close();
        }
        return new Result(subject, cases, keys, erased);
    }

    /**
     * The hub cases the referral was ever in, as its agency was told them (every outcome names its case), in order:
     * their keys ({@code case:<caseId>}, the notes written on them) go with the referral's.
     */
    static List<String> casesOf(String referralId, List<Outcome> outcomes) {
        Set<String> cases = new LinkedHashSet<>();
        for (Outcome o : outcomes) {
            if (o != null && referralId.equals(o.getAgencyReferralId()) && o.getHubCaseId() != null) {
                cases.add(o.getHubCaseId());
            }
        }
        return List.copyOf(cases);
    }

    private List<Outcome> readOutcomes(String topic) {
        Deserializer<Outcome> values =
                new AvroSerdes(connection).value(Outcome.class).deserializer();
        try {
            return read(topic, values).stream().map(ConsumerRecord::value).toList();
        } finally {
            values.close();
        }
    }

    /** The ids among {@code liveKeys} that belong to {@code subject}, in order. */
    static List<String> keysOf(String subject, Collection<String> liveKeys) {
        return liveKeys.stream()
                .filter(id -> DataKeys.subjectOf(id).equals(subject))
                .toList();
    }

    /** The ids whose latest record on the key topic is a key, not a tombstone, in the order first written. */
    static List<String> liveKeys(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, Boolean> live = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            String id = new String(r.key(), StandardCharsets.UTF_8);
            if (r.value() == null) {
                live.remove(id);
            } else {
                live.put(id, true);
            }
        }
        return List.copyOf(live.keySet());
    }

    private <V> List<ConsumerRecord<byte[], V>> read(String topic, Deserializer<V> values) {
        Properties p = new Properties();
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return TopicSnapshot.readAll(KafkaClients.of(connection), p, topic, values, Duration.ofSeconds(30));
    }
}
