package org.rjhub.matching;

import java.time.LocalDate;
import java.util.List;
import org.rjhub.contracts.hub.CanonicalParty;
import org.rjhub.contracts.hub.Referral;

/**
 * What linkage and routing need of a referral, kept in the router's own state (JSON): ids,
 * offence, stage, flags and each party's matching fields. No contact details, no agency extras.
 */
public record ReferralSummary(
        String hubReferralId,
        String agency,
        String agencyReferralId,
        String crimeReference,
        String caseType,
        String justiceStage,
        String district,
        String offenceCode,
        String offenceCategory,
        String offenceDescription,
        List<String> flags,
        List<PartySummary> parties) {

    /**
     * A party's matching fields.
     *
     * @param role        VICTIM, OFFENDER or OTHER_PARTY
     * @param forename    as given
     * @param surname     as given
     * @param dateOfBirth if known
     * @param postcode    if known
     * @param addressLine first address line, if known (strong evidence for person matching)
     */
    public record PartySummary(
            String role, String forename, String surname, LocalDate dateOfBirth, String postcode, String addressLine) {}

    public ReferralSummary {
        flags = flags == null ? List.of() : List.copyOf(flags);
        parties = parties == null ? List.of() : List.copyOf(parties);
    }

    public static ReferralSummary of(Referral r) {
        var offence = r.getOffence();
        return new ReferralSummary(
                r.getHubReferralId(),
                r.getSourceAgency().name(),
                r.getAgencyReferralId(),
                normaliseCrimeReference(r.getCrimeReference()),
                r.getCaseType().name(),
                r.getJusticeStage().name(),
                r.getDistrict(),
                offence == null ? null : offence.getCode(),
                offence == null ? null : offence.getCategory().name(),
                offence == null ? null : offence.getDescription(),
                r.getSensitivityFlags().stream().map(Enum::name).sorted().toList(),
                r.getParties().stream().map(ReferralSummary::party).toList());
    }

    private static PartySummary party(CanonicalParty p) {
        var address = p.getContact() == null ? null : p.getContact().getAddress();
        return new PartySummary(
                p.getRole().name(),
                p.getForename(),
                p.getSurname(),
                p.getDateOfBirth(),
                p.getPostcode(),
                address == null ? null : address.getLine1());
    }

    /** Crime references compared without spaces and case: {@code 42/12345/26}. */
    static String normaliseCrimeReference(String ref) {
        if (ref == null || ref.isBlank()) {
            return null;
        }
        return ref.replaceAll("\\s+", "").toUpperCase(java.util.Locale.ROOT);
    }
}
