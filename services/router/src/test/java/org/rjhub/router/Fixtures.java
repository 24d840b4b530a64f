package org.rjhub.router;

import java.time.Instant;
import org.rjhub.agencies.json.AgencyJson;
import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.CaseEventResult;
import org.rjhub.contracts.hub.CaseEventStatus;
import org.rjhub.contracts.hub.CaseEventType;
import org.rjhub.contracts.hub.LinkDetails;
import org.rjhub.contracts.police.PoliceReferral;
import org.rjhub.contracts.probation.ProbationReferral;
import org.rjhub.contracts.victimsupport.VictimSupportReferral;

/**
 * Synthetic referrals (invented people) in each agency's own JSON, and facilitators' linkage decisions with the
 * case service's answers, for the router's tests.
 */
final class Fixtures {

    private Fixtures() {}

    /** A police referral; {@code %s} placeholders filled from the arguments. */
    static PoliceReferral police(
            String id,
            String crimeRef,
            String district,
            String stage,
            String category,
            String victimForename,
            String victimSurname,
            String victimDob,
            String victimPostcode) {
        String json = """
                {"referralId": "%s", "crimeReference": %s,
                 "offence": {"homeOfficeCode": "008/01", "category": "%s", "description": "Synthetic offence"},
                 "incidentDate": "2026-09-11", "district": "%s", "asbFlag": false, "neighbourDispute": false,
                 "justiceStage": "%s",
                 "victims": [{"forename": "%s", "surname": "%s", "dateOfBirth": "%s",
                   "address": {"line1": "1 Test Road", "line2": null, "town": "Harlow", "postcode": "%s"},
                   "contact": {"preferredMethod": "LETTER", "phone": null, "email": null}, "vulnerabilities": []}],
                 "offenders": [{"forename": "Kwabena", "surname": "Fairweather", "dateOfBirth": "1990-03-04",
                   "address": {"line1": "2 Test Road", "line2": null, "town": "Harlow", "postcode": "CM20 2AB"},
                   "contact": {"preferredMethod": "PHONE", "phone": "07700 900001", "email": null}, "vulnerabilities": []}],
                 "officerInCase": {"collarNumber": "1234", "name": "PC Example", "station": "Harlow"},
                 "victimConsentToReferral": true, "domesticAbuse": false, "hateCrime": false,
                 "submittedAt": "2026-10-01T09:00:00Z"}
                """.formatted(
                        id,
                        crimeRef == null ? "null" : "\"" + crimeRef + "\"",
                        category,
                        district,
                        stage,
                        victimForename,
                        victimSurname,
                        victimDob,
                        victimPostcode);
        return AgencyJson.police().read("[" + json + "]").get(0);
    }

    static PoliceReferral police(String id, String crimeRef) {
        return police(
                id,
                crimeRef,
                "Harlow",
                "OUT_OF_COURT",
                "CRIMINAL_DAMAGE_AND_ARSON",
                "Imelda",
                "Quarrington",
                "1971-05-06",
                "CM20 1AB");
    }

    static VictimSupportReferral victimSupport(
            String id, String crimeRef, String forename, String surname, String dob, String postcode) {
        String json = """
                {"vsCaseId": "%s",
                 "victim": {"forename": "%s", "surname": "%s", "dateOfBirth": %s, "postcode": %s,
                            "phone": null, "email": null},
                 "needsAssessment": {"needs": ["EMOTIONAL_SUPPORT"], "summary": "Wants to be heard.",
                                     "assessedOn": "2026-10-02"},
                 "consentToContact": true, "preferredContact": "LETTER", "crimeType": "CRIMINAL_DAMAGE",
                 "crimeReference": %s, "incidentDate": "2026-09-11", "offenderName": null, "district": "Harlow",
                 "submittedAt": "2026-10-03T09:00:00Z"}
                """.formatted(id, forename, surname, quoted(dob), quoted(postcode), quoted(crimeRef));
        return AgencyJson.victimSupport().read("[" + json + "]").get(0);
    }

    static ProbationReferral probation(
            String id, String crimeRef, String forename, String surname, String dob, String postcode) {
        String json = """
                {"referralId": "%s", "crn": "X123456", "pncId": "2019/0123456A",
                 "offender": {"forename": "%s", "surname": "%s", "dateOfBirth": "%s",
                   "address": {"line1": "2 Test Road", "line2": null, "town": "Harlow", "postcode": "%s"}},
                 "offence": {"homeOfficeCode": "058/01", "mainCategory": "Criminal damage and arson",
                             "description": "Criminal damage"},
                 "crimeReference": %s, "district": "Harlow",
                 "sentence": {"type": "COMMUNITY_ORDER", "sentenceDate": "2026-10-10",
                              "court": "Chelmsford Magistrates' Court", "expectedReleaseDate": null},
                 "offenderManager": {"name": "Om Example", "team": "Harlow PDU", "email": "om@probation.example"},
                 "riskOfSeriousHarm": "LOW", "victim": null, "offenderWillingToParticipate": true,
                 "submittedAt": "2026-10-20T09:00:00Z"}
                """.formatted(id, forename, surname, dob, postcode, quoted(crimeRef));
        return AgencyJson.probation().read("[" + json + "]").get(0);
    }

    /** A facilitator's LINK_CONFIRMED or KEEP_APART of two cases, as the case service receives it. */
    static CaseEvent linkage(String eventId, CaseEventType type, String caseId, String otherCaseId) {
        return CaseEvent.newBuilder()
                .setEventId(eventId)
                .setCaseId(caseId)
                .setEventType(type)
                .setPartyRole(null)
                .setActor("facilitator-7")
                .setOccurredAt(Instant.parse("2026-11-02T11:00:00Z"))
                .setDetails(new LinkDetails(otherCaseId, null))
                .build();
    }

    /** The case service's answer to a case event. */
    static CaseEventResult answer(CaseEvent event, CaseEventStatus status) {
        boolean refused = status == CaseEventStatus.REFUSED;
        return CaseEventResult.newBuilder()
                .setEventId(event.getEventId())
                .setCaseId(event.getCaseId())
                .setEventType(event.getEventType().name())
                .setActor(event.getActor())
                .setStatus(status)
                .setRule(refused ? "CASE_CLOSED" : null)
                .setReason(refused ? "the case is closed" : null)
                .setDecidedAt(event.getOccurredAt())
                .build();
    }

    private static String quoted(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }
}
