package org.rjhub.cases.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.rjhub.cases.lifecycle.CaseEvents;
import org.rjhub.contracts.hub.ActionKind;
import org.rjhub.contracts.hub.AgreementAction;
import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.CaseEventType;
import org.rjhub.contracts.hub.ClosureReason;
import org.rjhub.contracts.hub.ConsentDetails;
import org.rjhub.contracts.hub.ConsentScope;
import org.rjhub.contracts.hub.ContactAttemptDetails;
import org.rjhub.contracts.hub.ContactMethod;
import org.rjhub.contracts.hub.IndirectMethod;
import org.rjhub.contracts.hub.MeetingFormat;
import org.rjhub.contracts.hub.PartyRole;
import org.rjhub.contracts.hub.RiskAssessmentStage;
import org.rjhub.contracts.hub.RiskLevel;
import org.rjhub.contracts.hub.UnsuitabilityReason;

/**
 * A case event as the HTTP API and the CLI take it: flat JSON, only the fields the type needs.
 *
 * <pre>
 * {"type": "CONSENT_GIVEN", "party": "VICTIM", "scope": "RESTORATIVE_PROCESS", "written": true}
 * {"type": "RISK_ASSESSED", "stage": "FACILITATION", "level": "LOW", "suitable": true}
 * {"type": "AGREEMENT_RECORDED", "actions": [{"actionId": "A1", "kind": "APOLOGY_LETTER", "owedBy": "OFFENDER", "dueDate": "2026-12-01"}]}
 * {"type": "CASE_CLOSED", "reason": "AGREEMENT_COMPLETED"}
 * </pre>
 *
 * @param eventId   optional: a client's own id makes a retry harmless (else a random UUID)
 * @param occurredAt optional: when it happened (else now)
 */
public record EventRequest(String eventId, String type, String party, Instant occurredAt, String method, Boolean successful,
                           String scope, Boolean written, String stage, String level, Boolean suitable,
                           String unsuitableReason, String format, Integer attendees, List<Action> actions,
                           String actionId, String reason, String facilitator, String otherCaseId) {

    /** One action of an agreement. */
    public record Action(String actionId, String kind, String owedBy, LocalDate dueDate) {
    }

    /** An assignment to a facilitator. */
    public static EventRequest assign(String facilitator) {
        return new EventRequest(null, "ASSIGNED", null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, facilitator, null);
    }

    /**
     * The case event this request describes.
     *
     * @throws IllegalArgumentException naming the field that is missing or not one of its values
     */
    public CaseEvent toCaseEvent(String caseId, String actor, Instant now) {
        String id = eventId == null || eventId.isBlank() ? UUID.randomUUID().toString() : eventId;
        CaseEvents events = new CaseEvents(caseId, actor, () -> id);
        Instant at = occurredAt == null ? now : occurredAt;
        CaseEventType t = symbol(CaseEventType.class, "type", required("type", type));
        PartyRole p = party == null ? null : symbol(PartyRole.class, "party", party);
        return switch (t) {
            case ASSIGNED -> events.assigned(at, facilitator == null ? actor : facilitator);
            case CONTACT_ATTEMPTED, CONTACT_MADE -> events.of(t, p, at, new ContactAttemptDetails(
                    symbol(ContactMethod.class, "method", method == null ? "PHONE" : method),
                    successful == null ? t == CaseEventType.CONTACT_MADE : successful));
            case INFORMATION_GIVEN -> events.informationGiven(at, p);
            case CONSENT_GIVEN -> events.of(t, p, at, new ConsentDetails(symbol(ConsentScope.class, "scope",
                    scope == null ? "RESTORATIVE_PROCESS" : scope), written == null || written));
            case CONSENT_WITHDRAWN -> events.consentWithdrawn(at, p);
            case RISK_ASSESSED -> events.riskAssessed(at, symbol(RiskAssessmentStage.class, "stage", required("stage", stage)),
                    symbol(RiskLevel.class, "level", level == null ? "LOW" : level),
                    required("suitable", suitable),
                    unsuitableReason == null ? null : symbol(UnsuitabilityReason.class, "unsuitableReason", unsuitableReason));
            case STAKEHOLDER_LIAISON -> events.stakeholderLiaison(at);
            case MEETING_HELD -> events.meetingHeld(at, symbol(MeetingFormat.class, "format",
                    format == null ? "FACE_TO_FACE_CONFERENCE" : format), attendees == null ? 0 : attendees);
            case INDIRECT_COMMUNICATION -> events.indirectCommunication(at, symbol(IndirectMethod.class, "method",
                    method == null ? "LETTER" : method));
            case AGREEMENT_RECORDED -> events.agreementRecorded(at, required("actions", actions).stream()
                    .map(a -> new AgreementAction(required("actions[].actionId", a.actionId()),
                            symbol(ActionKind.class, "actions[].kind", a.kind() == null ? "OTHER" : a.kind()),
                            symbol(PartyRole.class, "actions[].owedBy", required("actions[].owedBy", a.owedBy())),
                            required("actions[].dueDate", a.dueDate())))
                    .toList());
            case ACTION_COMPLETED -> events.actionCompleted(at, required("actionId", actionId));
            case CASE_CLOSED -> events.closed(at, symbol(ClosureReason.class, "reason", required("reason", reason)));
            case LINK_CONFIRMED -> events.linkConfirmed(at, required("otherCaseId", otherCaseId));
            case KEEP_APART -> events.keepApart(at, required("otherCaseId", otherCaseId));
            default -> events.of(t, p, at, null);
        };
    }

    private static <T> T required(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required for this event type");
        }
        return value;
    }

    private static <E extends Enum<E>> E symbol(Class<E> type, String field, String value) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " must be one of " + List.of(type.getEnumConstants()) + ", not "
                    + value, e);
        }
    }
}
