package org.rjhub.dlq.inspect;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.rjhub.common.privacy.DataKeys;
import org.rjhub.common.privacy.MasterKey;
import org.rjhub.common.serde.AvroSerdes;
import org.rjhub.contracts.hub.DeadLetter;
import org.rjhub.dlq.DlqConfig;
import org.rjhub.dlq.DlqException;

/** Reads dead letters, with their own partition and offset, from the dead-letter topic. */
public final class DeadLetterReader {

    private final DlqConfig config;
    private DataKeys dataKeys;

    public DeadLetterReader(DlqConfig config) {
        this.config = config;
    }

    /**
     * The data keys on the key topic, read once, when the tool has the master key; a sealed dead letter is opened
     * with them ({@link DataKeys#open(DeadLetter)}), or shows no original bytes when its key was erased; {@code hub
     * sar} opens the sealed canonical referrals with them too.
     */
    public Optional<DataKeys> dataKeys() {
        if (dataKeys == null) {
            Optional<MasterKey> master = config.masterKey();
            if (master.isEmpty()) {
                return Optional.empty();
            }
            DataKeys keys = new DataKeys(master.get());
            TopicSnapshot.readAll(
                            config.clients(),
                            config.consumerProperties(),
                            config.dataKeysTopic(),
                            new ByteArrayDeserializer(),
                            timeout())
                    .forEach(r -> keys.apply(r.key(), r.value()));
            dataKeys = keys;
        }
        return Optional.of(dataKeys);
    }

    /** Every dead letter committed so far, by partition and offset. */
    public List<DeadLetterEntry> all() {
        // the consumer closes the deserializer
        return TopicSnapshot.readAll(
                        config.clients(),
                        config.consumerProperties(),
                        config.deadLetterTopic(),
                        deserializer(),
                        timeout())
                .stream()
                .map(this::entry)
                .sorted(Comparator.comparing(DeadLetterEntry::id))
                .toList();
    }

    /** The dead letters an operator's reference names: one, or several when it gave no partition. */
    public List<DeadLetterEntry> find(DeadLetterId.Ref ref) {
        return TopicSnapshot.readAt(
                        config.clients(),
                        config.consumerProperties(),
                        config.deadLetterTopic(),
                        deserializer(),
                        timeout(),
                        p -> ref.partition().isEmpty() || ref.partition().getAsInt() == p,
                        ref.offset())
                .stream()
                .map(this::entry)
                .sorted(Comparator.comparing(DeadLetterEntry::id))
                .toList();
    }

    /** Exactly the one dead letter {@code ref} names, or an error saying why not. */
    public DeadLetterEntry one(DeadLetterId.Ref ref) {
        List<DeadLetterEntry> found = find(ref);
        if (found.isEmpty()) {
            throw new DlqException("no dead letter " + ref + " on " + config.deadLetterTopic()
                    + " (`hub dlq list` shows them as PARTITION:OFFSET)");
        }
        if (found.size() > 1) {
            throw new DlqException("offset " + ref.offset() + " names several dead letters: "
                    + found.stream().map(e -> e.id().toString()).toList() + "; give PARTITION:OFFSET");
        }
        return found.get(0);
    }

    private DeadLetterEntry entry(ConsumerRecord<byte[], DeadLetter> r) {
        if (r.value() == null) {
            throw new IllegalStateException(
                    "dead letter " + r.partition() + ":" + r.offset() + " on " + r.topic() + " has no value");
        }
        DeadLetter letter = r.value().getDataKeyId() == null
                ? r.value()
                : dataKeys().map(keys -> keys.open(r.value())).orElseGet(() -> withoutOriginals(r.value()));
        return new DeadLetterEntry(r.topic(), new DeadLetterId(r.partition(), r.offset()), letter);
    }

    /** A sealed dead letter the tool cannot open: no bytes that could be mistaken for the original. */
    private static DeadLetter withoutOriginals(DeadLetter sealed) {
        return DeadLetter.newBuilder(sealed)
                .setOriginalKey(null)
                .setOriginalValue(null)
                .build();
    }

    private AvroKafkaDeserializer<DeadLetter> deserializer() {
        AvroKafkaDeserializer<DeadLetter> values = new AvroKafkaDeserializer<>();
        values.configure(new AvroSerdes(config.connection()).clientConfig(), false);
        return values;
    }

    private Duration timeout() {
        return Duration.ofMillis(config.readTimeoutMs());
    }
}
