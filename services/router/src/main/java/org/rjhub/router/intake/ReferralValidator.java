package org.rjhub.router.intake;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.regex.Pattern;
import org.rjhub.agencies.mapping.Intake;
import org.rjhub.contracts.hub.CanonicalParty;
import org.rjhub.contracts.hub.PartyRole;
import org.rjhub.contracts.hub.Referral;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.router.routing.RoutingRules;

/** Checks a canonical referral against the {@link ValidationRule}s; throws on the first broken one. */
public final class ReferralValidator {

    /** UK postcode: outward code, one space, inward code (digit and two letters, not C I K M O V). */
    static final Pattern UK_POSTCODE = Pattern.compile("^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][ABD-HJLNP-UW-Z]{2}$");

    private static final ZoneId UK = ZoneId.of("Europe/London");

    private ReferralValidator() {}

    public static void validate(Intake intake, RoutingRules rules) {
        Referral r = intake.referral();
        LocalDate submitted = intake.submittedAt().atZone(UK).toLocalDate();
        SourceAgency agency = r.getSourceAgency();
        String id = r.getAgencyReferralId();
        if (id == null || id.isBlank()) {
            throw invalid(ValidationRule.REQUIRED_FIELD_EMPTY, keyField(agency), r, "the referral id is empty");
        }
        if (r.getParties().isEmpty()) {
            throw invalid(
                    ValidationRule.NO_PARTIES,
                    agency == SourceAgency.POLICE ? "victims" : "victim",
                    r,
                    "the referral names no party");
        }
        if (r.getIncidentDate() != null && r.getIncidentDate().isAfter(submitted)) {
            throw invalid(
                    ValidationRule.INCIDENT_DATE_IN_FUTURE,
                    "incidentDate",
                    r,
                    "the incident date is after the referral was submitted");
        }
        for (CanonicalParty p : r.getParties()) {
            String path = p.getSourcePath();
            if (p.getForename() == null || p.getForename().isBlank()) {
                throw invalid(ValidationRule.REQUIRED_FIELD_EMPTY, path + ".forename", r, "a forename is empty");
            }
            if (p.getSurname() == null || p.getSurname().isBlank()) {
                throw invalid(ValidationRule.REQUIRED_FIELD_EMPTY, path + ".surname", r, "a surname is empty");
            }
            checkName(p.getForename(), path + ".forename", r);
            checkName(p.getSurname(), path + ".surname", r);
            if (p.getDateOfBirth() != null && p.getDateOfBirth().isAfter(submitted)) {
                throw invalid(
                        ValidationRule.DATE_OF_BIRTH_IN_FUTURE,
                        path + ".dateOfBirth",
                        r,
                        "a date of birth is after the referral was submitted");
            }
            if (p.getPostcode() != null
                    && !UK_POSTCODE
                            .matcher(p.getPostcode().trim().toUpperCase(java.util.Locale.ROOT))
                            .matches()) {
                throw invalid(
                        ValidationRule.POSTCODE_SYNTAX,
                        path + postcodeField(agency, p),
                        r,
                        "a postcode is not a valid UK postcode");
            }
        }
        if (r.getDistrict() == null || r.getDistrict().isBlank()) {
            throw invalid(ValidationRule.REQUIRED_FIELD_EMPTY, "district", r, "the district is empty");
        }
        if (rules.areaOfDistrict(r.getDistrict()).isEmpty()) {
            throw invalid(
                    ValidationRule.DISTRICT_NOT_IN_ESSEX,
                    "district",
                    r,
                    "the district is not an Essex district or unitary authority");
        }
    }

    /** A name made only of invisible or control characters, of no letter, or of one repeated character. */
    private static void checkName(String name, String field, Referral r) {
        String problem = Text.notAName(name);
        if (problem != null) {
            throw invalid(ValidationRule.NAME_NOT_A_NAME, field, r, "a name " + problem);
        }
    }

    private static String keyField(SourceAgency agency) {
        return agency == SourceAgency.VICTIM_SUPPORT ? "vsCaseId" : "referralId";
    }

    private static String postcodeField(SourceAgency agency, CanonicalParty p) {
        boolean hasAddress = agency == SourceAgency.POLICE
                || (agency == SourceAgency.PROBATION && p.getRole() == PartyRole.OFFENDER);
        return hasAddress ? ".address.postcode" : ".postcode";
    }

    private static InvalidReferralException invalid(ValidationRule rule, String field, Referral r, String problem) {
        return new InvalidReferralException(rule, field, r.getSourceAgency(), r.getAgencyReferralId(), problem);
    }
}
