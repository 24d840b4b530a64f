package org.rjhub.router.intake;

import org.rjhub.agencies.mapping.Intake;
import org.rjhub.matching.ReferralSummary;
import org.rjhub.router.routing.QueueRouter.Ineligibility;

/**
 * A referral past validation and deduplication.
 *
 * @param intake        the referral
 * @param amendment     true when it changes an earlier version of the same agency referral
 * @param ineligibility why it is not taken into a case (youth, out of area), or null
 */
public record Admitted(Intake intake, boolean amendment, Ineligibility ineligibility) {

    public ReferralSummary summary() {
        return ReferralSummary.of(intake.referral());
    }

    public Admitted withIneligibility(Ineligibility reason) {
        return new Admitted(intake, amendment, reason);
    }
}
