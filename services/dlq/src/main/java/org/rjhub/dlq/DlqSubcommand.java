package org.rjhub.dlq;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.rjhub.common.config.KafkaConnection;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What the {@code hub dlq} subcommands share: the connection options, and input errors as exit code 2. */
abstract class DlqSubcommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    DlqCommand parent;

    @Mixin
    ConnectionOptions connection;

    @Override
    public final Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try {
            return run(out, connection.config(spec.commandLine(), fallback(), masterKey()));
        } catch (DlqException e) {
            out.flush();
            spec.commandLine().getErr().println("hub dlq " + spec.name() + ": " + e.getMessage());
            return DlqCommand.EXIT_BAD_INPUT;
        } finally {
            out.flush();
        }
    }

    /** Does the work; returns the exit code. */
    abstract int run(PrintWriter out, DlqConfig config) throws Exception;

    /** Who runs the command, for the audit: {@code --operator}, else the login name. */
    static String operator(String given, String doing) {
        if (given != null && !given.isBlank()) {
            return given.trim();
        }
        String user = System.getProperty("user.name");
        if (user == null || user.isBlank()) {
            throw new DlqException("who is " + doing + "? give --operator NAME (it goes into the audit)");
        }
        return user;
    }

    Editor editor() {
        return parent == null ? Editor.fromEnvironment(System.getenv()) : parent.editor();
    }

    private Supplier<Optional<String>> masterKey() {
        return parent == null ? Optional::empty : parent.masterKey();
    }

    private Supplier<Optional<KafkaConnection>> fallback() {
        return parent == null ? Optional::empty : parent.fallback();
    }
}
