package org.rjhub.router.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rjhub.matching.ReferralSummary;
import org.rjhub.matching.ReferralSummary.PartySummary;
import org.rjhub.router.routing.QueueRouter.Ineligibility;

/**
 * The routing rules as tables: which queue a case goes to, and which referrals are not taken in.
 * Synthetic referrals (invented people) only.
 */
class QueueRouterTest {

    private static final RoutingRules DEFAULTS = RoutingRules.defaults();
    private static final LocalDate SUBMITTED = LocalDate.parse("2026-11-02");

    /**
     * Each referral of the case as {@code AGENCY:caseType:justiceStage:district[:FLAG]}, separated by
     * {@code ;}; the expected queue is {@code -} when the case is held.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            police crime to the area team                  | defaults | POLICE:CRIME:OUT_OF_COURT:Harlow                                            | harlow             | area
            the district names the team                    | defaults | POLICE:CRIME:OUT_OF_COURT:Brentwood                                         | brentwood          | area
            districts compared without case or punctuation | defaults | POLICE:CRIME:OUT_OF_COURT:EPPING-forest                                     | epping-forest      | area
            a district outside the pilot has its own team  | defaults | VICTIM_SUPPORT:CRIME:UNKNOWN:Chelmsford                                     | chelmsford         | area
            the police referral leads a mixed case         | defaults | VICTIM_SUPPORT:CRIME:UNKNOWN:Thurrock;POLICE:CRIME:OUT_OF_COURT:Harlow      | harlow             | area
            without police the first referral leads       | defaults | VICTIM_SUPPORT:CRIME:UNKNOWN:Thurrock;PROBATION:CRIME:SENTENCED:Harlow      | thurrock           | area
            probation alone to the post-sentence team      | defaults | PROBATION:CRIME:SENTENCED:Harlow;PROBATION:CRIME:SENTENCED:Basildon         | post-sentence      | post-sentence
            probation with police stays with the area      | defaults | PROBATION:CRIME:SENTENCED:Harlow;POLICE:CRIME:SENTENCED:Brentwood           | brentwood          | area
            anti-social behaviour to neighbour disputes    | defaults | POLICE:ASB:OUT_OF_COURT:Harlow                                              | neighbour-disputes | neighbour-dispute
            a neighbour dispute anywhere in the case       | defaults | POLICE:CRIME:OUT_OF_COURT:Harlow;VICTIM_SUPPORT:NEIGHBOUR_DISPUTE:UNKNOWN:Harlow | neighbour-disputes | neighbour-dispute
            probation alone beats neighbour disputes       | defaults | PROBATION:ASB:SENTENCED:Harlow                                              | post-sentence      | post-sentence
            a specialist flag to the specialists           | defaults | POLICE:CRIME:OUT_OF_COURT:Harlow:DOMESTIC_ABUSE                             | specialist         | specialist
            a flag on any referral of the case             | defaults | POLICE:CRIME:OUT_OF_COURT:Harlow;VICTIM_SUPPORT:CRIME:UNKNOWN:Harlow:HATE_CRIME | specialist      | specialist
            specialists beat probation alone               | defaults | PROBATION:CRIME:SENTENCED:Harlow:STALKING                                   | specialist         | specialist
            specialists beat neighbour disputes            | defaults | POLICE:ASB:OUT_OF_COURT:Harlow:HATE_CRIME                                   | specialist         | specialist
            a flag the rules do not name                   | no-flags | POLICE:CRIME:OUT_OF_COURT:Harlow:DOMESTIC_ABUSE                             | harlow             | area
            awaiting court is held                         | defaults | POLICE:CRIME:AWAITING_COURT:Harlow                                          | -                  | awaiting-court
            held before any queue, even the specialists    | defaults | POLICE:CRIME:AWAITING_COURT:Harlow:DOMESTIC_ABUSE                           | -                  | awaiting-court
            a sentence anywhere in the case releases it    | defaults | POLICE:CRIME:AWAITING_COURT:Harlow;PROBATION:CRIME:SENTENCED:Harlow         | harlow             | area
            not held when the rules say so                 | no-hold  | POLICE:CRIME:AWAITING_COURT:Harlow                                          | harlow             | area
            """)
    void shouldRouteACaseByTheFirstRuleThatApplies(
            String behaviour, String rules, String referrals, String queue, String rule) {
        Route route = QueueRouter.route(
                rules(rules),
                Arrays.stream(referrals.split(";"))
                        .map(QueueRouterTest::referral)
                        .toList());

        assertThat(route.queue()).isEqualTo(queue);
        assertThat(route.held()).isEqualTo(queue == null);
        assertThat(route.rule()).isEqualTo(rule);
    }

    @Test
    void shouldRefuseToRouteACaseWhoseLeadHasNoArea() {
        assertThatThrownBy(() -> QueueRouter.route(DEFAULTS, List.of(referral("POLICE:CRIME:OUT_OF_COURT:Gotham"))))
                .isInstanceOf(IllegalStateException.class);
    }

    /**
     * A referral's parties as {@code ROLE:dateOfBirth:postcode} separated by {@code ;} ({@code -} for unknown);
     * submitted on 2 November 2026. The expected outcome is {@code -} when eligible.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            adults in the area                          | defaults   | Harlow     | VICTIM:1971-05-06:CM20 1AB;OFFENDER:1990-03-04:CM20 2AB | -         | -
            unknown dates of birth and postcodes        | defaults   | Harlow     | VICTIM:-:-;OFFENDER:-:-                                 | -         | -
            eighteen on the day of the referral         | defaults   | Harlow     | VICTIM:1971-05-06:CM20 1AB;OFFENDER:2008-11-02:-        | -         | -
            eighteen the day after the referral         | defaults   | Harlow     | VICTIM:1971-05-06:CM20 1AB;OFFENDER:2008-11-03:-        | youth     | a party is under 18: referred to the youth justice service
            a child victim                              | defaults   | Harlow     | VICTIM:2015-01-01:CM20 1AB;OFFENDER:1990-03-04:-        | youth     | a party is under 18: referred to the youth justice service
            the rules' age limit                        | limit-21   | Harlow     | VICTIM:1971-05-06:CM20 1AB;OFFENDER:2006-01-01:-        | youth     | a party is under 21: referred to the youth justice service
            a pilot district before the rollout         | pilot-only | Harlow     | VICTIM:1971-05-06:CM20 1AB                              | -         | -
            another district before the rollout         | pilot-only | Chelmsford | VICTIM:1971-05-06:CM1 1AA                               | not-youth | the district is not yet served (pilot districts only)
            another district after the rollout          | defaults   | Chelmsford | VICTIM:1971-05-06:CM1 1AA                               | -         | -
            a victim living outside Essex               | defaults   | Harlow     | VICTIM:1971-05-06:E1 6AN;OFFENDER:1990-03-04:CM20 2AB   | not-youth | the victim lives outside the Essex service area: refer to the local RJ service
            an offender living outside Essex            | defaults   | Harlow     | VICTIM:1971-05-06:CM20 1AB;OFFENDER:1990-03-04:E1 6AN   | -         | -
            a postcode in lower case                    | defaults   | Harlow     | VICTIM:1971-05-06:cm20 1ab                              | -         | -
            youth before the area                       | pilot-only | Chelmsford | VICTIM:2015-01-01:E1 6AN                                | youth     | a party is under 18: referred to the youth justice service
            """)
    void shouldTakeInOnlyAdultsInTheServedArea(
            String behaviour, String rules, String district, String parties, String outcome, String reason) {
        ReferralSummary r = new ReferralSummary(
                "POLICE/PR-1",
                "POLICE",
                "PR-1",
                null,
                "CRIME",
                "OUT_OF_COURT",
                district,
                null,
                null,
                null,
                List.of(),
                Arrays.stream(parties.split(";")).map(QueueRouterTest::party).toList());

        Optional<Ineligibility> result = QueueRouter.eligibility(rules(rules), r, SUBMITTED);

        if (outcome == null) {
            assertThat(result).isEmpty();
        } else {
            assertThat(result).contains(new Ineligibility("youth".equals(outcome), reason));
        }
    }

    private static RoutingRules rules(String name) {
        RoutingRules d = DEFAULTS;
        return switch (name) {
            case "defaults" -> d;
            case "no-hold" ->
                new RoutingRules(
                        d.version(),
                        d.youthAgeLimit(),
                        d.countyWide(),
                        false,
                        d.areas(),
                        d.specialistFlags(),
                        d.specialistQueue(),
                        d.postSentenceQueue(),
                        d.neighbourDisputeQueue(),
                        d.sensitiveToAreaQueues());
            case "no-flags" ->
                new RoutingRules(
                        d.version(),
                        d.youthAgeLimit(),
                        d.countyWide(),
                        d.holdAwaitingCourt(),
                        d.areas(),
                        null,
                        d.specialistQueue(),
                        d.postSentenceQueue(),
                        d.neighbourDisputeQueue(),
                        d.sensitiveToAreaQueues());
            case "pilot-only" ->
                new RoutingRules(
                        d.version(),
                        d.youthAgeLimit(),
                        false,
                        d.holdAwaitingCourt(),
                        d.areas(),
                        d.specialistFlags(),
                        d.specialistQueue(),
                        d.postSentenceQueue(),
                        d.neighbourDisputeQueue(),
                        d.sensitiveToAreaQueues());
            case "limit-21" ->
                new RoutingRules(
                        d.version(),
                        21,
                        d.countyWide(),
                        d.holdAwaitingCourt(),
                        d.areas(),
                        d.specialistFlags(),
                        d.specialistQueue(),
                        d.postSentenceQueue(),
                        d.neighbourDisputeQueue(),
                        d.sensitiveToAreaQueues());
            default -> throw new IllegalArgumentException("no rules named " + name);
        };
    }

    /** {@code AGENCY:caseType:justiceStage:district[:FLAG]}. */
    private static ReferralSummary referral(String spec) {
        String[] f = spec.split(":");
        return new ReferralSummary(
                f[0] + "/R-1",
                f[0],
                "R-1",
                null,
                f[1],
                f[2],
                f[3],
                null,
                null,
                null,
                f.length > 4 ? List.of(f[4]) : List.of(),
                List.of(new PartySummary("VICTIM", "Imelda", "Quarrington", null, null, null)));
    }

    /** {@code ROLE:dateOfBirth:postcode}, {@code -} for unknown. */
    private static PartySummary party(String spec) {
        String[] f = spec.split(":");
        return new PartySummary(
                f[0],
                "Imelda",
                "Quarrington",
                "-".equals(f[1]) ? null : LocalDate.parse(f[1]),
                "-".equals(f[2]) ? null : f[2],
                null);
    }
}
