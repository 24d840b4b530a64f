package org.rjhub.lagmonitor;

import java.util.Objects;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RetriableException;

/** A poll of the cluster failed; the reason says whether waiting for the next poll can help. */
public final class LagMonitorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a poll failed. */
    public enum Reason {
        /** The cluster did not answer in time, or answered with a retriable error: the next poll may succeed. */
        UNAVAILABLE,
        /** The monitor's principal may not do this (Describe on groups and topics, Read on __consumer_offsets). */
        NOT_AUTHORIZED,
        /** The polling thread was interrupted (shutting down). */
        INTERRUPTED,
        /** Anything else. */
        FAILED
    }

    private final Reason reason;

    public LagMonitorException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Classifies {@code cause} by walking its chain once. */
    public static LagMonitorException of(String whatFailed, Throwable cause) {
        Reason reason = classify(cause);
        String hint = reason == Reason.NOT_AUTHORIZED
                ? " (the monitor needs Describe on the groups and topics, and Read on __consumer_offsets unless "
                        + LagMonitorConfig.variable(LagMonitorConfig.COMMIT_SOURCE) + "=poll)"
                : "";
        return new LagMonitorException(reason, "cannot " + whatFailed + ": " + cause + hint, cause);
    }

    public Reason reason() {
        return reason;
    }

    static Reason classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AuthorizationException || t instanceof AuthenticationException) {
                return Reason.NOT_AUTHORIZED;
            }
            if (t instanceof InterruptedException || t instanceof InterruptException) {
                return Reason.INTERRUPTED;
            }
            if (t instanceof RetriableException || t instanceof TimeoutException) {
                return Reason.UNAVAILABLE;
            }
        }
        return Reason.FAILED;
    }
}
