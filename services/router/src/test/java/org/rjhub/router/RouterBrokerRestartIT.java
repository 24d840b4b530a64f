package org.rjhub.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rjhub.common.errors.RetryBackoff;
import org.rjhub.contracts.hub.DeadLetter;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.simulator.AgencySimulator;
import org.rjhub.simulator.Batch;
import org.rjhub.simulator.Expectation;
import org.rjhub.testsupport.KafkaStackExtension;
import org.rjhub.testsupport.OwnBroker;
import org.rjhub.testsupport.TestStack;

/**
 * The broker stopped mid-stream and started again on the same data and ports (a rolling restart of a one-node
 * cluster): the router rides it out, and every referral is answered exactly once, nothing lost. The broker is the
 * test's own; the tests sharing the other one never see it stop.
 */
@ExtendWith(KafkaStackExtension.class)
class RouterBrokerRestartIT {

    @Test
    void shouldAnswerEveryReferralExactlyOnceWhenTheBrokerRestartsMidStream(TestStack shared) throws Exception {
        try (OwnBroker broker = shared.startOwnBroker()) {
            // Given a router working through a batch on a broker of the test's own
            TestStack stack = broker.stack();
            UnaryOperator<String> naming = stack.newNamespace("brokerrestart");
            Batch batch = new AgencySimulator(20261206L).generate(800);
            int before = 500;
            Map<String, Object> settings = Map.of(
                    RouterConfig.STATE_DIR,
                    Files.createTempDirectory("router-broker-restart").toString(),
                    RouterConfig.APPLICATION_ID,
                    "rj-router-broker-restart-" + UUID.randomUUID(),
                    RouterConfig.TOPIC_PREFIX,
                    naming.apply(""),
                    RouterConfig.HTTP_PORT,
                    -1,
                    RetryBackoff.INITIAL_MS,
                    200L,
                    RetryBackoff.MAX_MS,
                    2_000L);
            try (RouterService router = RouterService.start(RouterConfig.of(stack.connection(), settings))) {
                router.awaitRunning(Duration.ofMinutes(2));
                ReferralAnswers.publish(
                        stack.connection(), naming, batch.records().subList(0, before));
                ReferralAnswers.awaitAnswers(stack.connection(), naming, 100, Duration.ofMinutes(2));

                // When the broker stops while referrals are still being answered, starts again, and more come
                broker.stop(false);
                broker.restart();
                ReferralAnswers.publish(
                        stack.connection(), naming, batch.records().subList(before, batch.size()));

                // Then every referral is answered exactly once, and only the invalid ones are dead-lettered
                Map<String, List<Outcome>> answers = ReferralAnswers.readOutcomes(
                        stack.connection(), naming, ReferralAnswers.expectedAnswers(batch), Duration.ofMinutes(4));
                ReferralAnswers.assertEachReferralAnsweredExactlyOnce(batch, answers);
                assertThat(ReferralAnswers.read(
                                stack.connection(),
                                naming.apply("rj.dead-letters.v1"),
                                DeadLetter.class,
                                Duration.ZERO))
                        .hasSize(batch.indexesOf(Expectation.Kind.INVALID).size());
                assertThat(router.state()).as("the router kept running").isEqualTo(KafkaStreams.State.RUNNING);
            }
        }
    }
}
