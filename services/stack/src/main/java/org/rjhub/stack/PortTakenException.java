package org.rjhub.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process of the stack could not bind the port picked for it: another process took it between the pick (a free port
 * asked of the system, then released) and the bind. Nothing is wrong with the stack; started again on newly picked
 * ports it comes up ({@link LocalStack#start}).
 */
public final class PortTakenException extends IllegalStateException {

    private static final String BIND_FAILURE = "java.net.BindException: Address already in use";

    PortTakenException(String what, Path log) {
        super(what + " could not bind the port picked for it (another process took it first); see " + log);
    }

    /** Whether the process log {@code log} shows its listener failing to bind. */
    static boolean shownIn(Path log) {
        try {
            return Files.exists(log) && Files.readString(log).contains(BIND_FAILURE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }
}
