package org.rjhub.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.rjhub.agencies.Agency;
import org.rjhub.agencies.AgencyRecord;
import org.rjhub.contracts.police.PoliceReferral;
import org.rjhub.contracts.probation.ProbationReferral;
import org.rjhub.simulator.Expectation.Kind;

class AgencySimulatorTest {

    private static final int MANY = 3000;
    private static final Batch LARGE = new AgencySimulator(2026).generate(MANY);

    @Test
    void shouldGenerateTheSameBatchForTheSameSeed() {
        var first = new AgencySimulator(7).generate(200);
        var second = new AgencySimulator(7).generate(200);

        assertThat(second.records()).isEqualTo(first.records());
        assertThat(second.expectations()).isEqualTo(first.expectations());
        assertThat(second.people()).isEqualTo(first.people());
    }

    @Test
    void shouldGenerateTheSameBatchWhenOneSimulatorIsCalledAgain() {
        var simulator = new AgencySimulator(11);
        var first = simulator.generate(50);
        simulator.generate(10);

        assertThat(simulator.generate(50).records()).isEqualTo(first.records());
    }

    @Test
    void shouldGenerateDifferentBatchesForDifferentSeeds() {
        assertThat(new AgencySimulator(1).generate(20).records())
                .isNotEqualTo(new AgencySimulator(2).generate(20).records());
    }

    @Test
    void shouldKeyEveryRecordByTheAgencysOwnReferralIdOnTheAgencysTopic() {
        assertThat(LARGE.records()).allSatisfy(r -> {
            assertThat(r.topic()).isEqualTo(r.agency().topic());
            assertThat(r.value().getSchema()).isEqualTo(r.agency().contract().schema());
            var id = r.value()
                    .get(r.value().getSchema().getField(r.agency().idField()).pos());
            assertThat(id).isEqualTo(r.key());
        });
        assertThat(LARGE.records())
                .filteredOn(r -> r.agency() == Agency.POLICE)
                .allSatisfy(r -> assertThat(r.key()).matches("PR-20\\d\\d-\\d{6}"));
        assertThat(LARGE.records())
                .filteredOn(r -> r.agency() == Agency.PROBATION)
                .allSatisfy(r -> assertThat(r.key()).matches("PROB-20\\d\\d-\\d{6}"));
        assertThat(LARGE.records())
                .filteredOn(r -> r.agency() == Agency.VICTIM_SUPPORT)
                .allSatisfy(r -> assertThat(r.key()).matches("VS-ESX-\\d{7}"));
    }

    @Test
    void shouldSendRecordsInSubmissionOrder() {
        var submitted =
                LARGE.records().stream().map(AgencySimulatorTest::submittedAt).toList();
        // redeliveries repeat an earlier value, so compare only first deliveries and amendments
        var firstDeliveries = new java.util.ArrayList<java.time.Instant>();
        for (int i = 0; i < LARGE.size(); i++) {
            if (LARGE.expectation(i).kind() != Kind.DUPLICATE_REDELIVERY) {
                firstDeliveries.add(submitted.get(i));
            }
        }
        assertThat(firstDeliveries).isSorted();
        assertThat(submitted).allSatisfy(t -> assertThat(t).isBefore(SimulatorConfig.DEFAULT_REFERENCE_TIME));
    }

    @Test
    void shouldYieldExactlyOneFirstPoliceReferralPerIncident() {
        var policeFirsts = LARGE.indexesOf(Agency.POLICE).stream()
                .map(LARGE::expectation)
                .filter(e -> e.originalIndex() == null)
                .collect(Collectors.groupingBy(Expectation::incidentId, Collectors.counting()));

        assertThat(policeFirsts).hasSize(MANY);
        assertThat(policeFirsts.values()).containsOnly(1L);
    }

