package org.rjhub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** What a script sees from the top-level command line: an unknown command is an error, never a help page. */
class HubCommandLineTest {

    @ParameterizedTest(name = "hub {0} -> exit {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "eras --help     | 2 | Did you mean",
                "erase --help    | 0 | Usage: hub erase",
                "erase           | 2 | give either --referral AGENCY:ID or --forename and --surname",
                "topcis          | 2 | hub topics",
                "cse             | 2 | hub case",
                "case lst        | 2 | case list",
                "dlq replya      | 2 | dlq replay",
                "up --only brokr | 2 | --only: unknown part(s) [brokr]",
                "demo --help     | 0 | Usage: hub demo",
                "--help          | 0 | Usage: hub",
                "dlq list --help | 0 | Usage: hub dlq list",
            })
    void shouldAnswerAnUnknownCommandWithExitTwoAndTheClosestCommand(String args, int exit, String expected) {
        // Given
        CommandLine cli = Hub.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));

        // When
        int code = cli.execute(args.trim().split("\\s+"));

        // Then
        assertThat(code).isEqualTo(exit);
        assertThat(exit == 0 ? out.toString() : err.toString()).contains(expected);
    }
}
