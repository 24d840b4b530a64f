package org.rjhub.dlq.replay;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.rjhub.common.serde.AvroSerdes;
import org.rjhub.contracts.hub.DeadLetterAction;
import org.rjhub.contracts.hub.DeadLetterReplay;
import org.rjhub.dlq.DlqConfig;
import org.rjhub.dlq.inspect.DeadLetterEntry;
import org.rjhub.dlq.inspect.TopicSnapshot;

/**
 * Every replay on record in the audit topic, by the dead letter replayed (its topic, partition and offset); the
 * topic also audits unmasked views ({@link DeadLetterAction#VIEWED_UNMASKED}), which are not replays.
 */
public final class ReplayHistory {

    private final Map<String, List<DeadLetterReplay>> byDeadLetter;
    private final int size;

    private ReplayHistory(Map<String, List<DeadLetterReplay>> byDeadLetter, int size) {
        this.byDeadLetter = byDeadLetter;
        this.size = size;
    }

    /** Every audit record of one dead letter, replays and unmasked views, oldest first. */
    public List<DeadLetterReplay> audit(DeadLetterEntry entry) {
        return byDeadLetter.getOrDefault(entry.coordinates(), List.of());
    }

    /** The history of these audit records, in the order given (the audit topic's order). */
    public static ReplayHistory of(Collection<DeadLetterReplay> replays) {
        Map<String, List<DeadLetterReplay>> by = new HashMap<>();
        for (DeadLetterReplay r : replays) {
            by.computeIfAbsent(coordinates(r), k -> new ArrayList<>()).add(r);
        }
        by.replaceAll((k, v) -> List.copyOf(v));
        int replayed = (int) replays.stream()
                .filter(r -> r.getAction() == DeadLetterAction.REPLAYED)
                .count();
        return new ReplayHistory(Map.copyOf(by), replayed);
    }

    /** No replay yet. */
    public static ReplayHistory empty() {
        return of(List.of());
    }

    /** Reads the committed audit records of the audit topic up to its end. */
    public static ReplayHistory read(DlqConfig config) {
        AvroKafkaDeserializer<DeadLetterReplay> values = new AvroKafkaDeserializer<>();
        values.configure(new AvroSerdes(config.connection()).clientConfig(), false);
        List<DeadLetterReplay> replays = TopicSnapshot.readAll(
                        config.clients(),
                        config.consumerProperties(),
                        config.replayTopic(),
                        values,
                        Duration.ofMillis(config.readTimeoutMs()))
                .stream()
                .map(ConsumerRecord::value)
                .filter(java.util.Objects::nonNull)
                .toList();
        return of(replays);
    }

    /** The replays of one dead letter, oldest first. */
    public List<DeadLetterReplay> of(DeadLetterEntry entry) {
        return audit(entry).stream()
                .filter(r -> r.getAction() == DeadLetterAction.REPLAYED)
                .toList();
    }

    public boolean replayed(DeadLetterEntry entry) {
        return !of(entry).isEmpty();
    }

    /** The most recent replay of one dead letter. */
    public Optional<DeadLetterReplay> last(DeadLetterEntry entry) {
        List<DeadLetterReplay> replays = of(entry);
        return replays.isEmpty() ? Optional.empty() : Optional.of(replays.get(replays.size() - 1));
    }

    /** Replays in all (unmasked views not counted). */
    public int size() {
        return size;
    }

    /** {@code topic/partition/offset} of the dead letter an audit record is about. */
    public static String coordinates(DeadLetterReplay r) {
        return r.getDeadLetterTopic() + "/" + r.getDeadLetterPartition() + "/" + r.getDeadLetterOffset();
    }
}
