package org.rjhub.reporting.store;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
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
import org.rjhub.common.clients.KafkaClients;
import org.rjhub.common.errors.ErrorClassifier;
import org.rjhub.common.errors.RetryStreak;
import org.rjhub.common.http.Health;
import org.rjhub.common.http.OperationsServer;
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
 * A database failure that may pass (lost connection, serialization failure) rolls back, waits with exponential
 * backoff ({@link ReportingConfig#retryBackoff()}, the policy every hub service uses), reconnects and resumes from the
 * stored offsets; a streak of such failures that outlasts the retry budget stops the consumer. Anything else, an
 * unreadable fact among them, stops it at once with the topic, partition and offset.
 *
 * <p>Its operations port ({@link ReportingConfig#HTTP_PORT}, loopback) serves {@code /health/live} (the poll loop
 * runs), {@code /health/ready} (partitions assigned and the database reachable) and {@code /metrics}: the consumer's
 * client metrics ({@code kafka_consumer_*}), {@code rj_reporting_facts_in_total} (facts polled; re-reads after a
 * rewind count again), {@code rj_reporting_facts_written_total} (applied to the database),
 * {@code rj_reporting_facts_failed_total} (in batches the database failed, each attempt) and
 * {@code rj_retries_total{service="reporting-consumer"}}.
 */
public final class ReportingConsumer implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReportingConsumer.class);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(30);
    /** How often an idle consumer checks that the database still answers (readiness, and reconnecting early). */
    private static final Duration DATABASE_CHECK_EVERY = Duration.ofSeconds(5);
    /** The service's name on the retry counter and in logs. */
    public static final String NAME = "reporting-consumer";

    private final ReportingConfig config;
    private final FactStore store;
    private final KafkaConsumer<String, CaseFact> consumer;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch closing = new CountDownLatch(1);
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final KafkaClientMetrics clientMetrics;
    private final Counter factsIn;
    private final Counter factsWritten;
    private final Counter factsFailed;
    private final RetryStreak retries;
    private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();
    private volatile boolean polling;
    private volatile boolean databaseUp = true;
    private OperationsServer http;
    private volatile Throwable failure;
    private volatile long applied; // written by the polling thread only
    private volatile long lastAppliedNanos = System.nanoTime();
    private volatile Map<TopicPartition, Long> positions = Map.of(); // written by the polling thread only

    private ReportingConsumer(ReportingConfig config, FactStore store, KafkaConsumer<String, CaseFact> consumer) {
        this.config = config;
        this.store = store;
        this.consumer = consumer;
        this.clientMetrics = new KafkaClientMetrics(consumer);
        clientMetrics.bindTo(registry);
        this.factsIn = facts("in", "Facts polled from the facts topic (re-reads after a rewind count again)");
        this.factsWritten = facts("written", "Facts applied to the reporting database");
        this.factsFailed = facts("failed", "Facts in batches the database failed (rolled back), each attempt");
        this.retries = config.retryBackoff()
                .streak(
                        NAME,
                        registry,
                        InstantSource.system(),
                        d -> closing.await(d.toMillis(), TimeUnit.MILLISECONDS),
                        () -> ThreadLocalRandom.current().nextDouble());
    }

    private Counter facts(String what, String description) {
        return Counter.builder("rj.reporting.facts." + what)
                .description(description)
                .register(registry);
    }

    /**
     * Opens the database (creating its tables and views), the consumer and the operations port; {@link #run()} starts
     * consuming.
     */
    public static ReportingConsumer create(ReportingConfig config) throws SQLException {
        FactStore store = FactStore.open(config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword());
        AvroKafkaDeserializer<CaseFact> values = new AvroKafkaDeserializer<>();
        values.configure(new AvroSerdes(config.connection()).clientConfig(), false);
        KafkaConsumer<String, CaseFact> consumer = KafkaClients.of(config.connection())
                .consumer(config.consumerProperties(), new StringDeserializer(), values);
        ReportingConsumer reporting = new ReportingConsumer(config, store, consumer);
        if (config.httpPort() >= 0) {
            try {
                reporting.http = OperationsServer.start(
                        config.httpHost(), config.httpPort(), reporting::live, reporting::ready, reporting.registry);
            } catch (RuntimeException e) {
                reporting.clientMetrics.close();
                consumer.close();
                store.close();
                throw e;
            }
            LOG.info("Reporting consumer: health and metrics on {}:{}", config.httpHost(), reporting.http.port());
        }
        return reporting;
    }

    private Health live() {
        return new Health(polling, polling ? "POLLING" : "NOT_POLLING");
    }

    private Health ready() {
        if (!polling) {
            return new Health(false, "NOT_POLLING");
        }
        if (assigned.isEmpty()) {
            return new Health(false, "NO_ASSIGNMENT");
        }
        return databaseUp ? new Health(true, "READY") : new Health(false, "DATABASE_UNREACHABLE");
    }

    @Override
    public void run() {
        String group = config.groupId();
        polling = true;
        try {
            consumer.subscribe(List.of(config.factsTopic()), new Positions());
            long lastProgress = System.nanoTime();
            long lastCheck = System.nanoTime();
            while (running.get()) {
                ConsumerRecords<String, CaseFact> records = consumer.poll(Duration.ofMillis(config.pollTimeoutMs()));
                if (!records.isEmpty()) {
                    factsIn.increment(records.count());
                    applyOrRetry(group, records);
                    lastCheck = System.nanoTime();
                } else if (System.nanoTime() - lastCheck > DATABASE_CHECK_EVERY.toNanos()) {
                    checkDatabase(group);
                    lastCheck = System.nanoTime();
                }
                if (System.nanoTime() - lastProgress > PROGRESS_EVERY.toNanos()) {
                    LOG.info(
                            "Reporting consumer: {} facts applied so far, positions {}",
                            applied,
                            consumer.assignment());
                    lastProgress = System.nanoTime();
                }
                positions = positions(consumer);
            }
        } catch (WakeupException e) {
            if (running.get()) {
                failure = e;
                throw e;
            }
        } catch (RecordDeserializationException e) {
            LOG.error(
                    "Unreadable fact on {} partition {} offset {}; stopping (the database is unchanged by it)",
                    e.topicPartition().topic(),
                    e.topicPartition().partition(),
                    e.offset(),
                    e);
            failure = e;
        } catch (RuntimeException e) {
            LOG.error("Reporting consumer stopped", e);
            failure = e;
        } finally {
            polling = false;
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

    private void applyOrRetry(String group, ConsumerRecords<String, CaseFact> records) {
        List<ConsumerRecord<String, CaseFact>> batch = new ArrayList<>(records.count());
        records.forEach(batch::add);
        try {
            int written = store.apply(group, batch);
            applied += written;
            if (written > 0) {
                lastAppliedNanos = System.nanoTime();
            }
            factsWritten.increment(written);
            databaseUp = true;
            retries.reset();
        } catch (SQLException e) {
            factsFailed.increment(batch.size());
            if (!retriable(e)) {
                throw new IllegalStateException("the reporting database refused a batch of facts", e);
            }
            LOG.warn(
                    "The database failed a batch of {} facts (rolled back); retrying from its stored offsets",
                    batch.size(),
                    e);
            backOffAndRewind(group);
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

    /** While no facts come: is the database still there? If not, reconnect as after a failed batch. */
    private void checkDatabase(String group) {
        if (store.isValid()) {
            databaseUp = true;
            retries.reset();
            return;
        }
        LOG.warn("The reporting database does not answer; reconnecting");
        backOffAndRewind(group);
    }

    /**
     * After a failure that may pass: waits the backoff, reconnects and seeks to the database's offsets (what the
     * failed batch held is read again). Stops the consumer once the streak has outlasted the retry budget.
     */
    private void backOffAndRewind(String group) {
        databaseUp = false;
        Optional<Duration> delay = retries.next();
        if (delay.isEmpty()) {
            LOG.error(
                    "The reporting database failed {} times in a row over {} s, past the retry budget of {} s; stopping "
                            + "(it holds exactly the facts before its stored offsets)",
                    retries.failures(),
                    retries.elapsed().toSeconds(),
                    retries.policy().budget().toSeconds());
            throw new IllegalStateException("the reporting database stayed unavailable past the retry budget");
        }
        try {
            retries.sleep(delay.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (!running.get()) {
            return;
        }
        try {
            store.reconnect();
            seek(group, consumer.assignment());
            databaseUp = true;
        } catch (SQLException e) {
            LOG.warn("Cannot reach the reporting database yet ({} failures in a row); retrying", retries.failures(), e);
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
        LOG.info(
                "Resuming {} partitions from the database's offsets {} ({} from the beginning)",
                partitions.size(),
                stored,
                fresh.size());
    }

    static boolean retriable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // a lost connection (H2's server mode reports it with its own code, not SQLSTATE 08): reconnecting is the
            // fix
            if (t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            // SQLSTATE class 08 (connection exception) and 40 (transaction rollback, e.g. serialization failure)
            if (t instanceof SQLException s
                    && s.getSQLState() != null
                    && (s.getSQLState().startsWith("08") || s.getSQLState().startsWith("40"))) {
                return true;
            }
        }
        return ErrorClassifier.classify(e) == ErrorClassifier.Kind.RETRIABLE;
    }

    /** The next offset to read of each partition assigned, after the facts polled before it were applied. */
    private static Map<TopicPartition, Long> positions(KafkaConsumer<?, ?> consumer) {
        Map<TopicPartition, Long> next = new HashMap<>();
        for (TopicPartition tp : consumer.assignment()) {
            try {
                next.put(tp, consumer.position(tp, Duration.ZERO));
            } catch (org.apache.kafka.common.errors.TimeoutException notKnownYet) {
                // a partition just assigned, its position not yet looked up: left out until the next poll
            }
        }
        return Map.copyOf(next);
    }

    /**
     * Where this instance has read to: for each partition assigned, the offset after the last fact applied (and after
     * the transaction markers that followed it), as of its last poll; empty before its first.
     */
    public Map<TopicPartition, Long> positions() {
        return positions;
    }

    /** Facts applied by this instance since it started. */
    public long applied() {
        return applied;
    }

    /** When ({@link System#nanoTime()}) this instance last applied facts, or started when it applied none yet. */
    public long lastAppliedNanos() {
        return lastAppliedNanos;
    }

    /** Why the consumer stopped, if it stopped on an error. */
    public Throwable failure() {
        return failure;
    }

    /** Stops consuming after the current batch (whose transaction commits or rolls back as a whole) and waits. */
    @Override
    public void close() {
        running.set(false);
        closing.countDown();
        consumer.wakeup();
        try {
            if (!stopped.await(30, TimeUnit.SECONDS)) {
                LOG.warn("Reporting consumer did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        clientMetrics.close();
        if (http != null) {
            http.close();
        }
    }

    /** The operations port, or -1 when it is off. */
    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    /** Seeks to the database's offsets whenever partitions are assigned. */
    private final class Positions implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assigned.addAll(partitions);
            try {
                seek(config.groupId(), partitions);
            } catch (SQLException e) {
                // the group's Kafka offsets are at or behind the database's, and apply() skips what it already holds
                LOG.warn("Cannot read the stored offsets on assignment; continuing from the group's offsets", e);
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            assigned.removeAll(partitions);
            // every polled batch was committed to the database (or rolled back) before the next poll: nothing to do
        }
    }
}
