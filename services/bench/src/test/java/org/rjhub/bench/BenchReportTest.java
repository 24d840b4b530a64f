package org.rjhub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {

    private static final List<String> REQUIRED =
            List.of("pipeline_rps", "raw_produce_rps", "ratio", "p50_ms", "p99_ms", "referrals");

    static BenchResult result(double pipelineRps, double rawRps, double p99Ms) {
        var diagnostics = new RouterDiagnostics(
                34.2,
                77.3,
                162,
                60,
                1066,
                8912,
                1070,
                0.59,
                0.35,
                0.06,
                Map.of(
                        "graph-referrals-changelog",
                        new RouterDiagnostics.TopicWrites(22.9, 24_286),
                        "police.outcomes.v1",
                        new RouterDiagnostics.TopicWrites(0.25, 143)));
        return new BenchResult(
                20_000,
                2_000,
                302,
                rawRps,
                330,
                pipelineRps,
                20_000 / pipelineRps * 1000,
                2_900,
                1_000,
                20,
                20_000,
                999.9,
                80.5,
                120,
                p99Ms,
                190,
                195,
                0,
                0,
                20_100,
                100,
                1,
                2,
                3.5,
                "local",
                30,
                60,
                diagnostics,
                new BenchResult.Anchors(2_000, 10_000, 50_000, 53_000, 41.25, Map.of("dob", 12.5, "sy", 28.75)));
    }

    @Test
    void shouldWriteTheRequiredKeysAsNumbers(@TempDir Path dir) throws Exception {
        // Given a run's figures
        BenchResult r = result(30_000, 60_000, 150);

        // When they are written as JSON
        Path file = dir.resolve("out/bench.json");
        BenchReport.writeJson(r, file);

        // Then every required key is there, a number, with the figure
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        for (String key : REQUIRED) {
            assertThat(json.has(key)).as(key).isTrue();
            assertThat(json.get(key).isNumber()).as(key).isTrue();
        }
        assertThat(json.get("pipeline_rps").asDouble()).isEqualTo(30_000);
        assertThat(json.get("raw_produce_rps").asDouble()).isEqualTo(60_000);
        assertThat(json.get("ratio").asDouble()).isEqualTo(0.5);
        assertThat(json.get("p50_ms").asDouble()).isEqualTo(80.5);
        assertThat(json.get("p99_ms").asDouble()).isEqualTo(150);
        assertThat(json.get("referrals").asInt()).isEqualTo(20_000);
        assertThat(json.get("machine_cores").asInt()).isEqualTo(2);
        assertThat(json.get("commit_interval_ms").asLong()).isEqualTo(100);
        assertThat(json.get("rate").asInt()).isEqualTo(1_000);
        assertThat(json.get("router_diagnostics")
                        .get("writes_per_referral_by_topic")
                        .get("graph-referrals-changelog")
                        .get("records")
                        .asDouble())
                .isEqualTo(22.9);
    }

    @Test
    void shouldPutTheRequiredKeysFirst() {
        var names = BenchReport.json(result(100, 50_000, 900)).fieldNames();
        for (String key : REQUIRED) {
            assertThat(names.next()).isEqualTo(key);
        }
    }

    @Test
    void shouldJudgeTheTargets() {
        BenchResult met = result(30_000, 60_000, 199.9);
        BenchResult missed = result(105, 60_000, 1_262);

        assertThat(met.ratioMet()).isTrue();
        assertThat(met.p99Met()).isTrue();
        assertThat(missed.ratio()).isCloseTo(0.00175, org.assertj.core.api.Assertions.within(1e-5));
        assertThat(missed.ratioMet()).isFalse();
        assertThat(missed.p99Met()).isFalse();
        assertThat(BenchReport.json(missed).get("p99_target_met").asBoolean()).isFalse();
    }

    @Test
    void shouldPrintATableWithEveryFigureAndTheVerdicts() {
        String table = BenchReport.table(result(105, 60_000, 1_262));

        assertThat(table)
                .contains(
                        "Pipeline, exactly-once router",
                        "105 /s",
                        "60,000 /s",
                        "0.002",
                        ">= 0.5  MISSED",
                        "< 200 ms  MISSED",
                        "1262.0 ms",
                        "Acknowledged exactly once",
                        "graph-referrals-changelog",
                        "other topics (1: outcomes, queues)");
    }

    @Test
    void shouldWriteTheAnchorsBesideThePipeline() {
        JsonNode json = BenchReport.json(result(700, 60_000, 150));

        assertThat(json.get("baseline_eos_rps").asDouble()).isEqualTo(2_000);
        assertThat(json.get("eos_ratio").asDouble()).isEqualTo(0.35);
        assertThat(json.get("eos_ratio_target_met").asBoolean()).isTrue();
        assertThat(BenchReport.json(result(500, 60_000, 150))
                        .get("eos_ratio_target_met")
                        .asBoolean())
                .isFalse();
        assertThat(json.get("comparisons_per_referral").asDouble()).isEqualTo(41.25);
        assertThat(json.get("comparisons_per_referral_by_rule").get("sy").asDouble())
                .isEqualTo(28.75);
        assertThat(json.get("backlog_referrals").asInt()).isEqualTo(20_000);
        assertThat(json.get("history_referrals").asInt()).isEqualTo(50_000);
        assertThat(json.get("referrals_before_backlog").asInt()).isEqualTo(53_000);
        assertThat(BenchReport.table(result(700, 60_000, 150)))
                .contains("Exactly-once one-hop pass-through", "2,000 /s", ">= 0.3  met", "under rule dob");
    }

    @Test
    void shouldCountComparisonsPerReferralOfThePhaseOnly() {
        var perReferral = Benchmark.perReferral(
                Map.of("all", 1_000.0, "dob", 400.0), Map.of("all", 5_000.0, "dob", 800.0, "hp", 100.0), 200);

        assertThat(perReferral)
                .containsEntry("all", 20.0)
                .containsEntry("dob", 2.0)
                .containsEntry("hp", 0.5);
    }
}
