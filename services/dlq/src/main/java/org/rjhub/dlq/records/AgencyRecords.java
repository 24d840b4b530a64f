package org.rjhub.dlq.records;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.avro.specific.SpecificRecord;
import org.rjhub.agencies.Agency;
import org.rjhub.agencies.json.AgencyJson;
import org.rjhub.agencies.json.AgencyJsonException;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.errors.ErrorClassifier;
import org.rjhub.common.serde.AvroSerdes;
import org.rjhub.contracts.hub.DeadLetter;
import org.rjhub.dlq.DlqException;

/**
 * A dead letter's original record as the agency sent it: decoded with the registry (the Confluent wire
 * format: magic byte 0, 4-byte schema id, Avro binary), shown as the agency's own JSON, and an edited
 * version encoded with the schema registered for the topic.
 */
public final class AgencyRecords implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte MAGIC = 0;
    private static final int HEADER = 5;

    private final AvroKafkaDeserializer<SpecificRecord> deserializer = new AvroKafkaDeserializer<>();
    private final AvroKafkaSerializer<SpecificRecord> serializer = new AvroKafkaSerializer<>();

    /** Serdes on the registry's latest registered schema of each topic (never registering one). */
    public AgencyRecords(KafkaConnection connection) {
        var config = new AvroSerdes(connection).clientConfig();
        deserializer.configure(config, false);
        serializer.configure(config, false);
    }

    /** What the original value bytes hold. */
    public sealed interface Decoded permits Readable, Unreadable {}

    /**
     * The value read with the registry.
     *
     * @param record   the agency's record
     * @param schemaId the schema id in the wire format
     */
    public record Readable(SpecificRecord record, int schemaId) implements Decoded {}

    /**
     * The value could not be read; {@code why} names the cause without quoting the bytes.
     *
     * @param why the cause, for the operator
     */
    public record Unreadable(String why) implements Decoded {}

    /** Reads a dead letter's original value with the registry, as the router would have. */
    public Decoded decode(DeadLetter letter) {
        ByteBuffer buffer = letter.getOriginalValue();
        if (buffer == null) {
            return new Unreadable("the dead letter holds no value");
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        Optional<String> notWire = wireFormatProblem(bytes);
        if (notWire.isPresent()) {
            return new Unreadable(notWire.get());
        }
        try {
            SpecificRecord record = deserializer.deserialize(letter.getSourceTopic(), bytes);
            return new Readable(record, ByteBuffer.wrap(bytes, 1, 4).getInt());
        } catch (RuntimeException e) {
            if (ErrorClassifier.classify(e) == ErrorClassifier.Kind.RETRIABLE) {
                throw e;
            }
            return new Unreadable("not readable with the registry: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage())));
        }
    }

    /** Writes an edited record in the wire format, with the schema registered for {@code topic}. */
    public byte[] encode(String topic, SpecificRecord record) {
        return serializer.serialize(topic, record);
    }

    /** Why bytes are not in the Confluent wire format, if they are not. */
    static Optional<String> wireFormatProblem(byte[] bytes) {
        if (bytes.length < HEADER + 1) {
            return Optional.of("not the Confluent wire format: only " + bytes.length + " bytes");
        }
        if (bytes[0] != MAGIC) {
            return Optional.of(String.format(
                    "not the Confluent wire format: the first byte is 0x%02x, not the " + "magic byte 0x00", bytes[0]));
        }
        return Optional.empty();
    }

    /** The agency whose topic the dead letter came from: its {@code agency}, else its source topic's name. */
    public static Optional<Agency> agencyOf(DeadLetter letter, UnaryOperator<String> naming) {
        for (Agency a : Agency.values()) {
            if (letter.getAgency() != null
                    ? a.sourceAgency() == letter.getAgency()
                    : naming.apply(a.topic()).equals(letter.getSourceTopic())) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** A record as the agency's JSON (its own field names, plain values). */
    public static ObjectNode toJson(Agency agency, SpecificRecord record) {
        return toJson(AgencyJson.forAgency(agency), record);
    }

    /** A record as an agency file, {@code {"referrals": [ ... ]}}: what {@code hub publish} takes. */
    public static String toFile(Agency agency, SpecificRecord record) {
        return toFile(AgencyJson.forAgency(agency), record);
    }

    /** The referral id of an agency record (its id field, which is also the Kafka key). */
    public static String idOf(Agency agency, SpecificRecord record) {
        Object id = record.get(record.getSchema().getField(agency.idField()).pos());
        return id == null ? null : id.toString();
    }

    /**
     * Reads edited records in the agency's JSON: a file as {@code hub publish} takes it (an array, or
     * {@code {"referrals": [...]}}), or one record as a JSON object.
     *
     * @param source where the text came from, for messages
     * @throws DlqException listing every mismatch with the agency's contract, by record and field
     */
    public static List<SpecificRecord> readEdits(Agency agency, String text, String source) {
        AgencyJson<? extends SpecificRecord> json = AgencyJson.forAgency(agency);
        try {
            JsonNode root;
            try {
                root = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                return List.copyOf(json.read(text)); // the converter words the syntax error with line and column
            }
            if (root != null && root.isObject() && !root.has(AgencyJson.REFERRALS)) {
                return List.of(json.readRecord(root));
            }
            return List.copyOf(json.read(root));
        } catch (AgencyJsonException e) {
            throw new DlqException(
                    source + " does not match the " + agency.name().toLowerCase(java.util.Locale.ROOT) + " contract ("
                            + agency.topic() + "):\n" + e.getMessage(),
                    e);
        }
    }

    private static <T extends SpecificRecord> ObjectNode toJson(AgencyJson<T> json, SpecificRecord record) {
        return json.toJson(json.type().cast(record));
    }

    private static <T extends SpecificRecord> String toFile(AgencyJson<T> json, SpecificRecord record) {
        return json.write(List.of(json.type().cast(record)));
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    @Override
    public void close() {
        deserializer.close();
        serializer.close();
    }
}
