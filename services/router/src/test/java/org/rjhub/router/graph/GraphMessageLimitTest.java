package org.rjhub.router.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.rjhub.router.RouterConfig;
import org.rjhub.router.errors.GraphMessageTooLargeHandler;
import org.rjhub.testsupport.InMemoryRegistry;

/** A large component's ABSORB against the limits the router's producer and handler are given. */
class GraphMessageLimitTest {

    private static final int ONE_MIB = 1024 * 1024;

    @Test
    void shouldLetTheRoutersProducerWriteTheAbsorbOfTheDensestComponentTheBlockCapAllows() {
        // Given the router's Kafka Streams settings by default
        StreamsConfig streams = new StreamsConfig(
                RouterConfig.of(InMemoryRegistry.connection(), Map.of()).streamsProperties());
        Map<String, Object> producer = streams.getProducerConfigs("router-producer");

        // When the densest component a blocking key allows (500 referrals naming the same victim and offender, each a
        // match of every other under 15 keys) is given up whole
        byte[] absorb = AbsorbSizes.bytes(AbsorbSizes.person(500, 15));

        // Then it is far over Kafka's default 1 MiB, which stopped the router, and under what its producer takes
        int maxRequestSize = Integer.parseInt(
                producer.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG).toString());
        assertThat(absorb.length).isGreaterThan(32 * ONE_MIB);
        assertThat(maxRequestSize).isEqualTo(64 * ONE_MIB).isGreaterThan(absorb.length + 1024);
        assertThat(Long.parseLong(
                        producer.get(ProducerConfig.BUFFER_MEMORY_CONFIG).toString()))
                .isGreaterThan(maxRequestSize);
        assertThat(producer.get(ProducerConfig.COMPRESSION_TYPE_CONFIG)).hasToString("lz4");
        assertThat(streams.productionExceptionHandler()).isInstanceOf(GraphMessageTooLargeHandler.class);
    }

    @Test
    void shouldFollowTheGraphLimitSettingAndLeaveAStreamsProducerOverrideAsItIs() {
        StreamsConfig limited = new StreamsConfig(RouterConfig.of(
                        InMemoryRegistry.connection(), Map.of(RouterConfig.GRAPH_MAX_MESSAGE_BYTES, 4 * ONE_MIB))
                .streamsProperties());
        StreamsConfig overridden = new StreamsConfig(RouterConfig.of(
                        InMemoryRegistry.connection(),
                        Map.of(
                                "streams.producer." + ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                                "2097152",
                                "streams.producer." + ProducerConfig.COMPRESSION_TYPE_CONFIG,
                                "zstd"))
                .streamsProperties());

        assertThat(limited.getProducerConfigs("p").get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG))
                .hasToString(Integer.toString(4 * ONE_MIB));
        assertThat(overridden.getProducerConfigs("p").get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG))
                .hasToString("2097152");
        assertThat(overridden.getProducerConfigs("p").get(ProducerConfig.COMPRESSION_TYPE_CONFIG))
                .hasToString("zstd");
    }
}
