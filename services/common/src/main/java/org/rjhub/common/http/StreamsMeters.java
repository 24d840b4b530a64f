package org.rjhub.common.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Every Kafka Streams and client metric of a service in its meter registry: records consumed and produced per
 * topic ({@code kafka_stream_topic_records_consumed_total}, {@code ..._produced_total}: in, out, dead letters), the
 * topology's own sensors (the router's {@code deduplicated-total}), threads, commits, lag. Tasks register their
 * metrics on assignment, so {@link #bind()} once the client is RUNNING (it binds once; later calls do nothing).
 */
public final class StreamsMeters implements AutoCloseable {

    private final KafkaStreams streams;
    private final MeterRegistry registry;
    private KafkaStreamsMetrics binder;

    public StreamsMeters(KafkaStreams streams, MeterRegistry registry) {
        this.streams = streams;
        this.registry = registry;
    }

    /** Binds the client's metrics, the first time only. */
    public synchronized void bind() {
        if (binder == null) {
            binder = new KafkaStreamsMetrics(streams);
            binder.bindTo(registry);
        }
    }

    /** A state listener that binds on the first RUNNING, then passes every change on to {@code next} (or none). */
    public KafkaStreams.StateListener bindingWhenRunning(KafkaStreams.StateListener next) {
        return (now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                bind();
            }
            if (next != null) {
                next.onChange(now, before);
            }
        };
    }

    @Override
    public synchronized void close() {
        if (binder != null) {
            binder.close();
        }
    }
}
