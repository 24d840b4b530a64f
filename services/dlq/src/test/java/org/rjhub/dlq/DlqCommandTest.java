package org.rjhub.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rjhub.common.config.KafkaConnection;
import picocli.CommandLine;

class DlqCommandTest {

    /** Options naming a cluster that is never contacted: every case here fails before any I/O. */
    private static final String[] NOWHERE = {
        "--bootstrap-servers", "127.0.0.1:1", "--registry-url", "http://127.0.0.1:1"
    };

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(DlqCommand command, String... args) {
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private int run(String... args) {
        return run(
                new DlqCommand(Optional::empty, file -> {
                    throw new AssertionError("no editor expected");
                }),
                args);
    }

    private static String[] with(String... args) {
        String[] all = new String[args.length + NOWHERE.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(NOWHERE, 0, all, args.length, NOWHERE.length);
        return all;
    }

    @Test
    void shouldDescribeItsSubcommandsAndExitCodes() {
        int code = run("--help");

        assertThat(code).isZero();
        assertThat(out.toString())
                .contains("list", "show", "replay", "Exit codes", "3  some dead letters were not replayed");
    }

    @Test
    void shouldDescribeTheReplayOptions() {
        int code = run("replay", "--help");

        assertThat(code).isZero();
        assertThat(out.toString())
                .contains(
                        "DEAD_LETTER",
                        "--rule=RULE",
                        "--all",
                        "--edit-file=FILE",
                        "--edit",
                        "--force",
                        "--dry-run",
                        "--operator=NAME",
                        "--topic-prefix=PREFIX",
                        "UNREADABLE_RECORD");
    }

    @Test
    void shouldAskForASubcommand() {
        int code = run();

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("give a subcommand: list, show or replay");
    }

    @Test
    void shouldRefuseAReplayThatDoesNotSayWhichDeadLetters() {
        int code = run(with("replay"));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("say which dead letters: DEAD_LETTER..., --rule RULE, or --all");
    }

    @Test
    void shouldNotTakeABlankRuleForEveryDeadLetter() {
        int code = run(with("replay", "--rule", " "));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("say which dead letters");
    }

    @Test
    void shouldRefuseDeadLettersTogetherWithFilters() {
        int code = run(with("replay", "1:4", "--rule", "POSTCODE_SYNTAX"));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("not both");
    }

    @Test
    void shouldRefuseEditingSeveralDeadLettersInTheEditor() {
        int code = run(with("replay", "1:4", "1:5", "--edit"));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--edit edits one dead letter", "--edit-file FILE");
    }

    @Test
    void shouldRefuseAMalformedDeadLetterReference() {
        int code = run(with("show", "one:two"));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("'one:two' is not a dead letter: give PARTITION:OFFSET");
    }

    @Test
    void shouldRefuseATimeItDoesNotUnderstand() {
        int code = run(with("list", "--since", "last tuesday"));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--since: 'last tuesday' is not a time");
    }

    @Test
    void shouldSayWhereToNameTheClusterWhenNoneIsGiven() {
        int code = run("list", "--bootstrap-servers", " ", "--registry-url", " ");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("no cluster", "--bootstrap-servers and --registry-url", "hub up");
    }

    @Test
    void shouldAskForBothServersAndRegistry() {
        int code = run("list", "--bootstrap-servers", "127.0.0.1:1", "--registry-url", " ");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("give both --bootstrap-servers and --registry-url");
    }

    @Test
    void shouldTakeTheConnectionFromTheFallbackAndTheTopicsFromThePrefix() {
        // Given a command registered with the announced stack as fallback
        DlqCommand command = new DlqCommand(() -> Optional.of(KafkaConnection.of("stack:9092", "http://stack:8080")));
        CommandLine cli = new CommandLine(command);
        var parsed =
                cli.parseArgs("list", "--bootstrap-servers", "", "--registry-url", "", "--topic-prefix", "t1-dlq.");
        DlqListCommand list = (DlqListCommand) parsed.subcommand().commandSpec().userObject();

        // When its settings are derived
        DlqConfig config = list.connection.config(cli, command.fallback());

        // Then
        assertThat(config.connection().bootstrapServers()).isEqualTo("stack:9092");
        assertThat(config.deadLetterTopic()).isEqualTo("t1-dlq.rj.dead-letters.v1");
        assertThat(config.replayTopic()).isEqualTo("t1-dlq.rj.dead-letter-replays.v1");
        assertThat(config.transactionalId()).isEqualTo("rj-dlq-replay-t1-dlq.rj.dead-letters.v1");
    }
}
