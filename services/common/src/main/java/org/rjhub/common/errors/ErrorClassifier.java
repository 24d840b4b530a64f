package org.rjhub.common.errors;

import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Decides once, in one place, whether a failure is worth retrying: walks the cause chain and
 * looks for Kafka's retriable exceptions or I/O trouble. Everything else is fatal for the record.
 */
public final class ErrorClassifier {

    /** How a failure should be treated. */
    public enum Kind { RETRIABLE, FATAL }

    private ErrorClassifier() {
    }

    public static Kind classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SerializationException) {
                return Kind.FATAL;
            }
            if (t instanceof RetriableException || t instanceof java.io.IOException
                    || t instanceof java.util.concurrent.TimeoutException) {
                return Kind.RETRIABLE;
            }
        }
        return Kind.FATAL;
    }
}
