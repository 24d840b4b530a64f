package org.rjhub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rjhub.common.clients.KafkaClients;
import org.rjhub.common.streams.InternalTopics;
import org.rjhub.common.topics.TopicCatalogue;
import org.rjhub.deploy.ServiceInternalTopics;
import org.rjhub.testsupport.KafkaStackExtension;
import org.rjhub.testsupport.TestStack;

/** {@code hub topics apply} on a real cluster: the difference shown, applied, and a second run finds none. */
@ExtendWith(KafkaStackExtension.class)
class TopicsApplyIT {

    @Test
    void shouldCreateAndUpdateTheCatalogueTopicsThenFindNothingToDoTheSecondTime(TestStack stack) throws Exception {
        // Given a namespace where one catalogue topic exists with too few partitions and another retention
        String prefix = "apply-" + Long.toString(System.nanoTime() % 1_000_000, 36) + ".";
        String referrals = prefix + "police.referrals.v1";
        try (Admin admin = KafkaClients.of(stack.connection()).admin()) {
            admin.createTopics(
                            List.of(new NewTopic(referrals, 2, (short) 1).configs(Map.of("retention.ms", "3600000"))))
                    .all()
                    .get();
        }
        int topics = TopicCatalogue.load().all().size();

        // When a dry run, then --execute, then --execute again
        String dryRun = run(stack, "topics", "apply", "--topic-prefix", prefix);
        String first = run(stack, "topics", "apply", "--topic-prefix", prefix, "--execute", "--internal");
        String second = run(stack, "topics", "apply", "--topic-prefix", prefix, "--execute", "--internal");
        List<String> internal = ServiceInternalTopics.all(stack.connection(), prefix).stream()
                .map(InternalTopics.InternalTopic::name)
                .toList();

        // Then the dry run shows the difference and changes nothing; the first run applies exactly that
        assertThat(dryRun)
                .contains("~ " + referrals + ": partitions 2 -> 6")
                .contains("~ " + referrals + ": retention.ms 3600000 -> 7776000000")
                .contains("+ " + prefix + "rj.referrals.v1: create, 6 partitions")
                .contains("dry run:")
                .contains("of " + topics + " topics");
        assertThat(first)
                .contains("~ " + referrals + ": partitions 2 -> 6")
                .contains("applied:")
                .contains("applied: " + internal.size() + " internal topic(s) created");
        try (Admin admin = KafkaClients.of(stack.connection()).admin()) {
            assertThat(admin.describeTopics(List.of(referrals))
                            .allTopicNames()
                            .get()
                            .get(referrals)
                            .partitions())
                    .hasSize(6);
            // ... and, with --internal, the services' internal topics in the namespace
            assertThat(internal).isNotEmpty().allMatch(n -> n.startsWith(prefix + "rj-"));
            assertThat(admin.listTopics().names().get().stream().filter(n -> n.startsWith(prefix)))
                    .hasSize(topics + internal.size())
                    .containsAll(internal);
        }
        // and the second finds nothing to do
        assertThat(second)
                .contains("no change: every catalogue topic is on the cluster as declared")
                .contains("applied: 0 change(s) to 0 of " + topics + " topics")
                .contains("applied: 0 internal topic(s) created");
    }

    private static String run(TestStack stack, String... args) {
        return CliOnStack.run(stack, () -> {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = Hub.commandLine()
                    .setOut(new PrintWriter(out, true))
                    .setErr(new PrintWriter(err, true))
                    .execute(args);
            assertThat(exit).as(err.toString()).isZero();
            return out.toString();
        });
    }
}
