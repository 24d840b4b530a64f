package org.rjhub.reporting.facts;

import java.time.Instant;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.contracts.hub.SourceAgency;

/**
 * What reaches the referral stage, keyed by the referral's pseudonym: the minimised canonical referral, or an
 * acknowledgement the router sent the agency.
 *
 * @param kind    which of the two
 * @param details DETAILS: the minimised referral
 * @param ack     ACK: the outcome type
 * @param agency  ACK: the agency
 * @param caseKey ACK: pseudonym of the hub case named, or null
 * @param at      ACK: when it happened
 */
public record ReferralInput(
        Kind kind, ReferralDetails details, OutcomeType ack, SourceAgency agency, String caseKey, Instant at) {

    /** Message kinds. */
    public enum Kind {
        DETAILS,
        ACK
    }

    public static ReferralInput details(ReferralDetails details) {
        return new ReferralInput(Kind.DETAILS, details, null, details.agency(), null, details.receivedAt());
    }

    public static ReferralInput ack(OutcomeType type, SourceAgency agency, String caseKey, Instant at) {
        return new ReferralInput(Kind.ACK, null, type, agency, caseKey, at);
    }
}
