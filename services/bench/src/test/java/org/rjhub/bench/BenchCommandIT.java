package org.rjhub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rjhub.common.clients.KafkaClients;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.serde.AvroSerdes;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.testsupport.KafkaStackExtension;
import org.rjhub.testsupport.TestStack;
import picocli.CommandLine;

/** Runs the whole bench, tiny, on a real broker and registry. Asserts figures exist, never how fast. */
@ExtendWith(KafkaStackExtension.class)
class BenchCommandIT {

    private static final List<String> REQUIRED =
            List.of("pipeline_rps", "raw_produce_rps", "ratio", "p50_ms", "p99_ms", "referrals");
    /** What the router writes once per new referral (a LINKED with a reason reports a later case merge). */
    private static final Set<OutcomeType> FIRST = Set.of(
            OutcomeType.RECEIVED,
            OutcomeType.LINKED,
            OutcomeType.REJECTED,
            OutcomeType.REFERRED_ON,
            OutcomeType.NOT_ELIGIBLE);

    @Test
    void shouldReportEveryFigureAndAcknowledgeEveryReferralExactlyOnce(TestStack stack, @TempDir Path dir)
            throws Exception {
        // Given a fresh namespace and a tiny run: 100 to warm up, 50 of history, 300 referrals, then 3 s at 100/s
        UnaryOperator<String> naming = stack.newNamespace("bench");
        BenchCommand bench = new BenchCommand();
        CommandLine cli = new CommandLine(bench);
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        Path json = dir.resolve("bench.json");
        cli.parseArgs(
                "--referrals",
                "300",
                "--rate",
                "100",
                "--latency-seconds",
                "3",
                "--warmup",
                "100",
                "--history",
                "50",
                "--json",
                json.toString());

        // When the bench runs
        int exit = bench.run(stack.connection(), naming, bench.settings(), stack.mode());

        // Then the JSON has every required figure, positive
        assertThat(exit).as(out.toString()).isZero();
        JsonNode figures = new ObjectMapper().readTree(json.toFile());
        for (String key : REQUIRED) {
            assertThat(figures.path(key).isNumber()).as(key).isTrue();
            assertThat(figures.path(key).asDouble()).as(key).isPositive();
        }
        assertThat(figures.path("referrals").asInt()).isEqualTo(300);
        assertThat(figures.path("latency_referrals").asInt()).isEqualTo(300);
        assertThat(figures.path("warmup_referrals").asInt()).isEqualTo(100);
        assertThat(figures.path("missing_acks").asLong()).isZero();
        assertThat(figures.path("duplicate_acks").asLong()).isZero();
        assertThat(out.toString()).contains("End-to-end latency p99", "Ratio pipeline / raw");
        // the anchors: the exactly-once pass-through ran over the same backlog, the comparisons were counted
        assertThat(figures.path("baseline_eos_rps").asDouble()).isPositive();
        assertThat(figures.path("eos_ratio").isNumber()).isTrue();
        assertThat(figures.path("comparisons_per_referral").isNumber()).isTrue();
        assertThat(figures.path("comparisons_per_referral_by_rule").isObject()).isTrue();
        assertThat(figures.path("history_referrals").asInt()).isEqualTo(50);
        assertThat(figures.path("referrals_before_backlog").asInt()).isEqualTo(150);
        assertThat(figures.path("backlog_referrals").asInt()).isEqualTo(300);

        // and, read independently, each of the 750 referrals got exactly one first acknowledgement
        Map<String, Integer> acks = firstAcknowledgements(
                stack.connection(),
                List.of(
                        naming.apply("police.outcomes.v1"),
                        naming.apply("probation.outcomes.v1"),
                        naming.apply("victimsupport.outcomes.v1")));
        assertThat(acks).hasSize(750);
        assertThat(acks.values()).containsOnly(1);
    }

    /** Agency referral id to the number of first acknowledgements (read_committed, to the end). */
    private static Map<String, Integer> firstAcknowledgements(KafkaConnection connection, List<String> topics) {
        Properties p = connection.clientProperties();
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        var values = new AvroKafkaDeserializer<SpecificRecord>();
        values.configure(new AvroSerdes(connection).clientConfig(), false);
        Map<String, Integer> counts = new HashMap<>();
        try (var consumer = KafkaClients.of(connection).consumer(p, new StringDeserializer(), values)) {
            List<TopicPartition> partitions = new ArrayList<>();
            topics.forEach(t ->
                    consumer.partitionsFor(t).forEach(i -> partitions.add(new TopicPartition(t, i.partition()))));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions); // the last stable offsets
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    Outcome o = (Outcome) r.value();
                    boolean first = FIRST.contains(o.getEventType())
                            && !(o.getEventType() == OutcomeType.LINKED && o.getReason() != null);
                    if (first) {
                        counts.merge(r.key(), 1, Integer::sum);
                    }
                });
            }
        }
        return counts;
    }
}
