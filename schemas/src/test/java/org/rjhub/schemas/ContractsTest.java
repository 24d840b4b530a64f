package org.rjhub.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.rjhub.contracts.hub.QueueItem;

class ContractsTest {

    /** The topic catalogue, when the module is built inside the repository. */
    private static final Path CATALOGUE = Path.of("..", "deploy", "topics.yaml");

    @Test
    void shouldNameEachSubjectAfterItsTopic() {
        assertThat(Contracts.all()).allSatisfy(c -> assertThat(c.subject()).isEqualTo(c.topic() + "-value"));
        assertThat(Contracts.POLICE_REFERRALS.subject()).isEqualTo("police.referrals.v1-value");
        assertThat(Contracts.forTopic("victimsupport.referrals.v1")).contains(Contracts.VICTIM_SUPPORT_REFERRALS);
        assertThat(Contracts.forTopic("nobody.v1")).isEmpty();
    }

    @Test
    void shouldGiveEveryQueueTheQueueItemContract() {
        var harlow = Contracts.queue("harlow");

        assertThat(harlow.topic()).isEqualTo("rj.queue.harlow.v1");
        assertThat(harlow.subject()).isEqualTo("rj.queue.harlow.v1-value");
        assertThat(harlow.valueType()).isEqualTo(QueueItem.class);
        assertThat(Contracts.forTopic("rj.queue.epping-forest.v1")).contains(Contracts.queue("epping-forest"));
        assertThatThrownBy(() -> Contracts.queue("Epping Forest")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldKeyEachAgencyTopicByTheAgencysOwnReferralId() {
        assertThat(Contracts.POLICE_REFERRALS.keyField()).isEqualTo("referralId");
        assertThat(Contracts.PROBATION_REFERRALS.keyField()).isEqualTo("referralId");
        assertThat(Contracts.VICTIM_SUPPORT_REFERRALS.keyField()).isEqualTo("vsCaseId");
        assertThat(Contracts.POLICE_OUTCOMES.keyField()).isEqualTo("agencyReferralId");
        assertThat(Contracts.all()).filteredOn(c -> c.keyField() != null).allSatisfy(c -> {
            var keyField = c.schema().getField(c.keyField());
            assertThat(keyField).as("%s key field", c.topic()).isNotNull();
            assertThat(keyField.schema().getType()).isEqualTo(Schema.Type.STRING);
        });
    }

    @Test
    void shouldMatchTheTopicCatalogue() throws IOException {
        Assumptions.assumeTrue(Files.exists(CATALOGUE), "topic catalogue not beside the module");
        var catalogue = catalogueValues(Files.readString(CATALOGUE));

        var ours = new LinkedHashMap<String, String>();
        Contracts.all().forEach(c -> ours.put(c.topic(), c.recordFullName()));
        catalogue.keySet().stream()
                .filter(t -> t.startsWith("rj.queue."))
                .forEach(t -> ours.put(t, Contracts.forTopic(t).orElseThrow().recordFullName()));

        assertThat(ours).isEqualTo(catalogue);
    }

    @Test
    void shouldGenerateContractClassesOnlyInContractPackages() {
        assertThat(Contracts.all()).allSatisfy(c -> {
            assertThat(c.valueType().getPackageName()).startsWith("org.rjhub.contracts.");
            assertThat(c.schema().getFullName()).isEqualTo(c.valueType().getName());
        });
        assertThat(Contracts.valueSchemas())
                .extracting(Schema::getFullName)
                .doesNotHaveDuplicates()
                .allSatisfy(name -> assertThat(name).startsWith("org.rjhub.contracts."));
    }

    @Test
    void shouldDocumentEveryRecordEnumAndField() {
        List<String> undocumented = new ArrayList<>();
        for (var schema : Contracts.valueSchemas()) {
            collectUndocumented(schema, schema.getName(), new HashSet<>(), undocumented);
        }
        assertThat(undocumented).isEmpty();
    }

    @Test
    void shouldHaveReleasedEveryValueRecord() {
        assertThat(Contracts.valueSchemas())
                .allSatisfy(s -> assertThat(Compatibility.releasedVersions(s.getFullName()))
                        .as("released versions of %s", s.getFullName())
                        .isNotEmpty());
    }

    @Test
    void shouldKeepOnlyReleasedFoldersThatNameAValueRecord() throws IOException {
        try (Stream<Path> folders = Files.list(Path.of("released"))) {
            assertThat(folders.map(p -> p.getFileName().toString()))
                    .allSatisfy(name -> assertThat(Contracts.valueSchema(name))
                            .as("value record for released/%s", name)
                            .isPresent());
        }
    }

    /**
     * Topic name to value record, read from the catalogue's YAML without a YAML library: {@code - name:} entries
     * with a {@code value:}, and {@code queues:} entries that take {@code queueDefaults.value}.
     */
    private static Map<String, String> catalogueValues(String yaml) {
        var result = new LinkedHashMap<String, String>();
        var entry = Pattern.compile("^\\s*- name:\\s*(\\S+)\\s*$");
        var value = Pattern.compile("^\\s+value:\\s*(\\S+)\\s*$");
        var queue = Pattern.compile("^\\s*- \\{name:\\s*([^,}]+)[,}].*$");
        String topic = null;
        String queueValue = null;
        String section = "";
        for (var line : yaml.split("\n")) {
            if (line.matches("^[A-Za-z]\\w*:.*")) {
                section = line.substring(0, line.indexOf(':'));
                topic = null;
                continue;
            }
            var m = entry.matcher(line);
            if (section.equals("topics") && m.matches()) {
                topic = m.group(1);
                continue;
            }
            m = value.matcher(line);
            if (m.matches()) {
                if (section.equals("topics") && topic != null) {
                    result.put(topic, m.group(1));
                } else if (section.equals("queueDefaults")) {
                    queueValue = m.group(1);
                }
                continue;
            }
            m = queue.matcher(line);
            if (section.equals("queues") && m.matches()) {
                result.put("rj.queue." + m.group(1).trim() + ".v1", queueValue);
            }
        }
        return result;
    }

    private static void collectUndocumented(Schema schema, String path, Set<String> seen, List<String> out) {
        switch (schema.getType()) {
            case RECORD -> {
                if (!seen.add(schema.getFullName())) {
                    return;
                }
                if (isBlank(schema.getDoc())) {
                    out.add(path + " (record " + schema.getFullName() + ")");
                }
                for (var field : schema.getFields()) {
                    var fieldPath = path + "." + field.name();
                    if (isBlank(field.doc())) {
                        out.add(fieldPath);
                    }
                    collectUndocumented(field.schema(), fieldPath, seen, out);
                }
            }
            case ENUM -> {
                if (seen.add(schema.getFullName()) && isBlank(schema.getDoc())) {
                    out.add(path + " (enum " + schema.getFullName() + ")");
                }
            }
            case ARRAY -> collectUndocumented(schema.getElementType(), path + "[]", seen, out);
            case MAP -> collectUndocumented(schema.getValueType(), path + "{}", seen, out);
            case UNION -> schema.getTypes().forEach(branch -> collectUndocumented(branch, path, seen, out));
            default -> {
                // primitives carry no doc
            }
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
