package org.rjhub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.rjhub.agencies.AgencyRecord;
import org.rjhub.contracts.police.JusticeStage;
import org.rjhub.contracts.police.PoliceReferral;
import org.rjhub.router.RouterDriver;

/**
 * The cases a case service holds are the ones the router queued, not every case id the router answered: a police
 * referral awaiting court is answered RECEIVED with its case id and held until sentence, with nothing queued. That
 * is why {@link MultiInstanceIT} compares the case service's cases with {@link OneInstance}'s, and not with the cases
 * the router's answers name (which it once did, and found "missing" single police referrals).
 */
class OneInstanceTest {

    @Test
    void shouldHoldEveryCaseTheRouterQueuedAndNoneItHoldsUntilSentence() {
        // Given the multi-instance test's referrals
        List<AgencyRecord> records = MultiInstanceIT.batch().records();
        Map<String, PoliceReferral> police = records.stream()
                .filter(r -> r.value() instanceof PoliceReferral)
                .collect(Collectors.toMap(r -> "POLICE/" + r.key(), r -> (PoliceReferral) r.value(), (a, b) -> b));

        // When one router and one case service take them
        Set<Set<String>> answered = RouterDriver.cases(records);
        Set<Set<String>> held = OneInstance.openCases(records);

        // Then every case the case service holds is one the router answered
        assertThat(answered).containsAll(held);
        // ... and the ones it does not hold are single police referrals awaiting court, held until sentence
        Set<Set<String>> notQueued = new HashSet<>(answered);
        notQueued.removeAll(held);
        assertThat(notQueued).as("cases the router answered but held").isNotEmpty();
        assertThat(notQueued).allSatisfy(c -> {
            assertThat(c).hasSize(1);
            PoliceReferral r = police.get(c.iterator().next());
            assertThat(r).as("%s is a police referral", c).isNotNull();
            assertThat(r.getJusticeStage()).isEqualTo(JusticeStage.AWAITING_COURT);
        });
        // ... and every police referral awaiting court alone in its case is one of them
        assertThat(answered.stream()
                        .filter(c -> c.size() == 1
                                && police.containsKey(c.iterator().next())
                                && police.get(c.iterator().next()).getJusticeStage() == JusticeStage.AWAITING_COURT)
                        .collect(Collectors.toSet()))
                .isEqualTo(notQueued);
    }
}
