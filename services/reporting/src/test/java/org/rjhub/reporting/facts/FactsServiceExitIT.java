package org.rjhub.reporting.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rjhub.common.service.ServiceRunner;
import org.rjhub.reporting.TestSecrets;
import org.rjhub.schemas.Contracts;
import org.rjhub.testsupport.KafkaStackExtension;
import org.rjhub.testsupport.TestStack;

/**
 * On the real broker and registry: the facts service run by the shared {@link ServiceRunner}, as {@link FactsMain}
 * runs it, exits 1 once a fatal error has stopped it (its input is the hub's own validated topics, so an unreadable
 * record there is a broken contract that stops the service rather than a record to skip). The exit is recorded, not
 * taken.
 */
@ExtendWith(KafkaStackExtension.class)
class FactsServiceExitIT {

    private static final Duration PATIENCE = Duration.ofMinutes(2);

    @Test
    void shouldExitOneWhenAFatalErrorStopsTheService(TestStack stack) throws Exception {
        // Given the facts service running under the service runner
        UnaryOperator<String> naming = stack.newNamespace("facts-exit");
        FactsConfig config = FactsConfig.of(
                stack.connection(),
                Map.of(
                        FactsConfig.STATE_DIR,
                        Files.createTempDirectory("facts-exit-it").toString(),
                        FactsConfig.APPLICATION_ID,
                        "it-facts-exit-" + UUID.randomUUID().toString().substring(0, 8),
                        FactsConfig.TOPIC_PREFIX,
                        naming.apply(""),
                        FactsConfig.HMAC_KEY,
                        TestSecrets.hmacKey(),
                        FactsConfig.HTTP_PORT,
                        0));
        List<Integer> exits = new CopyOnWriteArrayList<>();
        AtomicReference<FactsService> started = new AtomicReference<>();
        Thread main = new Thread(
                () -> ServiceRunner.forProcess("reporting-facts-it")
                        .runAndExit(
                                () -> config,
                                c -> {
                                    FactsService service = FactsService.create(c);
                                    started.set(service);
                                    return service;
                                },
                                exits::add),
                "facts-exit-it-main");
        main.start();
        await().atMost(PATIENCE)
                .until(() -> started.get() != null && started.get().state() == KafkaStreams.State.RUNNING);

        // When a record no Avro reader can read arrives on its input
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                stack.connection().clientProperties(), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(
                            naming.apply(Contracts.HUB_REFERRALS_TOPIC),
                            "REF-EXIT-1",
                            "not avro at all".getBytes(StandardCharsets.UTF_8)))
                    .get();
        }

        // Then the service stops on the error, the runner closes it and exits 1
        await().atMost(PATIENCE).until(() -> !exits.isEmpty());
        assertThat(exits).containsExactly(ServiceRunner.EXIT_FAILED);
        assertThat(started.get().state()).isIn(KafkaStreams.State.ERROR, KafkaStreams.State.NOT_RUNNING);
        assertThat(started.get().httpPort()).isPositive();
        main.join(PATIENCE.toMillis());
        assertThat(main.isAlive()).isFalse();
    }
}
