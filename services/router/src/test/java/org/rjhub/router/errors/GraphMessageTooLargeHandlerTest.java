package org.rjhub.router.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.junit.jupiter.api.Test;
import org.rjhub.router.RouterConfig;
import org.rjhub.testsupport.InMemoryRegistry;

class GraphMessageTooLargeHandlerTest {

    private static final int ONE_MIB = 1024 * 1024;

    @Test
    void shouldFailTheTaskOnARecordTooLargeAndSayWhichSettingToRaise() {
        // Given the router's production handler, configured as Kafka Streams configures it
        GraphMessageTooLargeHandler handler = new GraphMessageTooLargeHandler();
        Map<String, Object> configs = new HashMap<>();
        RouterConfig.of(InMemoryRegistry.connection(), Map.of(RouterConfig.GRAPH_MAX_MESSAGE_BYTES, 2 * ONE_MIB))
                .streamsProperties()
                .forEach((k, v) -> configs.put(k.toString(), v));
        handler.configure(configs);
        ProducerRecord<byte[], byte[]> absorb =
                new ProducerRecord<>("rj-router-graph-owners", new byte[12], new byte[3 * ONE_MIB]);

        // When the producer refuses a graph message as too large, or fails on anything else
        var tooLarge = handler.handleError(null, absorb, new RecordTooLargeException("over max.request.size"));
        var other = handler.handleError(null, absorb, new IllegalStateException("anything else"));

        // Then the task fails (the record is never dropped), and the log names the topic, size and setting
        assertThat(tooLarge.result()).isEqualTo(ProductionExceptionHandler.Result.FAIL);
        assertThat(tooLarge.deadLetterQueueRecords()).isEmpty();
        assertThat(other.result()).isEqualTo(ProductionExceptionHandler.Result.FAIL);
        assertThat(handler.explanation(absorb))
                .contains("3,145,740 bytes")
                .contains("rj-router-graph-owners")
                .contains("rj.graph.max.message.bytes = 2097152")
                .contains("raise rj.graph.max.message.bytes");
    }
}
