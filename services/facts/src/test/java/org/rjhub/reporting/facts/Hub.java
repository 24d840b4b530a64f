package org.rjhub.reporting.facts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.rjhub.contracts.hub.Address;
import org.rjhub.contracts.hub.CanonicalParty;
import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.CaseEventResult;
import org.rjhub.contracts.hub.CaseEventStatus;
import org.rjhub.contracts.hub.CaseEventType;
import org.rjhub.contracts.hub.CaseType;
import org.rjhub.contracts.hub.ContactDetails;
import org.rjhub.contracts.hub.ContactMethod;
import org.rjhub.contracts.hub.IdentifierType;
import org.rjhub.contracts.hub.JusticeStage;
import org.rjhub.contracts.hub.Offence;
import org.rjhub.contracts.hub.OffenceCategory;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.contracts.hub.PartyRole;
import org.rjhub.contracts.hub.PersonIdentifier;
import org.rjhub.contracts.hub.Referral;
import org.rjhub.contracts.hub.SourceAgency;

/** Synthetic hub records (what the router and the case service write) for the facts tests. */
final class Hub {

    static final Instant T0 = Instant.parse("2026-10-05T09:00:00Z");

    private Hub() {}

    static Referral referral(SourceAgency agency, String id, String district, Instant receivedAt) {
        return Referral.newBuilder()
                .setHubReferralId(agency + "/" + id)
                .setSourceAgency(agency)
                .setAgencyReferralId(id)
                .setCrimeReference("42/10001/26")
                .setOffence(new Offence(
                        "105/01", OffenceCategory.VIOLENCE_WITH_INJURY, "Assault occasioning actual bodily harm"))
                .setCaseType(CaseType.CRIME)
                .setJusticeStage(JusticeStage.OUT_OF_COURT)
                .setDistrict(district)
                .setIncidentDate(LocalDate.parse("2026-09-20"))
                .setParties(List.of(
                        party(PartyRole.VICTIM, "Imelda", "Quarrington", "1971-05-06", "CM20 1AB", null),
                        party(PartyRole.OFFENDER, "Kwabena", "Fairweather", "2005-03-04", "CM20 2AB", "2019/0123456A")))
                .setSensitivityFlags(List.of())
                .setPoliceDetails(null)
                .setProbationDetails(null)
                .setVictimSupportDetails(null)
                .setVictimSupportNeeds(null)
                .setContentHash("abc")
                .setReceivedAt(receivedAt)
                .build();
    }

    static CanonicalParty party(
            PartyRole role, String forename, String surname, String dob, String postcode, String pnc) {
        return CanonicalParty.newBuilder()
                .setRole(role)
                .setSourcePath(role == PartyRole.VICTIM ? "victims[0]" : "offenders[0]")
                .setForename(forename)
                .setSurname(surname)
                .setDateOfBirth(LocalDate.parse(dob))
                .setPostcode(postcode)
                .setIdentifiers(pnc == null ? List.of() : List.of(new PersonIdentifier(IdentifierType.PNC, pnc)))
                .setContact(new ContactDetails(
                        ContactMethod.PHONE,
                        "01632 960123",
                        forename.toLowerCase() + "@example.org",
                        new Address("14 Mill Lane", null, "Harlow", postcode)))
                .setVulnerabilities(List.of())
                .build();
    }

    static Outcome ack(OutcomeType type, SourceAgency agency, String id, String caseId, Instant at) {
        return Outcome.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setEventType(type)
                .setVersion(1)
                .setOccurredAt(at)
                .setDescription("test")
                .setAgency(agency)
                .setAgencyReferralId(id)
                .setHubCaseId(caseId)
                .setReason(type == OutcomeType.REJECTED ? "victims[0].dateOfBirth is in the future" : null)
                .setDeclinedBy(null)
                .setAdditionalInformation(Map.of())
                .build();
    }

    static CaseEvent event(String caseId, CaseEventType type, PartyRole party, Instant at, Object details) {
        return CaseEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setCaseId(caseId)
                .setEventType(type)
                .setPartyRole(party)
                .setActor("FAC-017")
                .setOccurredAt(at)
                .setDetails(details)
                .build();
    }

    static CaseEventResult result(CaseEvent e, CaseEventStatus status) {
        return CaseEventResult.newBuilder()
                .setEventId(e.getEventId())
                .setCaseId(e.getCaseId())
                .setEventType(e.getEventType().name())
                .setActor(e.getActor())
                .setStatus(status)
                .setRule(status == CaseEventStatus.REFUSED ? "MEETING_BEFORE_CONSENT" : null)
                .setReason(status == CaseEventStatus.REFUSED ? "the offender has not consented" : null)
                .setDecidedAt(e.getOccurredAt())
                .build();
    }
}
