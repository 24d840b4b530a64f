package org.rjhub.common.errors;

import com.microsoft.kiota.ApiException;
import java.io.CharConversionException;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.CharacterCodingException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.apache.avro.AvroRuntimeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.errors.MissingSourceTopicException;

/**
 * Decides once, in one place, whether a failure is worth retrying, by walking its cause chain.
 *
 * <p>The Java type alone cannot say whose fault a failure is (an {@link EOFException} is the record's when a byte
 * array ends too soon, the network's when a socket closes), so the code that catches a failure and knows where it
 * came from says so: a {@link RecordFault} anywhere in the chain is the record's fault ({@link Kind#FATAL} for the
 * record: dead-lettered, never retried), a Kafka {@link RetriableException} (which the hub's own wrappers of
 * registry and database calls extend) is a failure outside the record ({@link Kind#RETRIABLE}). Without such a
 * mark the chain is read in this order:
 * <ol>
 *   <li>a failure of something outside the record: a network or socket failure, a timeout, a transient database
 *       failure, a source topic missing, the schema registry answering that it is in trouble (5xx, 408, 429):
 *       RETRIABLE (it explains whatever wraps it, e.g. a deserializer that could not reach the registry);</li>
 *   <li>a failure to decode bytes already in memory: {@link EOFException}, malformed characters,
 *       {@link SerializationException}, {@link AvroRuntimeException}, or any other answer of the registry (e.g. 404
 *       for a schema id it does not know): FATAL;</li>
 *   <li>any other {@link IOException}: RETRIABLE (I/O with something outside);</li>
 *   <li>anything else (a bug, a refusal): FATAL.</li>
 * </ol>
 */
public final class ErrorClassifier {

    /** How a failure should be treated. */
    public enum Kind {
        RETRIABLE,
        FATAL
    }

    private ErrorClassifier() {}

    public static Kind classify(Throwable failure) {
        if (any(failure, t -> t instanceof RecordFault)) {
            return Kind.FATAL;
        }
        if (any(failure, ErrorClassifier::isOutside)) {
            return Kind.RETRIABLE;
        }
        if (any(failure, ErrorClassifier::isUndecodable)) {
            return Kind.FATAL;
        }
        return any(failure, t -> t instanceof IOException) ? Kind.RETRIABLE : Kind.FATAL;
    }

    /** A failure of something outside the record: the broker, the registry, the database, the network. */
    private static boolean isOutside(Throwable t) {
        return t instanceof RetriableException
                // a source topic not there yet: created after the service started, or not yet in the metadata of
                // the broker the group leader asked (it follows the controller's log a little behind)
                || t instanceof MissingSourceTopicException
                || t instanceof java.util.concurrent.TimeoutException
                || t instanceof SocketException // ConnectException, NoRouteToHostException, connection reset
                || t instanceof SocketTimeoutException
                || t instanceof UnknownHostException
                || t instanceof HttpTimeoutException
                || t instanceof ClosedChannelException
                || t instanceof SQLTransientException
                || t instanceof SQLRecoverableException
                || t instanceof ApiException registry && registryInTrouble(registry);
    }

    /** The registry's client reports an HTTP error answer as an {@link ApiException} carrying the status code. */
    private static boolean registryInTrouble(ApiException answer) {
        int status = answer.getResponseStatusCode();
        return status >= 500 || status == 408 || status == 429;
    }

    /** Bytes in memory that do not decode: the same bytes fail the same way every time. */
    private static boolean isUndecodable(Throwable t) {
        return t instanceof EOFException
                || t instanceof UTFDataFormatException
                || t instanceof CharConversionException
                || t instanceof CharacterCodingException
                || t instanceof SerializationException
                || t instanceof AvroRuntimeException
                || t instanceof ApiException registry && registry.getResponseStatusCode() > 0;
    }

    private static boolean any(Throwable failure, java.util.function.Predicate<Throwable> test) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 64; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (test.test(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The schema registry answered with an HTTP error (its client's {@link ApiException}): a 5xx, 408 or 429 is the
     * registry's trouble and may pass; any other, e.g. 404 for a schema id it does not know, is the record's fault.
     */
    private static Kind registryAnswer(int status) {
        return status >= 500 || status == 408 || status == 429 ? Kind.RETRIABLE : Kind.FATAL;
    }
}
