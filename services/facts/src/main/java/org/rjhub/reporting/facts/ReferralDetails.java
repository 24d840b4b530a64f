package org.rjhub.reporting.facts;

import java.time.Instant;
import java.util.List;
import org.rjhub.contracts.hub.AgeBand;
import org.rjhub.contracts.hub.CaseType;
import org.rjhub.contracts.hub.JusticeStage;
import org.rjhub.contracts.hub.OffenceCategory;
import org.rjhub.contracts.hub.PartyRole;
import org.rjhub.contracts.hub.SourceAgency;

/**
 * A canonical referral after minimisation: what reporting may know of it and nothing more. This is the
 * first thing made of a {@code Referral} read from Kafka, so no personal data reaches the service's own
 * internal topics and stores.
 *
 * @param referralKey     pseudonym of the agency referral
 * @param agency          the referring agency
 * @param receivedAt      when the hub received it
 * @param district        a known district, {@link Districts#OTHER}, or null (rejected referrals)
 * @param caseType        crime, ASB or neighbour dispute
 * @param offenceCategory the hub's category, or null
 * @param justiceStage    stage of the justice process
 * @param parties         the parties: role, age band, person pseudonym
 */
public record ReferralDetails(
        String referralKey,
        SourceAgency agency,
        Instant receivedAt,
        String district,
        CaseType caseType,
        OffenceCategory offenceCategory,
        JusticeStage justiceStage,
        List<Party> parties) {

    public ReferralDetails {
        parties = parties == null ? List.of() : List.copyOf(parties);
    }

    /** What a rejected referral is known by: its agency and when it was refused. */
    public static ReferralDetails rejected(String referralKey, SourceAgency agency, Instant at) {
        return new ReferralDetails(referralKey, agency, at, null, null, null, null, List.of());
    }

    /**
     * A party, minimised.
     *
     * @param role      role in the case
     * @param ageBand   age band on the day the referral was received
     * @param personKey pseudonym of the person's PNC id or CRN, or null
     */
    public record Party(PartyRole role, AgeBand ageBand, String personKey) {}
}
