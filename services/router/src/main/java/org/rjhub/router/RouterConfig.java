package org.rjhub.router;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.streams.StreamsServiceConfig;
import org.rjhub.router.errors.GraphMessageTooLargeHandler;
import org.rjhub.router.errors.RejectingExceptionHandler;
import org.rjhub.router.linkage.BlockingProcessor;

/**
 * The referral router's settings: type, default, validation and doc each, checked at start-up. The shared Kafka
 * Streams settings (connection, topic prefix, state folder, threads, commit interval, {@code rj.http.port},
 * {@code rj.retry.*}, {@code streams.*}) come from {@link StreamsServiceConfig}.
 */
public final class RouterConfig extends StreamsServiceConfig {

    public static final String MAX_BLOCK_SIZE = "rj.linkage.max.block.size";
    public static final String LINKAGE_SHARDS = "rj.linkage.shards";
    public static final String MEMBER_CACHE_ENTRIES = "rj.linkage.member.cache.entries";
    public static final String DECISION_MAX_WAIT_MS = "rj.linkage.decision.max.wait.ms";
    public static final String EARLIER_RULES = "rj.linkage.earlier.rules";
    public static final String REFERRAL_VERSIONS_RETENTION_DAYS = "rj.referral.versions.retention.days";
    public static final String RETENTION_SWEEP_INTERVAL_MS = "rj.retention.sweep.interval.ms";
    public static final String GRAPH_PARTITIONED = "rj.graph.partitioned";
    public static final String GRAPH_PURGE_INTERVAL_MS = "rj.graph.purge.interval.ms";
    public static final String GRAPH_MAX_MESSAGE_BYTES = "rj.graph.max.message.bytes";
    /**
     * The largest graph message by default: above the densest component the block cap allows (500 referrals naming the
     * same victim and offender, each a match of every other under about 15 keys: an ABSORB of about 41 MB,
     * {@code AbsorbSizes}), and a chain of matches of about 85,000 referrals (787 bytes each).
     */
    static final int DEFAULT_GRAPH_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
    /**
     * Transaction commit interval by default. A referral passes three transactions, each visible downstream only
     * once committed: at 50 referrals/s (hub bench, warmed up) 20 ms gives p50 121 ms and p99 210 ms against
     * 355 / 475 ms at Kafka Streams' 100 ms, for about a tenth less throughput; the hub's volume is latency-bound.
     */
    static final long DEFAULT_COMMIT_INTERVAL_MS = 20L;

