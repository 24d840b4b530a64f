package org.rjhub.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.errors.RetryBackoff;
import org.rjhub.contracts.hub.DeadLetter;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.simulator.AgencySimulator;
import org.rjhub.simulator.Batch;
import org.rjhub.simulator.Expectation;
import org.rjhub.testsupport.KafkaStackExtension;
import org.rjhub.testsupport.TcpProxy;
import org.rjhub.testsupport.TestStack;

/**
 * The schema registry unreachable from the router (first refusing connections, then answering 503) while
 * referrals arrive: they wait, retried in both halves, nothing is answered or dead-lettered meanwhile; once it is back they all
 * flow, each answered exactly once, and only the invalid ones are dead-lettered. The outage lasts
 * {@code -Drj.it.registry.outage.seconds} (20 by default; 60 is the minute). Only the router's path to the
 * registry goes through the proxy: the shared registry stays up for every other test.
 */
@ExtendWith(KafkaStackExtension.class)
class RouterRegistryOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("rj.it.registry.outage.seconds", 20));

    @Test
    void shouldHoldReferralsWhileTheRegistryIsUnreachableAndAnswerEachOnceItIsBack(TestStack stack) throws Exception {
        UnaryOperator<String> naming = stack.newNamespace("registryoutage");
        Batch batch = new AgencySimulator(20261207L).generate(300);
        try (TcpProxy proxy = TcpProxy.to(stack.connection().registryUrl())) {
            KafkaConnection viaProxy = new KafkaConnection(
                    stack.connection().bootstrapServers(),
                    proxy.url(stack.connection().registryUrl()),
                    stack.connection().clientSettings());
            // each failed stream thread is replaced by a new group member; the dead one leaves when its session
            // times out: the broker's minimum (6 s), not the default 45 s, so the replacement takes its partitions
            // sooner (each retry in the outage cost ~55 s); what is checked does not change
            Map<String, Object> settings = Map.of(
                    RouterConfig.STREAMS_PREFIX + "consumer.session.timeout.ms",
                    6000,
                    RouterConfig.STREAMS_PREFIX + "consumer.heartbeat.interval.ms",
                    1500,
                    RouterConfig.STATE_DIR,
                    Files.createTempDirectory("router-registry-outage").toString(),
                    RouterConfig.APPLICATION_ID,
                    "rj-router-registry-outage-" + UUID.randomUUID(),
                    RouterConfig.TOPIC_PREFIX,
                    naming.apply(""),
                    RouterConfig.HTTP_PORT,
                    -1,
                    RetryBackoff.INITIAL_MS,
                    200L,
                    RetryBackoff.MAX_MS,
                    2_000L);

            // Given the registry unreachable from a router just started (nothing cached), and referrals arriving
            proxy.refuse();
            try (RouterService router = RouterService.start(RouterConfig.of(viaProxy, settings))) {
                ReferralAnswers.publish(stack.connection(), naming, batch.records());

                // When the outage lasts, refusing connections for its first half and answering 503 for the second
                Counter retries = router.registry()
                        .find("rj.retries")
                        .tag("service", "router")
                        .counter();
                assertThat(retries).isNotNull();
                List<Object> meanwhile = observe(stack.connection(), naming, proxy, OUTAGE, retries);

                // Then the router retried in both halves, nothing was answered or dead-lettered meanwhile
                assertThat(meanwhile)
                        .as("answers or dead letters during the outage")
                        .isEmpty();
                assertThat(router.state())
                        .isNotIn(
                                KafkaStreams.State.ERROR,
                                KafkaStreams.State.NOT_RUNNING,
                                KafkaStreams.State.PENDING_ERROR);

                // and once the registry is back, every referral is answered exactly once, only the invalid rejected
                proxy.restore();
                Map<String, List<Outcome>> answers = ReferralAnswers.readOutcomes(
                        stack.connection(), naming, ReferralAnswers.expectedAnswers(batch), Duration.ofMinutes(5));
                ReferralAnswers.assertEachReferralAnsweredExactlyOnce(batch, answers);
                List<DeadLetter> letters = ReferralAnswers.read(
                        stack.connection(), naming.apply("rj.dead-letters.v1"), DeadLetter.class, Duration.ZERO);
                assertThat(letters)
                        .hasSize(batch.indexesOf(Expectation.Kind.INVALID).size());
                assertThat(letters).extracting(DeadLetter::getRule).doesNotContain("UNREADABLE_RECORD");
                assertThat(router.state()).isEqualTo(KafkaStreams.State.RUNNING);
            }
        }
    }

    /**
     * Watches the outcome and dead-letter topics through the outage: connections refused for its first half, 503
     * for the second, each half lasting until the router has retried in it at least once (so that both kinds are met
     * however slow the machine), within a deadline; returns whatever was committed meanwhile.
     */
    private static List<Object> observe(
            KafkaConnection connection,
            UnaryOperator<String> naming,
            TcpProxy proxy,
            Duration outage,
            Counter retries) {
        List<Object> seen = new ArrayList<>();
        List<String> topics = new ArrayList<>(ReferralAnswers.outcomeTopics(naming));
        topics.add(naming.apply("rj.dead-letters.v1"));
        try (var consumer = ReferralAnswers.consumer(connection)) {
            consumer.subscribe(topics);
            for (TcpProxy.Mode mode : List.of(TcpProxy.Mode.REFUSE, TcpProxy.Mode.UNAVAILABLE)) {
                if (mode == TcpProxy.Mode.UNAVAILABLE) {
                    proxy.answerUnavailable();
                }
                double before = retries.count();
                long halfEnds = System.nanoTime() + outage.toNanos() / 2;
                long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
                while (System.nanoTime() < halfEnds || retries.count() <= before) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("the router did not retry while the registry was " + mode);
                    }
                    consumer.poll(Duration.ofMillis(250)).forEach(r -> seen.add(r.value()));
                }
            }
        }
        return seen;
    }
}
