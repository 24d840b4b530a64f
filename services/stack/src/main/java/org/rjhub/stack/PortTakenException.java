package org.rjhub.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A process of the stack could not bind the port picked for it: another process took it between the pick (a free port
 * asked of the system, then released) and the bind. Nothing is wrong with the stack; started again on newly picked
 * ports it comes up ({@link LocalStack#start}).
 */
public final class PortTakenException extends IllegalStateException {

    /** How the broker (a JVM's bind) and the registry (Quarkus, before its HTTP server starts) say so in their logs. */
    private static final List<String> BIND_FAILURES =
            List.of("java.net.BindException: Address already in use", "seems to be in use by another process");

    PortTakenException(String what, Path log) {
        super(what + " could not bind the port picked for it (another process took it first); see " + log);
    }

    /** Whether the process log {@code log} shows its listener failing to bind. */
    static boolean shownIn(Path log) {
        try {
            if (!Files.exists(log)) {
                return false;
            }
            String text = Files.readString(log);
            return BIND_FAILURES.stream().anyMatch(text::contains);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }
}
