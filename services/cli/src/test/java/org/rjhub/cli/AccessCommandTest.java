package org.rjhub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AccessCommandTest {

    @Test
    void shouldFindTheProjectsAccessFileHoldingAgainstTheCatalogue() {
        CommandLine cli = Hub.commandLine();

        int exit = cli.execute("access", "check");

        assertThat(exit).isZero();
    }

    @Test
    void shouldRefuseAnAccessFileThatGivesAnAgencyAnotherAgencysOutcomes(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("access.yaml");
        Files.writeString(file, """
                principals:
                  police:
                    kind: agency
                    topics:
                      - { name: police.referrals.v1, operations: [Write] }
                      - { name: probation.outcomes.v1, operations: [Read] }
                  probation:
                    kind: agency
                    topics:
                      - { name: probation.referrals.v1, operations: [Write] }
                  victimsupport:
                    kind: agency
                    topics:
                      - { name: victimsupport.referrals.v1, operations: [Write] }
                """);
        StringWriter err = new StringWriter();
        CommandLine cli = Hub.commandLine();
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("access", "check", file.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .contains("police: topic probation.outcomes.v1 [Read]: an agency may not have [Read] here");
    }
}
