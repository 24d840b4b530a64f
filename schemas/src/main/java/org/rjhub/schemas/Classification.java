package org.rjhub.schemas;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * What kind of data an Avro field holds, declared in the contract itself as the field's custom property
 * {@code "classification"}: {@code personal}, {@code special-category} or {@code operational}. Tools that show data
 * (the dead-letter tool's masked view) take it as an allowlist: only a field that is operational, inside fields that
 * are all operational, is shown as it is. A container field (a record, a list of records) is classified by what it
 * says about a person: {@code victims} is personal even though each victim's role is not.
 */
public enum Classification {
    /** Data about an identifiable person (names, dates of birth, addresses, identifiers, pseudonyms, free text). */
    PERSONAL("personal"),
    /** UK GDPR Art. 9 data and its like: needs, vulnerabilities, domestic abuse and hate crime markers. */
    SPECIAL_CATEGORY("special-category"),
    /** Nothing about a person: ids of the hub's and agencies' records, codes, enums, times, counts. */
    OPERATIONAL("operational");

    /** The custom field property that carries it. */
    public static final String PROPERTY = "classification";

    private final String symbol;

    Classification(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** The field's declared classification, or empty when it has none (or one that is not a known symbol). */
    public static Optional<Classification> of(Schema.Field field) {
        Object value = field.getObjectProp(PROPERTY);
        for (Classification c : values()) {
            if (c.symbol.equals(value)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** Shown as it is only when declared operational; a field without a classification is not. */
    public static boolean isOperational(Schema.Field field) {
        return of(field).orElse(PERSONAL) == OPERATIONAL;
    }

    /**
     * Every field, in this schema and every record it reaches, that has no valid classification, as
     * {@code Record.field}.
     */
    public static List<String> unclassified(Schema schema) {
        List<String> out = new ArrayList<>();
        collect(schema, new HashSet<>(), out);
        return out;
    }

    private static void collect(Schema schema, Set<String> seen, List<String> out) {
        switch (schema.getType()) {
            case RECORD -> {
                if (!seen.add(schema.getFullName())) {
                    return;
                }
                for (Schema.Field f : schema.getFields()) {
                    if (of(f).isEmpty()) {
                        out.add(schema.getFullName() + "." + f.name());
                    }
                    collect(f.schema(), seen, out);
                }
            }
            case ARRAY -> collect(schema.getElementType(), seen, out);
            case MAP -> collect(schema.getValueType(), seen, out);
            case UNION -> schema.getTypes().forEach(t -> collect(t, seen, out));
            default -> {
                // primitives and enums have no fields
            }
        }
    }
}
