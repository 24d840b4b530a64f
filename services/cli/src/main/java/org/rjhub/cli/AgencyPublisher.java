package org.rjhub.cli;

import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.rjhub.agencies.Agency;
import org.rjhub.agencies.AgencyRecord;
import org.rjhub.common.clients.KafkaClients;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.serde.AvroSerdes;

/**
 * Publishes one agency's referrals the way its own system would: a stock Kafka producer with Apicurio's Avro
 * serializer (Confluent wire format), as the agency's principal, all of one batch in one transaction (its
 * transactional id under the agency's name, {@code police.publisher-...}, as the access file allows), so a failure
 * leaves nothing half-published.
 */
public final class AgencyPublisher implements AutoCloseable {

    private final KafkaProducer<String, SpecificRecord> producer;
    private final UnaryOperator<String> naming;
    private final Agency agency;

    /**
     * @param connection the agency's principal ({@code police} ...)
     * @param naming     topic names (identity in production); transactional ids are named through it too
     */
    public AgencyPublisher(KafkaConnection connection, UnaryOperator<String> naming, Agency agency) {
        Map<String, Object> p = Map.of(ProducerConfig.LINGER_MS_CONFIG, 5);
        Map<String, Object> serde = new AvroSerdes(connection).clientConfig();
        var values = new AvroKafkaSerializer<SpecificRecord>();
        values.configure(serde, false); // a serializer passed in is not configured by the producer
        this.producer = KafkaClients.of(connection)
                .transactionalProducer(transactionalId(naming, agency), p, new StringSerializer(), values);
        this.producer.initTransactions();
        this.naming = naming;
        this.agency = agency;
    }

    /** A fresh transactional id under the agency's name: {@code police.publisher-<uuid>}. */
    public static String transactionalId(UnaryOperator<String> naming, Agency agency) {
        return naming.apply(agency.cliName() + ".publisher-" + UUID.randomUUID());
    }

    /** Sends every record in one transaction; aborts and rethrows on any failure. */
    public int publish(List<AgencyRecord> records) {
        records.stream().filter(r -> r.agency() != agency).findAny().ifPresent(r -> {
            throw new IllegalArgumentException(agency.cliName() + " publishes its own referrals only, not "
                    + r.agency().cliName() + "'s");
        });
        producer.beginTransaction();
        try {
            for (AgencyRecord r : records) {
                producer.send(new ProducerRecord<>(naming.apply(r.topic()), r.key(), r.value()));
            }
            producer.commitTransaction();
            return records.size();
        } catch (RuntimeException e) {
            producer.abortTransaction();
            throw e;
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
