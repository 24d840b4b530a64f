package org.rjhub.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rjhub.common.registry.SchemaRegistrar;
import org.rjhub.common.serde.AvroSerdes;
import org.rjhub.contracts.hub.CaseEventResult;

/** The in-memory registry's serdes write exactly what production's write against the real registry. */
@ExtendWith(KafkaStackExtension.class)
class InMemoryRegistryIT {

    @Test
    void shouldWriteTheSameBytesAsTheRealRegistryButForTheSchemaId(TestStack stack) {
        // Given the catalogue's subjects in the real registry, and the same in memory
        UnaryOperator<String> naming = stack.newNamespace("inmemory");
        String topic = naming.apply("rj.case-event-results.v1");
        int realId =
                new SchemaRegistrar(stack.connection()).register(topic + "-value", CaseEventResult.getClassSchema());
        InMemoryRegistry registry = new InMemoryRegistry();
        registry.register(topic + "-value", CaseEventResult.getClassSchema());
        CaseEventResult result = InMemoryRegistryTest.result("EV-1");

        // When production's serdes write a record with each
        byte[] real = new AvroSerdes(stack.connection())
                .value(CaseEventResult.class)
                .serializer()
                .serialize(topic, result);
        byte[] inMemory =
                registry.serdes().value(CaseEventResult.class).serializer().serialize(topic, result);

        // Then both are magic byte 0, the registry's 4-byte id, and the same Avro binary
        assertThat(real[0]).isZero();
        assertThat(inMemory[0]).isZero();
        assertThat(ByteBuffer.wrap(real, 1, 4).getInt()).isEqualTo(realId);
        assertThat(ByteBuffer.wrap(inMemory, 1, 4).getInt()).isEqualTo((int) registry.contentId(topic + "-value"));
        assertThat(Arrays.copyOfRange(inMemory, 5, inMemory.length))
                .isEqualTo(Arrays.copyOfRange(real, 5, real.length));
        // and with the ids swapped the records are byte for byte the same
        byte[] relabelled = inMemory.clone();
        ByteBuffer.wrap(relabelled, 1, 4).putInt(realId);
        assertThat(relabelled).isEqualTo(real);
    }
}
