package org.rjhub.common.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;
import org.rjhub.contracts.hub.CaseEventResult;
import org.rjhub.contracts.hub.CaseEventStatus;

class SchemaCachingDatumProviderTest {

    private static final CaseEventResult RESULT = CaseEventResult.newBuilder()
            .setEventId("E-1")
            .setCaseId("RJ-1")
            .setEventType("MEETING_HELD")
            .setActor("FAC-001")
            .setStatus(CaseEventStatus.ACCEPTED)
            .setDecidedAt(Instant.parse("2026-11-21T10:00:00Z"))
            .build();

    @Test
    void shouldReuseOneWriterAndReaderPerSchemaInstanceAndStillRoundTrip() throws Exception {
        // Given
        SchemaCachingDatumProvider<CaseEventResult> provider = new SchemaCachingDatumProvider<>();
        provider.setUseSpecificAvroReader(true);
        Schema schema = CaseEventResult.getClassSchema();

        // When
        var writer = provider.createDatumWriter(RESULT, schema);
        var reader = provider.createDatumReader(schema);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        writer.write(RESULT, encoder);
        encoder.flush();
        CaseEventResult back = reader.read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));

        // Then
        assertThat(provider.createDatumWriter(RESULT, schema)).isSameAs(writer);
        assertThat(provider.createDatumReader(schema)).isSameAs(reader);
        assertThat(back).isEqualTo(RESULT);
    }

    @Test
    void shouldStayBoundedWhenEveryRecordBringsANewSchemaInstance() {
        // Given
        SchemaCachingDatumProvider<CaseEventResult> provider = new SchemaCachingDatumProvider<>();
        String text = CaseEventResult.getClassSchema().toString();

        // When
        for (int i = 0; i < SchemaCachingDatumProvider.MAX_SCHEMAS * 3; i++) {
            provider.createDatumReader(new Schema.Parser().parse(text));
        }

        // Then
        assertThat(provider.cachedSchemas()).isLessThanOrEqualTo(SchemaCachingDatumProvider.MAX_SCHEMAS);
    }
}
