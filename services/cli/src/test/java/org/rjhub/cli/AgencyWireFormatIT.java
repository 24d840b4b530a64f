package org.rjhub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rjhub.agencies.json.AgencyJson;
import org.rjhub.common.clients.KafkaClients;
import org.rjhub.contracts.police.PoliceReferral;
import org.rjhub.testsupport.KafkaStackExtension;
import org.rjhub.testsupport.TestStack;

/** An agency needs nothing of ours: a stock producer with Apicurio's serializer is enough. */
@ExtendWith(KafkaStackExtension.class)
class AgencyWireFormatIT {

    @Test
    void shouldReadBackWhatAStockProducerWithApicuriosSerializerPublished(TestStack stack) throws Exception {
        // Given the catalogue's topics and subjects, and a sample police referral
        UnaryOperator<String> naming = stack.newNamespace("wire");
        String topic = naming.apply("police.referrals.v1");
        PoliceReferral referral = AgencyJson.police()
                .read(getClass().getResourceAsStream("/samples/police.json"))
                .get(0);

        // When an agency publishes it with a plain KafkaProducer and Apicurio's serializer
        Properties p = new Properties();
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroKafkaSerializer.class.getName());
        p.put("apicurio.registry.url", stack.connection().serdeRegistryUrl());
        p.put("apicurio.registry.find-latest", "true");
        try (KafkaProducer<String, PoliceReferral> producer =
                KafkaClients.of(stack.connection()).producer(p)) {
            producer.send(new ProducerRecord<>(topic, referral.getReferralId(), referral))
                    .get();
        }

        // Then the bytes are in the Confluent wire format: magic byte 0, then the registry's schema id
        byte[] raw = readRaw(stack, topic);
        assertThat(raw[0]).isZero();
        int schemaId = ByteBuffer.wrap(raw, 1, 4).getInt();
        assertThat(schemaId).isPositive();
        // and the project's own consumer reads the same referral back
        try (TopicReader reader = new TopicReader(stack.connection(), List.of(topic))) {
            List<ConsumerRecord<String, SpecificRecord>> read =
                    reader.readUntil(r -> !r.isEmpty(), Duration.ofSeconds(30));
            assertThat(read).hasSize(1);
            assertThat(read.get(0).value()).isEqualTo(referral);
        }
    }

    private static byte[] readRaw(TestStack stack, String topic) {
        Properties c = new Properties();
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "wire-" + System.nanoTime());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = KafkaClients.of(stack.connection())
                .consumer(c, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                    return r.value();
                }
            }
        }
        throw new AssertionError("nothing arrived on " + topic);
    }
}
