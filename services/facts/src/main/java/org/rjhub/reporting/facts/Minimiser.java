package org.rjhub.reporting.facts;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rjhub.contracts.hub.AgreementAction;
import org.rjhub.contracts.hub.AgreementDetails;
import org.rjhub.contracts.hub.CanonicalParty;
import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.ClosureDetails;
import org.rjhub.contracts.hub.ConsentDetails;
import org.rjhub.contracts.hub.ContactAttemptDetails;
import org.rjhub.contracts.hub.IdentifierType;
import org.rjhub.contracts.hub.IndirectCommunicationDetails;
import org.rjhub.contracts.hub.MeetingDetails;
import org.rjhub.contracts.hub.PersonIdentifier;
import org.rjhub.contracts.hub.Referral;
import org.rjhub.contracts.hub.RiskAssessmentDetails;
import org.rjhub.contracts.hub.UnsuitabilityReason;

/**
 * Data minimisation, in one place: what of a canonical referral and of a case event reporting keeps. Every
 * identifier becomes a keyed pseudonym, the date of birth an age band, the address nothing (the case's
 * district stays); names, contact details, officer and offender-manager details, needs, offence wording,
 * crime references, actors and every free-text field are dropped.
 */
public final class Minimiser {

    /** The service's dates (age on the day of referral) are in the UK's zone. */
    public static final ZoneId ZONE = ZoneId.of("Europe/London");

    private Minimiser() {}

    public static ReferralDetails referral(Referral r, Pseudonymiser pseudonyms) {
        LocalDate receivedOn = LocalDate.ofInstant(r.getReceivedAt(), ZONE);
        List<ReferralDetails.Party> parties = new ArrayList<>();
        for (CanonicalParty party : r.getParties()) {
            parties.add(new ReferralDetails.Party(
                    party.getRole(), AgeBands.of(party.getDateOfBirth(), receivedOn), personKey(party, pseudonyms)));
        }
        return new ReferralDetails(
                pseudonyms.referralKey(r.getSourceAgency(), r.getAgencyReferralId()),
                r.getSourceAgency(),
                r.getReceivedAt(),
                Districts.reported(r.getDistrict()),
                r.getCaseType(),
                r.getOffence() == null ? null : r.getOffence().getCategory(),
                r.getJusticeStage(),
                parties);
    }

    /** The pseudonym of the party's PNC id, else of its CRN, else null. */
    private static String personKey(CanonicalParty party, Pseudonymiser pseudonyms) {
        return identifier(party, IdentifierType.PNC)
                .or(() -> identifier(party, IdentifierType.CRN))
                .map(id -> pseudonyms.personKey(id.getType(), id.getValue()))
                .orElse(null);
    }

    private static Optional<PersonIdentifier> identifier(CanonicalParty party, IdentifierType type) {
        return party.getIdentifiers().stream()
                .filter(id -> id.getType() == type
                        && id.getValue() != null
                        && !id.getValue().isBlank())
                .findFirst();
    }

    public static CaseEventView event(CaseEvent e) {
        String detail = null;
        Boolean suitable = null;
        String stage = null;
        String unsuitableReason = null;
        String closureReason = null;
        List<String> actionIds = List.of();
        String actionId = null;
        Object details = e.getDetails();
        if (details instanceof ContactAttemptDetails d) {
            detail = d.getMethod().name();
        } else if (details instanceof ConsentDetails d) {
            detail = d.getScope().name();
        } else if (details instanceof RiskAssessmentDetails d) {
            suitable = d.getSuitableToProceed();
            stage = d.getStage().name();
            detail = stage + (suitable ? "_SUITABLE" : "_UNSUITABLE");
            if (!suitable) {
                unsuitableReason =
                        (d.getUnsuitableReason() == null ? UnsuitabilityReason.OTHER : d.getUnsuitableReason()).name();
            }
        } else if (details instanceof MeetingDetails d) {
            detail = d.getFormat().name();
        } else if (details instanceof IndirectCommunicationDetails d) {
            detail = d.getMethod().name();
        } else if (details instanceof AgreementDetails d) {
            actionIds =
                    d.getActions().stream().map(AgreementAction::getActionId).toList();
            actionId = d.getActionId();
        } else if (details instanceof ClosureDetails d) {
            closureReason = d.getReason().name();
        }
        return new CaseEventView(
                e.getEventId(),
                e.getEventType(),
                e.getPartyRole(),
                e.getOccurredAt(),
                detail,
                suitable,
                stage,
                unsuitableReason,
                closureReason,
                actionIds,
                actionId);
    }
}
