package org.rjhub.cli.demo;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.rjhub.contracts.hub.DeadLetter;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.contracts.hub.QueueItem;
import org.rjhub.contracts.hub.QueueItemType;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.schemas.Contracts;
import org.rjhub.simulator.Batch;
import org.rjhub.simulator.Expectation;

/** The demo's summary: what each agency heard back, what each queue holds, what was refused and why. */
final class DemoReport {

    private final Batch batch;
    private final List<ConsumerRecord<String, SpecificRecord>> seen;
    private final UnaryOperator<String> naming;

    DemoReport(Batch batch, List<ConsumerRecord<String, SpecificRecord>> seen, UnaryOperator<String> naming) {
        this.batch = batch;
        this.seen = seen;
        this.naming = naming;
    }

    void print(PrintStream out, double deduplicated) {
        List<Outcome> outcomes = DemoCommand.outcomes(seen);
        out.println();
        out.println("Acknowledgements, per agency outcome topic (each agency sees only its own referrals):");
        for (SourceAgency agency : SourceAgency.values()) {
            String topic = naming.apply(org.rjhub.agencies.Agency.of(agency).outcomesTopic());
            Map<OutcomeType, Long> byType = seen.stream()
                    .filter(r -> r.topic().equals(topic))
                    .map(r -> ((Outcome) r.value()).getEventType())
                    .collect(Collectors.groupingBy(t -> t, TreeMap::new, Collectors.counting()));
            out.printf("  %-24s %s%n", topic, byType);
        }
        long cases = outcomes.stream()
                .map(Outcome::getHubCaseId)
                .filter(java.util.Objects::nonNull)
                .distinct()
                .count();
        long linked = outcomes.stream()
                .filter(o -> o.getEventType() == OutcomeType.LINKED && o.getReason() == null)
                .count();
        long held = outcomes.stream()
                .filter(o -> "held until sentence".equals(o.getReason()))
                .count();
        out.printf(
                "%nCases: %d RJ cases; %d referrals linked into an existing case (same crime reference or the same "
                        + "person); %d held until sentence; %.0f redeliveries dropped.%n",
                cases, linked, held, deduplicated);

        out.println("\nFacilitator queues (" + Contracts.QUEUE_TOPIC_TEMPLATE + "):");
        Map<String, Map<QueueItemType, Long>> queues = DemoCommand.queueItems(seen).stream()
                .filter(i -> i.getItemType() != QueueItemType.ACTION_DUE_SOON
                        && i.getItemType() != QueueItemType.ACTION_OVERDUE)
                .collect(Collectors.groupingBy(
                        QueueItem::getQueue,
                        TreeMap::new,
                        Collectors.groupingBy(QueueItem::getItemType, TreeMap::new, Collectors.counting())));
        queues.forEach((q, counts) -> out.printf("  %-20s %s%n", q, counts));
        DemoCommand.queueItems(seen).stream()
                .filter(i -> i.getItemType() == QueueItemType.POSSIBLE_DUPLICATE)
                .findFirst()
                .ifPresent(i -> out.printf(
                        "  e.g. %s flagged POSSIBLE_DUPLICATE of %s (match weight %.1f)%n",
                        i.getCaseId(), i.getCandidateCaseId(), i.getMatchWeight()));
        DemoCommand.queueItems(seen).stream()
                .filter(i -> i.getLinkedReferrals().size() > 1)
                .findFirst()
                .ifPresent(i -> out.printf(
                        "  e.g. case %s in %s links %s%n",
                        i.getCaseId(),
                        i.getQueue(),
                        i.getLinkedReferrals().stream()
                                .map(r -> r.getAgency() + " " + r.getAgencyReferralId())
                                .toList()));

        List<DeadLetter> letters = DemoCommand.deadLetters(seen);
        out.printf(
                "%nDead letters (" + Contracts.DEAD_LETTERS_TOPIC + "): %d, by rule %s%n",
                letters.size(),
                letters.stream()
                        .collect(Collectors.groupingBy(DeadLetter::getRule, TreeMap::new, Collectors.counting())));
        outcomes.stream()
                .filter(o -> o.getEventType() == OutcomeType.REJECTED)
                .limit(3)
                .forEach(o ->
                        out.printf("  %s %s REJECTED: %s%n", o.getAgency(), o.getAgencyReferralId(), o.getReason()));
        outcomes.stream()
                .filter(o ->
                        o.getEventType() == OutcomeType.REFERRED_ON || o.getEventType() == OutcomeType.NOT_ELIGIBLE)
                .limit(2)
                .forEach(o -> out.printf(
                        "  %s %s %s: %s%n", o.getAgency(), o.getAgencyReferralId(), o.getEventType(), o.getReason()));

        out.println("\nAgainst the simulator's truth:");
        check(
                out,
                "invalid -> REJECTED",
                batch.indexesOf(Expectation.Kind.INVALID).size(),
                count(outcomes, OutcomeType.REJECTED));
        check(
                out,
                "under 18 -> REFERRED_ON",
                batch.indexesOf(Expectation.Kind.YOUTH).size(),
                count(outcomes, OutcomeType.REFERRED_ON));
        check(
                out,
                "out of area -> NOT_ELIGIBLE",
                batch.indexesOf(Expectation.Kind.OUT_OF_AREA).size(),
                count(outcomes, OutcomeType.NOT_ELIGIBLE));
        check(
                out,
                "redeliveries dropped",
                batch.indexesOf(Expectation.Kind.DUPLICATE_REDELIVERY).size(),
                (long) deduplicated);
        check(
                out,
                "amendments applied",
                batch.indexesOf(Expectation.Kind.AMENDMENT).size(),
                count(outcomes, OutcomeType.AMENDED));
    }

    private static long count(List<Outcome> outcomes, OutcomeType type) {
        return outcomes.stream().filter(o -> o.getEventType() == type).count();
    }

    private static void check(PrintStream out, String what, long expected, long actual) {
        out.printf("  %-30s expected %3d, hub %3d %s%n", what, expected, actual, expected == actual ? "✓" : "✗");
    }
}
