package org.rjhub.cli;

import java.util.concurrent.Callable;
import org.rjhub.common.topics.TopicCatalogue;
import org.rjhub.common.topics.TopicLimits;
import org.rjhub.common.topics.TopicSpec;
import picocli.CommandLine.Command;

/** {@code hub topics}: the topic catalogue as a table. */
@Command(
        name = "topics",
        mixinStandardHelpOptions = true,
        description = "Print the topic catalogue; `apply` makes a cluster's topics the catalogue's.",
        subcommands = TopicsApplyCommand.class)
final class TopicsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.out.printf(
                "%-34s %-13s %4s %-8s %9s  %-48s %s%n",
                "TOPIC", "OWNER", "PART", "CLEANUP", "RETENTION", "VALUE", "LIMITS / WHY KEPT SO LONG");
        for (TopicSpec t : TopicCatalogue.load().all()) {
            System.out.printf(
                    "%-34s %-13s %4d %-8s %9s  %-48s %s%n",
                    t.name(),
                    t.owner(),
                    t.partitions(),
                    t.compacted() ? "compact" : "delete",
                    t.retention(),
                    t.valueRecord().orElse("-"),
                    t.limits().map(TopicLimits::describe).orElse("-"));
            System.out.printf("%-34s %s%n", "", "kept " + t.retention() + ": " + t.retentionReason());
        }
        return 0;
    }
}
