package org.rjhub.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** Shows that the compatibility gate catches breaking changes and names the field, and lets safe ones through. */
class BreakingChangeDetectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Schema releasedPolice =
            Contracts.POLICE_REFERRALS.releasedVersions().get(0);

    @Test
    void shouldReportNewRequiredFieldWithoutDefault() throws Exception {
        // Given a new version that adds a field with no default
        var json = tree(releasedPolice);
        fields(json).addObject().put("name", "forceCode").put("type", "string").put("doc", "Force code.");
        var changed = parse(json);

        // When checked against the released version
        var report = Compatibility.checkBackward(changed, releasedPolice);

        // Then
        assertThat(report.compatible()).isFalse();
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.type()).isEqualTo("READER_FIELD_MISSING_DEFAULT_VALUE");
            assertThat(p.fieldPath()).isEqualTo("forceCode");
        });
        assertThat(report.describe()).contains("INCOMPATIBLE").contains("forceCode");
    }

    @Test
    void shouldReportChangedTypeOfNestedFieldWithItsPath() throws Exception {
        // Given victims[].dateOfBirth changed from a date to a string
        var json = tree(releasedPolice);
        var party = (ObjectNode) field(json, "victims").get("type").get("items");
        field(party, "dateOfBirth").put("type", "string");
        var changed = parse(json);

        var report = Compatibility.checkBackward(changed, releasedPolice);

        assertThat(report.compatible()).isFalse();
        assertThat(report.problems())
                .extracting(Compatibility.Problem::fieldPath)
                .contains("victims[].dateOfBirth");
        assertThat(report.problems()).extracting(Compatibility.Problem::type).contains("TYPE_MISMATCH");
    }

    @Test
    void shouldReportNewRequiredFieldInsideAnArrayOfRecordsWithItsPath() throws Exception {
        var json = tree(releasedPolice);
        var party = (ObjectNode) field(json, "victims").get("type").get("items");
        fields(party).addObject().put("name", "nickname").put("type", "string").put("doc", "Nickname.");

        var report = Compatibility.checkBackward(parse(json), releasedPolice);

        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.type()).isEqualTo("READER_FIELD_MISSING_DEFAULT_VALUE");
            assertThat(p.fieldPath()).isEqualTo("victims[].nickname");
        });
    }

    @Test
    void shouldReportRemovedEnumSymbolWhenTheEnumHasNoDefault() throws Exception {
        // Given justiceStage (an enum without default) loses a symbol
        var json = tree(releasedPolice);
        var symbols = (ArrayNode) field(json, "justiceStage").get("type").get("symbols");
        symbols.remove(symbols.size() - 1);
        var changed = parse(json);

        var report = Compatibility.checkBackward(changed, releasedPolice);

        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.type()).isEqualTo("MISSING_ENUM_SYMBOLS");
            assertThat(p.fieldPath()).isEqualTo("justiceStage");
            assertThat(p.message()).contains("NO_FURTHER_ACTION");
        });
    }

    @Test
    void shouldAcceptNewOptionalFieldWithDefault() throws Exception {
        var json = tree(releasedPolice);
        var added = fields(json).addObject().put("name", "forceCode").put("doc", "Force code.");
        added.putArray("type").add("null").add("string");
        added.putNull("default");

        var report = Compatibility.checkBackward(parse(json), releasedPolice);

        assertThat(report.compatible()).as(report.describe()).isTrue();
        assertThat(report.describe()).isEqualTo("compatible");
    }

    @Test
    void shouldNameTheReleasedVersionInTransitiveChecks() throws Exception {
        var json = tree(releasedPolice);
        fields(json).addObject().put("name", "forceCode").put("type", "string").put("doc", "Force code.");

        var report = Compatibility.checkBackwardTransitive(parse(json), List.of(releasedPolice, releasedPolice));

        assertThat(report.problems()).extracting(Compatibility.Problem::version).containsExactly("v1", "v2");
        assertThat(report.describe()).contains("(against released v2)");
    }

    private static ObjectNode tree(Schema schema) throws Exception {
        return (ObjectNode) JSON.readTree(schema.toString());
    }

    private static ArrayNode fields(ObjectNode record) {
        return (ArrayNode) record.get("fields");
    }

    private static ObjectNode field(ObjectNode record, String name) {
        for (var f : fields(record)) {
            if (f.get("name").asText().equals(name)) {
                return (ObjectNode) f;
            }
        }
        throw new AssertionError("no field " + name);
    }

    private static Schema parse(ObjectNode json) {
        return new Schema.Parser().parse(json.toString());
    }
}
