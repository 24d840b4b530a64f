package org.rjhub.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseTest {

    @Test
    void shouldHaveNothingToReleaseWhenTheRepositoryIsUpToDate() {
        // the folder in the repository: every current contract is released as it stands
        assertThat(Release.release(Path.of("released"))).isEmpty();
    }

    @Test
    void shouldReleaseEveryContractAsV1IntoAnEmptyFolder(@TempDir Path dir) throws IOException {
        var written = Release.release(dir);

        assertThat(written).hasSize(Contracts.valueSchemas().size());
        assertThat(dir.resolve("org.rjhub.contracts.police.PoliceReferral/v1.avsc"))
                .exists();
        assertThat(Files.readString(dir.resolve("org.rjhub.contracts.hub.Outcome/v1.avsc")))
                .isEqualTo(org.apache.avro.SchemaFormatter.format(
                                "json/pretty", org.rjhub.contracts.hub.Outcome.getClassSchema())
                        + "\n");
        assertThat(Release.release(dir)).isEmpty();
    }
}
