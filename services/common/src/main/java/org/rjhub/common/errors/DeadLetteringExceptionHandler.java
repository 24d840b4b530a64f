package org.rjhub.common.errors;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.rjhub.common.privacy.DataKeys;
import org.rjhub.common.privacy.MasterKey;
import org.rjhub.common.serde.AvroSerdes;
import org.rjhub.contracts.hub.DeadLetter;
import org.rjhub.schemas.Contracts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams record handlers (KIP-1034) that never lose a record, for both unreadable records and records a
 * processor refused or failed on (set the one subclass as both the deserialization and the processing handler).
 * A failure that may pass ({@link ErrorClassifier}: RETRIABLE) fails the task, so that the record is processed
 * again from the last commit once the stream thread is replaced; any other failure becomes a {@link DeadLetter}
 * (rule, reason, provenance, original bytes) on {@value Contracts#DEAD_LETTERS_TOPIC} plus the service's answer to the sender,
 * written in the transaction of the task's progress. With a master key ({@value MasterKey#SETTING}) the original
 * bytes are sealed under a new data key of the referral, written to {@value Contracts#DATA_KEYS_TOPIC} in the same
 * transaction ({@link DataKeys}).
 *
 * <p>A subclass says which failures are refusals by its own rules (never retried), the rule and reason of each
 * kind of failure, and the answer records. It reads the connection and topic prefix the service's streams
 * properties pass on ({@code bootstrap.servers}, {@code rj.registry.url}, {@code rj.topic.prefix}), or a registry
 * client object in {@value AvroSerdes#REGISTRY_CLIENT} (the tests' in-memory registry).
 */
public abstract class DeadLetteringExceptionHandler
        implements DeserializationExceptionHandler, ProcessingExceptionHandler {

    /** The service's own handler class names its log lines. */
    private final Logger log = LoggerFactory.getLogger(getClass());

    /**
     * Why a record is given up on.
     *
     * @param rule    the rule it broke, e.g. {@code UNREADABLE_RECORD}
     * @param reason  what went wrong and what the sender should do about it
     * @param subject the id of what the record is about when the record itself says it and its key does not
     *                (a missing key, a referral id inside the value that differs from the key), else {@code null}
     */
    public record Verdict(String rule, String reason, String subject) {

        public Verdict(String rule, String reason) {
            this(rule, reason, null);
        }
    }

    /**
     * The most bytes of an original key or value a dead letter keeps whole by default; over it, a dead letter keeps
     * a digest, the size and an excerpt ({@link #maxOriginalBytes}), so that it stays far under the broker's maximum.
     */
    public static final int DEFAULT_MAX_ORIGINAL_BYTES = 256 * 1024;
    /** The excerpt of an original value too large to keep whole: its first bytes (framing, schema id, start). */
    public static final int EXCERPT_BYTES = 1024;

    private AvroSerdes avro;
    private String topicPrefix;
    private Serializer<DeadLetter> deadLetters;
    private DataKeys dataKeys;

    @Override
    public final void configure(Map<String, ?> configs) {
        avro = AvroSerdes.fromConfigs(configs);
        Object prefix = configs.get("rj.topic.prefix");
        topicPrefix = prefix == null ? "" : prefix.toString();
        Object masterKey = configs.get(MasterKey.SETTING);
        dataKeys = masterKey == null || masterKey.toString().isBlank()
                ? null
                : new DataKeys(MasterKey.of(
                        masterKey.toString(), java.util.Objects.toString(configs.get(MasterKey.KMS_SETTING), "")));
        deadLetters = serializer(DeadLetter.class);
        prepare();
    }

    /** Creates the serializers of the answers ({@link #serializer}); called once the handler is configured. */
    protected abstract void prepare();

    /** The rule and reason of a record that could not be read with its topic's schema. */
    protected abstract Verdict unreadable(Exception failure);

    /**
     * The rule and reason of a record refused by the service's own rules, never retried; {@code null} when
     * {@code failure} is no refusal (it is then classified as retriable or not).
     */
    protected abstract Verdict refusal(Exception failure);

    /** The rule and reason of a record a processor or punctuator failed on. */
    protected abstract Verdict internalError(Exception failure);

    /**
     * The records that answer the sender of a record given up on, written beside its dead letter.
     *
     * @param record the record as read, or {@code null} when it could not be read
     */
    protected abstract List<ProducerRecord<byte[], byte[]>> answers(
            ErrorHandlerContext context, Record<?, ?> record, Verdict verdict);

    /**
     * The dead letter of a record given up on, without the agency's names by default; a service that knows the
     * sending agency from the topic adds them.
     */
    protected DeadLetter.Builder deadLetter(ErrorHandlerContext context, Exception failure, Verdict verdict) {
        byte[] value = context.sourceRawValue();
        int max = maxOriginalBytes(context.topic());
        boolean whole = value == null || value.length <= max;
        return DeadLetter.newBuilder()
                .setReason(verdict.reason())
                .setRule(verdict.rule())
                .setSourceTopic(String.valueOf(context.topic()))
                .setPartition(context.partition())
                .setOffset(context.offset())
                .setAgency(null)
                .setAgencyReferralId(null)
                .setOriginalKey(wrap(bounded(context.sourceRawKey(), max)))
                .setOriginalValue(wrap(whole ? value : Arrays.copyOf(value, Math.min(EXCERPT_BYTES, max))))
                .setOriginalValueSize(whole ? null : value.length)
                .setOriginalValueSha256(whole ? null : sha256(value))
                .setFailedAt(failedAt(context))
                .setExceptionClass(failure.getClass().getName());
    }

    /**
     * The most bytes of a record from {@code topic} a dead letter keeps whole ({@link #DEFAULT_MAX_ORIGINAL_BYTES}
     * unless the service knows the topic's own limit); a larger value is kept as digest, size and excerpt.
     */
    protected int maxOriginalBytes(String topic) {
        return DEFAULT_MAX_ORIGINAL_BYTES;
    }

    /** The Kafka key of a dead letter and of answers: the original key, cut to {@code max} bytes if longer. */
    protected static byte[] bounded(byte[] key, int max) {
        return key == null || key.length <= max ? key : Arrays.copyOf(key, max);
    }

    /** SHA-256 of bytes, in hex. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    /** A serializer of a registered value schema. */
    protected <T extends SpecificRecord> Serializer<T> serializer(Class<T> type) {
        return avro.value(type).serializer();
    }

    /** The name of a topic with the service's topic prefix. */
    protected final String topic(String name) {
        return topicPrefix + name;
    }

    /** The topic prefix (empty in production). */
    protected final String topicPrefix() {
        return topicPrefix;
    }

    /** When the record given up on was written (its timestamp), the time of its dead letter and answers. */
    protected static Instant failedAt(ErrorHandlerContext context) {
        return Instant.ofEpochMilli(context.timestamp());
    }

    @Override
    public final DeserializationExceptionHandler.Response handleError(
            ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception e) {
        if (ErrorClassifier.classify(e) == ErrorClassifier.Kind.RETRIABLE) {
            log.warn(
                    "Retriable failure reading {}-{} offset {}; the task will retry",
                    context.topic(),
                    context.partition(),
                    context.offset(),
                    e);
            return DeserializationExceptionHandler.Response.fail();
        }
        return DeserializationExceptionHandler.Response.resume(records(context, null, e, unreadable(e)));
    }

    @Override
    public final ProcessingExceptionHandler.Response handleError(
            ErrorHandlerContext context, Record<?, ?> record, Exception e) {
        Verdict verdict = refusal(e);
        if (verdict == null) {
            if (ErrorClassifier.classify(e) == ErrorClassifier.Kind.RETRIABLE) {
                log.warn(
                        "Retriable failure processing {}-{} offset {}; the task will retry",
                        context.topic(),
                        context.partition(),
                        context.offset(),
                        e);
                return ProcessingExceptionHandler.Response.fail();
            }
            log.error(
                    "Processing failed at node {} for {}-{} offset {}",
                    context.processorNodeId(),
                    context.topic(),
                    context.partition(),
                    context.offset(),
                    e);
            verdict = internalError(e);
        }
        return ProcessingExceptionHandler.Response.resume(records(context, record, e, verdict));
    }

    private List<ProducerRecord<byte[], byte[]>> records(
            ErrorHandlerContext context, Record<?, ?> record, Exception failure, Verdict verdict) {
        String dlq = topic(Contracts.DEAD_LETTERS_TOPIC);
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
        DeadLetter deadLetter = deadLetter(context, failure, verdict).build();
        if (dataKeys != null) {
            out.add(seal(deadLetter, context));
        }
        out.add(new ProducerRecord<>(
                dlq,
                bounded(context.sourceRawKey(), maxOriginalBytes(context.topic())),
                deadLetters.serialize(dlq, deadLetter)));
        out.addAll(answers(context, record, verdict));
        log.warn(
                "Dead-lettered record from {}-{} offset {}: rule {}",
                context.topic(),
                context.partition(),
                context.offset(),
                verdict.rule());
        return out;
    }

    /**
     * Seals the dead letter's original key and value under a new data key of its referral (or of its record, when it
     * names no referral) and gives the key's record for {@value Contracts#DATA_KEYS_TOPIC}, written in the same
     * transaction as the dead letter.
     */
    private ProducerRecord<byte[], byte[]> seal(DeadLetter deadLetter, ErrorHandlerContext context) {
        String referral = deadLetter.getAgencyReferralId();
        String subject = deadLetter.getAgency() != null && referral != null && !referral.isBlank()
                ? DataKeys.referralSubject(deadLetter.getAgency().name(), referral)
                : DataKeys.recordSubject(String.valueOf(context.topic()), context.partition(), context.offset());
        DataKeys.DataKey key = dataKeys.create(subject);
        deadLetter.setOriginalKey(sealed(key.id(), "originalKey", deadLetter.getOriginalKey()));
        deadLetter.setOriginalValue(sealed(key.id(), "originalValue", deadLetter.getOriginalValue()));
        deadLetter.setDataKeyId(key.id());
        dataKeys.remove(key.id());
        // timestamped like the dead letter: a service reading the key topic into a global store (the router, the case
        // service) then reads a key of its own with a time, as a broker would give it
        return new ProducerRecord<>(
                topic(Contracts.DATA_KEYS_TOPIC),
                null,
                context.timestamp(),
                key.id().getBytes(StandardCharsets.UTF_8),
                key.wrapped());
    }

    private ByteBuffer sealed(String keyId, String field, ByteBuffer plain) {
        if (plain == null) {
            return null;
        }
        byte[] bytes = new byte[plain.remaining()];
        plain.duplicate().get(bytes);
        return ByteBuffer.wrap(dataKeys.seal(keyId, field, bytes));
    }

    private static ByteBuffer wrap(byte[] bytes) {
        return bytes == null ? null : ByteBuffer.wrap(bytes);
    }
}
