package org.rjhub.router.routing;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import org.rjhub.matching.ReferralSummary;

/** The routing decisions, pure functions of the rules and the case's referrals. */
public final class QueueRouter {

    private QueueRouter() {}

    /** Why a referral is not taken into a case; empty when it is eligible. */
    public record Ineligibility(boolean youth, String reason) {}

    /** Youth and out-of-area checks for a single referral, on the day it was submitted. */
    public static Optional<Ineligibility> eligibility(RoutingRules rules, ReferralSummary r, LocalDate submitted) {
        for (var p : r.parties()) {
            if (p.dateOfBirth() != null
                    && Period.between(p.dateOfBirth(), submitted).getYears() < rules.youthAgeLimit()) {
                return Optional.of(new Ineligibility(
                        true, "a party is under " + rules.youthAgeLimit() + ": referred to the youth justice service"));
            }
        }
        var area = rules.areaOfDistrict(r.district());
        if (area.isPresent() && !rules.serves(area.get())) {
            return Optional.of(new Ineligibility(false, "the district is not yet served (pilot districts only)"));
        }
        for (var p : r.parties()) {
            if ("VICTIM".equals(p.role())
                    && p.postcode() != null
                    && rules.areaOfPostcode(p.postcode()).isEmpty()) {
                return Optional.of(new Ineligibility(
                        false, "the victim lives outside the Essex service area: refer to the local RJ service"));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the rules send a case with this referral to the specialist queue (one of its flags is a specialist flag).
     * With a master key this is decided at intake, before the flags are sealed, and the summary carries the decision.
     */
    public static boolean specialist(RoutingRules rules, ReferralSummary r) {
        return r.flags().stream()
                .anyMatch(f ->
                        rules.specialistFlags().stream().anyMatch(s -> s.name().equals(f)));
    }

    /** The queue for a case made of these referrals (first applicable rule wins). */
    public static Route route(RoutingRules rules, List<ReferralSummary> referrals) {
        boolean sentenced = referrals.stream().anyMatch(r -> "SENTENCED".equals(r.justiceStage()));
        boolean awaiting = referrals.stream().anyMatch(r -> "AWAITING_COURT".equals(r.justiceStage()));
        if (rules.holdAwaitingCourt() && awaiting && !sentenced) {
            return Route.hold();
        }
        boolean sensitive =
                referrals.stream().anyMatch(r -> r.specialist() != null ? r.specialist() : specialist(rules, r));
        if (sensitive) {
            return Route.to(rules.specialistQueue(), "specialist");
        }
        if (referrals.stream().allMatch(r -> "PROBATION".equals(r.agency()))) {
            return Route.to(rules.postSentenceQueue(), "post-sentence");
        }
        if (referrals.stream().anyMatch(r -> "ASB".equals(r.caseType()) || "NEIGHBOUR_DISPUTE".equals(r.caseType()))) {
            return Route.to(rules.neighbourDisputeQueue(), "neighbour-dispute");
        }
        ReferralSummary lead = referrals.stream()
                .filter(r -> "POLICE".equals(r.agency()))
                .findFirst()
                .orElse(referrals.get(0));
        return rules.areaOfDistrict(lead.district())
                .map(a -> Route.to(a.queue(), "area"))
                .orElseThrow(() -> new IllegalStateException("validated referral has no area"));
    }
}
