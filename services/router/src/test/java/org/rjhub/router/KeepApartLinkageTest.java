package org.rjhub.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.CaseEventStatus;
import org.rjhub.contracts.hub.CaseEventType;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.contracts.hub.SourceAgency;

/**
 * A facilitator's KEEP_APART holds through the production topology: a referral that arrives later and matches
 * both kept-apart cases joins one of them, never both. Synthetic referrals (invented people) only.
 */
class KeepApartLinkageTest {

    @ParameterizedTest(name = "police first: {0}, acceptance before the decision: {1}, graph partitioned: {2}")
    @MethodSource("orders")
    void shouldNeverJoinKeptApartCasesThroughAThirdReferralThatMatchesBoth(
            boolean policeFirst, boolean answerFirst, boolean partitioned) {
        try (RouterDriver router = new RouterDriver(Map.of(RouterConfig.GRAPH_PARTITIONED, partitioned))) {
            // Given a police referral and a probation referral about other people, each in its own case
            if (policeFirst) {
                router.police(Fixtures.police("PR-1", "42/10001/26"));
                router.probation(nkemelu("PROB-1", null));
            } else {
                router.probation(nkemelu("PROB-1", null));
                router.police(Fixtures.police("PR-1", "42/10001/26"));
            }
            String policeCase = single(router.outcomes(SourceAgency.POLICE)).getHubCaseId();
            String probationCase =
                    single(router.outcomes(SourceAgency.PROBATION)).getHubCaseId();
            assertThat(policeCase).isNotEqualTo(probationCase);

            // and a facilitator's keep-apart of the two cases, accepted by the case service
            CaseEvent keepApart = Fixtures.linkage("e1", CaseEventType.KEEP_APART, policeCase, probationCase);
            if (answerFirst) {
                router.caseEventResult(Fixtures.answer(keepApart, CaseEventStatus.ACCEPTED));
                router.caseEvent(keepApart);
            } else {
                router.caseEvent(keepApart);
                router.caseEventResult(Fixtures.answer(keepApart, CaseEventStatus.ACCEPTED));
            }
            assertThat(router.outcomes(SourceAgency.POLICE)).isEmpty();
            assertThat(router.outcomes(SourceAgency.PROBATION)).isEmpty();

            // When a probation referral arrives that matches both: the police referral's crime reference and
            // the first probation referral's offender
            router.probation(nkemelu("PROB-2", "42/10001/26"));

            // Then it joins the police case (the exact crime reference is the stronger link) and nothing else moves
            assertThat(router.outcomes(SourceAgency.PROBATION))
                    .extracting(Outcome::getAgencyReferralId, Outcome::getEventType, Outcome::getHubCaseId)
                    .containsExactly(tuple("PROB-2", OutcomeType.LINKED, policeCase));
            assertThat(router.outcomes(SourceAgency.POLICE)).isEmpty();
        }
    }

    static Stream<Arguments> orders() {
        return Stream.of(true, false)
                .flatMap(partitioned -> Stream.of(
                        Arguments.of(true, false, partitioned),
                        Arguments.of(false, false, partitioned),
                        Arguments.of(true, true, partitioned),
                        Arguments.of(false, true, partitioned)));
    }

    /** Offender Bartholomew Nkemelu (invented), the same person in both probation referrals. */
    private static org.rjhub.contracts.probation.ProbationReferral nkemelu(String id, String crimeRef) {
        return Fixtures.probation(id, crimeRef, "Bartholomew", "Nkemelu", "1985-12-30", "CM18 7XY");
    }

    private static <T> T single(List<T> values) {
        assertThat(values).hasSize(1);
        return values.get(0);
    }
}
