package org.rjhub.agencies.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.rjhub.agencies.Agency;
import org.rjhub.agencies.json.AgencyJsonException.Problem;
import org.rjhub.agencies.json.AgencyJsonException.Reason;
import org.rjhub.contracts.police.PoliceReferral;
import org.rjhub.contracts.probation.ProbationReferral;
import org.rjhub.contracts.victimsupport.VictimSupportReferral;

/**
 * Converts between an agency's JSON files and its Avro records, walking the Avro schema. The JSON uses the
 * agency's own field names (the Avro field names) and plain values: a nullable field is the value or
 * {@code null} (no Avro union wrapper), an enum is its symbol, a date is {@code YYYY-MM-DD}, a timestamp is
 * ISO-8601 such as {@code 2026-03-01T10:15:30Z}. A file is a JSON array of records or an object
 * {@code {"referrals": [...]}}. Absent fields that have a default in the contract take it; unknown fields
 * are errors.
 *
 * <p>Reading checks everything and reports every mismatch at once in an {@link AgencyJsonException}.
 *
 * @param <T> the agency's record class
 */
public final class AgencyJson<T extends SpecificRecord> {

    /** The top-level field of the object form of a file. */
    public static final String REFERRALS = "referrals";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    private static final int MAX_QUOTED = 60;

    private final Class<T> type;
    private final Schema schema;
    private final String idField;
    private final SpecificData model;
    private final ObjectMapper mapper;

    private AgencyJson(Class<T> type, String idField) {
        this.type = Objects.requireNonNull(type, "type");
        this.model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
        if (idField != null && schema.getField(idField) == null) {
            throw new IllegalArgumentException(schema.getFullName() + " has no field " + idField);
        }
        this.idField = idField;
        this.mapper = JsonMapper.builder()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build();
    }

    /** Police files: {@link PoliceReferral}, id field {@code referralId}. */
    public static AgencyJson<PoliceReferral> police() {
        return new AgencyJson<>(PoliceReferral.class, Agency.POLICE.idField());
    }

    /** Probation files: {@link ProbationReferral}, id field {@code referralId}. */
    public static AgencyJson<ProbationReferral> probation() {
        return new AgencyJson<>(ProbationReferral.class, Agency.PROBATION.idField());
    }

    /** Victim Support files: {@link VictimSupportReferral}, id field {@code vsCaseId}. */
    public static AgencyJson<VictimSupportReferral> victimSupport() {
        return new AgencyJson<>(VictimSupportReferral.class, Agency.VICTIM_SUPPORT.idField());
    }

    /** The converter of an agency's files. */
    public static AgencyJson<? extends SpecificRecord> forAgency(Agency agency) {
        return switch (agency) {
            case POLICE -> police();
            case PROBATION -> probation();
            case VICTIM_SUPPORT -> victimSupport();
        };
    }

    /**
     * A converter for any generated record class.
     *
     * @param type    the generated class
     * @param idField the field that identifies a record in error messages, or null
     */
    public static <R extends SpecificRecord> AgencyJson<R> of(Class<R> type, String idField) {
        return new AgencyJson<>(type, idField);
    }

    /** The record class. */
    public Class<T> type() {
        return type;
    }

    /** The record schema the JSON is checked against. */
    public Schema schema() {
        return schema;
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads a file's text.
     *
     * @throws AgencyJsonException listing every mismatch when the text does not match the contract
     */
    public List<T> read(String json) {
        final JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw notJson(e);
        }
        return read(root);
    }

