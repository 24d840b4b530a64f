package org.rjhub.router.intake;

import java.util.Optional;
import org.rjhub.contracts.hub.Referral;

/**
 * The referring agency's recorded consent to refer, as each agency's contract carries it: without it the hub shares
 * nothing about the referral with anyone (no case, no queue item) and answers {@code NOT_ELIGIBLE}.
 *
 * <ul>
 *   <li>police: {@code victimConsentToReferral}, the victim agreed to their details being passed on;
 *   <li>probation: {@code offenderWillingToParticipate}, the person on probation agreed to take part;
 *   <li>Victim Support: {@code consentToContact}, the victim agreed to the RJ service contacting them.
 * </ul>
 *
 * An amendment that withdraws it takes the referral out of its case (see the router's DESIGN.md). The reasons are
 * fixed words, never personal data.
 */
public final class Consent {

    private Consent() {}

    /** Why the referral may not be shared, or empty when the agency recorded consent. */
    public static Optional<String> missing(Referral r) {
        if (r.getPoliceDetails() != null && !r.getPoliceDetails().getVictimConsentToReferral()) {
            return Optional.of("no consent to refer: victimConsentToReferral is false (the victim has not agreed to"
                    + " their details being passed on)");
        }
        if (r.getProbationDetails() != null && !r.getProbationDetails().getOffenderWillingToParticipate()) {
            return Optional.of("no consent to refer: offenderWillingToParticipate is false");
        }
        if (r.getVictimSupportDetails() != null && !r.getVictimSupportDetails().getConsentToContact()) {
            return Optional.of("no consent to refer: consentToContact is false");
        }
        return Optional.empty();
    }
}
