package org.rjhub.cases.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.rjhub.cases.notes.SealedNotes;
import org.rjhub.common.clients.KafkaClients;
import org.rjhub.common.privacy.DataKeys;
import org.rjhub.common.privacy.MasterKey;
import org.rjhub.common.topics.Topic;
import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.CaseNote;

/**
 * Writes case events and notes with idempotent producers, waiting for all in-sync replicas; with a master key, each
 * note's text sealed under a new data key of its case, the key written first.
 */
public final class KafkaCaseEventSender implements CaseEventSender, AutoCloseable {

    private final KafkaProducer<String, CaseEvent> producer;
    private final String topic;
    private final KafkaProducer<String, CaseNote> notes;
    private final String notesTopic;
    private final DataKeys keys;
    private final String keyTopic;
    private final KafkaProducer<String, byte[]> keyProducer;

    public KafkaCaseEventSender(
            KafkaClients clients, Topic<String, CaseEvent> caseEvents, Topic<String, CaseNote> caseNotes) {
        this(clients, caseEvents, caseNotes, Optional.empty(), null);
    }

    /**
     * With {@code master}: each note's text sealed under a new data key of its case ({@link SealedNotes}), the key
     * written to {@code keyTopic} before the note.
     */
    public KafkaCaseEventSender(
            KafkaClients clients,
            Topic<String, CaseEvent> caseEvents,
            Topic<String, CaseNote> caseNotes,
            Optional<MasterKey> master,
            String keyTopic) {
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
        this.keys = master.map(DataKeys::new).orElse(null);
        this.keyTopic = keyTopic;
        if (keys != null) {
            config.put(ProducerConfig.CLIENT_ID_CONFIG, "rj-cases-api-note-keys");
            this.keyProducer = clients.producer(config, new StringSerializer(), new ByteArraySerializer());
        } else {
            this.keyProducer = null;
        }
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
    public void note(CaseNote clear) {
        CaseNote note = clear;
        if (keys != null) {
            SealedNotes.Sealed sealed = SealedNotes.seal(keys, clear);
            await(keyProducer.send(new ProducerRecord<>(
                    keyTopic, sealed.key().id(), sealed.key().wrapped())));
            note = sealed.note();
        }
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
        if (keyProducer != null) {
            keyProducer.close();
        }
    }
}
