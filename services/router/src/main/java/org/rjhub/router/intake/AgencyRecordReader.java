package org.rjhub.router.intake;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.rjhub.common.topics.TopicLimits;
import org.rjhub.contracts.hub.SourceAgency;

/**
 * Reads an agency's referral from the bytes on its topic, deciding whose fault a failure is where it is caught:
 * everything here works on a byte array in memory, so a record that does not decode, breaks a limit or does not
 * match its key fails the same way every time and is refused ({@link InvalidReferralException}, never retried).
 * Only the registry lookup reaches outside, and it reports that apart ({@link RegistryUnavailableException}).
 *
 * <p>In order: a value at all; the topic's size limit; the Confluent framing (magic byte 0, 4-byte schema id); an
 * id the registry knows; a schema of this topic's record; then one pass over the Avro body with the writer schema,
 * allocating nothing, that checks every length against the bytes left and the topic's text and list limits, and
 * that the body ends exactly at the end of the value; only then the real decode (so a hostile length can never
 * make it allocate more than the record's size), with every text field in Unicode NFC; last, the key against the
 * referral id inside.
 *
 * @param <A> the agency's record type
 */
public final class AgencyRecordReader<A extends SpecificRecord> {

    private static final byte MAGIC = 0;
    private static final int HEADER = 5;

    private final SourceAgency agency;
    private final String topic;
    private final Schema readerSchema;
    private final Function<A, String> referralId;
    private final TopicLimits limits;
    private final WriterSchemas schemas;
    private final Map<Schema, SpecificDatumReader<A>> readers = Collections.synchronizedMap(new IdentityHashMap<>());

    /**
     * @param topic      the topic's catalogue name, for reasons
     * @param readerSchema the schema of the topic's record (the generated class's)
     * @param referralId the referral id inside a record, which its key must equal
     */
    public AgencyRecordReader(
            SourceAgency agency,
            String topic,
            Schema readerSchema,
            Function<A, String> referralId,
            TopicLimits limits,
            WriterSchemas schemas) {
        this.agency = agency;
        this.topic = topic;
        this.readerSchema = readerSchema;
        this.referralId = referralId;
        this.limits = limits;
        this.schemas = schemas;
    }

    /**
     * The record, or an {@link InvalidReferralException} naming what the agency must fix.
     *
     * @throws RegistryUnavailableException when the registry could not be asked (retried, not the record's fault)
     */
    public A read(String key, byte[] value) {
        String id = key == null || key.isEmpty() ? null : key;
        if (key != null && key.getBytes(StandardCharsets.UTF_8).length > limits.maxKeyBytes()) {
            throw invalid(
                    ValidationRule.KEY_TOO_LONG,
                    "key",
                    null,
                    "the key is longer than " + limits.maxKeyBytes() + " bytes");
        }
        if (value == null) {
            throw invalid(ValidationRule.NO_VALUE, "value", id, "the record has no value");
        }
        if (value.length > limits.maxRecordBytes()) {
            throw invalid(
                    ValidationRule.RECORD_TOO_LARGE,
                    "value",
                    id,
                    "the value is " + value.length + " bytes, over the topic's limit of " + limits.maxRecordBytes()
                            + " bytes");
        }
        if (value.length < HEADER || value[0] != MAGIC) {
            throw invalid(
                    ValidationRule.NOT_WIRE_FORMAT,
                    "value",
                    id,
                    value.length < HEADER
                            ? "the value is " + value.length + " bytes, too short for the wire format's 5-byte header"
                            : "the value does not start with the wire format's magic byte 0");
        }
        int schemaId = ByteBuffer.wrap(value, 1, 4).getInt();
        Schema writer = writerSchema(schemaId, id);
        if (!readerSchema.getFullName().equals(writer.getFullName())) {
            throw invalid(
                    ValidationRule.WRONG_SCHEMA,
                    "value",
                    id,
                    "schema id " + schemaId + " is a schema of " + writer.getFullName() + ", not of "
                            + readerSchema.getFullName() + " (" + topic + "-value)");
        }
        check(writer, value, id);
        A record = decode(writer, value, id);
        String inside = referralId.apply(record);
        if (id == null) {
            throw invalid(ValidationRule.KEY_MISSING, "key", inside, "the record has no key");
        }
        if (!id.equals(inside)) {
            throw invalid(
                    ValidationRule.KEY_MISMATCH,
                    "key",
                    inside == null || inside.isEmpty() ? id : inside,
                    "the key differs from the referral id inside the record");
        }
        return record;
    }

    private Schema writerSchema(int schemaId, String id) {
        Optional<Schema> writer;
        try {
            writer = schemas.byId(schemaId);
        } catch (AvroRuntimeException notAvro) {
            throw invalid(ValidationRule.WRONG_SCHEMA, "value", id, "schema id " + schemaId + " is not an Avro schema");
        }
        return writer.orElseThrow(() ->
                invalid(ValidationRule.UNKNOWN_SCHEMA_ID, "value", id, "the registry knows no schema id " + schemaId));
    }

