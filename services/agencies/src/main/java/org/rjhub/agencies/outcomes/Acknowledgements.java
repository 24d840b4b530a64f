package org.rjhub.agencies.outcomes;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.contracts.hub.SourceAgency;

/**
 * Builds the thin, versioned outcome envelopes agencies receive (in the spirit of HMPPS domain
 * events). Event ids are derived from the content, so a replay after a crash writes the same ids.
 */
public final class Acknowledgements {

    /** Version of the outcome envelope. */
    public static final int VERSION = 1;

    private Acknowledgements() {}

    public static Outcome outcome(
            OutcomeType type, SourceAgency agency, String agencyReferralId, String caseId, String reason, Instant at) {
        String identity = type + "|" + agency + "|" + agencyReferralId + "|" + caseId + "|" + reason;
        return Outcome.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8))
                        .toString())
                .setEventType(type)
                .setVersion(VERSION)
                .setOccurredAt(at)
                .setDescription(describe(type))
                .setAgency(agency)
                .setAgencyReferralId(agencyReferralId)
                .setHubCaseId(caseId)
                .setReason(reason)
                .setDeclinedBy(null)
                .setAdditionalInformation(Map.of())
                .build();
    }

    static String describe(OutcomeType type) {
        return switch (type) {
            case RECEIVED -> "Referral received; a new restorative justice case was opened";
            case LINKED -> "Referral received and linked to an existing restorative justice case";
            case REJECTED -> "Referral rejected: see reason, correct and resend";
            case REFERRED_ON -> "Referral passed on to another service";
            case NOT_ELIGIBLE -> "Referral not eligible for this service";
            case AMENDED -> "Amendment applied to the case";
            case ERASED -> "The hub erased what it held about the referral; the agency's own records are its own";
            default ->
                "Case update: " + type.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
    }
}
