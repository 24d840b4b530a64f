package org.rjhub.common.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.charset.MalformedInputException;
import java.sql.SQLTransientConnectionException;
import java.util.stream.Stream;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.AvroTypeException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.MissingSourceTopicException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each failure caused by the record is FATAL for the record; each failure of something outside it RETRIABLE. */
class ErrorClassifierTest {

    /** A failure the catching code marked as the record's (e.g. decoding a byte array). */
    private static final class BadRecord extends RuntimeException implements RecordFault {
        private static final long serialVersionUID = 1L;

        BadRecord(Throwable cause) {
            super("bad record", cause);
        }
    }

    /** A registry call that could not connect, as the hub's registry client reports it. */
    private static final class RegistryDown extends org.apache.kafka.common.errors.RetriableException {
        private static final long serialVersionUID = 1L;

        RegistryDown(Throwable cause) {
            super("registry unavailable", cause);
        }
    }

    static Stream<Arguments> recordCaused() {
        return Stream.of(
                Arguments.of(
                        "Avro body cut short (EOF from a byte array, as the deserialiser wraps it)",
                        new UncheckedIOException(new EOFException())),
                Arguments.of("EOF wrapped by Kafka Streams", new StreamsException(new EOFException("short"))),
                Arguments.of("a string that is not UTF-8", new UTFDataFormatException()),
                Arguments.of("malformed characters", new MalformedInputException(1)),
                Arguments.of("bytes not in the wire format", new SerializationException("unknown magic byte")),
                Arguments.of("a union index out of range", new AvroRuntimeException("Malformed data")),
                Arguments.of("writer and reader schemas do not match", new AvroTypeException("Found int, expecting")),
                Arguments.of(
                        "marked by the catching code, whatever it wraps",
                        new BadRecord(new IOException("I/O of an in-memory stream"))),
                Arguments.of("marked EOF from a byte array", new BadRecord(new EOFException())),
                Arguments.of("a refusal by the service's rules", new IllegalArgumentException("bad field")),
                Arguments.of("a bug", new NullPointerException()));
    }

    static Stream<Arguments> outsideCaused() {
        return Stream.of(
                Arguments.of("registry refused the connection", new ConnectException("Connection refused")),
                Arguments.of(
                        "registry down, inside a deserialiser's SerializationException",
                        new SerializationException("lookup failed", new ConnectException("Connection refused"))),
                Arguments.of(
                        "registry client's own retriable wrapper of a socket EOF",
                        new RegistryDown(new EOFException("EOF reached while reading"))),
                Arguments.of("registry timed out", new HttpConnectTimeoutException("connect timed out")),
                Arguments.of("socket read timed out", new SocketTimeoutException()),
                Arguments.of("registry host unknown", new UnknownHostException("registry")),
                Arguments.of("broker leader moved", new StreamsException(new NotLeaderOrFollowerException("moved"))),
                Arguments.of("broker timed out", new TimeoutException("expired")),
                Arguments.of(
                        "a source topic not yet in the broker's metadata",
                        new MissingSourceTopicException("One or more source topics were missing during rebalance")),
                Arguments.of("a future timed out", new java.util.concurrent.TimeoutException()),
                Arguments.of("database connection lost", new SQLTransientConnectionException("gone")),
                Arguments.of("other I/O with the outside", new UncheckedIOException(new IOException("reset"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordCaused")
    void shouldTreatAFailureCausedByTheRecordAsFatalForTheRecord(String kind, Throwable failure) {
        assertThat(ErrorClassifier.classify(failure)).as(kind).isEqualTo(ErrorClassifier.Kind.FATAL);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outsideCaused")
    void shouldRetryAFailureOfSomethingOutsideTheRecord(String kind, Throwable failure) {
        assertThat(ErrorClassifier.classify(failure)).as(kind).isEqualTo(ErrorClassifier.Kind.RETRIABLE);
    }
}
