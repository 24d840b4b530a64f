package org.rjhub.common.clients;

import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.serde.AvroSerdes;

/**
 * The one place a Kafka client is constructed: Kafka Streams, producers (plain and transactional), consumers, Admin,
 * and the registry-bound Avro serdes, all from one {@link KafkaConnection} (or, for a program that reads no Avro, a
 * cluster's client properties: {@link #forCluster}).
 *
 * <p>Every client starts from {@link KafkaConnection#clientProperties()} (bootstrap servers and whatever else the
 * connection carries: security protocol, SASL, TLS), then takes the caller's own settings over them (group id,
 * acks, isolation level ...). A test keeps every other class from constructing a client itself.
 */
public final class KafkaClients {

    private final Properties base;
    private final KafkaConnection connection; // null: a cluster without a registry

    private KafkaClients(Properties base, KafkaConnection connection) {
        this.base = base;
        this.connection = connection;
    }

    /** The clients of a connection: its cluster, with every setting it carries, and its schema registry. */
    public static KafkaClients of(KafkaConnection connection) {
        Objects.requireNonNull(connection, "connection");
        return new KafkaClients(connection.clientProperties(), connection);
    }

    /**
     * The clients of a cluster alone, for a program that reads no Avro (the lag monitor) or runs before a registry
     * is known (the local stack's check that its broker answers): no {@link #avroSerdes()}.
     *
     * @param clientProperties bootstrap servers and any other setting every client gets
     */
    public static KafkaClients forCluster(Map<?, ?> clientProperties) {
        if (!clientProperties.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new IllegalArgumentException("client properties must name the bootstrap servers ("
                    + CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG + ")");
        }
        Properties p = new Properties();
        p.putAll(clientProperties);
        return new KafkaClients(p, null);
    }

    /**
     * The cluster's client properties (the connection's) with {@code settings} over them.
     *
     * @param settings a client's own settings (a {@link Properties} or a map of setting names to values)
     */
    public Properties properties(Map<?, ?> settings) {
        Properties p = new Properties();
        p.putAll(base);
        p.putAll(settings);
        return p;
    }

    /**
     * A Kafka Streams client of {@code topology}; not started.
     *
     * @param streamsProperties the service's Kafka Streams settings (application id, guarantee, handlers ...)
     */
    public KafkaStreams streams(Topology topology, Map<?, ?> streamsProperties) {
        return new KafkaStreams(topology, properties(streamsProperties));
    }

    /** A producer with the given serializers; {@code settings} over the connection's. */
    public <K, V> KafkaProducer<K, V> producer(Map<?, ?> settings, Serializer<K> keys, Serializer<V> values) {
        return new KafkaProducer<>(properties(settings), keys, values);
    }

    /** A producer whose serializers {@code settings} name ({@code key.serializer}, {@code value.serializer}). */
    public <K, V> KafkaProducer<K, V> producer(Map<?, ?> settings) {
        return new KafkaProducer<>(properties(settings));
    }

    /**
     * A transactional producer: {@code transactionalId}, idempotent, {@code acks=all}, over {@code settings}. The
     * caller calls {@link KafkaProducer#initTransactions()}.
     */
    public <K, V> KafkaProducer<K, V> transactionalProducer(
            String transactionalId, Map<?, ?> settings, Serializer<K> keys, Serializer<V> values) {
        Objects.requireNonNull(transactionalId, "transactionalId");
        Properties p = properties(settings);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, keys, values);
    }

    /** A consumer with the given deserializers; {@code settings} over the connection's. */
    public <K, V> KafkaConsumer<K, V> consumer(Map<?, ?> settings, Deserializer<K> keys, Deserializer<V> values) {
        return new KafkaConsumer<>(properties(settings), keys, values);
    }

    /** A consumer whose deserializers {@code settings} name ({@code key.deserializer}, {@code value.deserializer}). */
    public <K, V> KafkaConsumer<K, V> consumer(Map<?, ?> settings) {
        return new KafkaConsumer<>(properties(settings));
    }

    /** An Admin client with the connection's settings. */
    public Admin admin() {
        return admin(Map.of());
    }

    /** An Admin client; {@code settings} (timeouts ...) over the connection's. */
    public Admin admin(Map<?, ?> settings) {
        return Admin.create(properties(settings));
    }

    /**
     * Avro serdes bound to the connection's registry, using the schema versions provisioning registered (never
     * registering their own).
     */
    public AvroSerdes avroSerdes() {
        return new AvroSerdes(registry());
    }

    /**
     * Avro serdes bound to the connection's registry.
     *
     * @param autoRegister whether a writer may register its schema
     */
    public AvroSerdes avroSerdes(boolean autoRegister) {
        return new AvroSerdes(registry(), autoRegister);
    }

    private KafkaConnection registry() {
        if (connection == null) {
            throw new IllegalStateException("clients of a cluster alone have no schema registry");
        }
        return connection;
    }
}
