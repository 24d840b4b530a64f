package org.rjhub.agencies.mapping;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.rjhub.contracts.hub.Address;
import org.rjhub.contracts.hub.CanonicalParty;
import org.rjhub.contracts.hub.CaseType;
import org.rjhub.contracts.hub.ContactDetails;
import org.rjhub.contracts.hub.ContactMethod;
import org.rjhub.contracts.hub.IdentifierType;
import org.rjhub.contracts.hub.JusticeStage;
import org.rjhub.contracts.hub.Offence;
import org.rjhub.contracts.hub.OffenceCategory;
import org.rjhub.contracts.hub.OffenderManager;
import org.rjhub.contracts.hub.OfficerInCase;
import org.rjhub.contracts.hub.PartyRole;
import org.rjhub.contracts.hub.PersonIdentifier;
import org.rjhub.contracts.hub.PoliceDetails;
import org.rjhub.contracts.hub.ProbationDetails;
import org.rjhub.contracts.hub.Referral;
import org.rjhub.contracts.hub.RiskOfSeriousHarm;
import org.rjhub.contracts.hub.SensitivityFlag;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.contracts.hub.VictimNeed;
import org.rjhub.contracts.hub.VictimNeeds;
import org.rjhub.contracts.hub.VictimSupportDetails;
import org.rjhub.contracts.hub.Vulnerability;
import org.rjhub.contracts.police.Party;
import org.rjhub.contracts.police.PoliceReferral;
import org.rjhub.contracts.probation.ProbationReferral;
import org.rjhub.contracts.victimsupport.VictimSupportReferral;

/** Maps each agency's referral onto the one canonical {@link Referral}. Pure functions. */
public final class CanonicalMapper {

    private CanonicalMapper() {}

    /** The hub's id of an agency referral: agency and the agency's own id. */
    public static String hubReferralId(SourceAgency agency, String agencyReferralId) {
        return agency.name() + "/" + agencyReferralId;
    }

    public static Intake police(PoliceReferral r, Instant receivedAt) {
        List<CanonicalParty> parties = new ArrayList<>();
        for (int i = 0; i < r.getVictims().size(); i++) {
            parties.add(policeParty(r.getVictims().get(i), PartyRole.VICTIM, "victims[" + i + "]"));
        }
        PartyRole other = r.getNeighbourDispute() ? PartyRole.OTHER_PARTY : PartyRole.OFFENDER;
        for (int i = 0; i < r.getOffenders().size(); i++) {
            parties.add(policeParty(r.getOffenders().get(i), other, "offenders[" + i + "]"));
        }
        Set<SensitivityFlag> flags = EnumSet.noneOf(SensitivityFlag.class);
        Offence offence = null;
        if (r.getOffence() != null) {
            OffenceCategory category =
                    OffenceCategory.valueOf(r.getOffence().getCategory().name());
            offence = new Offence(
                    r.getOffence().getHomeOfficeCode(), category, r.getOffence().getDescription());
            flags.addAll(flagsOf(category));
        }
        if (r.getDomesticAbuse()) {
            flags.add(SensitivityFlag.DOMESTIC_ABUSE);
        }
        if (r.getHateCrime()) {
            flags.add(SensitivityFlag.HATE_CRIME);
        }
        CaseType caseType =
                r.getNeighbourDispute() ? CaseType.NEIGHBOUR_DISPUTE : r.getAsbFlag() ? CaseType.ASB : CaseType.CRIME;
        var officer = r.getOfficerInCase();
        Referral referral = Referral.newBuilder()
                .setHubReferralId(hubReferralId(SourceAgency.POLICE, r.getReferralId()))
                .setSourceAgency(SourceAgency.POLICE)
                .setAgencyReferralId(r.getReferralId())
                .setCrimeReference(r.getCrimeReference())
                .setOffence(offence)
                .setCaseType(caseType)
                .setJusticeStage(JusticeStage.valueOf(r.getJusticeStage().name()))
                .setDistrict(r.getDistrict())
                .setIncidentDate(r.getIncidentDate())
                .setParties(parties)
                .setSensitivityFlags(new ArrayList<>(flags))
                .setPoliceDetails(new PoliceDetails(
                        new OfficerInCase(officer.getCollarNumber(), officer.getName(), officer.getStation()),
                        r.getVictimConsentToReferral()))
                .setProbationDetails(null)
                .setVictimSupportDetails(null)
                .setVictimSupportNeeds(null)
                .setContentHash("")
                .setReceivedAt(receivedAt)
                .build();
        return new Intake(withHash(referral), r.getSubmittedAt());
    }

