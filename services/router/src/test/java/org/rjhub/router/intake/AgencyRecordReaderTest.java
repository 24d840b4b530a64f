package org.rjhub.router.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;
import org.rjhub.agencies.AgencyRecord;
import org.rjhub.common.errors.ErrorClassifier;
import org.rjhub.common.topics.TopicLimits;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.contracts.probation.ProbationReferral;
import org.rjhub.contracts.victimsupport.VictimSupportReferral;
import org.rjhub.simulator.AgencySimulator;
import org.rjhub.simulator.Batch;

/**
 * Whose fault a failure to read an agency record is, decided where it is caught: every failure of the bytes is
 * the record's (FATAL for it, refused with a rule), a registry that cannot be asked is not (RETRIABLE).
 */
class AgencyRecordReaderTest {

    private static final int VS_ID = 7;
    private static final int PROBATION_ID = 8;
    private static final TopicLimits LIMITS = new TopicLimits(65536, 64, 2048, 25);
    private static final WriterSchemas REGISTRY = id -> Optional.ofNullable(
            Map.of(VS_ID, VictimSupportReferral.getClassSchema(), PROBATION_ID, ProbationReferral.getClassSchema())
                    .get(id));

    private final VictimSupportReferral referral = victimSupportReferral();
    private final AgencyRecordReader<VictimSupportReferral> reader = reader(REGISTRY);

    @Test
    void shouldReadAWellFormedRecord() {
        assertThat(reader.read(referral.getVsCaseId(), wire(VS_ID, referral))).isEqualTo(referral);
    }

    @Test
    void shouldRefuseEveryFailureOfTheBytesAsTheRecordsFault() {
        String key = referral.getVsCaseId();
        byte[] valid = wire(VS_ID, referral);

        assertRecordFault(() -> reader.read(key, null), ValidationRule.NO_VALUE);
        assertRecordFault(() -> reader.read(key, new byte[] {1, 2, 3, 4, 5, 6}), ValidationRule.NOT_WIRE_FORMAT);
        assertRecordFault(() -> reader.read(key, Arrays.copyOf(valid, 4)), ValidationRule.NOT_WIRE_FORMAT);
        assertRecordFault(() -> reader.read(key, wire(99, referral)), ValidationRule.UNKNOWN_SCHEMA_ID);
        assertRecordFault(() -> reader.read(key, withId(valid, PROBATION_ID)), ValidationRule.WRONG_SCHEMA);
        assertRecordFault(
                () -> reader.read(key, Arrays.copyOf(valid, valid.length - 1)), ValidationRule.TRUNCATED_RECORD);
        assertRecordFault(
                () -> reader.read(key, Arrays.copyOf(valid, valid.length + 2)), ValidationRule.TRAILING_BYTES);
        assertRecordFault(() -> reader.read("", valid), ValidationRule.KEY_MISSING);
        assertRecordFault(() -> reader.read(null, valid), ValidationRule.KEY_MISSING);
        assertRecordFault(() -> reader.read(key + "X", valid), ValidationRule.KEY_MISMATCH);
        assertRecordFault(() -> reader.read("K".repeat(65), valid), ValidationRule.KEY_TOO_LONG);
        assertRecordFault(() -> reader.read(key, new byte[65537]), ValidationRule.RECORD_TOO_LARGE);
    }

    @Test
    void shouldRefuseAHostileLengthWithoutAllocatingIt() {
        // a string length of 2^30 in the first field, right after the header: checked against the limit first
        byte[] hostile = {0, 0, 0, 0, VS_ID, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08};

        assertRecordFault(() -> reader.read("VS-1", hostile), ValidationRule.TEXT_TOO_LONG);
    }

    @Test
    void shouldRetryARegistryThatCannotBeAsked() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var unreachable = reader(new RegistryWriterSchemas("http://127.0.0.1:" + closedPort + "/apis/registry/v3"));

        Throwable failure = catchThrowable(() -> unreachable.read(referral.getVsCaseId(), wire(VS_ID, referral)));

        assertThat(failure).isInstanceOf(RegistryUnavailableException.class);
        assertThat(ErrorClassifier.classify(failure)).isEqualTo(ErrorClassifier.Kind.RETRIABLE);
    }

    private static void assertRecordFault(Runnable read, ValidationRule rule) {
        Throwable failure = catchThrowable(read::run);
        assertThat(failure).as(rule.name()).isInstanceOf(InvalidReferralException.class);
        assertThat(((InvalidReferralException) failure).rule()).isEqualTo(rule);
        assertThat(ErrorClassifier.classify(failure)).as(rule.name()).isEqualTo(ErrorClassifier.Kind.FATAL);
    }

    private static AgencyRecordReader<VictimSupportReferral> reader(WriterSchemas schemas) {
        return new AgencyRecordReader<>(
                SourceAgency.VICTIM_SUPPORT,
                "victimsupport.referrals.v1",
                VictimSupportReferral.getClassSchema(),
                VictimSupportReferral::getVsCaseId,
                LIMITS,
                schemas);
    }

    private static VictimSupportReferral victimSupportReferral() {
        Batch batch = new AgencySimulator(13L).generate(20);
        return batch.records().stream()
                .map(AgencyRecord::value)
                .filter(VictimSupportReferral.class::isInstance)
                .map(VictimSupportReferral.class::cast)
                .findFirst()
                .orElseThrow();
    }

    private static byte[] withId(byte[] wire, int id) {
        byte[] copy = wire.clone();
        java.nio.ByteBuffer.wrap(copy).putInt(1, id);
        return copy;
    }

    private static byte[] wire(int schemaId, VictimSupportReferral value) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(new byte[] {
                0, (byte) (schemaId >>> 24), (byte) (schemaId >>> 16), (byte) (schemaId >>> 8), (byte) schemaId
            });
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            Schema schema = VictimSupportReferral.getClassSchema();
            new SpecificDatumWriter<VictimSupportReferral>(schema).write(value, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
