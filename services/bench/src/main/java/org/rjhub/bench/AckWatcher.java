package org.rjhub.bench;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.rjhub.common.clients.KafkaClients;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.progress.Progress;
import org.rjhub.common.serde.AvroSerdes;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.OutcomeType;

/**
 * Watches the agencies' outcome topics as an agency would (read_committed, from the beginning,
 * polling continuously on its own thread) and notes when each referral's first acknowledgement
 * became visible, by {@link System#nanoTime()} on return from the poll that brought it.
 *
 * <p>It also notes when each referral's canonical record became visible on {@code rj.referrals.v1}:
 * the router writes it in the same transaction as the first repartition, so the time to it is the
 * first of the three transactional hops (intake, blocking, case graph) that an acknowledgement takes.
 *
 * <p>A first acknowledgement is what the router writes once per new referral: RECEIVED, LINKED
 * (without a reason: a later LINKED with a reason reports a case merge), REJECTED, REFERRED_ON or
 * NOT_ELIGIBLE. A second one for the same referral is counted as a duplicate.
 */
final class AckWatcher implements AutoCloseable {

    private static final Set<OutcomeType> FIRST = Set.of(
            OutcomeType.RECEIVED,
            OutcomeType.LINKED,
            OutcomeType.REJECTED,
            OutcomeType.REFERRED_ON,
            OutcomeType.NOT_ELIGIBLE);
    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaConsumer<String, byte[]> consumer;
    private final AvroKafkaDeserializer<SpecificRecord> outcomeValues = new AvroKafkaDeserializer<>();
    private final String canonicalTopic;
    /**
     * Each referral's first acknowledgement and when it became visible: the latency, and what tells a move from a
     * duplicate and says what a duplicate followed.
     */
    private final Map<String, First> firstAcknowledgement = new ConcurrentHashMap<>();

    private final Map<String, Long> canonicalAt = new ConcurrentHashMap<>();
    private final AtomicLong duplicates = new AtomicLong();

    private final AtomicLong moves = new AtomicLong();
    /** The first few referrals acknowledged twice, each with both acknowledgements. */
    private final List<String> twice = java.util.Collections.synchronizedList(new ArrayList<>());

    private final AtomicLong outcomes = new AtomicLong();
    private final Thread thread;
    private volatile RuntimeException failure;
    private volatile boolean stopping;
    /** What the current {@link #awaitAll} waits for, or null. */
    private volatile PendingKeys awaited;

    /**
     * @param outcomeTopics  the three agencies' outcome topics
     * @param canonicalTopic the router's canonical referrals topic ({@code rj.referrals.v1})
     */
    AckWatcher(KafkaConnection connection, Collection<String> outcomeTopics, String canonicalTopic) {
        Properties p = connection.clientProperties();
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "rj-bench-ack-watcher");
        outcomeValues.configure(new AvroSerdes(connection).clientConfig(), false);
        this.canonicalTopic = canonicalTopic;
        consumer = KafkaClients.of(connection).consumer(p, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        List<String> topics = new ArrayList<>(outcomeTopics);
        topics.add(canonicalTopic);
        for (String topic : topics) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions); // no group: no rebalance delay, nothing committed
        consumer.seekToBeginning(partitions);
        thread = new Thread(this::pollLoop, "rj-bench-ack-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void pollLoop() {
        try {
            while (!stopping) {
                ConsumerRecords<String, byte[]> batch = consumer.poll(POLL);
                long now = System.nanoTime();
                for (ConsumerRecord<String, byte[]> r : batch) {
                    if (r.topic().equals(canonicalTopic)) {
                        // keyed by hub referral id, AGENCY/agency-id; only the agency id is needed
                        canonicalAt.putIfAbsent(r.key().substring(r.key().indexOf('/') + 1), now);
                    } else {
                        note(r.key(), outcomeValues.deserialize(r.topic(), r.value()), now);
                    }
                }
            }
        } catch (WakeupException e) {
            if (!stopping) {
                failure = e;
            }
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            outcomeValues.close();
        }
    }

