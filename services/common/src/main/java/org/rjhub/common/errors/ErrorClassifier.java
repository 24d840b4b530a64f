package org.rjhub.common.errors;

import com.microsoft.kiota.ApiException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Decides once, in one place, whether a failure is worth retrying: walks the cause chain and
 * looks for Kafka's retriable exceptions, I/O trouble, or the schema registry answering that it is in trouble (5xx,
 * 408, 429). Everything else is fatal for the record.
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
            if (t instanceof ApiException registry && registry.getResponseStatusCode() > 0) {
                return registryAnswer(registry.getResponseStatusCode());
            }
            if (t instanceof RetriableException || t instanceof java.io.IOException
                    || t instanceof java.util.concurrent.TimeoutException) {
                return Kind.RETRIABLE;
            }
        }
        return Kind.FATAL;
    }

    /**
     * The schema registry answered with an HTTP error (its client's {@link ApiException}): a 5xx, 408 or 429 is the
     * registry's trouble and may pass; any other, e.g. 404 for a schema id it does not know, is the record's fault.
     */
    private static Kind registryAnswer(int status) {
        return status >= 500 || status == 408 || status == 429 ? Kind.RETRIABLE : Kind.FATAL;
    }
}
