package org.rjhub.dlq.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.rjhub.schemas.Classification;

/**
 * Hides personal data in a record shown as JSON, driven by the contract's own classification of each field
 * ({@link Classification}, the {@code "classification"} property in the .avsc) as an allowlist: a value is shown only
 * when its field, and every field it sits in, is {@code operational}. Everything else (personal, special category, a
 * field without a classification, a field the contract does not have) becomes {@code ***}. A null stays null (its
 * absence is not personal), and the keys stay, so the operator still sees which fields are filled in.
 */
public final class Masking {

    /** What a masked value becomes. */
    public static final String MASK = "***";

    private Masking() {}

    /**
     * A copy of {@code record} with every value not classified operational masked; the argument is left as it is.
     *
     * @param record   the record as JSON, with the contract's field names
     * @param contract the record's Avro schema (a contract of {@code schemas/}, carrying the classifications)
     */
    public static JsonNode mask(JsonNode record, Schema contract) {
        return masked(record, contract);
    }

    private static JsonNode masked(JsonNode node, Schema schema) {
        Schema record = recordOf(schema);
        if (node instanceof ObjectNode object && record != null) {
            ObjectNode out = object.objectNode();
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                Schema.Field field = record.getField(name);
                JsonNode value = object.get(name);
                out.set(
                        name,
                        field != null && Classification.isOperational(field)
                                ? masked(value, field.schema())
                                : maskAll(value));
            }
            return out;
        }
        if (node instanceof ArrayNode array) {
            Schema items = itemsOf(schema);
            ArrayNode out = array.arrayNode();
            array.forEach(v -> out.add(items == null ? maskAll(v) : masked(v, items)));
            return out;
        }
        if (node instanceof ObjectNode object) {
            // a map (its keys are data too) or an object the schema does not describe
            return schema.getType() == Schema.Type.MAP ? maskAll(object) : maskAll(node);
        }
        return node.deepCopy();
    }

    /** The record type a value of this schema holds (a record, or the record branch of a nullable union), or null. */
    private static Schema recordOf(Schema schema) {
        if (schema.getType() == Schema.Type.RECORD) {
            return schema;
        }
        if (schema.getType() == Schema.Type.UNION) {
            List<Schema> records = schema.getTypes().stream()
                    .filter(t -> t.getType() == Schema.Type.RECORD)
                    .toList();
            // a union of several records cannot be told apart in plain JSON: nothing in it is shown
            return records.size() == 1 ? records.get(0) : null;
        }
        return null;
    }

    private static Schema itemsOf(Schema schema) {
        if (schema.getType() == Schema.Type.ARRAY) {
            return schema.getElementType();
        }
        if (schema.getType() == Schema.Type.UNION) {
            return schema.getTypes().stream()
                    .filter(t -> t.getType() == Schema.Type.ARRAY)
                    .map(Schema::getElementType)
                    .findFirst()
                    .orElse(null);
        }
        return null;
    }

    /** Every non-null leaf masked, keys and shape kept (a list of aliases stays a list). */
    private static JsonNode maskAll(JsonNode value) {
        if (value == null || value.isNull()) {
            return value;
        }
        if (value instanceof ArrayNode array) {
            ArrayNode out = array.arrayNode();
            array.forEach(v -> out.add(maskAll(v)));
            return out;
        }
        if (value instanceof ObjectNode object) {
            ObjectNode out = object.objectNode();
            object.properties().forEach(e -> out.set(e.getKey(), maskAll(e.getValue())));
            return out;
        }
        return TextNode.valueOf(MASK);
    }
}
