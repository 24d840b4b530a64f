package org.rjhub.dlq;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.schemas.Contracts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code hub dlq}: the dead letters of the hub, listed, shown (personal data masked) and replayed after a
 * fix, each replay audited. Register it as a subcommand of {@code hub} by class, or as an instance built
 * with a fallback for the connection (e.g. the stack that {@code hub up} announced).
 */
@Command(
        name = "dlq",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Dead letters: records the hub could not accept, with the rule they broke. List them, show one, "
                    + "and replay them to their source topic once the cause is fixed (as they were, or edited). "
                    + "Every replay is audited on " + Contracts.DEAD_LETTER_REPLAYS_TOPIC
                    + " and happens once unless forced."
        },
        subcommands = {DlqListCommand.class, DlqShowCommand.class, DlqReplayCommand.class},
        footer = {
            "",
            "Exit codes:",
            "  0  done",
            "  1  failed: the cluster or the registry did not answer as expected",
            "  2  bad input: an unknown dead letter, a bad option value or edit file",
            "  3  some dead letters were not replayed (each is named, with the reason)"
        })
public class DlqCommand implements Callable<Integer> {

    /** Some selected dead letters were refused or skipped; the rest were replayed. */
    public static final int EXIT_NOT_ALL_REPLAYED = 3;
    /** Input the operator can fix. */
    public static final int EXIT_BAD_INPUT = 2;

    @Spec
    private CommandSpec spec;

    private final Supplier<Optional<KafkaConnection>> fallback;
    private final Editor editor;
    private Supplier<Optional<String>> masterKey = Optional::empty;

    /** Takes the connection from the options or {@code KAFKA_BOOTSTRAP_SERVERS} and {@code RJ_REGISTRY_URL}. */
    public DlqCommand() {
        this(Optional::empty);
    }

    /**
     * @param fallback asked for the connection when neither the options nor the environment name one
     */
    public DlqCommand(Supplier<Optional<KafkaConnection>> fallback) {
        this(fallback, Editor.fromEnvironment(System.getenv()));
    }

    DlqCommand(Supplier<Optional<KafkaConnection>> fallback, Editor editor) {
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        this.editor = Objects.requireNonNull(editor, "editor");
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "give a subcommand: list, show or replay");
    }

    Supplier<Optional<KafkaConnection>> fallback() {
        return fallback;
    }

    /**
     * Where the master key of the data keys is when {@code --master-key} does not say (e.g. the file {@code hub up}
     * announced); without one, sealed dead letters are shown as sealed.
     */
    public DlqCommand withMasterKey(Supplier<Optional<String>> masterKey) {
        this.masterKey = Objects.requireNonNull(masterKey, "masterKey");
        return this;
    }

    Supplier<Optional<String>> masterKey() {
        return masterKey;
    }

    Editor editor() {
        return editor;
    }
}
