package org.rjhub.reporting.store;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.rjhub.common.errors.ErrorClassifier;
import org.rjhub.common.serde.AvroSerdes;
import org.rjhub.contracts.hub.CaseFact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reporting consumer: a plain {@link KafkaConsumer} that materialises {@code rj.reporting.case-facts.v1} into
 * the reporting database with an exactly-once effect. Meant as the model for any downstream consumer:
 * <ol>
 *   <li>the consumer never commits on its own; each poll's facts and the partitions' next offsets are written in
 *       one database transaction ({@link FactStore#apply});</li>
 *   <li>on assignment it seeks to the offsets stored in the database, so after a crash it resumes exactly after the
 *       last committed transaction: nothing is lost or counted twice;</li>
 *   <li>it reads with {@code isolation.level=read_committed}: aborted facts of the facts service never count;</li>
 *   <li>after the database commit it also commits the offsets to Kafka, only so lag monitors can see the group.</li>
 * </ol>
 * A database failure that may pass (lost connection, serialization failure) rolls back and retries from the stored
 * offsets; anything else, an unreadable fact among them, stops the consumer with the topic, partition and offset.
 */
public final class ReportingConsumer implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReportingConsumer.class);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(30);

    private final ReportingConfig config;
    private final FactStore store;
    private final KafkaConsumer<String, CaseFact> consumer;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Throwable failure;
    private long applied;

    private ReportingConsumer(ReportingConfig config, FactStore store, KafkaConsumer<String, CaseFact> consumer) {
        this.config = config;
        this.store = store;
        this.consumer = consumer;
    }

    /** Opens the database (creating its tables and views) and the consumer; {@link #run()} starts consuming. */
    public static ReportingConsumer create(ReportingConfig config) throws SQLException {
        FactStore store = FactStore.open(config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword());
        AvroKafkaDeserializer<CaseFact> values = new AvroKafkaDeserializer<>();
        values.configure(new AvroSerdes(config.connection()).clientConfig(), false);
        KafkaConsumer<String, CaseFact> consumer = new KafkaConsumer<>(config.consumerProperties(),
                new StringDeserializer(), values);
        return new ReportingConsumer(config, store, consumer);
    }

    @Override
    public void run() {
        String group = config.groupId();
        try {
            consumer.subscribe(List.of(config.factsTopic()), new Positions());
            long lastProgress = System.nanoTime();
            while (running.get()) {
                ConsumerRecords<String, CaseFact> records = consumer.poll(Duration.ofMillis(config.pollTimeoutMs()));
                if (!records.isEmpty()) {
                    applyOrRewind(group, records);
                }
                if (System.nanoTime() - lastProgress > PROGRESS_EVERY.toNanos()) {
                    LOG.info("Reporting consumer: {} facts applied so far, positions {}", applied, consumer.assignment());
                    lastProgress = System.nanoTime();
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                failure = e;
                throw e;
            }
        } catch (RecordDeserializationException e) {
            LOG.error("Unreadable fact on {} partition {} offset {}; stopping (the database is unchanged by it)",
                    e.topicPartition().topic(), e.topicPartition().partition(), e.offset(), e);
            failure = e;
        } catch (RuntimeException e) {
            LOG.error("Reporting consumer stopped", e);
            failure = e;
        } finally {
            try {
                consumer.close(CloseOptions.timeout(Duration.ofSeconds(10)));
            } catch (RuntimeException e) {
                LOG.warn("Closing the consumer failed", e);
            }
            try {
                store.close();
            } catch (SQLException e) {
                LOG.warn("Closing the database connection failed", e);
            }
            stopped.countDown();
        }
    }

    private void applyOrRewind(String group, ConsumerRecords<String, CaseFact> records) {
        List<ConsumerRecord<String, CaseFact>> batch = new ArrayList<>(records.count());
        records.forEach(batch::add);
        try {
            applied += store.apply(group, batch);
        } catch (SQLException e) {
            if (!retriable(e)) {
                throw new IllegalStateException("the reporting database refused a batch of facts", e);
            }
            LOG.warn("The database failed a batch of {} facts (rolled back); retrying from its stored offsets", batch.size(), e);
            pause(config.retryBackoffMs());
            rewind(group);
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> mirror = new HashMap<>();
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<String, CaseFact>> part = records.records(tp);
            mirror.put(tp, new OffsetAndMetadata(part.get(part.size() - 1).offset() + 1));
        }
        consumer.commitAsync(mirror, (offsets, e) -> {
            if (e != null) {
                LOG.debug("Mirroring offsets to Kafka failed (the database's offsets are the ones that count)", e);
            }
        });
    }

    private void rewind(String group) {
        try {
            store.reconnect();
            seek(group, consumer.assignment());
        } catch (SQLException e) {
            LOG.warn("Cannot read the stored offsets yet; retrying", e);
            pause(config.retryBackoffMs());
        }
    }

    private void seek(String group, Collection<TopicPartition> partitions) throws SQLException {
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> stored = store.positions(group, partitions);
        List<TopicPartition> fresh = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            Long next = stored.get(tp);
            if (next == null) {
                fresh.add(tp);
            } else {
                consumer.seek(tp, next);
            }
        }
        if (!fresh.isEmpty()) {
            consumer.seekToBeginning(fresh);
        }
        LOG.info("Resuming {} partitions from the database's offsets {} ({} from the beginning)", partitions.size(),
                stored, fresh.size());
    }

    static boolean retriable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
            // SQLSTATE class 08 (connection exception) and 40 (transaction rollback, e.g. serialization failure)
            if (t instanceof SQLException s && s.getSQLState() != null
                    && (s.getSQLState().startsWith("08") || s.getSQLState().startsWith("40"))) {
                return true;
            }
        }
        return ErrorClassifier.classify(e) == ErrorClassifier.Kind.RETRIABLE;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Facts applied by this instance since it started. */
    public long applied() {
        return applied;
    }

    /** Why the consumer stopped, if it stopped on an error. */
    public Throwable failure() {
        return failure;
    }

    /** Stops consuming after the current batch (whose transaction commits or rolls back as a whole) and waits. */
    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            if (!stopped.await(30, TimeUnit.SECONDS)) {
                LOG.warn("Reporting consumer did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Seeks to the database's offsets whenever partitions are assigned. */
    private final class Positions implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            try {
                seek(config.groupId(), partitions);
            } catch (SQLException e) {
                // the group's Kafka offsets are at or behind the database's, and apply() skips what it already holds
                LOG.warn("Cannot read the stored offsets on assignment; continuing from the group's offsets", e);
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // every polled batch was committed to the database (or rolled back) before the next poll: nothing to do
        }
    }
}
