package org.rjhub.dlq.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Hides personal data in a record shown as the agency's JSON: every value of a field that holds a
 * name, a date of birth, a postcode, an address line, a phone number, an e-mail address, a police national
 * computer id or free text about the person becomes {@code ***}, wherever in the record it is. A null
 * stays null (its absence is not personal), so the operator still sees which fields are filled in.
 */
public final class Masking {

    /** What a masked value becomes. */
    public static final String MASK = "***";

    /** Field names (lower case) whose values are personal, in every agency's contract. */
    static final Set<String> PERSONAL_FIELDS = Set.of(
            // names: of the people in the referral, and of the staff named in it
            "forename",
            "surname",
            "name",
            "offendername",
            "middlenames",
            "aliases",
            // dates of birth
            "dateofbirth",
            // where the person lives
            "postcode",
            "line1",
            "line2",
            "line3",
            // how to reach them
            "phone",
            "email",
            // identifiers of a person, and free text that may describe one
            "pncid",
            "summary");

    private Masking() {}

    /** A copy of {@code record} with personal values masked; the argument is left as it is. */
    public static JsonNode mask(JsonNode record) {
        JsonNode copy = record.deepCopy();
        maskInPlace(copy);
        return copy;
    }

    /** Whether a field of this name holds personal data. */
    public static boolean isPersonal(String fieldName) {
        return PERSONAL_FIELDS.contains(fieldName.toLowerCase(Locale.ROOT));
    }

    private static void maskInPlace(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (isPersonal(name)) {
                    object.replace(name, masked(object.get(name)));
                } else {
                    maskInPlace(object.get(name));
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(Masking::maskInPlace);
        }
    }

    /** Every non-null leaf of a personal value masked (a list of aliases stays a list). */
    private static JsonNode masked(JsonNode value) {
        if (value == null || value.isNull()) {
            return value;
        }
        if (value instanceof ArrayNode array) {
            ArrayNode out = array.arrayNode();
            array.forEach(v -> out.add(masked(v)));
            return out;
        }
        if (value instanceof ObjectNode object) {
            ObjectNode out = object.objectNode();
            object.properties().forEach(e -> out.set(e.getKey(), masked(e.getValue())));
            return out;
        }
        return TextNode.valueOf(MASK);
    }
}
