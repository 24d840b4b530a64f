package org.rjhub.dlq.replay;

import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.rjhub.agencies.Agency;
import org.rjhub.common.serde.AvroSerdes;
import org.rjhub.contracts.hub.DeadLetterReplay;
import org.rjhub.dlq.DlqConfig;
import org.rjhub.dlq.DlqException;
import org.rjhub.dlq.inspect.DeadLetterEntry;
import org.rjhub.dlq.records.AgencyRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends dead letters back to their source topics, each in its own transaction together with its audit
 * record: either both are written or neither, so a replay happens exactly once and is always audited.
 *
 * <p>Every replaying process of one dead-letter topic uses the same transactional id. Creating a
 * {@code Replayer} fences any replay still running and waits for its open transaction to end; only then
 * is the audit read ({@link #history()}), so the "already replayed" check cannot race another operator.
 */
public final class Replayer implements AutoCloseable {

    /** Header on a replayed record: the dead letter it replays, {@code topic/partition/offset}. */
    public static final String REPLAY_OF_HEADER = "rj.replay.of";
    /** Header on a replayed record: the id of the replay, as in the audit. */
    public static final String REPLAY_ID_HEADER = "rj.replay.id";

    private static final Logger LOG = LoggerFactory.getLogger(Replayer.class);

    private final DlqConfig config;
    private final AgencyRecords records;
    private final KafkaProducer<byte[], byte[]> producer;
    private final AvroKafkaSerializer<DeadLetterReplay> audit = new AvroKafkaSerializer<>();

    public Replayer(DlqConfig config, AgencyRecords records) {
        this.config = config;
        this.records = records;
        this.audit.configure(new AvroSerdes(config.connection()).clientConfig(), false);
        this.producer = config.clients()
                .producer(config.producerProperties(), new ByteArraySerializer(), new ByteArraySerializer());
        try {
            producer.initTransactions();
        } catch (KafkaException e) {
            producer.close();
            throw e;
        }
    }

    /** The replays on record, read after this replayer took over the transactional id. */
    public ReplayHistory history() {
        return ReplayHistory.read(config);
    }

    /**
     * Replays one dead letter and writes its audit record, in one transaction.
     *
     * @return the audit record written
     */
    public DeadLetterReplay replay(ReplayPlanner.Replay step, String operator, Instant now) {
        DeadLetterEntry entry = step.entry();
        String target = entry.letter().getSourceTopic();
        Agency agency = step.edited().isPresent()
                ? AgencyRecords.agencyOf(entry.letter(), config.naming()).orElseThrow()
                : null;
        String referralId = step.edited()
                .map(r -> AgencyRecords.idOf(agency, r))
                .orElse(entry.referralId().orElse(null));
        byte[] key =
                entry.originalKey().orElse(referralId == null ? null : referralId.getBytes(StandardCharsets.UTF_8));
        // serialize before the transaction: a registry problem then aborts nothing
        byte[] value = step.edited().isPresent()
                ? records.encode(target, step.edited().get())
                : entry.originalValue().orElseThrow();
        String replayId = UUID.randomUUID().toString();
        RecordHeaders headers = new RecordHeaders();
        headers.add(REPLAY_OF_HEADER, entry.coordinates().getBytes(StandardCharsets.UTF_8));
        headers.add(REPLAY_ID_HEADER, replayId.getBytes(StandardCharsets.UTF_8));

        producer.beginTransaction();
        try {
            RecordMetadata sent = producer.send(new ProducerRecord<>(target, null, key, value, headers))
                    .get();
            DeadLetterReplay record = DeadLetterReplay.newBuilder()
                    .setReplayId(replayId)
                    .setOperator(operator)
                    .setReplayedAt(now)
                    .setDeadLetterTopic(entry.topic())
                    .setDeadLetterPartition(entry.id().partition())
                    .setDeadLetterOffset(entry.id().offset())
                    .setRule(entry.letter().getRule())
                    .setAgency(entry.letter().getAgency())
                    .setAgencyReferralId(referralId)
                    .setTargetTopic(target)
                    .setTargetPartition(sent.partition())
                    .setTargetOffset(sent.offset())
                    .setEdited(step.edited().isPresent())
                    .setForced(step.forced())
                    .build();
            String auditTopic = config.replayTopic();
            producer.send(new ProducerRecord<>(
                            auditTopic,
                            entry.coordinates().getBytes(StandardCharsets.UTF_8),
                            audit.serialize(auditTopic, record)))
                    .get();
            producer.commitTransaction();
            LOG.info(
                    "Replayed dead letter {} ({}) to {}-{} offset {}, edited {}",
                    entry.coordinates(),
                    entry.letter().getRule(),
                    target,
                    sent.partition(),
                    sent.offset(),
                    step.edited().isPresent());
            return record;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort();
            throw new DlqException("interrupted: dead letter " + entry.id() + " was not replayed", e);
        } catch (ExecutionException | KafkaException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof ProducerFencedException || cause instanceof InvalidProducerEpochException) {
                throw new DlqException(
                        "another `hub dlq replay` took over meanwhile; dead letter " + entry.id()
                                + " was not replayed by this one (the audit shows what was)",
                        e);
            }
            abort();
            throw new IllegalStateException(
                    "dead letter " + entry.id() + " was not replayed (transaction aborted): " + cause, e);
        }
    }

    private void abort() {
        try {
            producer.abortTransaction();
        } catch (KafkaException e) {
            LOG.warn("Could not abort the replay transaction; the broker aborts it when it times out", e);
        }
    }

    @Override
    public void close() {
        producer.close();
        audit.close();
    }
}
