package org.rjhub.reporting.facts;

import java.util.ArrayList;
import java.util.List;
import org.rjhub.contracts.hub.ReferralIntake;
import org.rjhub.contracts.hub.SourceAgency;

/** What the referral stage keeps per referral (store {@value ReferralStage#STORE}), pseudonymised. */
public final class ReferralState {

    /** The minimised referral, once its canonical form has been read. */
    public ReferralDetails details;
    /** The agency. */
    public SourceAgency agency;
    /** Pseudonym of its current case, or null. */
    public String caseKey;
    /** What the hub did with it, once acknowledged. */
    public ReferralIntake intake;
    /** Changes so far. */
    public long version;
    /** Facts written under the referral's own key (for referrals that are not in a case). */
    public long factSequence;
    /** Acknowledgements that arrived before the canonical referral, in order. */
    public List<ReferralInput> pending = new ArrayList<>();

    /** The key version of the referral's last published fact; 0 before key versions (then 1 if any) or none yet. */
    public int publishedKeyVersion;

    /** The referral as it is now, to be published under {@code keyVersion} (recorded as its last published one). */
    ReferralView view(int keyVersion) {
        return view(details, keyVersion);
    }

    /** {@code shown} as the referral now stands, to be published under {@code keyVersion}. */
    ReferralView view(ReferralDetails shown, int keyVersion) {
        int previous = publishedKeyVersion != 0 ? publishedKeyVersion : version > 1 ? 1 : 0;
        publishedKeyVersion = keyVersion;
        return new ReferralView(shown, version, intake, caseKey, previous);
    }
}
