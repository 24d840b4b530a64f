package org.rjhub.common.serde;

import io.apicurio.registry.serde.avro.AvroSerde;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.config.SerdeConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.rjhub.common.config.KafkaConnection;

/**
 * Avro serdes bound to the schema registry. They write the Confluent wire format (magic byte 0,
 * 4-byte schema id, Avro binary), so agencies may use Apicurio's or Confluent's serializers.
 */
public final class AvroSerdes {

    private final Map<String, Object> config;

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
        Map<String, Object> c = new HashMap<>();
        c.put(SerdeConfig.REGISTRY_URL, connection.serdeRegistryUrl());
        c.put(SerdeConfig.AUTO_REGISTER_ARTIFACT, autoRegister);
        c.put(SerdeConfig.FIND_LATEST_ARTIFACT, !autoRegister);
        c.put(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
        c.put(AvroSerdeConfig.AVRO_DATUM_PROVIDER, SchemaCachingDatumProvider.class.getName());
        this.config = Map.copyOf(c);
    }

    /** Settings for a plain Kafka producer or consumer using Apicurio's Avro serdes. */
    public Map<String, Object> clientConfig() {
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
        AvroSerde<T> serde = new AvroSerde<>();
        serde.configure(config, isKey);
        return serde;
    }
}
