package org.rjhub.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * The schema compatibility rule of every topic subject: BACKWARD, in Confluent's sense. A consumer
 * using the current schema must be able to read everything written with any released version, so
 * consumers are upgraded before producers.
 *
 * <p>Both the build (a unit test over {@code schemas/released/}) and the code that registers the
 * schemas in the registry call this class, so a breaking change is caught before it reaches the
 * registry's own check.
 */
public final class Compatibility {

    /** Classpath folder of the released versions: {@code <full record name>/v<N>.avsc}. */
    public static final String RELEASED_RESOURCE_ROOT = "/org/rjhub/schemas/released/";

    private Compatibility() {}

    /**
     * Can a reader using {@code current} decode data written with {@code released}?
     *
     * @param current  the schema consumers will use (Avro reader schema)
     * @param released a released version (Avro writer schema)
     * @return the verdict, with every problem found
     */
    public static Report checkBackward(Schema current, Schema released) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(released, "released");
        var result = SchemaCompatibility.checkReaderWriterCompatibility(current, released)
                .getResult();
        if (result.getCompatibility() == SchemaCompatibilityType.COMPATIBLE) {
            return new Report(true, List.of());
        }
        // a named type used in two places (e.g. Party in victims and offenders) is checked once by Avro and
        // its incompatibility repeated: report it once
        var problems = result.getIncompatibilities().stream()
                .map(incompatibility -> Problem.of(current, incompatibility))
                .distinct()
                .collect(Collectors.toUnmodifiableList());
        return new Report(false, problems);
    }

    /**
     * BACKWARD_TRANSITIVE: {@code current} must read data written with every released version.
     *
     * @param current  the schema consumers will use
     * @param released the released versions, oldest first
     * @return one report covering all versions; each problem says which version it concerns
     */
    public static Report checkBackwardTransitive(Schema current, List<Schema> released) {
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < released.size(); i++) {
            var version = "v" + (i + 1);
            checkBackward(current, released.get(i)).problems().stream()
                    .map(problem -> problem.againstVersion(version))
                    .forEach(problems::add);
        }
        return new Report(problems.isEmpty(), List.copyOf(problems));
    }

    /**
     * The released versions of a record, read from the classpath ({@code schemas/released/} is
     * packaged under {@link #RELEASED_RESOURCE_ROOT}), oldest first: v1, v2, ... until the first gap.
     *
     * @param recordFullName e.g. {@code org.rjhub.contracts.police.PoliceReferral}
     * @return the released schemas; empty when none was released
     */
    public static List<Schema> releasedVersions(String recordFullName) {
        List<Schema> versions = new ArrayList<>();
        for (int version = 1; ; version++) {
            var resource = RELEASED_RESOURCE_ROOT + recordFullName + "/v" + version + ".avsc";
            try (InputStream in = Compatibility.class.getResourceAsStream(resource)) {
                if (in == null) {
                    return List.copyOf(versions);
                }
                // each released version is self-contained: a fresh parser per file
                versions.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
    }

    /**
     * The verdict of a check.
     *
     * @param compatible true when the reader can read all the writer's data
     * @param problems   what breaks, empty when compatible
     */
    public record Report(boolean compatible, List<Problem> problems) {

        public Report {
            problems = List.copyOf(problems);
        }

        /** One line per problem, for build output and registration errors. */
        public String describe() {
            if (compatible) {
                return "compatible";
            }
            return problems.stream().map(Problem::toString).collect(Collectors.joining("\n", "INCOMPATIBLE:\n", ""));
        }
    }

    /**
     * One incompatibility.
     *
     * @param type      Avro's incompatibility type, e.g. {@code READER_FIELD_MISSING_DEFAULT_VALUE}
     * @param fieldPath the field in the current schema's terms, e.g. {@code victims[].dateOfBirth}
     *                  (empty for the top level)
     * @param location  Avro's JSON-pointer-like location in the reader schema, e.g. {@code /fields/3/type}
     * @param message   Avro's message (a field name, the missing symbols ...)
     * @param version   the released version concerned, e.g. {@code v1}; empty when a single pair was checked
     */
    public record Problem(String type, String fieldPath, String location, String message, String version) {

        static Problem of(Schema reader, Incompatibility incompatibility) {
            var location = incompatibility.getLocation();
            var path = Compatibility.fieldPath(reader, location);
            var type = incompatibility.getType().name();
            if (incompatibility.getType()
                            == SchemaCompatibility.SchemaIncompatibilityType.READER_FIELD_MISSING_DEFAULT_VALUE
                    && !path.endsWith(incompatibility.getMessage())) {
                // the location stops at the record; the message is the missing field's name
                path = path.isEmpty() ? incompatibility.getMessage() : path + "." + incompatibility.getMessage();
            }
            return new Problem(type, path, location, incompatibility.getMessage(), "");
        }

        Problem againstVersion(String releasedVersion) {
            return new Problem(type, fieldPath, location, message, releasedVersion);
        }

        @Override
        public String toString() {
            var where = fieldPath.isEmpty() ? "(top level)" : fieldPath;
            var against = version.isEmpty() ? "" : " (against released " + version + ")";
            return type + " at " + where + ": " + message + against;
        }
    }

    /**
     * Turns Avro's location ({@code /fields/9/type/items/fields/2/type}) into a field path in the
     * reader schema ({@code victims[].dateOfBirth}).
     */
    static String fieldPath(Schema reader, String location) {
        var tokens = location.split("/");
        var path = new StringBuilder();
        Schema current = reader;
        for (int i = 0; i < tokens.length && current != null; i++) {
            var token = tokens[i];
            switch (token) {
                case "", "type" -> {
                    // "type" steps from a field to its schema, which we already hold
                }
                case "fields" -> {
                    current = nonNull(current);
                    if (current.getType() != Schema.Type.RECORD || i + 1 >= tokens.length) {
                        return path.toString();
                    }
                    var field = current.getFields().get(Integer.parseInt(tokens[++i]));
                    if (path.length() > 0) {
                        path.append('.');
                    }
                    path.append(field.name());
                    current = field.schema();
                }
                case "items" -> {
                    current = nonNull(current);
                    path.append("[]");
                    current = current.getType() == Schema.Type.ARRAY ? current.getElementType() : null;
                }
                case "values" -> {
                    current = nonNull(current);
                    path.append("{}");
                    current = current.getType() == Schema.Type.MAP ? current.getValueType() : null;
                }
                default -> {
                    if (current.getType() == Schema.Type.UNION && token.chars().allMatch(Character::isDigit)) {
                        int branch = Integer.parseInt(token);
                        current = branch < current.getTypes().size()
                                ? current.getTypes().get(branch)
                                : null;
                    } else {
                        // "symbols", "name", "size", "union" ...: the path ends at this schema
                        return path.toString();
                    }
                }
            }
        }
        return path.toString();
    }

    /** The non-null branch of a nullable union, or the schema itself. */
    private static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        var branches = schema.getTypes().stream()
                .filter(s -> s.getType() != Schema.Type.NULL)
                .toList();
        return branches.size() == 1 ? branches.get(0) : schema;
    }
}
