package org.rjhub.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rjhub.common.access.AccessPolicy;
import org.rjhub.common.topics.TopicCatalogue;

/** The checked-in deployment files are what the project generates from its catalogue, access file and settings. */
class ManifestsUpToDateTest {

    private final Map<String, String> generated = new Manifests(TopicCatalogue.load(), AccessPolicy.load()).files();

    @Test
    void shouldFindTheCheckedInFilesUpToDate() {
        List<String> stale = DeployCommand.stale(DeployFiles.ROOT, generated);

        assertThat(stale)
                .as("deployment files out of date: run %s and commit the result", DeployCommand.REGENERATE)
                .isEmpty();
    }

    @Test
    void shouldFindAFileEditedByHandOrMissing(@TempDir Path root) throws Exception {
        // Given the generated files, one of them edited by hand and one missing
        for (var e : generated.entrySet()) {
            Path file = root.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
        }
        Files.writeString(
                root.resolve("deploy/k8s/topics.yaml"), generated.get("deploy/k8s/topics.yaml") + "# edited\n");
        Files.delete(root.resolve("deploy/k8s/users.yaml"));

        // When checked, then both are named
        assertThat(DeployCommand.stale(root, generated))
                .containsExactly("deploy/k8s/topics.yaml", "deploy/k8s/users.yaml");
    }
}
