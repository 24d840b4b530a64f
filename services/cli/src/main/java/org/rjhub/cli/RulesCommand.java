package org.rjhub.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.rjhub.common.clients.KafkaClients;
import org.rjhub.common.topics.TopicCatalogue;
import org.rjhub.router.routing.RoutingRules;
import org.rjhub.router.routing.RulesStore;
import org.rjhub.schemas.Contracts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code hub rules publish FILE}: new routing rules for the running router, no restart, no release. */
@Command(
        name = "rules",
        mixinStandardHelpOptions = true,
        description = "Routing rules of the referral router.",
        subcommands = {RulesCommand.Publish.class, RulesCommand.Check.class})
final class RulesCommand {

    /** Validates and publishes a rules file to the compacted rules topic. */
    @Command(
            name = "publish",
            mixinStandardHelpOptions = true,
            description = "Check a routing-rules YAML file and publish it to " + Contracts.ROUTING_RULES_TOPIC
                    + "; running routers use it from their next record on.")
    static final class Publish implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "Rules YAML, e.g. deploy/routing-rules.yaml.")
        Path file;

        @Override
        public Integer call() throws InterruptedException {
            String yaml = read(file);
            RoutingRules rules = parse(yaml);
            try (var producer = KafkaClients.of(StackConnection.require("rules"))
                    .producer(
                            Map.of(ProducerConfig.ACKS_CONFIG, "all"),
                            new StringSerializer(),
                            new StringSerializer())) {
                producer.send(new ProducerRecord<>(Contracts.ROUTING_RULES_TOPIC, RulesStore.KEY, yaml))
                        .get();
            } catch (ExecutionException e) {
                throw new IllegalStateException(
                        "could not publish the rules: " + e.getCause().getMessage(), e);
            }
            System.out.printf(
                    "Published routing rules version %d (%d areas, county-wide %s).%n",
                    rules.version(), rules.areas().size(), rules.countyWide());
            return 0;
        }
    }

    /** Validates a rules file without publishing it. */
    @Command(name = "check", mixinStandardHelpOptions = true, description = "Check a routing-rules YAML file.")
    static final class Check implements Callable<Integer> {
        @Parameters(paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() {
            RoutingRules rules = parse(read(file));
            System.out.printf(
                    "Rules version %d are valid: %d areas, queues %s.%n",
                    rules.version(),
                    rules.areas().size(),
                    rules.areas().stream().map(RoutingRules.Area::queue).toList());
            return 0;
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UserInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses and checks a rules file as the router will: every queue in the topic catalogue, every sensitive
     * category to the specialist queue unless listed in sensitiveToAreaQueues, no version older than the shipped
     * one (the router also refuses a version older than the one in force).
     */
    static RoutingRules parse(String yaml) {
        RoutingRules rules;
        try {
            rules = RoutingRules.parse(yaml);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage(), e);
        }
        var problems = rules.problems(TopicCatalogue.load().queues(), RoutingRules.defaults(), false);
        if (!problems.isEmpty()) {
            throw new UserInputException("routing rules refused: " + String.join("; ", problems));
        }
        return rules;
    }
}
