package org.rjhub.matching;

import java.time.LocalDate;
import java.util.List;
import org.rjhub.contracts.hub.CanonicalParty;
import org.rjhub.contracts.hub.Referral;

/**
 * What linkage and routing need of a referral, kept in the router's own state: ids,
 * offence, stage, flags and each party's matching fields. No contact details, no agency extras.
 *
 * <p>With a master key the referral's offence wording and flags are also sealed under its data key ({@code
 * detailsKeyId}, {@code sealedDetails}: a {@code QueueDetails}, base64, copied as it is into the queue items), and
 * {@code specialist} holds the routing rules' decision made from the flags at intake, so that the case graph keeps
 * neither in clear ({@link #forCaseGraph}) and still routes sensitive cases to the specialist queue.
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
        List<PartySummary> parties,
        Boolean specialist,
        String detailsKeyId,
        String sealedDetails) {

    /**
     * A party's matching fields.
     *
     * @param role        VICTIM, OFFENDER or OTHER_PARTY
     * @param forename    as given
     * @param surname     as given
     * @param dateOfBirth if known
     * @param postcode    if known
     * @param addressLine first address line, if known (strong evidence for person matching)
     * @param dataKeyId   with a master key: the referral's data key, under which {@code sealed} holds the party as the
     *                    facilitators' queues show it; else null
     * @param sealed      with a master key: the party's queue display fields (name, district) sealed under {@code
     *                    dataKeyId}, base64, copied as they are into the queue items; else null
     * @param identity    in the case graph of a router with a master key: a keyed pseudonym of the party's name
     *                    (forename and surname in lower case), by which a case's queue item names a party once
     *                    however many of its referrals name them, the names themselves not kept ({@link
     *                    #forCaseGraph}); else null (the names in clear tell)
     */
    public record PartySummary(
            String role,
            String forename,
            String surname,
            LocalDate dateOfBirth,
            String postcode,
            String addressLine,
            String dataKeyId,
            String sealed,
            String identity) {

        /** A party with or without sealed display fields, no identity pseudonym. */
        public PartySummary(
                String role,
                String forename,
                String surname,
                LocalDate dateOfBirth,
                String postcode,
                String addressLine,
                String dataKeyId,
                String sealed) {
            this(role, forename, surname, dateOfBirth, postcode, addressLine, dataKeyId, sealed, null);
        }

        /** A party in clear (no sealed display fields). */
        public PartySummary(
                String role,
                String forename,
                String surname,
                LocalDate dateOfBirth,
                String postcode,
                String addressLine) {
            this(role, forename, surname, dateOfBirth, postcode, addressLine, null, null);
        }

        /** The same party with its display fields sealed under data key {@code keyId}. */
        public PartySummary withSealed(String keyId, String sealedDisplay) {
            return new PartySummary(
                    role, forename, surname, dateOfBirth, postcode, addressLine, keyId, sealedDisplay, identity);
        }

        /**
         * The party as the case graph keeps it when it is sealed: its role, sealed display fields and {@code identity}
         * (a pseudonym of its name); names empty, no date of birth, postcode or address.
         */
        public PartySummary withoutPersonalFields(String identity) {
            return new PartySummary(role, "", "", null, null, null, dataKeyId, sealed, identity);
        }
    }

    public ReferralSummary {
        flags = flags == null ? List.of() : List.copyOf(flags);
        parties = parties == null ? List.of() : List.copyOf(parties);
    }

    /** A summary without sealed details (a router without a master key). */
    public ReferralSummary(
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
        this(
                hubReferralId,
                agency,
                agencyReferralId,
                crimeReference,
                caseType,
                justiceStage,
                district,
                offenceCode,
                offenceCategory,
                offenceDescription,
                flags,
                parties,
                null,
                null,
                null);
    }

    /**
     * The same referral with its offence wording and flags sealed under data key {@code keyId} ({@code sealed}, base64)
     * and the routing rules' decision made from its flags ({@code specialist}).
     */
    public ReferralSummary withSealedDetails(String keyId, String sealed, boolean specialist) {
        return new ReferralSummary(
                hubReferralId,
                agency,
                agencyReferralId,
                crimeReference,
                caseType,
                justiceStage,
                district,
                offenceCode,
                offenceCategory,
                offenceDescription,
                flags,
                parties,
                specialist,
                keyId,
                sealed);
    }

    /** The same referral with each party's display fields sealed: {@code sealed} in the order of {@link #parties}. */
    public ReferralSummary withSealedParties(String keyId, List<String> sealed) {
        if (sealed.size() != parties.size()) {
            throw new IllegalArgumentException(sealed.size() + " sealed parties for " + parties.size());
        }
        List<PartySummary> out = new java.util.ArrayList<>();
        for (int i = 0; i < parties.size(); i++) {
            out.add(parties.get(i).withSealed(keyId, sealed.get(i)));
        }
        return new ReferralSummary(
                hubReferralId,
                agency,
                agencyReferralId,
                crimeReference,
                caseType,
                justiceStage,
                district,
                offenceCode,
                offenceCategory,
                offenceDescription,
                flags,
                out,
                specialist,
                detailsKeyId,
                sealedDetails);
    }

    /**
     * What the case graph needs of a sealed referral (its parties' display fields sealed, {@link #withSealedParties}):
     * no crime reference, and each party {@link PartySummary#withoutPersonalFields without its personal fields}, named
     * by {@code identity}'s pseudonym of it; with its offence wording and flags sealed ({@link #withSealedDetails}),
     * the wording empty and no flags, {@code specialist} routing in their stead. The graph links by the blocking
     * shards' results and routes by the operational fields, so it decides the same cases and queues from this as from
     * the whole summary.
     */
    public ReferralSummary forCaseGraph(java.util.function.Function<PartySummary, String> identity) {
        return new ReferralSummary(
                hubReferralId,
                agency,
                agencyReferralId,
                null,
                caseType,
                justiceStage,
                district,
                offenceCode,
                offenceCategory,
                sealedDetails == null || offenceDescription == null ? offenceDescription : "",
                sealedDetails == null ? flags : List.of(),
                parties.stream()
                        .map(p -> p.withoutPersonalFields(identity.apply(p)))
                        .toList(),
                specialist,
                detailsKeyId,
                sealedDetails);
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
