package org.rjhub.cases.errors;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.rjhub.cases.CasesConfig;
import org.rjhub.cases.lifecycle.CaseEventRefusedException;
import org.rjhub.cases.lifecycle.RefusalRule;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.errors.ErrorClassifier;
import org.rjhub.common.serde.AvroSerdes;
import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.CaseEventResult;
import org.rjhub.contracts.hub.CaseEventStatus;
import org.rjhub.contracts.hub.DeadLetter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams error handlers (KIP-1034) that never lose a case event: a refused or unreadable
 * event becomes a {@link DeadLetter} (rule, reason, provenance, original bytes) and, when it can be
 * read, a REFUSED {@link CaseEventResult} the sender finds under its event id; both are written in
 * the transaction of the task's progress. Retriable failures fail the task; the service's
 * {@link org.rjhub.common.streams.RetryingUncaughtExceptionHandler} replaces the thread after a backoff, and the
 * record is processed again from the last commit (never dead-lettered for a failure that may pass).
 */
public final class RefusingExceptionHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(RefusingExceptionHandlers.class);
    /** The rule of a record that could not be read with its topic's schema. */
    static final String UNREADABLE_RECORD = "UNREADABLE_RECORD";

    private RefusingExceptionHandlers() {
    }

    /** Shared by both handlers: serializers and topic names from the streams config. */
    static final class Writer {
        private final Serializer<DeadLetter> deadLetters;
        private final Serializer<CaseEventResult> results;
        private final String prefix;

        Writer(Map<String, ?> configs) {
            KafkaConnection connection = KafkaConnection.of(String.valueOf(configs.get(CasesConfig.BOOTSTRAP_SERVERS)),
                    String.valueOf(configs.get(CasesConfig.REGISTRY_URL)));
            AvroSerdes avro = new AvroSerdes(connection);
            this.deadLetters = avro.value(DeadLetter.class).serializer();
            this.results = avro.value(CaseEventResult.class).serializer();
            Object p = configs.get(CasesConfig.TOPIC_PREFIX);
            this.prefix = p == null ? "" : p.toString();
        }

        List<ProducerRecord<byte[], byte[]>> records(ErrorHandlerContext context, Exception failure, String rule,
                                                     String reason, CaseEvent event) {
            Instant at = Instant.ofEpochMilli(context.timestamp());
            DeadLetter letter = DeadLetter.newBuilder()
                    .setReason(reason).setRule(rule)
                    .setSourceTopic(String.valueOf(context.topic())).setPartition(context.partition())
                    .setOffset(context.offset())
                    .setAgency(null).setAgencyReferralId(null)
                    .setOriginalKey(wrap(context.sourceRawKey())).setOriginalValue(wrap(context.sourceRawValue()))
                    .setFailedAt(at).setExceptionClass(failure.getClass().getName())
                    .build();
            String dlq = prefix + "rj.dead-letters.v1";
            List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
            out.add(new ProducerRecord<>(dlq, context.sourceRawKey(), deadLetters.serialize(dlq, letter)));
            if (event != null) {
                String topic = prefix + "rj.case-event-results.v1";
                CaseEventResult refused = CaseEventResult.newBuilder()
                        .setEventId(event.getEventId()).setCaseId(event.getCaseId())
                        .setEventType(event.getEventType().name()).setActor(event.getActor())
                        .setStatus(CaseEventStatus.REFUSED).setRule(rule).setReason(reason).setDecidedAt(at)
                        .build();
                out.add(new ProducerRecord<>(topic, event.getEventId().getBytes(StandardCharsets.UTF_8),
                        results.serialize(topic, refused)));
            }
            LOG.warn("Dead-lettered record from {}-{} offset {}: rule {}", context.topic(), context.partition(),
                    context.offset(), rule);
            return out;
        }

        private static ByteBuffer wrap(byte[] bytes) {
            return bytes == null ? null : ByteBuffer.wrap(bytes);
        }
    }

    /** Records that cannot be deserialized with the topic's schema. */
    public static final class Deserialization implements DeserializationExceptionHandler {
        private Writer writer;

        @Override
        public void configure(Map<String, ?> configs) {
            writer = new Writer(configs);
        }

        @Override
        public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception e) {
            if (ErrorClassifier.classify(e) == ErrorClassifier.Kind.RETRIABLE) {
                LOG.warn("Retriable failure reading {}-{} offset {}; the task will retry", context.topic(),
                        context.partition(), context.offset(), e);
                return Response.fail();
            }
            return Response.resume(writer.records(context, e, UNREADABLE_RECORD,
                    "the record could not be read with the topic's schema: send it as registered for the topic", null));
        }
    }

    /** Events the state machine refused, and records a processor or punctuator failed on. */
    public static final class Processing implements ProcessingExceptionHandler {
        private Writer writer;

        @Override
        public void configure(Map<String, ?> configs) {
            writer = new Writer(configs);
        }

        @Override
        public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception e) {
            CaseEvent event = record != null && record.value() instanceof CaseEvent ce ? ce : null;
            if (e instanceof CaseEventRefusedException refused) {
                return Response.resume(writer.records(context, e, refused.rule().name(), refused.reason(), event));
            }
            if (ErrorClassifier.classify(e) == ErrorClassifier.Kind.RETRIABLE) {
                LOG.warn("Retriable failure processing {}-{} offset {}; the task will retry", context.topic(),
                        context.partition(), context.offset(), e);
                return Response.fail();
            }
            LOG.error("Processing failed at node {} for {}-{} offset {}", context.processorNodeId(), context.topic(),
                    context.partition(), context.offset(), e);
            return Response.resume(writer.records(context, e, RefusalRule.INTERNAL_ERROR.name(),
                    "processing failed: " + e.getClass().getSimpleName() + "; " + RefusalRule.INTERNAL_ERROR.fix(), event));
        }
    }
}
