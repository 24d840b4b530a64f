package org.rjhub.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rjhub.contracts.hub.DeadLetter;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.simulator.AgencySimulator;
import org.rjhub.simulator.Batch;
import org.rjhub.simulator.Expectation;
import org.rjhub.testsupport.KafkaStackExtension;
import org.rjhub.testsupport.TestStack;

/**
 * A router restarted with its state folder deleted (a new machine, a lost disk) rebuilds its stores from their
 * changelogs: redeliveries and amendments of referrals it answered before are still recognised, and nothing is
 * answered twice.
 */
@ExtendWith(KafkaStackExtension.class)
class RouterStateLossIT {

    @Test
    void shouldRebuildItsStoresFromChangelogsAndAnswerNothingTwiceAfterItsStateFolderIsDeleted(TestStack stack)
            throws Exception {
        // Given a router that answered the first half of a batch
        UnaryOperator<String> naming = stack.newNamespace("stateloss");
        Batch batch = new AgencySimulator(20261205L).generate(600);
        int half = batch.size() / 2;
        List<Integer> repeatsOfFirstHalf = Stream.of(Expectation.Kind.DUPLICATE_REDELIVERY, Expectation.Kind.AMENDMENT)
                .flatMap(k -> batch.indexesOf(k).stream())
                .filter(i -> i >= half && batch.expectation(i).originalIndex() < half)
                .toList();
        assertThat(repeatsOfFirstHalf)
                .as("the second half repeats or amends referrals of the first")
                .isNotEmpty();
        Path state = Files.createTempDirectory("router-state-loss");
        String appId = "rj-router-state-loss-" + UUID.randomUUID();
        Map<String, Object> settings = Map.of(
                RouterConfig.STATE_DIR,
                state.toString(),
                RouterConfig.APPLICATION_ID,
                appId,
                RouterConfig.TOPIC_PREFIX,
                naming.apply(""),
                RouterConfig.HTTP_PORT,
                -1);
        int firstHalfAnswers = half
                - (int) batch.indexesOf(Expectation.Kind.DUPLICATE_REDELIVERY).stream()
                        .filter(i -> i < half)
                        .count();
        try (RouterService router = RouterService.start(RouterConfig.of(stack.connection(), settings))) {
            router.awaitRunning(Duration.ofMinutes(2));
            ReferralAnswers.publish(stack.connection(), naming, batch.records().subList(0, half));
            ReferralAnswers.awaitAnswers(stack.connection(), naming, firstHalfAnswers, Duration.ofMinutes(2));
        }

        // When its state folder is deleted and it starts again on an empty one, and the second half comes
        deleteRecursively(state);
        assertThat(state).doesNotExist();
        try (RouterService router = RouterService.start(RouterConfig.of(stack.connection(), settings))) {
            router.awaitRunning(Duration.ofMinutes(2));
            ReferralAnswers.publish(stack.connection(), naming, batch.records().subList(half, batch.size()));

            // Then every referral of the whole batch is answered exactly once, redeliveries of the first half not at
            // all
            Map<String, List<Outcome>> answers = ReferralAnswers.readOutcomes(
                    stack.connection(), naming, ReferralAnswers.expectedAnswers(batch), Duration.ofMinutes(3));
            ReferralAnswers.assertEachReferralAnsweredExactlyOnce(batch, answers);
            assertThat(ReferralAnswers.read(
                            stack.connection(), naming.apply("rj.dead-letters.v1"), DeadLetter.class, Duration.ZERO))
                    .hasSize(batch.indexesOf(Expectation.Kind.INVALID).size());
            assertThat(state).as("stores rebuilt in the new folder").isNotEmptyDirectory();
        }
    }

    private static void deleteRecursively(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