    /** One pass over the body with the writer schema: lengths, limits and the end, allocating nothing. */
    private void check(Schema writer, byte[] value, String id) {
        BinaryDecoder in = DecoderFactory.get().binaryDecoder(value, HEADER, value.length - HEADER, null);
        try {
            walk(writer, in, "", id);
            if (!in.isEnd()) {
                throw invalid(
                        ValidationRule.TRAILING_BYTES,
                        "value",
                        id,
                        "bytes follow the end of the referral in the value");
            }
        } catch (EOFException e) {
            throw invalid(
                    ValidationRule.TRUNCATED_RECORD, "value", id, "the value ends before the schema's last field");
        } catch (IOException | AvroRuntimeException e) {
            throw invalid(
                    ValidationRule.UNREADABLE_RECORD,
                    "value",
                    id,
                    "the value is not a valid Avro encoding of " + writer.getName() + " ("
                            + e.getClass().getSimpleName() + ")");
        }
    }

    private void walk(Schema schema, BinaryDecoder in, String path, String id) throws IOException {
        switch (schema.getType()) {
            case RECORD -> {
                for (Schema.Field f : schema.getFields()) {
                    walk(f.schema(), in, path.isEmpty() ? f.name() : path + "." + f.name(), id);
                }
            }
            case UNION -> {
                int branch = in.readIndex();
                if (branch < 0 || branch >= schema.getTypes().size()) {
                    throw new AvroRuntimeException("union index out of range at " + path);
                }
                walk(schema.getTypes().get(branch), in, path, id);
            }
            case ENUM -> {
                int symbol = in.readEnum();
                if (symbol < 0 || symbol >= schema.getEnumSymbols().size()) {
                    throw new AvroRuntimeException("enum index out of range at " + path);
                }
            }
            case ARRAY -> {
                long items = 0;
                for (long n = in.readArrayStart(); n != 0; n = in.arrayNext()) {
                    items = countItems(items, n, path, id);
                    for (long i = 0; i < n; i++) {
                        walk(schema.getElementType(), in, path + "[" + (items - n + i) + "]", id);
                    }
                }
            }
            case MAP -> {
                long items = 0;
                for (long n = in.readMapStart(); n != 0; n = in.mapNext()) {
                    items = countItems(items, n, path, id);
                    for (long i = 0; i < n; i++) {
                        skipText(in, path + "{key}", id);
                        walk(schema.getValueType(), in, path + "{}", id);
                    }
                }
            }
            case STRING, BYTES -> skipText(in, path, id);
            case FIXED -> in.skipFixed(schema.getFixedSize());
            case INT -> in.readInt();
            case LONG -> in.readLong();
            case FLOAT -> in.readFloat();
            case DOUBLE -> in.readDouble();
            case BOOLEAN -> in.readBoolean();
            case NULL -> in.readNull();
            default -> throw new AvroRuntimeException("unexpected schema type " + schema.getType());
        }
    }

    private long countItems(long before, long block, String path, String id) {
        if (block < 0) {
            throw new AvroRuntimeException("negative item count at " + path);
        }
        long items = before + block;
        if (items > limits.maxListItems()) {
            throw invalid(
                    ValidationRule.TOO_MANY_ITEMS,
                    path,
                    id,
                    "the list has more than " + limits.maxListItems() + " items, the topic's limit");
        }
        return items;
    }

    private void skipText(BinaryDecoder in, String path, String id) throws IOException {
        long length = in.readLong();
        if (length < 0) {
            throw new AvroRuntimeException("negative length at " + path);
        }
        if (length > limits.maxTextBytes()) {
            throw invalid(
                    ValidationRule.TEXT_TOO_LONG,
                    path,
                    id,
                    "the field is " + length + " bytes, over the topic's limit of " + limits.maxTextBytes() + " bytes");
        }
        in.skipFixed((int) length); // past the end: EOFException
    }

    private A decode(Schema writer, byte[] value, String id) {
        SpecificDatumReader<A> reader =
                readers.computeIfAbsent(writer, w -> new SpecificDatumReader<>(w, readerSchema));
        try {
            // NFC before anything compares text (the key check, validation, matching)
            return Text.nfc(
                    reader.read(null, DecoderFactory.get().binaryDecoder(value, HEADER, value.length - HEADER, null)));
        } catch (IOException | RuntimeException e) {
            // writer and reader schemas that do not resolve, or values the generated class refuses
            throw invalid(
                    ValidationRule.UNREADABLE_RECORD,
                    "value",
                    id,
                    "the value could not be read as " + readerSchema.getName() + " ("
                            + e.getClass().getSimpleName() + ")");
        }
    }

    private InvalidReferralException invalid(ValidationRule rule, String field, String subject, String problem) {
        return new InvalidReferralException(rule, field, agency, subject, problem);
    }
}
