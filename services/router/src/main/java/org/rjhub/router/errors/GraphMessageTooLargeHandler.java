package org.rjhub.router.errors;

import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.rjhub.router.RouterConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's production handler: every failure to write fails the task, as Kafka Streams' default handler does (a
 * record of the case graph dropped would lose a component's state, so none is ever skipped). A record over the
 * producer's or the topic's limit ({@link RecordTooLargeException}: an {@code ABSORB} carrying a component larger
 * than {@code rj.graph.max.message.bytes} allows) is fatal and stops the router: this says so in one log line naming
 * the topic, the record's size and the setting to raise, instead of leaving the cause inside a stack trace.
 */
public final class GraphMessageTooLargeHandler implements ProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(GraphMessageTooLargeHandler.class);

    private String limit = "its default";

    @Override
    public void configure(Map<String, ?> configs) {
        Object configured = configs.get(RouterConfig.GRAPH_MAX_MESSAGE_BYTES);
        if (configured != null) {
            limit = configured.toString();
        }
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception failure) {
        if (failure instanceof RecordTooLargeException) {
            LOG.error(explanation(record));
        }
        return Response.fail();
    }

    /** What the fatal log says of a record too large: where it was going, its size, and what to raise. */
    String explanation(ProducerRecord<byte[], byte[]> record) {
        long bytes = (record.key() == null ? 0 : record.key().length)
                + (record.value() == null ? 0 : (long) record.value().length);
        return String.format(
                Locale.ROOT,
                "router: a record of %,d bytes (key and value, uncompressed) for topic %s is over the producer's "
                        + "max.request.size or the topic's max.message.bytes (%s = %s bytes); it is not dropped, so "
                        + "the router stops: raise %s (it sets both; raise max.message.bytes on existing topics with "
                        + "kafka-configs --alter) and start the router again, which writes it again from its last "
                        + "commit",
                bytes,
                record.topic(),
                RouterConfig.GRAPH_MAX_MESSAGE_BYTES,
                limit,
                RouterConfig.GRAPH_MAX_MESSAGE_BYTES);
    }
}