    /** Reads a stream (UTF-8). */
    public List<T> read(InputStream in) {
        try {
            return read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a file (UTF-8). */
    public List<T> read(Path file) {
        try {
            return read(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Reads a parsed file: an array of records or an object {@code {"referrals": [...]}}.
     *
     * @throws AgencyJsonException listing every mismatch
     */
    public List<T> read(JsonNode root) {
        var records = recordsOf(root);
        var problems = new ArrayList<Problem>();
        var result = new ArrayList<T>();
        for (int i = 0; i < records.size() && problems.size() < AgencyJsonException.MAX_PROBLEMS; i++) {
            var node = records.get(i);
            var reader = new Reader(i, idOf(node), problems);
            var value = reader.record(node, schema, "");
            if (!reader.failed) {
                result.add(type.cast(value));
            }
        }
        if (!problems.isEmpty()) {
            throw new AgencyJsonException(problems);
        }
        return List.copyOf(result);
    }

    /**
     * Reads one record (a JSON object), reported as record 0.
     *
     * @throws AgencyJsonException listing every mismatch
     */
    public T readRecord(JsonNode node) {
        var problems = new ArrayList<Problem>();
        var reader = new Reader(0, idOf(node), problems);
        var value = reader.record(node, schema, "");
        if (!problems.isEmpty()) {
            throw new AgencyJsonException(problems);
        }
        return type.cast(value);
    }

    private List<JsonNode> recordsOf(JsonNode root) {
        JsonNode array = root;
        if (root != null && root.isObject()) {
            var names = new ArrayList<String>();
            root.fieldNames().forEachRemaining(names::add);
            if (!names.equals(List.of(REFERRALS))) {
                throw fileProblem(
                        "expected a JSON array of records or an object {\"referrals\": [...]}, got an object with "
                                + (names.isEmpty() ? "no fields" : "fields " + names));
            }
            array = root.get(REFERRALS);
        }
        if (array == null || !array.isArray()) {
            throw fileProblem(
                    "expected a JSON array of records or an object {\"referrals\": [...]}, got " + describe(array));
        }
        var records = new ArrayList<JsonNode>();
        array.forEach(records::add);
        return records;
    }

    private String idOf(JsonNode node) {
        if (idField == null || node == null || !node.isObject()) {
            return null;
        }
        var id = node.get(idField);
        return id != null && id.isTextual() && !id.asText().isBlank() ? quoteLimited(id.asText(), false) : null;
    }

    private AgencyJsonException fileProblem(String detail) {
        return new AgencyJsonException(List.of(new Problem(-1, null, idField, "", Reason.BAD_STRUCTURE, detail)));
    }

    private AgencyJsonException notJson(JsonProcessingException e) {
        var location = e.getLocation();
        var where = location == null ? "" : "line " + location.getLineNr() + " column " + location.getColumnNr() + ": ";
        var message = e instanceof JsonParseException ? e.getOriginalMessage() : e.getMessage();
        return new AgencyJsonException(
                List.of(new Problem(-1, null, idField, "", Reason.NOT_JSON, "not valid JSON: " + where + message)));
    }

    /** Walks one record's JSON against the schema, collecting problems. */
    private final class Reader {
        private final int index;
        private final String recordId;
        private final List<Problem> problems;
        private boolean failed;

        Reader(int index, String recordId, List<Problem> problems) {
            this.index = index;
            this.recordId = recordId;
            this.problems = problems;
        }

        private Object problem(String path, Reason reason, String detail) {
            failed = true;
            if (problems.size() < AgencyJsonException.MAX_PROBLEMS) {
                problems.add(new Problem(index, recordId, idField, path, reason, detail));
            }
            return null;
        }

        Object value(JsonNode node, Schema s, String path) {
            if (node == null || node.isNull()) {
                if (s.getType() == Schema.Type.NULL || s.isNullable()) {
                    return null;
                }
                return problem(path, Reason.NULL_NOT_ALLOWED, "must not be null (expected " + expected(s) + ")");
            }
            var logical = s.getLogicalType();
            if (logical instanceof LogicalTypes.Date) {
                return date(node, path);
            }
            if (logical instanceof LogicalTypes.TimestampMillis) {
                return timestamp(node, path);
            }
            return switch (s.getType()) {
                case RECORD -> record(node, s, path);
                case ENUM -> enumSymbol(node, s, path);
                case ARRAY -> array(node, s, path);
                case MAP -> map(node, s, path);
                case UNION -> union(node, s, path);
                case STRING -> node.isTextual() ? node.asText() : wrongType(node, s, path);
                case BOOLEAN -> node.isBoolean() ? node.booleanValue() : wrongType(node, s, path);
                case INT ->
                    node.isIntegralNumber() && node.canConvertToInt() ? node.intValue() : wrongType(node, s, path);
                case LONG ->
                    node.isIntegralNumber() && node.canConvertToLong() ? node.longValue() : wrongType(node, s, path);
                case FLOAT -> node.isNumber() ? node.floatValue() : wrongType(node, s, path);
                case DOUBLE -> node.isNumber() ? node.doubleValue() : wrongType(node, s, path);
                case BYTES -> bytes(node, s, path);
                case NULL -> wrongType(node, s, path);
                case FIXED -> problem(path, Reason.WRONG_TYPE, "fixed values are not supported in agency JSON");
            };
        }

        Object record(JsonNode node, Schema s, String path) {
            if (node == null || !node.isObject()) {
                return wrongType(node, s, path);
            }
            var record = (IndexedRecord) model.newRecord(null, s);
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                var name = names.next();
                if (s.getField(name) == null) {
                    problem(
                            join(path, name),
                            Reason.UNKNOWN_FIELD,
                            "unknown field (allowed: "
                                    + s.getFields().stream()
                                            .map(Schema.Field::name)
                                            .collect(Collectors.joining(", ")) + ")");
                }
            }
            for (var field : s.getFields()) {
                var fieldPath = join(path, field.name());
                var child = node.get(field.name());
                if (child == null && !field.hasDefaultValue()) {
                    problem(
                            fieldPath,
                            Reason.MISSING_FIELD,
                            "missing required field (expected " + expected(field.schema()) + ")");
                    continue;
                }
                var value = value(child == null ? defaultOf(field) : child, field.schema(), fieldPath);
                if (value != null || field.schema().isNullable()) {
                    // a null here for a non-nullable field has been reported; a primitive setter would not take it
                    record.put(field.pos(), value);
                }
            }
            return record;
        }

        private Object enumSymbol(JsonNode node, Schema s, String path) {
            if (node.isTextual() && s.hasEnumSymbol(node.asText())) {
                return model.createEnum(node.asText(), s);
            }
            return problem(
                    path, Reason.BAD_ENUM_SYMBOL, "expected one of " + s.getEnumSymbols() + ", got " + quote(node));
        }

        private Object array(JsonNode node, Schema s, String path) {
            if (!node.isArray()) {
                return wrongType(node, s, path);
            }
            var list = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) {
                list.add(value(node.get(i), s.getElementType(), path + "[" + i + "]"));
            }
            return list;
        }

        private Object map(JsonNode node, Schema s, String path) {
            if (!node.isObject()) {
                return wrongType(node, s, path);
            }
            var map = new LinkedHashMap<String, Object>();
            for (var entry : node.properties()) {
                map.put(entry.getKey(), value(entry.getValue(), s.getValueType(), path + "." + entry.getKey()));
            }
            return map;
        }

        private Object union(JsonNode node, Schema s, String path) {
            var branches = s.getTypes().stream()
                    .filter(b -> b.getType() != Schema.Type.NULL)
                    .toList();
            if (branches.size() == 1) {
                return value(node, branches.get(0), path);
            }
            // a general union: Avro's {"TypeName": value} wrapper names the branch
            if (node.isObject() && node.size() == 1) {
                var name = node.fieldNames().next();
                for (var branch : branches) {
                    if (name.equals(branch.getFullName()) || name.equals(branch.getName())) {
                        return value(node.get(name), branch, path);
                    }
                }
            }
            // otherwise the first branch that takes the value without problems
            for (var branch : branches) {
                var trial = new Reader(index, recordId, new ArrayList<>());
                var value = trial.value(node, branch, path);
                if (!trial.failed) {
                    return value;
                }
            }
            return problem(path, Reason.WRONG_TYPE, "expected " + expected(s) + ", got " + describe(node));
        }

        private Object date(JsonNode node, String path) {
            if (node.isTextual()) {
                try {
                    return LocalDate.parse(node.asText(), DATE);
                } catch (DateTimeParseException e) {
                    // reported below
                }
            }
            return problem(path, Reason.BAD_DATE, "expected a date YYYY-MM-DD, got " + quote(node));
        }

        private Object timestamp(JsonNode node, String path) {
            if (node.isTextual()) {
                try {
                    return OffsetDateTime.parse(node.asText()).toInstant();
                } catch (DateTimeParseException e) {
                    // reported below
                }
            }
            return problem(
                    path,
                    Reason.BAD_TIMESTAMP,
                    "expected an ISO-8601 timestamp with offset, e.g. 2026-03-01T10:15:30Z, got " + quote(node));
        }

        private Object bytes(JsonNode node, Schema s, String path) {
            if (node.isTextual()) {
                try {
                    return ByteBuffer.wrap(Base64.getDecoder().decode(node.asText()));
                } catch (IllegalArgumentException e) {
                    return problem(path, Reason.WRONG_TYPE, "expected base64 bytes, got " + quote(node));
                }
            }
            return wrongType(node, s, path);
        }

        private Object wrongType(JsonNode node, Schema s, String path) {
            return problem(path, Reason.WRONG_TYPE, "expected " + expected(s) + ", got " + describe(node));
        }
    }

    /** The default of a field as JSON, so that it goes through the same conversion as a given value. */
    private JsonNode defaultOf(Schema.Field field) {
        var value = field.defaultVal();
        return value == JsonProperties.NULL_VALUE ? NODES.nullNode() : mapper.valueToTree(value);
    }

    // ---------------------------------------------------------------- writing

    /** A file's text: {@code {"referrals": [...]}}, indented. */
    public String write(Collection<? extends T> records) {
        var root = NODES.objectNode();
        var array = root.putArray(REFERRALS);
        records.forEach(r -> array.add(toJson(r)));
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** Writes a file: {@code {"referrals": [...]}}, indented, UTF-8. */
    public void write(Collection<? extends T> records, Path file) {
        try {
            Files.writeString(file, write(records), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** One record as a JSON object, fields in schema order, nulls written out. */
    public ObjectNode toJson(T record) {
        return (ObjectNode) toJson(record, schema);
    }

    private JsonNode toJson(Object value, Schema s) {
        if (value == null) {
            return NODES.nullNode();
        }
        LogicalType logical = s.getLogicalType();
        if (logical instanceof LogicalTypes.Date) {
            var date = value instanceof LocalDate d ? d : LocalDate.ofEpochDay(((Number) value).longValue());
            return NODES.textNode(date.format(DATE));
        }
        if (logical instanceof LogicalTypes.TimestampMillis) {
            var instant = value instanceof Instant t ? t : Instant.ofEpochMilli(((Number) value).longValue());
            return NODES.textNode(DateTimeFormatter.ISO_INSTANT.format(instant));
        }
        return switch (s.getType()) {
            case RECORD -> {
                var record = (IndexedRecord) value;
                var object = NODES.objectNode();
                for (var field : s.getFields()) {
                    object.set(field.name(), toJson(record.get(field.pos()), field.schema()));
                }
                yield object;
            }
            case ENUM, STRING -> NODES.textNode(value.toString());
            case ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                for (var item : (Collection<?>) value) {
                    array.add(toJson(item, s.getElementType()));
                }
                yield array;
            }
            case MAP -> {
                var object = NODES.objectNode();
                ((Map<?, ?>) value).forEach((k, v) -> object.set(k.toString(), toJson(v, s.getValueType())));
                yield object;
            }
            case UNION -> {
                var branches = s.getTypes().stream()
                        .filter(b -> b.getType() != Schema.Type.NULL)
                        .toList();
                if (branches.size() == 1) {
                    yield toJson(value, branches.get(0));
                }
                var branch = s.getTypes().get(model.resolveUnion(s, value));
                var wrapper = NODES.objectNode();
                wrapper.set(branch.getFullName(), toJson(value, branch));
                yield wrapper;
            }
            case BOOLEAN -> NODES.booleanNode((Boolean) value);
            case INT -> NODES.numberNode((Integer) value);
            case LONG -> NODES.numberNode((Long) value);
            case FLOAT -> NODES.numberNode((Float) value);
            case DOUBLE -> NODES.numberNode((Double) value);
            case BYTES -> {
                var buffer = ((ByteBuffer) value).duplicate();
                var bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                yield NODES.textNode(Base64.getEncoder().encodeToString(bytes));
            }
            case NULL -> NODES.nullNode();
            case FIXED -> NODES.textNode(Base64.getEncoder().encodeToString(((GenericData.Fixed) value).bytes()));
        };
    }

    // ---------------------------------------------------------------- wording

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** What a schema expects, in words. */
    private static String expected(Schema s) {
        var logical = s.getLogicalType();
        if (logical instanceof LogicalTypes.Date) {
            return "a date YYYY-MM-DD";
        }
        if (logical instanceof LogicalTypes.TimestampMillis) {
            return "an ISO-8601 timestamp";
        }
        return switch (s.getType()) {
            case RECORD -> "an object";
            case ENUM -> "one of " + s.getEnumSymbols();
            case ARRAY -> "an array";
            case MAP -> "an object";
            case UNION -> s.getTypes().stream().map(AgencyJson::expected).collect(Collectors.joining(" or "));
            case STRING -> "a string";
            case BOOLEAN -> "a boolean (true or false)";
            case INT -> "a whole number";
            case LONG -> "a whole number";
            case FLOAT, DOUBLE -> "a number";
            case BYTES, FIXED -> "base64 bytes";
            case NULL -> "null";
        };
    }

    /** A found value's type and value, e.g. {@code a string "yes"}. */
    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case STRING -> "a string " + quote(node);
            case NUMBER -> "a number " + node.asText();
            case BOOLEAN -> "a boolean " + node.asText();
            case NULL -> "null";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String quote(JsonNode node) {
        return node.isTextual() ? quoteLimited(node.asText(), true) : describe(node);
    }

    private static String quoteLimited(String text, boolean quotes) {
        var shown = text.length() > MAX_QUOTED ? text.substring(0, MAX_QUOTED) + "..." : text;
        return quotes ? "\"" + shown + "\"" : shown;
    }
}
