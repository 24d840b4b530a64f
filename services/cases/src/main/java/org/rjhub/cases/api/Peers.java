package org.rjhub.cases.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks another instance of the case service on a caller's behalf: the caller's own request, with the caller's own
 * bearer token, marked ({@value #PARTITIONS}) to be answered from that instance's own state for those partitions, never
 * forwarded again. The instance asked authenticates and authorises the caller itself, exactly as for a request from
 * outside: forwarding gives no one more than their token does, and the mark only narrows what is answered.
 */
final class Peers {

    /** The partitions of the case state a forwarded request is to be answered for, e.g. {@code 0,3}. */
    static final String PARTITIONS = "RJ-Partitions";

    private static final Logger LOG = LoggerFactory.getLogger(Peers.class);
    private static final Duration CONNECT = Duration.ofSeconds(2);
    private static final Duration ANSWER = Duration.ofSeconds(10);

    /**
     * What the other instance answered.
     *
     * @param status      the HTTP status
     * @param contentType its content type, or null
     * @param retryAfter  its {@code Retry-After}, or null
     * @param body        the body
     */
    record Answer(int status, String contentType, String retryAfter, byte[] body) {}

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(CONNECT).build();

    /**
     * Sends the request to {@code to}; the answer fails with {@link CaseReader.Unavailable} when the instance does not
     * answer.
     *
     * @param pathAndQuery  the request's path and query, as received
     * @param authorization the caller's {@code Authorization} header, or null
     * @param contentType   the body's content type, or null
     * @param body          the body, or null for none
     */
    CompletableFuture<Answer> ask(
            CaseReader.Instance to,
            String method,
            String pathAndQuery,
            String authorization,
            String contentType,
            byte[] body,
            Set<Integer> partitions) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(to.baseUrl() + pathAndQuery))
                .timeout(ANSWER)
                .header(PARTITIONS, partitions(partitions))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                        LOG.info(
                                "instance {} did not answer {} ({})",
                                to,
                                method,
                                cause == null ? "?" : cause.getClass().getSimpleName());
                        throw new CaseReader.Unavailable("instance " + to + " holding the cases does not answer");
                    }
                    return new Answer(
                            response.statusCode(),
                            response.headers().firstValue("Content-Type").orElse(null),
                            response.headers().firstValue("Retry-After").orElse(null),
                            response.body());
                });
    }

    /** Waits for an answer of {@link #ask}. */
    static Answer answer(CompletableFuture<Answer> asked) {
        try {
            return asked.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof CaseReader.Unavailable u) {
                throw u;
            }
            throw new CaseReader.Unavailable("an instance holding the cases failed to answer");
        }
    }

    static String partitions(Set<Integer> partitions) {
        return new TreeSet<>(partitions).stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /**
     * The partitions a forwarded request names, or null when the request came from outside.
     *
     * @throws IllegalArgumentException when the header is not a list of partition numbers
     */
    static Set<Integer> parse(String header) {
        if (header == null) {
            return null;
        }
        try {
            return Arrays.stream(header.split(","))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .map(Integer::valueOf)
                    .collect(Collectors.toUnmodifiableSet());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PARTITIONS + " must list partition numbers");
        }
    }
}