    private static CanonicalParty policeParty(Party p, PartyRole role, String path) {
        var a = p.getAddress();
        var c = p.getContact();
        List<Vulnerability> vulnerabilities = new ArrayList<>();
        p.getVulnerabilities().forEach(v -> vulnerabilities.add(Vulnerability.valueOf(v.name())));
        return CanonicalParty.newBuilder()
                .setRole(role)
                .setSourcePath(path)
                .setForename(p.getForename())
                .setSurname(p.getSurname())
                .setDateOfBirth(p.getDateOfBirth())
                .setPostcode(a.getPostcode())
                .setIdentifiers(List.of())
                .setContact(new ContactDetails(
                        ContactMethod.valueOf(c.getPreferredMethod().name()),
                        c.getPhone(),
                        c.getEmail(),
                        new Address(a.getLine1(), a.getLine2(), a.getTown(), a.getPostcode())))
                .setVulnerabilities(vulnerabilities)
                .build();
    }

    public static Intake probation(ProbationReferral r, Instant receivedAt) {
        var o = r.getOffender();
        List<PersonIdentifier> ids = new ArrayList<>();
        ids.add(new PersonIdentifier(IdentifierType.CRN, r.getCrn()));
        if (r.getPncId() != null) {
            ids.add(new PersonIdentifier(IdentifierType.PNC, r.getPncId()));
        }
        List<CanonicalParty> parties = new ArrayList<>();
        parties.add(CanonicalParty.newBuilder()
                .setRole(PartyRole.OFFENDER)
                .setSourcePath("offender")
                .setForename(o.getForename())
                .setSurname(o.getSurname())
                .setDateOfBirth(o.getDateOfBirth())
                .setPostcode(o.getAddress().getPostcode())
                .setIdentifiers(ids)
                .setContact(new ContactDetails(
                        ContactMethod.VIA_REFERRER,
                        null,
                        null,
                        new Address(
                                o.getAddress().getLine1(),
                                o.getAddress().getLine2(),
                                o.getAddress().getTown(),
                                o.getAddress().getPostcode())))
                .setVulnerabilities(List.of())
                .build());
        if (r.getVictim() != null) {
            var v = r.getVictim();
            parties.add(CanonicalParty.newBuilder()
                    .setRole(PartyRole.VICTIM)
                    .setSourcePath("victim")
                    .setForename(v.getForename())
                    .setSurname(v.getSurname())
                    .setDateOfBirth(v.getDateOfBirth())
                    .setPostcode(v.getPostcode())
                    .setIdentifiers(List.of())
                    .setContact(null)
                    .setVulnerabilities(List.of())
                    .build());
        }
        OffenceCategory category = parseCategory(r.getOffence().getMainCategory());
        var om = r.getOffenderManager();
        var sentence = r.getSentence();
        Referral referral = Referral.newBuilder()
                .setHubReferralId(hubReferralId(SourceAgency.PROBATION, r.getReferralId()))
                .setSourceAgency(SourceAgency.PROBATION)
                .setAgencyReferralId(r.getReferralId())
                .setCrimeReference(r.getCrimeReference())
                .setOffence(new Offence(
                        r.getOffence().getHomeOfficeCode(),
                        category,
                        r.getOffence().getDescription()))
                .setCaseType(CaseType.CRIME)
                .setJusticeStage(JusticeStage.SENTENCED)
                .setDistrict(r.getDistrict())
                .setIncidentDate(null)
                .setParties(parties)
                .setSensitivityFlags(new ArrayList<>(flagsOf(category)))
                .setPoliceDetails(null)
                .setProbationDetails(new ProbationDetails(
                        r.getCrn(),
                        RiskOfSeriousHarm.valueOf(r.getRiskOfSeriousHarm().name()),
                        new OffenderManager(om.getName(), om.getTeam(), om.getEmail()),
                        sentence.getType().name(),
                        sentence.getSentenceDate(),
                        sentence.getExpectedReleaseDate(),
                        r.getOffenderWillingToParticipate()))
                .setVictimSupportDetails(null)
                .setVictimSupportNeeds(null)
                .setContentHash("")
                .setReceivedAt(receivedAt)
                .build();
        return new Intake(withHash(referral), r.getSubmittedAt());
    }