    @Test
    void shouldProduceTheDefaultProportionsRoughly() {
        var config = SimulatorConfig.defaults();
        var firstPolice = firstPoliceExpectations(LARGE);

        assertThat(share(firstPolice, Kind.INVALID)).isCloseTo(config.invalidFraction(), within(0.015));
        assertThat(share(firstPolice, Kind.YOUTH)).isCloseTo(config.youthFraction(), within(0.015));
        assertThat(share(firstPolice, Kind.OUT_OF_AREA)).isCloseTo(config.outOfAreaFraction(), within(0.015));

        long validIncidents =
                firstPolice.stream().filter(e -> e.kind() == Kind.VALID).count();
        long victimSupport = firstDeliveries(Agency.VICTIM_SUPPORT).size();
        assertThat((double) victimSupport / validIncidents).isCloseTo(config.victimSupportFraction(), within(0.04));

        var policeValues = LARGE.indexesOf(Agency.POLICE).stream()
                .filter(i -> LARGE.expectation(i).originalIndex() == null)
                .map(i -> (PoliceReferral) LARGE.record(i).value())
                .toList();
        assertThat(policeValues.stream()
                                .filter(PoliceReferral::getNeighbourDispute)
                                .count()
                        / (double) MANY)
                .isCloseTo(config.neighbourDisputeFraction(), within(0.02));
        assertThat(policeValues.stream().filter(PoliceReferral::getAsbFlag).count() / (double) MANY)
                .isCloseTo(config.asbFraction(), within(0.02));

        var probation = firstDeliveries(Agency.PROBATION).stream()
                .map(i -> (ProbationReferral) LARGE.record(i).value())
                .toList();
        assertThat(probation).isNotEmpty();
        assertThat(probation.stream().filter(p -> p.getCrimeReference() == null).count() / (double) probation.size())
                .isCloseTo(config.probationWithoutCrimeReferenceFraction(), within(0.08));

        long valid = LARGE.expectations().stream()
                .filter(e -> e.kind() == Kind.VALID)
                .count();
        assertThat(LARGE.countsByKind().get(Kind.DUPLICATE_REDELIVERY) / (double) valid)
                .isCloseTo(config.redeliveryFraction(), within(0.015));
        assertThat(LARGE.countsByKind().get(Kind.AMENDMENT)).isPositive();
    }

    @Test
    void shouldFollowAConfiguredProportion() {
        var d = SimulatorConfig.defaults();
        var config = new SimulatorConfig(
                d.referenceTime(),
                0,
                0,
                d.awaitingCourtFraction(),
                0.30,
                0,
                0,
                1.0,
                d.victimSupportTypoFraction(),
                d.victimSupportMissingPostcodeFraction(),
                0,
                0,
                0,
                0,
                0);

        var batch = new AgencySimulator(5, config).generate(1000);

        var firstPolice = firstPoliceExpectations(batch);
        assertThat(share(firstPolice, Kind.INVALID)).isCloseTo(0.30, within(0.04));
        long valid = firstPolice.stream().filter(e -> e.kind() == Kind.VALID).count();
        assertThat(batch.indexesOf(Agency.VICTIM_SUPPORT)).hasSize((int) valid);
        assertThat(batch.indexesOf(Agency.PROBATION)).isEmpty();
        assertThat(batch.records())
                .noneMatch(r -> r.value() instanceof PoliceReferral p && (p.getAsbFlag() || p.getNeighbourDispute()));
    }

    @Test
    void shouldGenerateOnlyValidRecordsWhenClean() {
        var batch = new AgencySimulator(3, SimulatorConfig.defaults().cleanOnly()).generate(300);

        assertThat(batch.expectations()).extracting(Expectation::kind).containsOnly(Kind.VALID);
    }

    @Test
    void shouldCoverEveryVerdictAndEveryInvalidRule() {
        assertThat(LARGE.countsByKind())
                .allSatisfy((kind, count) -> assertThat(count).as("%s", kind).isPositive());
        assertThat(LARGE.expectations().stream()
                        .map(Expectation::rule)
                        .filter(java.util.Objects::nonNull)
                        .distinct())
                .containsExactlyInAnyOrder(InvalidRule.values());
    }

    private static List<Expectation> firstPoliceExpectations(Batch batch) {
        return batch.indexesOf(Agency.POLICE).stream()
                .map(batch::expectation)
                .filter(e -> e.originalIndex() == null)
                .toList();
    }

    private static List<Integer> firstDeliveries(Agency agency) {
        return LARGE.indexesOf(agency).stream()
                .filter(i -> LARGE.expectation(i).originalIndex() == null)
                .toList();
    }

    private static double share(List<Expectation> expectations, Kind kind) {
        return expectations.stream().filter(e -> e.kind() == kind).count() / (double) expectations.size();
    }

    static java.time.Instant submittedAt(AgencyRecord r) {
        return (java.time.Instant)
                r.value().get(r.value().getSchema().getField("submittedAt").pos());
    }
}
