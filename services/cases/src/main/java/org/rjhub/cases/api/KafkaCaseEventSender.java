package org.rjhub.cases.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.rjhub.common.clients.KafkaClients;
import org.rjhub.common.topics.Topic;
import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.CaseNote;

/** Writes case events with an idempotent producer, waiting for all in-sync replicas. */
public final class KafkaCaseEventSender implements CaseEventSender, AutoCloseable {

    private final KafkaProducer<String, CaseEvent> producer;
    private final String topic;
    private final KafkaProducer<String, CaseNote> notes;
    private final String notesTopic;

    public KafkaCaseEventSender(
            KafkaClients clients, Topic<String, CaseEvent> caseEvents, Topic<String, CaseNote> caseNotes) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "rj-cases-api");
        this.producer = clients.producer(
                config, new StringSerializer(), caseEvents.valueSerde().serializer());
        this.topic = caseEvents.name();
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "rj-cases-api-notes");
        this.notes = clients.producer(
                config, new StringSerializer(), caseNotes.valueSerde().serializer());
        this.notesTopic = caseNotes.name();
    }

    @Override
    public void send(CaseEvent event) {
        await(producer.send(
                new ProducerRecord<>(topic, null, event.getOccurredAt().toEpochMilli(), event.getCaseId(), event)));
    }

    /**
     * Sends every event without waiting for one before the next (the idempotent producer keeps each case's events in
     * order), then waits until all are written: many events in about the time of one.
     */
    public void sendAll(Collection<CaseEvent> events) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(events.size());
        for (CaseEvent event : events) {
            sent.add(producer.send(
                    new ProducerRecord<>(topic, null, event.getOccurredAt().toEpochMilli(), event.getCaseId(), event)));
        }
        sent.forEach(KafkaCaseEventSender::await);
    }

    @Override
    public void note(CaseNote note) {
        await(notes.send(
                new ProducerRecord<>(notesTopic, null, note.getWrittenAt().toEpochMilli(), note.getCaseId(), note)));
    }

    private static void await(java.util.concurrent.Future<?> sent) {
        try {
            sent.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while sending a case event or note", e);
        } catch (ExecutionException e) {
            throw new KafkaException("the case event or note was not written", e.getCause());
        }
    }

    /** How many partitions the case events' topic has: the partitions of the case state. */
    public int partitions() {
        return producer.partitionsFor(topic).size();
    }

    @Override
    public void close() {
        producer.close();
        notes.close();
    }
}
