package org.rjhub.router.intake;

import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The schemas agencies wrote their records with, by the schema id in the record's framing. Implementations tell
 * the two ways a lookup can fail apart: a registry that answered that it does not know the id is the record's
 * fault (empty), a registry that could not be asked is not ({@link RegistryUnavailableException}, retried).
 */
@FunctionalInterface
public interface WriterSchemas {

    /**
     * The writer schema of {@code id}, or empty when the registry answered that it has no such id.
     *
     * @throws RegistryUnavailableException when the registry could not be reached or failed to answer
     * @throws org.apache.avro.SchemaParseException when the id's content is not an Avro schema
     */
    Optional<Schema> byId(int id);
}