    private void note(String key, SpecificRecord value, long now) {
        if (!(value instanceof Outcome o)) {
            return;
        }
        outcomes.incrementAndGet();
        if (!isFirstAcknowledgement(o)) {
            return;
        }
        First earlier = firstAcknowledgement.putIfAbsent(key, new First(now, o));
        if (earlier != null) {
            Outcome first = earlier.outcome();
            if (isMove(o.getEventType(), o.getReason(), first.getReason())) {
                moves.incrementAndGet();
                return;
            }
            duplicates.incrementAndGet();
            if (twice.size() < 10) {
                twice.add(key + ": " + described(first) + ", then " + described(o));
            }
            return;
        }
        PendingKeys waiting =
                awaited; // read after the put: a wait published before it is told here, a later one reads the put
        if (waiting != null) {
            waiting.seen(key);
        }
    }

    /**
     * Whether a RECEIVED after a referral's first acknowledgement tells a change of its case (a split: a facilitator
     * kept two referrals apart, a key was retired as too common, a linking referral was withdrawn), which the router
     * sends with the split's reason, to the new case or to the same one when the referral keeps its case's id, rather
     * than repeating the first acknowledgement (which a duplicate would, reason and all).
     */
    static boolean isMove(OutcomeType type, String reason, String firstReason) {
        return type == OutcomeType.RECEIVED && reason != null && !reason.equals(firstReason);
    }

    private static String described(Outcome o) {
        return o.getEventType() + " (case " + o.getHubCaseId() + ", reason " + o.getReason() + ")";
    }

    static boolean isFirstAcknowledgement(Outcome o) {
        return FIRST.contains(o.getEventType()) && !(o.getEventType() == OutcomeType.LINKED && o.getReason() != null);
    }

    /**
     * Waits until every key has been acknowledged and returns the latest visibility time among them.
     *
     * @param producer what writes the acknowledgements, checked between polls
     * @throws TimeoutException listing how many are missing when {@code timeout} passes first
     * @throws Liveness.StoppedException at once when {@code producer} has stopped with some still missing
     */
    long awaitAll(Collection<String> keys, Duration timeout, Liveness producer)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        PendingKeys pending = new PendingKeys(keys);
        awaited = pending; // from here the watcher takes out what it sees ...
        pending.removeSeen(firstAcknowledgement); // ... and what it saw before is taken out here
        try (Progress progress = Progress.start("acknowledged", keys.size())) {
            while (true) {
                checkHealthy();
                long missing = pending.missing();
                progress.step(keys.size() - missing - progress.done());
                if (missing == 0) {
                    return keys.stream()
                            .mapToLong(k -> firstAcknowledgement.get(k).at())
                            .max()
                            .orElse(System.nanoTime());
                }
                producer.check(missing + " of " + keys.size() + " referrals not acknowledged");
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException(
                            missing + " of " + keys.size() + " referrals not acknowledged after " + timeout);
                }
                Thread.sleep(20);
            }
        } finally {
            awaited = null;
        }
    }

    /** When the first acknowledgement of {@code key} became visible, or null. */
    Long visibleAt(String key) {
        First first = firstAcknowledgement.get(key);
        return first == null ? null : first.at();
    }

    /** When the canonical record of the referral with agency id {@code key} became visible, or null. */
    Long canonicalAt(String key) {
        return canonicalAt.get(key);
    }

    long missing(Collection<String> keys) {
        return keys.stream().filter(k -> !firstAcknowledgement.containsKey(k)).count();
    }

    /** The first few referrals acknowledged twice (synthetic ids), each with what it was told first and then. */
    List<String> acknowledgedTwice() {
        return List.copyOf(twice);
    }

    /** Referrals told of a split after their first acknowledgement ({@link #isMove}): not duplicates. */
    long moves() {
        return moves.get();
    }

    /** First acknowledgements seen more than once for the same referral. */
    long duplicates() {
        return duplicates.get();
    }

    /** Every outcome record read (first acknowledgements and later case updates). */
    long outcomes() {
        return outcomes.get();
    }

    private void checkHealthy() {
        if (failure != null) {
            throw new IllegalStateException("the acknowledgement watcher stopped: " + failure.getMessage(), failure);
        }
    }

    @Override
    public void close() {
        stopping = true;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A referral's first acknowledgement, and when ({@link System#nanoTime}) the watcher saw it. */
    private record First(long at, Outcome outcome) {}
}
