package org.rjhub.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.rjhub.common.serde.AvroSerdes;
import org.rjhub.contracts.hub.CaseEventResult;
import org.rjhub.contracts.hub.CaseEventStatus;
import org.rjhub.contracts.hub.DeadLetterReplay;

class InMemoryRegistryTest {

    private static final String TOPIC = "rj.case-event-results.v1";

    private final InMemoryRegistry registry = InMemoryRegistry.withCatalogue();

    @Test
    void shouldWriteTheConfluentWireFormatWithTheSubjectsContentId() throws IOException {
        // Given the production serdes bound to the in-memory registry
        Serde<CaseEventResult> serde = registry.serdes().value(CaseEventResult.class);
        CaseEventResult result = result("EV-1");

        // When a record is written
        byte[] bytes = serde.serializer().serialize(TOPIC, result);

        // Then it is magic byte 0, the subject's 4-byte content id, then the record in Avro binary
        assertThat(bytes[0]).isZero();
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt())
                .isEqualTo((int) registry.contentId(TOPIC + "-value"))
                .isPositive();
        assertThat(Arrays.copyOfRange(bytes, 5, bytes.length)).isEqualTo(avroBinary(result));
        // and it reads back as written
        assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(result);
    }

    @Test
    void shouldGiveTheSameContentOneIdAndANewSchemaTheNextId() {
        InMemoryRegistry fresh = new InMemoryRegistry();

        long first = fresh.register("a-value", CaseEventResult.getClassSchema());
        long same = fresh.register("b-value", CaseEventResult.getClassSchema());
        long other = fresh.register("a-value", DeadLetterReplay.getClassSchema());

        assertThat(first).isEqualTo(1);
        assertThat(same).isEqualTo(first);
        assertThat(other).isEqualTo(2);
        assertThat(fresh.contentId("a-value"))
                .as("the latest version of a-value")
                .isEqualTo(2);
        assertThat(fresh.contentId("b-value")).isEqualTo(1);
    }

    @Test
    void shouldRefuseToReadARecordWhoseSchemaIdItDoesNotHold() {
        Serde<CaseEventResult> serde = registry.serdes().value(CaseEventResult.class);
        byte[] bytes = serde.serializer().serialize(TOPIC, result("EV-2"));
        ByteBuffer.wrap(bytes, 1, 4).putInt(9_999);

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, bytes))
                .hasStackTraceContaining("No content with id 9999");
    }

    @Test
    void shouldRefuseToWriteToATopicWithoutASubject() {
        Serde<CaseEventResult> serde = registry.serdes().value(CaseEventResult.class);

        assertThatThrownBy(() -> serde.serializer().serialize("no.such.topic.v1", result("EV-3")))
                .hasStackTraceContaining("no.such.topic.v1-value");
    }

    @Test
    void shouldBindTheRecordHandlersSerdesThroughTheirSettings() {
        // Given the settings Kafka Streams gives a record handler, with the registry bound to them
        Map<String, Object> settings = Map.of(
                "bootstrap.servers",
                "in-memory.invalid:9092",
                "rj.registry.url",
                "http://in-memory.invalid",
                AvroSerdes.REGISTRY_CLIENT,
                registry);

        // When the handler makes its serdes from them, then they write with the registry's ids (no server called)
        byte[] bytes = AvroSerdes.fromConfigs(settings)
                .value(CaseEventResult.class)
                .serializer()
                .serialize(TOPIC, result("EV-4"));
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo((int) registry.contentId(TOPIC + "-value"));
        // and a serde bound to an object has no settings a class-named client could use
        assertThatThrownBy(() -> registry.serdes().clientConfig()).isInstanceOf(IllegalStateException.class);
        assertThat(registry.bind(new java.util.Properties())).containsEntry(AvroSerdes.REGISTRY_CLIENT, registry);
    }

    static CaseEventResult result(String eventId) {
        return CaseEventResult.newBuilder()
                .setEventId(eventId)
                .setCaseId("RJ-TEST-1")
                .setEventType("MEETING_HELD")
                .setActor("FAC-017")
                .setStatus(CaseEventStatus.ACCEPTED)
                .setRule(null)
                .setReason(null)
                .setDecidedAt(Instant.parse("2026-11-02T09:00:00Z"))
                .build();
    }

    private static byte[] avroBinary(CaseEventResult record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(CaseEventResult.class).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
