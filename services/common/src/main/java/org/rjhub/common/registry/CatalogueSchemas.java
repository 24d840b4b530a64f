package org.rjhub.common.registry;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.rjhub.common.topics.TopicCatalogue;
import org.rjhub.common.topics.TopicSpec;

/** The registry subjects the catalogue implies: {@code <topic>-value} to the current schema of its record. */
public final class CatalogueSchemas {

    private CatalogueSchemas() {}

    public static Map<String, Schema> subjects(TopicCatalogue catalogue, UnaryOperator<String> naming) {
        Map<String, Schema> subjects = new TreeMap<>();
        for (TopicSpec spec : catalogue.all()) {
            spec.valueRecord()
                    .ifPresent(record -> subjects.put(naming.apply(spec.name()) + "-value", schemaOf(record)));
        }
        return subjects;
    }

    static Schema schemaOf(String recordName) {
        try {
            return SpecificData.get().getSchema(Class.forName(recordName));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(
                    "topic catalogue names record " + recordName + " but no generated class exists for it in schemas/",
                    e);
        }
    }
}
