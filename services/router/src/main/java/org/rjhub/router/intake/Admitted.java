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
 * @param sealing       with a master key: the referral and its parties' queue display fields sealed under a new data
 *                      key of the referral; else null
 */
public record Admitted(Intake intake, boolean amendment, Ineligibility ineligibility, Sealing sealing) {

    /**
     * A referral sealed under a new data key ({@code keyId}, {@code wrappedKey} as the master key wraps it): the
     * canonical referral as {@code rj.referrals.v1} gets it, and each party's queue display fields (base64, in the
     * order of the referral's parties) as the queue items carry them; and, for an eligible referral, its blocking probes
     * (pseudonymised keys, parties sealed: {@code SealedLinkage}), else empty.
     */
    public record Sealing(
            Referral referral, String keyId, byte[] wrappedKey, List<String> parties, List<BlockProbe> probes) {

        /** Without probes. */
        public Sealing(Referral referral, String keyId, byte[] wrappedKey, List<String> parties) {
            this(referral, keyId, wrappedKey, parties, List.of());
        }
    }

    public Admitted(Intake intake, boolean amendment, Ineligibility ineligibility) {
        this(intake, amendment, ineligibility, null);
    }

    /** What linkage and routing keep of the referral; with its parties' display fields sealed when it is sealed. */
    public ReferralSummary summary() {
        ReferralSummary summary = ReferralSummary.of(intake.referral());
        return sealing == null ? summary : summary.withSealedParties(sealing.keyId(), sealing.parties());
    }

    public Admitted withIneligibility(Ineligibility reason) {
        return new Admitted(intake, amendment, reason, sealing);
    }

    public Admitted withSealing(Sealing s) {
        return new Admitted(intake, amendment, ineligibility, s);
    }
}
