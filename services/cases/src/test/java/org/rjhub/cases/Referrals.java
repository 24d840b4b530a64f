package org.rjhub.cases;

import org.rjhub.agencies.json.AgencyJson;
import org.rjhub.contracts.police.PoliceReferral;
import org.rjhub.contracts.probation.ProbationReferral;
import org.rjhub.contracts.victimsupport.VictimSupportReferral;

/**
 * Three agencies' referrals about one incident (invented people), in each agency's own JSON: police
 * (victim Imelda Quarrington, offender Kwabena Fairweather, sentenced), Victim Support (the victim, same
 * crime reference, with a needs assessment), probation (the offender, name mistyped, no crime reference).
 */
final class Referrals {

    static final String CRIME_REFERENCE = "42/10001/26";
    static final String VS_NEEDS_SUMMARY = "Wants to be heard.";

    private Referrals() {}

    static PoliceReferral police(String id) {
        return AgencyJson.police()
                .read("[" + """
                {"referralId": "%s", "crimeReference": "%s",
                 "offence": {"homeOfficeCode": "058/01", "category": "CRIMINAL_DAMAGE_AND_ARSON", "description": "Criminal damage"},
                 "incidentDate": "2026-09-11", "district": "Harlow", "asbFlag": false, "neighbourDispute": false,
                 "justiceStage": "SENTENCED",
                 "victims": [{"forename": "Imelda", "surname": "Quarrington", "dateOfBirth": "1971-05-06",
                   "address": {"line1": "1 Test Road", "line2": null, "town": "Harlow", "postcode": "CM20 1AB"},
                   "contact": {"preferredMethod": "LETTER", "phone": "07700 900002", "email": null}, "vulnerabilities": []}],
                 "offenders": [{"forename": "Kwabena", "surname": "Fairweather", "dateOfBirth": "1990-03-04",
                   "address": {"line1": "2 Test Road", "line2": null, "town": "Harlow", "postcode": "CM20 2AB"},
                   "contact": {"preferredMethod": "PHONE", "phone": "07700 900001", "email": null}, "vulnerabilities": []}],
                 "officerInCase": {"collarNumber": "1234", "name": "PC Example", "station": "Harlow"},
                 "victimConsentToReferral": true, "domesticAbuse": false, "hateCrime": false,
                 "submittedAt": "2026-10-01T09:00:00Z"}
                """.formatted(id, CRIME_REFERENCE) + "]")
                .get(0);
    }

    static VictimSupportReferral victimSupport(String id) {
        return AgencyJson.victimSupport()
                .read("[" + """
                {"vsCaseId": "%s",
                 "victim": {"forename": "Imelda", "surname": "Quarrington", "dateOfBirth": "1971-05-06", "postcode": "CM20 1AB",
                            "phone": "07700 900002", "email": null},
                 "needsAssessment": {"needs": ["EMOTIONAL_SUPPORT"], "summary": "%s", "assessedOn": "2026-10-02"},
                 "consentToContact": true, "preferredContact": "LETTER", "crimeType": "CRIMINAL_DAMAGE",
                 "crimeReference": "%s", "incidentDate": "2026-09-11", "offenderName": null, "district": "Harlow",
                 "submittedAt": "2026-10-03T09:00:00Z"}
                """.formatted(id, VS_NEEDS_SUMMARY, CRIME_REFERENCE) + "]")
                .get(0);
    }

    static ProbationReferral probation(String id) {
        return AgencyJson.probation().read("[" + """
                {"referralId": "%s", "crn": "X123456", "pncId": "2019/0123456A",
                 "offender": {"forename": "Kwabena", "surname": "Fairwether", "dateOfBirth": "1990-03-04",
                   "address": {"line1": "2 Test Road", "line2": null, "town": "Harlow", "postcode": "CM20 2AB"}},
                 "offence": {"homeOfficeCode": "058/01", "mainCategory": "Criminal damage and arson",
                             "description": "Criminal damage"},
                 "crimeReference": null, "district": "Harlow",
                 "sentence": {"type": "COMMUNITY_ORDER", "sentenceDate": "2026-10-10",
                              "court": "Chelmsford Magistrates' Court", "expectedReleaseDate": null},
                 "offenderManager": {"name": "Om Example", "team": "Harlow PDU", "email": "om@probation.example"},
                 "riskOfSeriousHarm": "LOW", "victim": null, "offenderWillingToParticipate": true,
                 "submittedAt": "2026-10-20T09:00:00Z"}
                """.formatted(id) + "]").get(0);
    }
}
