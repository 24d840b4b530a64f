package org.rjhub.router.intake;

import java.util.List;
import org.rjhub.agencies.mapping.Intake;
import org.rjhub.contracts.hub.Referral;
import org.rjhub.matching.ReferralSummary;
import org.rjhub.router.linkage.BlockProbe;
import org.rjhub.router.routing.QueueRouter.Ineligibility;

/**
 * A referral past validation and deduplication.
 *
 * @param intake        the referral
 * @param amendment     true when it changes an earlier version of the same agency referral
 * @param ineligibility why it is not taken into a case (youth, out of area), or null
 * @param specialist    for an eligible referral: whether the routing rules in force at intake send a case with it to the
 *                      specialist queue (one of its flags is a specialist flag), which the case graph routes by once
 *                      the flags are sealed
 * @param sealing       with a master key: the referral, its parties' queue display fields and its offence wording and
 *                      flags sealed under a new data key of the referral; else null
 */
public record Admitted(
        Intake intake, boolean amendment, Ineligibility ineligibility, boolean specialist, Sealing sealing) {

    /**
     * A referral sealed under a new data key ({@code keyId}, {@code wrappedKey} as the master key wraps it): the
     * canonical referral as {@code rj.referrals.v1} gets it, and each party's queue display fields (base64, in the
     * order of the referral's parties) and its offence wording and flags ({@code details}, base64) as the queue items
     * carry them; and, for an eligible referral, its blocking probes (pseudonymised keys, parties sealed: {@code
     * SealedLinkage}), else empty.
     */
    public record Sealing(
            Referral referral,
            String keyId,
            byte[] wrappedKey,
            List<String> parties,
            String details,
            List<BlockProbe> probes) {}

    public Admitted(Intake intake, boolean amendment, Ineligibility ineligibility) {
        this(intake, amendment, ineligibility, false, null);
    }

    /** What linkage and routing keep of the referral; with its parties' display fields sealed when it is sealed. */
    public ReferralSummary summary() {
        ReferralSummary summary = ReferralSummary.of(intake.referral());
        return sealing == null
                ? summary
                : summary.withSealedParties(sealing.keyId(), sealing.parties())
                        .withSealedDetails(sealing.keyId(), sealing.details(), specialist);
    }

    public Admitted withIneligibility(Ineligibility reason) {
        return new Admitted(intake, amendment, reason, specialist, sealing);
    }

    /** The same referral with the routing rules' specialist decision made from its flags. */
    public Admitted withSpecialist(boolean sendToSpecialist) {
        return new Admitted(intake, amendment, ineligibility, sendToSpecialist, sealing);
    }

    public Admitted withSealing(Sealing s) {
        return new Admitted(intake, amendment, ineligibility, specialist, s);
    }
}
