package org.rjhub.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.rjhub.contracts.police.PoliceReferral;

/** The build check: every field of every contract declares what kind of data it holds. */
class ClassificationTest {

    @Test
    void shouldClassifyEveryFieldOfEveryContractInTheSchemasFolder() throws IOException {
        List<String> unclassified = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> all = Files.walk(Path.of("src/main/avro"))) {
            files = all.filter(p -> p.toString().endsWith(".avsc")).sorted().toList();
        }
        // the common folder's types are parsed first, as the build does (<imports>): its enums, then its records
        Schema.Parser parser = new Schema.Parser();
        List<Path> common = files.stream()
                .filter(p -> p.startsWith("src/main/avro/common"))
                .sorted(java.util.Comparator.comparing(ClassificationTest::isRecord))
                .toList();
        for (Path file : common) {
            parser.parse(file.toFile());
        }
        for (Path file : files.stream()
                .filter(p -> !p.startsWith("src/main/avro/common"))
                .toList()) {
            unclassified.addAll(Classification.unclassified(parser.parse(file.toFile())));
        }
        for (Schema contract : Contracts.valueSchemas()) {
            unclassified.addAll(Classification.unclassified(contract));
        }
        assertThat(files).hasSizeGreaterThan(10);
        assertThat(unclassified).as("fields without \"classification\"").isEmpty();
    }

    private static boolean isRecord(Path file) {
        try {
            return Files.readString(file).contains("\"fields\"");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void shouldNameAFieldWithoutClassificationOrWithAnUnknownOne() {
        Schema schema = new Schema.Parser().parse("""
                {"type": "record", "name": "R", "namespace": "t", "fields": [
                  {"name": "a", "classification": "operational", "type": "string"},
                  {"name": "b", "type": "string"},
                  {"name": "c", "classification": "secret", "type": {"type": "record", "name": "In", "fields": [
                     {"name": "d", "classification": "personal", "type": "string"},
                     {"name": "e", "type": "int"}]}}]}
                """);

        assertThat(Classification.unclassified(schema)).containsExactly("t.R.b", "t.R.c", "t.In.e");
        assertThat(Classification.isOperational(schema.getField("a"))).isTrue();
        assertThat(Classification.isOperational(schema.getField("b")))
                .as("unclassified is not shown")
                .isFalse();
    }

    @Test
    void shouldCarryTheClassificationIntoTheGeneratedClassesSchema() {
        Schema police = PoliceReferral.getClassSchema();

        assertThat(Classification.of(police.getField("referralId"))).contains(Classification.OPERATIONAL);
        assertThat(Classification.of(police.getField("crimeReference"))).contains(Classification.PERSONAL);
        assertThat(Classification.of(police.getField("domesticAbuse"))).contains(Classification.SPECIAL_CATEGORY);
    }
}
