package org.rjhub.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rjhub.agencies.AgencyRecord;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.matching.CaseIds;
import org.rjhub.simulator.AgencySimulator;
import org.rjhub.simulator.Batch;
import org.rjhub.simulator.SimulatorConfig;
import org.rjhub.testsupport.KafkaStackExtension;
import org.rjhub.testsupport.TestStack;

/**
 * Scale-out (issue 17), the case graph on every partition ({@code rj.graph.partitioned}): three router processes
 * share one stream, one is killed (SIGKILL) mid-stream and the other two
 * take its partitions, case graph included; every referral is answered exactly once, and the referrals end in the
 * same cases, under the same ids, as one router given the same referrals in another order.
 */
@ExtendWith(KafkaStackExtension.class)
class RouterScaleOutIT {

    @Test
    void shouldEndInTheSameCasesWithTheSameIdsOnThreeInstancesOneKilledAsOnOneInstanceInAnotherOrder(TestStack stack)
            throws Exception {
        // Given realistic referrals from the three agencies (no redeliveries or amendments: their order is meaningful)
        Batch batch = new AgencySimulator(20261205L, SimulatorConfig.defaults().cleanOnly()).generate(600);

        // When three routers (own processes, own state) take them, and one is killed once answers flow
        UnaryOperator<String> naming = stack.newNamespace("scale");
        String appId = naming.apply("rj-router");
        stack.createInternalTopics(RouterService.internalTopics(config(stack, naming, appId)));
        List<Process> routers = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            routers.add(RouterCrashRecoveryIT.startRouter(
                    stack,
                    naming,
                    appId,
                    Files.createTempDirectory("router-scale-" + n),
                    n,
                    Map.of("RJ_ROUTER_RJ_GRAPH_PARTITIONED", "true")));
        }
        Map<String, List<Outcome>> answers;
        try {
            CompletableFuture<Void> publishing = CompletableFuture.runAsync(
                    () -> ReferralAnswers.publish(stack.connection(), naming, batch.records()));
            // a generous budget for the first answers: three router processes start, join and restore on a shared
            // machine
            ReferralAnswers.awaitAnswers(stack.connection(), naming, batch.size() / 4, Duration.ofMinutes(5));
            routers.get(1).destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no commit, mid-transaction
            publishing.get();
            answers = ReferralAnswers.readOutcomes(
                    stack.connection(), naming, ReferralAnswers.expectedAnswers(batch), Duration.ofMinutes(4));
        } finally {
            for (Process p : routers) {
                p.destroy();
                p.waitFor();
            }
        }

        // Then every referral is answered exactly once
        ReferralAnswers.assertEachReferralAnsweredExactlyOnce(batch, answers);

        // and one router, in-process, given the same referrals in another order, makes the same cases
        List<AgencyRecord> shuffled = new ArrayList<>(batch.records());
        Collections.shuffle(shuffled, new Random(7));
        UnaryOperator<String> alone = stack.newNamespace("scale-one");
        String aloneId = alone.apply("rj-router");
        RouterConfig one = config(stack, alone, aloneId);
        stack.createInternalTopics(RouterService.internalTopics(one));
        Map<String, List<Outcome>> reference;
        try (RouterService router = RouterService.start(one)) {
            router.awaitRunning(Duration.ofSeconds(120));
            ReferralAnswers.publish(stack.connection(), alone, shuffled);
            reference = ReferralAnswers.readOutcomes(
                    stack.connection(), alone, ReferralAnswers.expectedAnswers(batch), Duration.ofMinutes(4));
        }
        Map<String, Set<String>> cases = cases(answers);
        assertThat(cases)
                .as("cases (ids included) of three instances, one killed")
                .isEqualTo(cases(reference));
        assertThat(cases.values().stream().filter(c -> c.size() > 1))
                .as("some referrals linked")
                .isNotEmpty();
        // each named after its smallest referral
        cases.forEach((caseId, referrals) ->
                assertThat(caseId).as("%s", referrals).isEqualTo(CaseIds.of(Collections.min(referrals))));
    }

    private static RouterConfig config(TestStack stack, UnaryOperator<String> naming, String appId) throws Exception {
        return RouterConfig.of(
                stack.connection(),
                Map.of(
                        RouterConfig.APPLICATION_ID,
                        appId,
                        RouterConfig.TOPIC_PREFIX,
                        naming.apply(""),
                        RouterConfig.STATE_DIR,
                        Files.createTempDirectory("router-scale-one").toString(),
                        RouterConfig.HTTP_PORT,
                        -1,
                        RouterConfig.GRAPH_PARTITIONED,
                        true));
    }

    /** The cases as the agencies were last told, by case id: each referral's last outcome naming a case. */
    private static Map<String, Set<String>> cases(Map<String, List<Outcome>> answers) {
        Map<String, Set<String>> byCase = new TreeMap<>();
        answers.forEach((referral, outcomes) -> {
            String last = null;
            for (Outcome o : outcomes) {
                last = o.getHubCaseId() != null ? o.getHubCaseId() : last;
            }
            if (last != null) {
                byCase.computeIfAbsent(last, k -> new java.util.TreeSet<>()).add(referral);
            }
        });
        return byCase;
    }
}
