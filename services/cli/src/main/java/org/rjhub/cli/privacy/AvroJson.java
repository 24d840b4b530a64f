package org.rjhub.cli.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/** A record of a contract as plain readable JSON: field names as in the contract, unions as their value, dates as text. */
final class AvroJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private AvroJson() {}

    static ObjectNode of(IndexedRecord record) {
        ObjectNode out = JSON.objectNode();
        for (Schema.Field f : record.getSchema().getFields()) {
            out.set(f.name(), value(record.get(f.pos())));
        }
        return out;
    }

    private static JsonNode value(Object v) {
        if (v == null) {
            return JSON.nullNode();
        }
        if (v instanceof IndexedRecord r) {
            return of(r);
        }
        if (v instanceof Collection<?> c) {
            ArrayNode out = JSON.arrayNode();
            c.forEach(i -> out.add(value(i)));
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            ObjectNode out = JSON.objectNode();
            m.forEach((k, i) -> out.set(String.valueOf(k), value(i)));
            return out;
        }
        if (v instanceof ByteBuffer b) {
            byte[] bytes = new byte[b.remaining()];
            b.duplicate().get(bytes);
            return JSON.textNode(Base64.getEncoder().encodeToString(bytes));
        }
        if (v instanceof Boolean b) {
            return JSON.booleanNode(b);
        }
        if (v instanceof Integer i) {
            return JSON.numberNode(i);
        }
        if (v instanceof Long l) {
            return JSON.numberNode(l);
        }
        if (v instanceof Double d) {
            return JSON.numberNode(d);
        }
        return JSON.textNode(v.toString());
    }
}