    private static final ConfigDef DEF = StreamsServiceConfig.define(
                    new ConfigDef(), "rj-router", "rj-router", 8081, DEFAULT_COMMIT_INTERVAL_MS)
            .define(
                    MAX_BLOCK_SIZE,
                    Type.INT,
                    500,
                    ConfigDef.Range.atLeast(2),
                    Importance.LOW,
                    "Most people per blocking key: a key shared by more is retired and used for no one (its earlier "
                            + "links withdrawn), whatever the arrival order; bounds the candidates each person is compared with.")
            .define(
                    MEMBER_CACHE_ENTRIES,
                    Type.INT,
                    BlockingProcessor.DEFAULT_CACHED_ENTRIES,
                    ConfigDef.Range.atLeast(0),
                    Importance.LOW,
                    "Linkage entries (a referral's people on a shard, as stored) each blocking task keeps decoded in "
                            + "memory, least recently used out, so a candidate met again is not read and decoded "
                            + "again; about 1 KB of heap an entry (932 bytes measured over simulated referrals, 6 shards), so "
                            + "10 MB a task by default; 0 keeps none.")
            .define(
                    LINKAGE_SHARDS,
                    Type.INT,
                    6,
                    ConfigDef.Range.between(1, 1000),
                    Importance.MEDIUM,
                    "Partitions of the blocking topic (linkage-blocking): how far person matching scales out. "
                            + "Each blocking key lives on one shard, so this is fixed for the life of an application id: "
                            + "changing it needs an application reset and a replay of the agency topics.")
            .define(
                    EARLIER_RULES,
                    Type.BOOLEAN,
                    false,
                    Importance.MEDIUM,
                    "Also look up, never storing anyone under them, the keys of the blocking rules of earlier "
                            + "releases (until early December 2026 the date of birth alone, names alone or with a year "
                            + "or a postcode district; until 7 December 2026 a house number with its street and "
                            + "postcode area, now with a name, and a date of birth, surname or house with a name's "
                            + "initial, now its first three letters): set it when upgrading a router whose linkage "
                            + "store (linkage-block-members) holds referrals an earlier release stored, so that "
                            + "later referrals are still compared with them, until they are past "
                            + "rj.referral.versions.retention.days; each shard logs at start how many it holds. It "
                            + "costs the keys' lookups and the larger probes.")
            .define(
                    DECISION_MAX_WAIT_MS,
                    Type.LONG,
                    Duration.ofDays(7).toMillis(),
                    ConfigDef.Range.atLeast(1000),
                    Importance.LOW,
                    "How long a facilitator's LINK_CONFIRMED or KEEP_APART waits for the case service's "
                            + "answer (or an answer for its event) before it is dropped unapplied "
                            + "(metric pending-decisions-expired-total).")
            .define(
                    REFERRAL_VERSIONS_RETENTION_DAYS,
                    Type.INT,
                    365,
                    ConfigDef.Range.atLeast(91),
                    Importance.MEDIUM,
                    "How long the deduplication store (referral-versions: a referral's content hash) keeps a referral "
                            + "after a version of it was last admitted; then it is deleted (a tombstone in its changelog) "
                            + "and a referral sent again is admitted as new. More than the agency topics' 90 days, so a "
                            + "replay of an agency topic is still recognised. The linkage store (linkage-block-members) "
                            + "keeps a referral's people as long after its last version, and the one-partition case "
                            + "graph (graph-referrals, graph-cases, graph-summaries) a case as long after its referrals' "
                            + "last version.")
            .define(
                    RETENTION_SWEEP_INTERVAL_MS,
                    Type.LONG,
                    Duration.ofHours(1).toMillis(),
                    ConfigDef.Range.atLeast(0),
                    Importance.LOW,
                    "How often the router sweeps its deduplication, linkage and case graph stores for referrals past "
                            + "their retention, by the wall clock; 0 turns the sweeps (and so the retention) off.")
            .define(
                    GRAPH_PARTITIONED,
                    Type.BOOLEAN,
                    true,
                    Importance.LOW,
                    "Run the case graph on every partition, per connected component at its owner (issue 17, "
                            + "services/router/DESIGN.md): no stage with fewer partitions than the input; a case's id "
                            + "is its smallest referral's, whatever the order. False: the case graph on one partition "
                            + "(every referral through one task; a case's id is its first referral's). Fixed for the "
                            + "life of an application id: changing it needs an application reset and a replay.")
            .define(
                    GRAPH_PURGE_INTERVAL_MS,
                    Type.LONG,
                    Duration.ofSeconds(30).toMillis(),
                    ConfigDef.Range.atLeast(0),
                    Importance.LOW,
                    "How often the router deletes the records of the partitioned case graph's topic below its "
                            + "committed offsets (as Kafka Streams purges its repartition topics, every "
                            + "repartition.purge.interval.ms, 30 s); 0 turns the purge off, and the topic then grows "
                            + "for ever (metric rj_graph_purged_offsets_total).")
            .define(
                    GRAPH_MAX_MESSAGE_BYTES,
                    Type.INT,
                    DEFAULT_GRAPH_MAX_MESSAGE_BYTES,
                    ConfigDef.Range.between(1024 * 1024, 256 * 1024 * 1024),
                    Importance.MEDIUM,
                    "The largest record the router writes, uncompressed (its producer's max.request.size, with "
                            + "buffer.memory twice as much), and the max.message.bytes of the case graph's topic and "
                            + "of the graph-owners changelog: an ABSORB carries a whole component (about 790 bytes a "
                            + "referral, or 82 KB a referral in a component of 500 referrals of one person). A record "
                            + "over it stops the router (RecordTooLargeException, never dropped). Provisioning sets "
                            + "the topics' limit when it creates them; raise it on existing topics with "
                            + "kafka-configs --alter (services/router/DESIGN.md, \"Large graph messages\").");

