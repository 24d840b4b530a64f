package org.rjhub.common.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rjhub.common.privacy.DataKeys;
import org.rjhub.common.privacy.MasterKey;
import org.rjhub.contracts.hub.DeadLetter;

class DeadLetteringExceptionHandlerTest {

    private static final byte[] KEY = "ref-1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = {0, 0, 0, 0, 7, 42};
    private static final Instant WRITTEN = Instant.parse("2026-11-02T09:00:00Z");
    private static final Context CONTEXT =
            new Context("t1.rj.police.referrals.v1", 2, 41L, "intake", WRITTEN, KEY, VALUE);

    private final AnsweringHandler handler = new AnsweringHandler();

    @BeforeEach
    void configure() {
        handler.configure(Map.of(
                "bootstrap.servers",
                "localhost:9092",
                "rj.registry.url",
                "http://localhost:8080",
                "rj.topic.prefix",
                "t1."));
    }

    @Test
    void shouldDeadLetterAnUnreadableRecordWithItsProvenanceAndTheServicesAnswer() {
        DeserializationExceptionHandler.Response response =
                handler.handleError(CONTEXT, rawRecord(), new SerializationException("unknown magic byte"));

        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords())
                .extracting(ProducerRecord::topic)
                .containsExactly("t1.rj.dead-letters.v1", "t1.answers");
        assertThat(response.deadLetterQueueRecords().get(0).key()).isEqualTo(KEY);
        DeadLetter letter = (DeadLetter) handler.serialized.get(0);
        assertThat(letter.getRule()).isEqualTo("UNREADABLE_RECORD");
        assertThat(letter.getReason()).isEqualTo("send it in the registered schema");
        assertThat(letter.getSourceTopic()).isEqualTo("t1.rj.police.referrals.v1");
        assertThat(letter.getPartition()).isEqualTo(2);
        assertThat(letter.getOffset()).isEqualTo(41L);
        assertThat(letter.getOriginalKey()).isEqualTo(ByteBuffer.wrap(KEY));
        assertThat(letter.getOriginalValue()).isEqualTo(ByteBuffer.wrap(VALUE));
        assertThat(letter.getFailedAt()).isEqualTo(WRITTEN);
        assertThat(letter.getExceptionClass()).isEqualTo(SerializationException.class.getName());
        assertThat(handler.answered).containsExactly("UNREADABLE_RECORD for no record");
    }

    @Test
    void shouldFailTheTaskWithoutDeadLetteringARecordThatCouldNotBeReadForAPassingReason() {
        DeserializationExceptionHandler.Response response = handler.handleError(
                CONTEXT, rawRecord(), new StreamsException("registry", new IOException("connection refused")));

        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
        assertThat(handler.serialized).isEmpty();
    }

    @Test
    void shouldFailTheTaskWhenProcessingMeetsAFailureThatMayPass() {
        ProcessingExceptionHandler.Response response = handler.handleError(
                CONTEXT, record(), new StreamsException("store", new TimeoutException("broker down")));

        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
        assertThat(handler.serialized).isEmpty();
    }

    @Test
    void shouldDeadLetterARefusalEvenWhenItsCauseMayPass() {
        ProcessingExceptionHandler.Response response =
                handler.handleError(CONTEXT, record(), new Refused(new IOException("not a reason to retry a refusal")));

        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        assertThat(((DeadLetter) handler.serialized.get(0)).getRule()).isEqualTo("NO_CONSENT");
        assertThat(handler.answered).containsExactly("NO_CONSENT for ref-1");
    }

    @Test
    void shouldDeadLetterAFailedRecordAsAnInternalError() {
        ProcessingExceptionHandler.Response response =
                handler.handleError(CONTEXT, record(), new IllegalStateException("bug"));

        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords())
                .extracting(ProducerRecord::topic)
                .containsExactly("t1.rj.dead-letters.v1", "t1.answers");
        DeadLetter letter = (DeadLetter) handler.serialized.get(0);
        assertThat(letter.getRule()).isEqualTo("INTERNAL_ERROR");
        assertThat(letter.getReason()).isEqualTo("processing failed: IllegalStateException");
        assertThat(handler.answered).containsExactly("INTERNAL_ERROR for ref-1");
    }

    @Test
    void shouldSealTheOriginalBytesUnderANewDataKeyWrittenInTheSameTransaction(@TempDir Path dir) {
        Path masterKeyFile = MasterKey.createIfMissing(dir.resolve("master-key.json"));
        AnsweringHandler sealing = new AnsweringHandler();
        sealing.configure(Map.of(
                "bootstrap.servers",
                "localhost:9092",
                "rj.registry.url",
                "http://localhost:8080",
                "rj.topic.prefix",
                "t1.",
                MasterKey.SETTING,
                masterKeyFile.toString()));

        DeserializationExceptionHandler.Response response =
                sealing.handleError(CONTEXT, rawRecord(), new SerializationException("unknown magic byte"));

        List<ProducerRecord<byte[], byte[]>> written = response.deadLetterQueueRecords();
        assertThat(written)
                .extracting(ProducerRecord::topic)
                .containsExactly("t1.rj.data-keys.v1", "t1.rj.dead-letters.v1", "t1.answers");
        DeadLetter letter = (DeadLetter) sealing.serialized.get(0);
        String keyId = new String(written.get(0).key(), StandardCharsets.UTF_8);
        assertThat(letter.getDataKeyId()).isEqualTo(keyId);
        assertThat(DataKeys.subjectOf(keyId)).isEqualTo("record:t1.rj.police.referrals.v1/2/41");
        assertThat(letter.getOriginalValue()).isNotEqualTo(ByteBuffer.wrap(VALUE));
        assertThat(letter.getOriginalKey()).isNotEqualTo(ByteBuffer.wrap(KEY));

        DataKeys reader = new DataKeys(MasterKey.of("file:" + masterKeyFile));
        reader.add(keyId, written.get(0).value());
        assertThat(reader.open(keyId, "originalValue", bytes(letter.getOriginalValue())))
                .hasValueSatisfying(v -> assertThat(v).isEqualTo(VALUE));
        assertThat(reader.open(keyId, "originalKey", bytes(letter.getOriginalKey())))
                .hasValueSatisfying(k -> assertThat(k).isEqualTo(KEY));
        reader.remove(keyId); // its tombstone read: erased
        assertThat(reader.open(keyId, "originalValue", bytes(letter.getOriginalValue())))
                .isEmpty();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    private static ConsumerRecord<byte[], byte[]> rawRecord() {
        return new ConsumerRecord<>(CONTEXT.topic(), CONTEXT.partition(), CONTEXT.offset(), KEY, VALUE);
    }

    private static Record<String, String> record() {
        return new Record<>("ref-1", "referral", WRITTEN.toEpochMilli());
    }

    /** A refusal by the service's own rules. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(Throwable cause) {
            super("refused", cause);
        }
    }

    /** A service's handler, its serializers capturing what they write instead of asking a registry. */
    private static final class AnsweringHandler extends DeadLetteringExceptionHandler {
        final List<Object> serialized = new ArrayList<>();
        final List<String> answered = new ArrayList<>();
        private Serializer<String> answers;

        @Override
        protected void prepare() {
            answers = (topic, text) -> {
                answered.add(text);
                return text.getBytes(StandardCharsets.UTF_8);
            };
        }

        @Override
        protected <T extends SpecificRecord> Serializer<T> serializer(Class<T> type) {
            return (topic, value) -> {
                serialized.add(value);
                return new byte[] {1};
            };
        }

        @Override
        protected Verdict unreadable(Exception failure) {
            return new Verdict("UNREADABLE_RECORD", "send it in the registered schema");
        }

        @Override
        protected Verdict refusal(Exception failure) {
            return failure instanceof Refused ? new Verdict("NO_CONSENT", "no consent recorded") : null;
        }

        @Override
        protected Verdict internalError(Exception failure) {
            return new Verdict(
                    "INTERNAL_ERROR", "processing failed: " + failure.getClass().getSimpleName());
        }

        @Override
        protected List<ProducerRecord<byte[], byte[]>> answers(
                ErrorHandlerContext context, Record<?, ?> record, Verdict verdict) {
            String topic = topic("answers");
            String text = verdict.rule() + " for " + (record == null ? "no record" : record.key());
            return List.of(new ProducerRecord<>(topic, context.sourceRawKey(), answers.serialize(topic, text)));
        }
    }

    private record Context(
            String topic,
            int partition,
            long offset,
            String processorNodeId,
            Instant written,
            byte[] sourceRawKey,
            byte[] sourceRawValue)
            implements ErrorHandlerContext {
        @Override
        public Headers headers() {
            return new RecordHeaders();
        }

        @Override
        public TaskId taskId() {
            return new TaskId(0, partition);
        }

        @Override
        public long timestamp() {
            return written.toEpochMilli();
        }
    }
}
