package org.rjhub.router.errors;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.errors.ErrorClassifier;
import org.rjhub.common.serde.AvroSerdes;
import org.rjhub.contracts.hub.DeadLetter;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.router.RouterConfig;
import org.rjhub.router.RouterTopics;
import org.rjhub.router.intake.InvalidReferralException;
import org.rjhub.router.intake.ValidationRule;
import org.rjhub.router.outputs.Acknowledgements;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams error handlers (KIP-1034) that never lose a record: an unreadable or invalid
 * referral becomes a {@link DeadLetter} (reason, rule, provenance, original bytes) and, for agency
 * topics, a {@code REJECTED} outcome telling the agency what to fix; both are written in the
 * same transaction as the task's progress. Retriable failures fail the task so it is retried.
 */
public final class RejectingExceptionHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(RejectingExceptionHandlers.class);

    private RejectingExceptionHandlers() {
    }

    /** Shared by both handlers: serializers and topic names from the streams config. */
    static final class DeadLetterWriter {
        private final Serializer<DeadLetter> deadLetters;
        private final Serializer<Outcome> outcomes;
        private final UnaryOperator<String> naming;
        private final String prefix;

        DeadLetterWriter(Map<String, ?> configs) {
            KafkaConnection connection = KafkaConnection.of(String.valueOf(configs.get(RouterConfig.BOOTSTRAP_SERVERS)),
                    String.valueOf(configs.get(RouterConfig.REGISTRY_URL)));
            AvroSerdes avro = new AvroSerdes(connection);
            this.deadLetters = avro.value(DeadLetter.class).serializer();
            this.outcomes = avro.value(Outcome.class).serializer();
            Object p = configs.get(RouterConfig.TOPIC_PREFIX);
            this.prefix = p == null ? "" : p.toString();
            this.naming = name -> prefix + name;
        }

        List<ProducerRecord<byte[], byte[]>> records(ErrorHandlerContext context, Exception failure, ValidationRule rule) {
            SourceAgency agency = agencyOfTopic(context.topic());
            String key = context.sourceRawKey() == null ? null
                    : new String(context.sourceRawKey(), StandardCharsets.UTF_8);
            String reason = rule == ValidationRule.INTERNAL_ERROR ? "processing failed: " + failure.getClass().getSimpleName()
                    : rule == ValidationRule.UNREADABLE_RECORD ? "the record could not be read with the topic's schema: "
                            + rule.fix() : failure.getMessage();
            Instant now = Instant.ofEpochMilli(context.timestamp());
            DeadLetter letter = DeadLetter.newBuilder()
                    .setReason(reason).setRule(rule.name())
                    .setSourceTopic(context.topic()).setPartition(context.partition()).setOffset(context.offset())
                    .setAgency(agency).setAgencyReferralId(key)
                    .setOriginalKey(wrap(context.sourceRawKey())).setOriginalValue(wrap(context.sourceRawValue()))
                    .setFailedAt(now).setExceptionClass(failure.getClass().getName())
                    .build();
            String dlqTopic = naming.apply("rj.dead-letters.v1");
            List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
            out.add(new ProducerRecord<>(dlqTopic, context.sourceRawKey(), deadLetters.serialize(dlqTopic, letter)));
            if (agency != null && key != null && rule != ValidationRule.INTERNAL_ERROR) {
                String topic = naming.apply(RouterTopics.agencyPrefix(agency) + ".outcomes.v1");
                Outcome rejected = Acknowledgements.outcome(OutcomeType.REJECTED, agency, key, null, reason, now);
                out.add(new ProducerRecord<>(topic, context.sourceRawKey(), outcomes.serialize(topic, rejected)));
            }
            LOG.warn("Dead-lettered record from {}-{} offset {}: rule {}", context.topic(), context.partition(),
                    context.offset(), rule);
            return out;
        }

        private SourceAgency agencyOfTopic(String topic) {
            String name = topic != null && topic.startsWith(prefix) ? topic.substring(prefix.length()) : String.valueOf(topic);
            for (SourceAgency a : SourceAgency.values()) {
                if (name.equals(RouterTopics.agencyPrefix(a) + ".referrals.v1")) {
                    return a;
                }
            }
            return null;
        }

        private static java.nio.ByteBuffer wrap(byte[] bytes) {
            return bytes == null ? null : java.nio.ByteBuffer.wrap(bytes);
        }
    }

    /** Records that cannot be deserialized with the topic's schema. */
    public static final class Deserialization implements DeserializationExceptionHandler {
        private DeadLetterWriter writer;

        @Override
        public void configure(Map<String, ?> configs) {
            writer = new DeadLetterWriter(configs);
        }

        @Override
        public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception e) {
            if (ErrorClassifier.classify(e) == ErrorClassifier.Kind.RETRIABLE) {
                LOG.warn("Retriable failure reading {}-{} offset {}; the task will retry", context.topic(),
                        context.partition(), context.offset(), e);
                return Response.fail();
            }
            return Response.resume(writer.records(context, e, ValidationRule.UNREADABLE_RECORD));
        }
    }

    /** Records a processor refused (validation) or failed on. */
    public static final class Processing implements ProcessingExceptionHandler {
        private DeadLetterWriter writer;

        @Override
        public void configure(Map<String, ?> configs) {
            writer = new DeadLetterWriter(configs);
        }

        @Override
        public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception e) {
            if (!(e instanceof InvalidReferralException)
                    && ErrorClassifier.classify(e) == ErrorClassifier.Kind.RETRIABLE) {
                LOG.warn("Retriable failure processing {}-{} offset {}; the task will retry", context.topic(),
                        context.partition(), context.offset(), e);
                return Response.fail();
            }
            if (!(e instanceof InvalidReferralException)) {
                LOG.error("Processing failed at node {} for {}-{} offset {}", context.processorNodeId(),
                        context.topic(), context.partition(), context.offset(), e);
            }
            ValidationRule rule = e instanceof InvalidReferralException invalid ? invalid.rule()
                    : ValidationRule.INTERNAL_ERROR;
            return Response.resume(writer.records(context, e, rule));
        }
    }
}
