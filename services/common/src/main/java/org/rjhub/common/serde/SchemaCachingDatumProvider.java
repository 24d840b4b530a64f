package org.rjhub.common.serde;

import io.apicurio.registry.serde.avro.DefaultAvroDatumProvider;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;

/**
 * Apicurio's datum provider with its readers and writers also cached by schema instance. The
 * default provider finds its cached writer by the schema's parsing fingerprint, which it computes
 * (normalising the whole schema text) for every record written: about a tenth of the router's
 * processing time. Generated classes hand over the same schema instance every time, and the
 * registry client the same instance per schema id, so an identity lookup finds them; the map is
 * bounded in case a caller makes a new schema instance per record.
 */
public final class SchemaCachingDatumProvider<T> extends DefaultAvroDatumProvider<T> {

    static final int MAX_SCHEMAS = 256;

    private final Map<Schema, DatumWriter<T>> specificWriters = Collections.synchronizedMap(new IdentityHashMap<>());
    private final Map<Schema, DatumWriter<T>> genericWriters = Collections.synchronizedMap(new IdentityHashMap<>());
    private final Map<Schema, DatumReader<T>> readers = Collections.synchronizedMap(new IdentityHashMap<>());

    public SchemaCachingDatumProvider() {
        super();
    }

    @Override
    public DatumWriter<T> createDatumWriter(T data, Schema schema) {
        Map<Schema, DatumWriter<T>> writers =
                data instanceof org.apache.avro.specific.SpecificRecord ? specificWriters : genericWriters;
        DatumWriter<T> writer = writers.get(schema);
        if (writer == null) {
            writer = super.createDatumWriter(data, schema);
            putBounded(writers, schema, writer);
        }
        return writer;
    }

    @Override
    public DatumReader<T> createDatumReader(Schema schema) {
        DatumReader<T> reader = readers.get(schema);
        if (reader == null) {
            reader = super.createDatumReader(schema);
            putBounded(readers, schema, reader);
        }
        return reader;
    }

    /** How many schema instances are cached (tests). */
    int cachedSchemas() {
        return specificWriters.size() + genericWriters.size() + readers.size();
    }

    private static <V> void putBounded(Map<Schema, V> cache, Schema schema, V value) {
        synchronized (cache) {
            if (cache.size() >= MAX_SCHEMAS) {
                cache.clear();
            }
            cache.put(schema, value);
        }
    }
}
