package org.rjhub.dlq.inspect;

import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.rjhub.common.serde.AvroSerdes;
import org.rjhub.contracts.hub.DeadLetterAction;
import org.rjhub.contracts.hub.DeadLetterReplay;
import org.rjhub.dlq.DlqConfig;

/**
 * Audits an unmasked view of a dead letter ({@code hub dlq show --unmasked}) on the replay audit topic, like a
 * replay: who, when, which dead letter. The record is written, and acknowledged by all in-sync replicas, before
 * anything unmasked is shown; if it cannot be written, nothing is shown.
 */
public final class UnmaskedViewAudit {

    private UnmaskedViewAudit() {}

    /** The audit record of one unmasked view. */
    public static DeadLetterReplay record(DeadLetterEntry entry, String operator, Instant now) {
        return DeadLetterReplay.newBuilder()
                .setReplayId(UUID.randomUUID().toString())
                .setOperator(operator)
                .setReplayedAt(now)
                .setDeadLetterTopic(entry.topic())
                .setDeadLetterPartition(entry.id().partition())
                .setDeadLetterOffset(entry.id().offset())
                .setRule(entry.letter().getRule())
                .setAgency(entry.letter().getAgency())
                .setAgencyReferralId(entry.referralId().orElse(null))
                .setTargetTopic("")
                .setTargetPartition(-1)
                .setTargetOffset(-1L)
                .setEdited(false)
                .setForced(false)
                .setAction(DeadLetterAction.VIEWED_UNMASKED)
                .build();
    }

    /** Writes the audit record and waits for the broker's acknowledgement. */
    public static void write(DlqConfig config, DeadLetterEntry entry, DeadLetterReplay record) {
        String topic = config.replayTopic();
        try (AvroKafkaSerializer<DeadLetterReplay> values = new AvroKafkaSerializer<>();
                KafkaProducer<byte[], byte[]> producer = config.clients()
                        .producer(
                                config.auditProducerProperties(),
                                new ByteArraySerializer(),
                                new ByteArraySerializer())) {
            values.configure(new AvroSerdes(config.connection()).clientConfig(), false);
            producer.send(new ProducerRecord<>(
                            topic,
                            entry.coordinates().getBytes(StandardCharsets.UTF_8),
                            values.serialize(topic, record)))
                    .get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: the unmasked view was not audited, so nothing is shown", e);
        } catch (ExecutionException | KafkaException e) {
            throw new IllegalStateException(
                    "the unmasked view could not be audited on " + topic + ", so nothing is shown: "
                            + (e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e),
                    e);
        }
    }
}
