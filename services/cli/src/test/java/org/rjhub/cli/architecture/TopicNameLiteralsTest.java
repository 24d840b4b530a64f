package org.rjhub.cli.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rjhub.agencies.Agency;
import org.rjhub.common.topics.TopicCatalogue;
import org.rjhub.common.topics.TopicSpec;

/**
 * Topic names are defined once: in the catalogue ({@code deploy/topics.yaml}) and the contracts
 * ({@code schemas/.../Contracts.java}). No other main code of any module types one as a string literal; it uses
 * {@code Contracts} or {@code Agency}.
 */
class TopicNameLiteralsTest {

    private static final Path CONTRACTS = Path.of("org", "rjhub", "schemas", "Contracts.java");
    private static final Path SOURCE = Path.of("Sample.java");

    private final TopicNameLiterals scanner = new TopicNameLiterals(
            TopicCatalogue.load().all().stream().map(TopicSpec::name).toList(), Agency.cliNames());

    @Test
    void shouldFindNoTopicNameTypedInAnyModulesMainCode() throws IOException {
        // Given the main sources of every module
        List<Path> roots = mainSourceRoots(repositoryRoot());
        assertThat(roots)
                .hasSizeGreaterThanOrEqualTo(15)
                .anySatisfy(r -> assertThat(r).endsWith(Path.of("schemas", "src", "main", "java")))
                .anySatisfy(r -> assertThat(r).endsWith(Path.of("services", "router", "src", "main", "java")))
                .anySatisfy(r -> assertThat(r).endsWith(Path.of("services", "cli", "src", "main", "java")));

        // When each is scanned
        List<TopicNameLiterals.Finding> found = new ArrayList<>();
        roots.forEach(r -> found.addAll(scanner.scanTree(r)));

        // Then only the contracts name topics
        assertThat(found)
                .filteredOn(f -> !f.file().endsWith(CONTRACTS))
                .as("topic names typed as literals: use Contracts or Agency")
                .isEmpty();
        assertThat(found).as("the contracts' own names are seen").isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "String t = naming.apply(\"rj.referrals.v1\");",
                "topics.add(naming.apply(agency + \".outcomes.v1\"));",
                "String q = \"rj.queue.\" + name + suffix;",
                "String p = \"victimsupport.\" + kind;",
                "String t = \"rj.some-new-topic.v2\";",
                "@Command(description = \"Publish it to rj.routing-rules.v1; routers use it.\")",
                "String doc = \"\"\"\n        reads police.referrals.v1\n        \"\"\";"
            })
    void shouldFindATopicNameTypedAsALiteral(String code) {
        assertThat(scanner.scan(SOURCE, code)).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "String t = naming.apply(Contracts.HUB_REFERRALS_TOPIC); // not \"rj.referrals.v1\"",
                "/* reads rj.dead-letters.v1 and \"police.outcomes.v1\" */ int x = 1;",
                "String key = \"rj.cases.http.port\";",
                "String mail = name + \"@probation.example\";",
                "String type = \"application/vnd.schemaregistry.v1+json\";",
                "char q = '\"'; String s = \"police officer\"; char r = '\\'';",
                "String s = \"a \\\"quoted\\\" word\"; String t = \"v1\";"
            })
    void shouldLeaveCodeCommentsAndOtherLiteralsAlone(String code) {
        assertThat(scanner.scan(SOURCE, code)).isEmpty();
    }

    @Test
    void shouldTellTheLineOfEachFinding() {
        String code = "class A {\n    /* one\n       two */\n    String a = \"x\";\n"
                + "    String b = \"rj.escalations.v1\";\n}\n";

        assertThat(scanner.scan(SOURCE, code))
                .singleElement()
                .satisfies(f -> assertThat(f.line()).isEqualTo(5))
                .satisfies(f -> assertThat(f.literal()).isEqualTo("rj.escalations.v1"));
    }

    /** The folder holding the whole project: the catalogue and the parent pom. */
    private static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("deploy/topics.yaml")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException(
                "no deploy/topics.yaml above " + Path.of("").toAbsolutePath());
    }

    private static List<Path> mainSourceRoots(Path root) throws IOException {
        Path main = Path.of("src", "main", "java");
        try (Stream<Path> dirs = Files.walk(root, 5)) {
            return dirs.filter(Files::isDirectory)
                    .filter(d -> d.endsWith(main))
                    .filter(d -> !root.relativize(d).toString().contains("target"))
                    .filter(d -> !root.relativize(d).startsWith(".rj-data"))
                    .sorted()
                    .toList();
        }
    }
}
