package org.rjhub.reporting.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rjhub.common.clients.KafkaClients;
import org.rjhub.common.errors.RetryBackoff;
import org.rjhub.reporting.TestSecrets;
import org.rjhub.schemas.Contracts;
import org.rjhub.testsupport.KafkaStackExtension;
import org.rjhub.testsupport.TestStack;

/**
 * On the real broker: a Streams service started before one of its source topics exists (or before the broker it asks
 * has it in its metadata) retries, and runs once the topic is there, instead of stopping. Kafka Streams reports the
 * missing topic from the rebalance ({@code MissingSourceTopicException}), an outside failure: the retry handler replaces
 * the thread after a backoff.
 */
@ExtendWith(KafkaStackExtension.class)
class FactsServiceLateTopicIT {

    private static final Duration PATIENCE = Duration.ofMinutes(2);

    @Test
    void shouldRetryWhileASourceTopicIsMissingThenRunOnceItIsCreated(TestStack stack) throws Exception {
        // Given a namespace whose validated-referrals topic, one of the facts service's sources, is not there
        UnaryOperator<String> naming = stack.newNamespace("facts-late");
        String source = naming.apply(Contracts.HUB_REFERRALS_TOPIC);
        int partitions;
        try (Admin admin = KafkaClients.of(stack.connection()).admin()) {
            partitions = admin.describeTopics(List.of(source))
                    .allTopicNames()
                    .get()
                    .get(source)
                    .partitions()
                    .size();
            admin.deleteTopics(List.of(source)).all().get();
            await().atMost(PATIENCE)
                    .until(() -> !admin.listTopics().names().get().contains(source));
        }
        FactsConfig config = FactsConfig.of(
                stack.connection(),
                Map.of(
                        FactsConfig.STATE_DIR,
                        Files.createTempDirectory("facts-late-it").toString(),
                        FactsConfig.APPLICATION_ID,
                        "it-facts-late-" + UUID.randomUUID().toString().substring(0, 8),
                        FactsConfig.TOPIC_PREFIX,
                        naming.apply(""),
                        FactsConfig.HMAC_KEY,
                        TestSecrets.hmacKey(),
                        FactsConfig.HTTP_PORT,
                        -1,
                        RetryBackoff.INITIAL_MS,
                        200L,
                        RetryBackoff.MAX_MS,
                        1_000L));

        // When the service starts without it
        try (FactsService service = FactsService.start(config)) {
            Counter retries = service.registry().find("rj.retries").counter();
            assertThat(retries).isNotNull();

            // Then it retries rather than stopping
            await().atMost(PATIENCE).until(() -> retries.count() >= 1 || service.state() == KafkaStreams.State.ERROR);
            assertThat(service.state()).isNotIn(KafkaStreams.State.ERROR, KafkaStreams.State.PENDING_ERROR);

            // and when the topic is created, it runs
            try (Admin admin = KafkaClients.of(stack.connection()).admin()) {
                admin.createTopics(List.of(new NewTopic(source, partitions, (short) 1)))
                        .all()
                        .get();
            }
            service.awaitRunning(PATIENCE);
            assertThat(service.state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(service.registry().find("rj.retries.exhausted").counter().count())
                    .isZero();
        }
    }
}
