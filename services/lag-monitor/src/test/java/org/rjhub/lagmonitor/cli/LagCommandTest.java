package org.rjhub.lagmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rjhub.lagmonitor.LagMonitorConfig;
import picocli.CommandLine;

class LagCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CommandLine cli(LagCommand command) {
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli;
    }

    @Test
    void shouldDescribeItsOptionsAndTheStatuses() {
        int code = cli(new LagCommand()).execute("--help");

        assertThat(code).isZero();
        assertThat(out.toString())
                .contains(
                        "--group=REGEX",
                        "--watch",
                        "--interval=SECONDS",
                        "--json",
                        "--bootstrap-servers=HOST:PORT",
                        "STALL",
                        "REWIND");
    }

    @Test
    void shouldRefuseABadRegexAsAUsageError() {
        int code = cli(new LagCommand()).execute("--bootstrap-servers", "localhost:1", "--group", "rj-(");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--group is not a valid regex");
    }

    @Test
    void shouldSayWhereToNameTheClusterWhenNoneIsGiven() {
        // Given no option, and (whatever the environment says) a blank value
        int code = cli(new LagCommand(Optional::empty)).execute("--bootstrap-servers", " ");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString())
                .contains("no --bootstrap-servers, no KAFKA_BOOTSTRAP_SERVERS, and no hub announced in "
                        + ".rj-data/stack.json")
                .contains("start one with `./hub up`");
    }

    @Test
    void shouldBuildTheMonitorConfigFromTheOptionsOrTheFallback() {
        // Given a command registered with a fallback for the cluster
        LagCommand command = new LagCommand(() -> Optional.of("stack:9092"));
        new CommandLine(command).parseArgs("--bootstrap-servers", "", "--group", "rj-.*", "--interval", "2");

        // When its config is built
        LagMonitorConfig config = command.config();

        // Then
        assertThat(config.bootstrapServers()).isEqualTo("stack:9092");
        assertThat(config.watches("rj-router")).isTrue();
        assertThat(config.watches("connect")).isFalse();
        assertThat(config.pollInterval()).hasSeconds(2);
    }

    @Test
    void shouldConnectAsTheAnnouncedStacksLagMonitorPrincipalOnlyOnThatStack(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        // Given a command whose fallback is a secured stack with the lag monitor's client config
        java.nio.file.Path file = dir.resolve("lagmonitor.properties");
        java.nio.file.Files.writeString(file, "security.protocol=SASL_SSL\n");
        LagCommand onStack = new LagCommand(() -> Optional.of("stack:9092"), () -> Optional.of(file.toString()));
        new CommandLine(onStack).parseArgs("--bootstrap-servers", "", "--command-config", "");

        // Then on that stack its clients carry the principal's settings
        assertThat(onStack.config().adminProperties().getProperty("security.protocol"))
                .isEqualTo("SASL_SSL");

        // but a cluster named on the command line is not given the stack's credentials
        LagCommand elsewhere = new LagCommand(() -> Optional.of("stack:9092"), () -> Optional.of(file.toString()));
        new CommandLine(elsewhere).parseArgs("--bootstrap-servers", "other:9092", "--command-config", "");
        assertThat(elsewhere.config().adminProperties()).doesNotContainKey("security.protocol");
    }
}