    public static Intake victimSupport(VictimSupportReferral r, Instant receivedAt) {
        var v = r.getVictim();
        ContactMethod method = switch (r.getPreferredContact()) {
            case PHONE -> ContactMethod.PHONE;
            case TEXT -> ContactMethod.TEXT;
            case EMAIL -> ContactMethod.EMAIL;
            case LETTER -> ContactMethod.LETTER;
            case VIA_VICTIM_SUPPORT -> ContactMethod.VIA_REFERRER;
        };
        CanonicalParty victim = CanonicalParty.newBuilder()
                .setRole(PartyRole.VICTIM)
                .setSourcePath("victim")
                .setForename(v.getForename())
                .setSurname(v.getSurname())
                .setDateOfBirth(v.getDateOfBirth())
                .setPostcode(v.getPostcode())
                .setIdentifiers(List.of())
                .setContact(new ContactDetails(method, v.getPhone(), v.getEmail(), null))
                .setVulnerabilities(List.of())
                .build();
        var crime = r.getCrimeType();
        Set<SensitivityFlag> flags = EnumSet.noneOf(SensitivityFlag.class);
        OffenceCategory category = switch (crime) {
            case ASSAULT -> OffenceCategory.VIOLENCE_WITH_INJURY;
            case BURGLARY -> OffenceCategory.BURGLARY;
            case CRIMINAL_DAMAGE -> OffenceCategory.CRIMINAL_DAMAGE_AND_ARSON;
            case FRAUD -> OffenceCategory.FRAUD;
            case ROBBERY -> OffenceCategory.ROBBERY;
            case THEFT -> OffenceCategory.THEFT;
            case SEXUAL_VIOLENCE -> OffenceCategory.SEXUAL_OFFENCES;
            case STALKING_AND_HARASSMENT -> OffenceCategory.STALKING_AND_HARASSMENT;
            case MODERN_SLAVERY -> OffenceCategory.MODERN_SLAVERY;
            case DOMESTIC_ABUSE, HATE_CRIME, ANTI_SOCIAL_BEHAVIOUR, OTHER -> OffenceCategory.OTHER;
        };
        flags.addAll(flagsOf(category));
        if (crime == org.rjhub.contracts.victimsupport.CrimeType.DOMESTIC_ABUSE) {
            flags.add(SensitivityFlag.DOMESTIC_ABUSE);
        }
        if (crime == org.rjhub.contracts.victimsupport.CrimeType.HATE_CRIME) {
            flags.add(SensitivityFlag.HATE_CRIME);
        }
        List<VictimNeed> needs = new ArrayList<>();
        r.getNeedsAssessment().getNeeds().forEach(n -> needs.add(VictimNeed.valueOf(n.name())));
        Referral referral = Referral.newBuilder()
                .setHubReferralId(hubReferralId(SourceAgency.VICTIM_SUPPORT, r.getVsCaseId()))
                .setSourceAgency(SourceAgency.VICTIM_SUPPORT)
                .setAgencyReferralId(r.getVsCaseId())
                .setCrimeReference(r.getCrimeReference())
                .setOffence(new Offence(
                        null,
                        category,
                        crime.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')))
                .setCaseType(
                        crime == org.rjhub.contracts.victimsupport.CrimeType.ANTI_SOCIAL_BEHAVIOUR
                                ? CaseType.ASB
                                : CaseType.CRIME)
                .setJusticeStage(JusticeStage.UNKNOWN)
                .setDistrict(r.getDistrict())
                .setIncidentDate(r.getIncidentDate())
                .setParties(List.of(victim))
                .setSensitivityFlags(new ArrayList<>(flags))
                .setPoliceDetails(null)
                .setProbationDetails(null)
                .setVictimSupportDetails(new VictimSupportDetails(r.getConsentToContact(), r.getOffenderName()))
                .setVictimSupportNeeds(new VictimNeeds(
                        needs,
                        r.getNeedsAssessment().getSummary(),
                        r.getNeedsAssessment().getAssessedOn()))
                .setContentHash("")
                .setReceivedAt(receivedAt)
                .build();
        return new Intake(withHash(referral), r.getSubmittedAt());
    }

    static Set<SensitivityFlag> flagsOf(OffenceCategory category) {
        return switch (category) {
            case SEXUAL_OFFENCES -> EnumSet.of(SensitivityFlag.SEXUAL_OFFENCE);
            case STALKING_AND_HARASSMENT -> EnumSet.of(SensitivityFlag.STALKING);
            case MODERN_SLAVERY -> EnumSet.of(SensitivityFlag.TRAFFICKING);
            default -> EnumSet.noneOf(SensitivityFlag.class);
        };
    }

    private static OffenceCategory parseCategory(String text) {
        String symbol = text == null
                ? ""
                : text.trim().toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z]+", "_");
        for (OffenceCategory c : OffenceCategory.values()) {
            if (c.name().equals(symbol)) {
                return c;
            }
        }
        return OffenceCategory.OTHER;
    }

    /**
     * The content hash: SHA-256 of the canonical referral without receipt time and hash, so a
     * redelivery hashes the same and any amendment differently.
     */
    static Referral withHash(Referral referral) {
        Referral copy = Referral.newBuilder(referral)
                .setReceivedAt(Instant.EPOCH)
                .setContentHash("")
                .build();
        try {
            // Avro's binary single-object encoding: canonical for one schema, and far cheaper than JSON text
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(Referral.getEncoder().encode(copy));
            byte[] digest = sha.digest();
            referral.setContentHash(HexFormat.of().formatHex(digest));
            return referral;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot encode a referral in memory", e);
        }
    }
}
