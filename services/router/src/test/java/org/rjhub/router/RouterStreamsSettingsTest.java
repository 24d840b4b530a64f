package org.rjhub.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.rjhub.testsupport.InMemoryRegistry;

class RouterStreamsSettingsTest {

    @Test
    void shouldProcessWhatATaskHasBufferedWithoutIdlingForItsOtherPartitions() {
        // Given the router's Kafka Streams settings by default
        StreamsConfig streams = new StreamsConfig(
                RouterConfig.of(InMemoryRegistry.connection(), Map.of()).streamsProperties());

        // Then task idling is off: no wait, and none of the idling check's per-record log formatting (KAFKA-19682)
        assertThat(streams.getLong(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG))
                .isEqualTo(StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
    }

    @Test
    void shouldLeaveAStreamsTaskIdlingSettingAsItIs() {
        // Given an operator who wants Kafka Streams' own idling back
        StreamsConfig streams = new StreamsConfig(RouterConfig.of(
                        InMemoryRegistry.connection(), Map.of("streams." + StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "0"))
                .streamsProperties());

        // Then it is what the task uses
        assertThat(streams.getLong(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG)).isZero();
    }
}