    public RouterConfig(Map<String, ?> values) {
        super(DEF, values);
    }

    public static RouterConfig of(KafkaConnection connection, Map<String, ?> overrides) {
        return new RouterConfig(withConnection(connection, overrides));
    }

    public static ConfigDef definition() {
        return DEF;
    }

    public int linkageShards() {
        return getInt(LINKAGE_SHARDS);
    }

    /** Whether probes also look up the keys of the blocking rules of earlier releases. */
    public boolean earlierRules() {
        return getBoolean(EARLIER_RULES);
    }

    /** How long one half of a linkage decision (event or answer) waits for the other. */
    public Duration decisionMaxWait() {
        return Duration.ofMillis(getLong(DECISION_MAX_WAIT_MS));
    }

    /** How long the deduplication store keeps a referral after it was last admitted. */
    public Duration referralVersionsRetention() {
        return Duration.ofDays(getInt(REFERRAL_VERSIONS_RETENTION_DAYS));
    }

    /** How often the retention sweep runs; zero: never. */
    public Duration retentionSweepInterval() {
        return Duration.ofMillis(getLong(RETENTION_SWEEP_INTERVAL_MS));
    }

    /** True: the case graph on every partition ({@code CaseOwners}); false: on one partition ({@code CaseGraph}). */
    public boolean graphPartitioned() {
        return getBoolean(GRAPH_PARTITIONED);
    }

    /** How often the partitioned case graph's topic is purged of committed records; zero: never. */
    public Duration graphPurgeInterval() {
        return Duration.ofMillis(getLong(GRAPH_PURGE_INTERVAL_MS));
    }

    /** The largest record the router writes, and the graph topic's and graph-owners changelog's limit. */
    public int graphMaxMessageBytes() {
        return getInt(GRAPH_MAX_MESSAGE_BYTES);
    }

    /** The topic config that lets the case graph's topic and changelog take a message of {@link #graphMaxMessageBytes}. */
    public Map<String, String> graphTopicLimit() {
        return Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(graphMaxMessageBytes()));
    }

    public int maxBlockSize() {
        return getInt(MAX_BLOCK_SIZE);
    }

    public int memberCacheEntries() {
        return getInt(MEMBER_CACHE_ENTRIES);
    }

    /**
     * Kafka Streams settings: exactly-once v2, the dead-lettering handler, a 16 MiB record cache; a producer that takes
     * a record of {@link #graphMaxMessageBytes} (its {@code max.request.size}, checked on the uncompressed record, and
     * {@code buffer.memory} twice that) and compresses with lz4 (a large component's ABSORB to a third or less on the
     * broker), and the {@link GraphMessageTooLargeHandler} saying which setting to raise when a record is over it.
     *
     * <p>Task idling off ({@code max.task.idle.ms} -1): a task with several input partitions (intake reads the three
     * agency topics in one task) processes what it has buffered without waiting to fetch from the
     * others. Nothing in the router depends on the order of records across partitions (its cases are a function of
     * the facts whatever their order, each join keeps both halves, its punctuations run on wall-clock time), and the
     * idling check of Kafka Streams 4.2 and later formats a log message for every input partition on every record
     * whatever the log level (KAFKA-19682): 15% of the stream thread's time in {@code hub bench}, none with it off.
     * A {@value #STREAMS_PREFIX} setting still wins.
     */
    public Properties streamsProperties() {
        Properties p =
                streamsProperties(RejectingExceptionHandler.class, RejectingExceptionHandler.class, 16L * 1024 * 1024);
        p.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), graphMaxMessageBytes());
        p.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.BUFFER_MEMORY_CONFIG), 2L * graphMaxMessageBytes());
        p.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        p.putIfAbsent(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        p.putIfAbsent(
                StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, GraphMessageTooLargeHandler.class.getName());
        p.putIfAbsent(GRAPH_MAX_MESSAGE_BYTES, graphMaxMessageBytes());
        return p;
    }
}
