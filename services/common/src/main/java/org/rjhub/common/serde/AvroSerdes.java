package org.rjhub.common.serde;

import io.apicurio.registry.resolver.client.RegistryClientFacade;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.AvroSerde;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.config.SerdeConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.rjhub.common.config.KafkaConnection;

/**
 * Avro serdes bound to the schema registry. They write the Confluent wire format (magic byte 0,
 * 4-byte schema id, Avro binary), so agencies may use Apicurio's or Confluent's serializers.
 */
public final class AvroSerdes {

    /**
     * A setting (in a component's Kafka settings, e.g. the Streams properties its record handlers receive) holding
     * a registry client object ({@link RegistryClientFacade}) to look schemas up with, in place of the registry
     * URL: the tests' in-memory registry.
     */
    public static final String REGISTRY_CLIENT = "rj.registry.client";

    private final Map<String, Object> config;
    private final RegistryClientFacade client;

    /**
     * Serdes that use the schema versions registered by provisioning ({@code hub up}, deployment),
     * never registering on their own: the apps do not change contracts, the release does.
     */
    public AvroSerdes(KafkaConnection connection) {
        this(connection, false);
    }

    /**
     * @param autoRegister whether a writer may register its schema (the subject's BACKWARD rule
     *                     still refuses an incompatible one)
     */
    public AvroSerdes(KafkaConnection connection, boolean autoRegister) {
        Map<String, Object> c = settings(autoRegister);
        c.put(SerdeConfig.REGISTRY_URL, connection.serdeRegistryUrl());
        this.config = Map.copyOf(c);
        this.client = null;
    }

    /**
     * Apicurio's serdes as above, looking schemas up through {@code client} instead of a client of their own (the
     * tests' in-memory registry); the wire format is the same.
     */
    public AvroSerdes(RegistryClientFacade client, boolean autoRegister) {
        this.config = Map.copyOf(settings(autoRegister));
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * The serdes of a component that Kafka configures with {@code configs}: bound to the registry client object of
     * {@value #REGISTRY_CLIENT} if there is one, else to {@code rj.registry.url}.
     */
    public static AvroSerdes fromConfigs(Map<String, ?> configs) {
        if (configs.get(REGISTRY_CLIENT) instanceof RegistryClientFacade registryClient) {
            return new AvroSerdes(registryClient, false);
        }
        return new AvroSerdes(KafkaConnection.of(
                String.valueOf(configs.get("bootstrap.servers")), String.valueOf(configs.get("rj.registry.url"))));
    }

    private static Map<String, Object> settings(boolean autoRegister) {
        Map<String, Object> c = new HashMap<>();
        c.put(SerdeConfig.AUTO_REGISTER_ARTIFACT, autoRegister);
        c.put(SerdeConfig.FIND_LATEST_ARTIFACT, !autoRegister);
        c.put(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
        c.put(AvroSerdeConfig.AVRO_DATUM_PROVIDER, SchemaCachingDatumProvider.class.getName());
        return c;
    }

    /**
     * Settings for a plain Kafka producer or consumer using Apicurio's Avro serdes.
     *
     * @throws IllegalStateException for serdes bound to a registry client object, which a client configured by
     *                               class name could not use
     */
    public Map<String, Object> clientConfig() {
        if (client != null) {
            throw new IllegalStateException("serdes bound to a registry client object have no client settings");
        }
        return config;
    }

    /** The registry URL the serdes use (Apicurio's core API, {@code .../apis/registry/v3}). */
    public String registryUrl() {
        return String.valueOf(config.get(SerdeConfig.REGISTRY_URL));
    }

    public <T extends SpecificRecord> Serde<T> value(Class<T> type) {
        return create(false);
    }

    public <T extends SpecificRecord> Serde<T> key(Class<T> type) {
        return create(true);
    }

    private <T extends SpecificRecord> Serde<T> create(boolean isKey) {
        AvroSerde<T> serde = client == null ? new AvroSerde<>() : new ClientBoundSerde<>(client);
        serde.configure(config, isKey);
        return serde;
    }

    /** Apicurio's serde with its serializer and deserializer given a registry client, as its constructors allow. */
    private static final class ClientBoundSerde<T> extends AvroSerde<T> {

        ClientBoundSerde(RegistryClientFacade client) {
            super(new AvroKafkaSerializer<>(client), new AvroKafkaDeserializer<>(client));
        }
    }
}
