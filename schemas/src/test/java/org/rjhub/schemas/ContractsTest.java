package org.rjhub.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class ContractsTest {

    @Test
    void shouldNameEachSubjectAfterItsTopic() {
        assertThat(Contracts.all()).allSatisfy(c -> assertThat(c.subject()).isEqualTo(c.topic() + "-value"));
        assertThat(Contracts.POLICE_REFERRALS.subject()).isEqualTo("police.referrals.v1-value");
        assertThat(Contracts.forTopic("victimsupport.referrals.v1")).contains(Contracts.VICTIM_SUPPORT_REFERRALS);
        assertThat(Contracts.forRecord("org.rjhub.contracts.hub.Outcome")).contains(Contracts.OUTCOMES);
    }

    @Test
    void shouldKeyEachAgencyTopicByTheAgencysOwnReferralId() {
        assertThat(Contracts.POLICE_REFERRALS.keyField()).isEqualTo("referralId");
        assertThat(Contracts.PROBATION_REFERRALS.keyField()).isEqualTo("referralId");
        assertThat(Contracts.VICTIM_SUPPORT_REFERRALS.keyField()).isEqualTo("vsCaseId");
        assertThat(Contracts.all()).filteredOn(c -> c.keyField() != null).allSatisfy(c -> {
            var keyField = c.schema().getField(c.keyField());
            assertThat(keyField).as("%s key field", c.topic()).isNotNull();
            assertThat(keyField.schema().getType()).isEqualTo(Schema.Type.STRING);
        });
    }

    @Test
    void shouldGenerateContractClassesOnlyInContractPackages() {
        assertThat(Contracts.all()).allSatisfy(c -> {
            assertThat(c.valueType().getPackageName()).startsWith("org.rjhub.contracts.");
            assertThat(c.schema().getFullName()).isEqualTo(c.valueType().getName());
        });
    }

    @Test
    void shouldDocumentEveryRecordEnumAndField() {
        List<String> undocumented = new ArrayList<>();
        for (var contract : Contracts.all()) {
            collectUndocumented(contract.schema(), contract.schema().getName(), new HashSet<>(), undocumented);
        }
        assertThat(undocumented).isEmpty();
    }

    @Test
    void shouldHaveReleasedEveryCurrentContract() {
        assertThat(Contracts.all()).allSatisfy(c ->
                assertThat(c.releasedVersions()).as("released versions of %s", c.recordFullName()).isNotEmpty());
    }

    @Test
    void shouldKeepOnlyReleasedFoldersThatNameAContract() throws IOException {
        try (Stream<Path> folders = Files.list(Path.of("released"))) {
            assertThat(folders.map(p -> p.getFileName().toString()))
                    .allSatisfy(name -> assertThat(Contracts.forRecord(name)).as("contract for released/%s", name).isPresent());
        }
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
