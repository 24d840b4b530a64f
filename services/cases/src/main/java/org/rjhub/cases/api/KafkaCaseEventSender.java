package org.rjhub.cases.api;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.rjhub.common.clients.KafkaClients;
import org.rjhub.common.topics.Topic;
import org.rjhub.contracts.hub.CaseEvent;

/** Writes case events with an idempotent producer, waiting for all in-sync replicas. */
public final class KafkaCaseEventSender implements CaseEventSender, AutoCloseable {

    private final KafkaProducer<String, CaseEvent> producer;
    private final String topic;

    public KafkaCaseEventSender(KafkaClients clients, Topic<String, CaseEvent> caseEvents) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "rj-cases-api");
        this.producer = clients.producer(
                config, new StringSerializer(), caseEvents.valueSerde().serializer());
        this.topic = caseEvents.name();
    }

    @Override
    public void send(CaseEvent event) {
        try {
            producer.send(new ProducerRecord<>(
                            topic, null, event.getOccurredAt().toEpochMilli(), event.getCaseId(), event))
                    .get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while sending a case event", e);
        } catch (ExecutionException e) {
            throw new KafkaException("the case event was not written", e.getCause());
        }
    }

    /** How many partitions the case events' topic has: the partitions of the case state. */
    public int partitions() {
        return producer.partitionsFor(topic).size();
    }

    @Override
    public void close() {
        producer.close();
    }
}
