package org.rjhub.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The block size cap does not depend on arrival order: a blocking key whose block outgrows the cap is used for
 * no one, and the edges found under it before are withdrawn. Synthetic referrals (one invented person) only.
 */
class BlockSizeCapTest {

    /**
     * Two probation referrals and two Victim Support referrals name the same invented person, as offender and as
     * victim (roles that are never compared with each other). The person's name and date keys hold four members
     * each, over a cap of two; only the two probation referrals share a household key (house number + postcode),
     * which holds two. So in every order the probation referrals are one case, linked through the household key,
     * and each Victim Support referral is a case of its own.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("orders")
    void shouldEndInTheSameCasesInEveryOrderWhenABlockOutgrowsTheCap(List<String> order) {
        Map<String, Consumer<RouterDriver>> referrals = Map.of(
                "PB-1", r -> r.probation(nkemeluOnProbation("PB-1")),
                "PB-2", r -> r.probation(nkemeluOnProbation("PB-2")),
                "VS-1", r -> r.victimSupport(nkemeluAsVictim("VS-1")),
                "VS-2", r -> r.victimSupport(nkemeluAsVictim("VS-2")));
        try (RouterDriver router = new RouterDriver(Map.of(RouterConfig.MAX_BLOCK_SIZE, 2))) {
            order.forEach(id -> referrals.get(id).accept(router));

            assertThat(router.cases())
                    .containsExactlyInAnyOrder(
                            Set.of("PROBATION/PB-1", "PROBATION/PB-2"),
                            Set.of("VICTIM_SUPPORT/VS-1"),
                            Set.of("VICTIM_SUPPORT/VS-2"));
            // the seven keys the four share (date of birth, name and postcode keys) were retired, each once
            assertThat(router.driver.metrics().entrySet().stream()
                            .filter(e -> e.getKey().name().equals("oversized-blocking-keys-total"))
                            .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                            .sum())
                    .isEqualTo(7.0);
        }
    }

    static List<List<String>> orders() {
        return List.of(
                List.of("PB-1", "PB-2", "VS-1", "VS-2"),
                List.of("VS-1", "VS-2", "PB-1", "PB-2"),
                List.of("VS-2", "PB-2", "VS-1", "PB-1"),
                List.of("PB-2", "VS-1", "PB-1", "VS-2"),
                List.of("VS-1", "PB-1", "VS-2", "PB-2"),
                List.of("PB-1", "VS-2", "VS-1", "PB-2"));
    }

    /** Offender Bartholomew Nkemelu (invented), at 2 Test Road, CM18 7XY. */
    private static org.rjhub.contracts.probation.ProbationReferral nkemeluOnProbation(String id) {
        return Fixtures.probation(id, null, "Bartholomew", "Nkemelu", "1985-12-30", "CM18 7XY");
    }

    /** The same invented person as a victim, without an address line. */
    private static org.rjhub.contracts.victimsupport.VictimSupportReferral nkemeluAsVictim(String id) {
        return Fixtures.victimSupport(id, null, "Bartholomew", "Nkemelu", "1985-12-30", "CM18 7XY");
    }
}
