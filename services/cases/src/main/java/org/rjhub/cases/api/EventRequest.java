package org.rjhub.cases.api;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
 * Limits, each refused with the field named: ids and values at most {@value #MAX_TEXT} characters, at most
 * {@value #MAX_ACTIONS} actions, 0 to {@value #MAX_ATTENDEES} attendees, {@code occurredAt} from {@link #MAX_BACKDATED}
 * before the hub's clock to {@link #MAX_AHEAD} after it, a {@code dueDate} at most {@link #MAX_DUE_AFTER} after the
 * event (one before it is the state machine's refusal). Unknown fields are refused by the API ({@link CasesHttpApi}).
 *
 * @param eventId   optional: a client's own id makes a retry harmless (else a random UUID)
 * @param occurredAt optional: when it happened (else now)
 */
public record EventRequest(
        String eventId,
        String type,
        String party,
        Instant occurredAt,
        String method,
        Boolean successful,
        String scope,
        Boolean written,
        String stage,
        String level,
        Boolean suitable,
        String unsuitableReason,
        String format,
        Integer attendees,
        List<Action> actions,
        String actionId,
        String reason,
        String facilitator,
        String otherCaseId) {

    /** Longest id or value a request may carry (event, action, facilitator and case ids, enum values). */
    public static final int MAX_TEXT = 128;
    /** Most actions one agreement may record. */
    public static final int MAX_ACTIONS = 50;
    /** Most attendees of one meeting. */
    public static final int MAX_ATTENDEES = 100;
    /** How far ahead of the hub's clock {@code occurredAt} may be: clocks differ a little, events are not foretold. */
    public static final Duration MAX_AHEAD = Duration.ofMinutes(5);
    /** How long after the event it may be recorded ({@code occurredAt} that far back at most). */
    public static final Duration MAX_BACKDATED = Duration.ofDays(366);
    /** How long after the agreement an action may fall due. */
    public static final Period MAX_DUE_AFTER = Period.ofYears(3);

    /** One action of an agreement. */
    public record Action(String actionId, String kind, String owedBy, LocalDate dueDate) {}

    /** An assignment to a facilitator. */
    public static EventRequest assign(String facilitator) {
        return new EventRequest(
                null,
                "ASSIGNED",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                facilitator,
                null);
    }

    /**
     * The case event this request describes.
     *
     * @throws FieldProblem naming the field that is missing, not one of its values, too long or out of range
     */
    public CaseEvent toCaseEvent(String caseId, String actor, Instant now) {
        String id = eventId == null || eventId.isBlank() ? UUID.randomUUID().toString() : text("eventId", eventId);
        CaseEvents events = new CaseEvents(caseId, actor, () -> id);
        Instant at = occurredAt == null ? now : occurredAt(occurredAt, now);
        CaseEventType t = symbol(CaseEventType.class, "type", required("type", type));
        PartyRole p = party == null ? null : symbol(PartyRole.class, "party", party);
        return switch (t) {
            case ASSIGNED -> events.assigned(at, facilitator == null ? actor : text("facilitator", facilitator));
            case CONTACT_ATTEMPTED, CONTACT_MADE ->
                events.of(
                        t,
                        p,
                        at,
                        new ContactAttemptDetails(
                                symbol(ContactMethod.class, "method", method == null ? "PHONE" : method),
                                successful == null ? t == CaseEventType.CONTACT_MADE : successful));
            case INFORMATION_GIVEN -> events.informationGiven(at, p);
            case CONSENT_GIVEN ->
                events.of(
                        t,
                        p,
                        at,
                        new ConsentDetails(
                                symbol(ConsentScope.class, "scope", scope == null ? "RESTORATIVE_PROCESS" : scope),
                                written == null || written));
            case CONSENT_WITHDRAWN -> events.consentWithdrawn(at, p);
            case RISK_ASSESSED ->
                events.riskAssessed(
                        at,
                        symbol(RiskAssessmentStage.class, "stage", required("stage", stage)),
                        symbol(RiskLevel.class, "level", level == null ? "LOW" : level),
                        required("suitable", suitable),
                        unsuitableReason == null
                                ? null
                                : symbol(UnsuitabilityReason.class, "unsuitableReason", unsuitableReason));
            case STAKEHOLDER_LIAISON -> events.stakeholderLiaison(at);
            case MEETING_HELD ->
                events.meetingHeld(
                        at,
                        symbol(MeetingFormat.class, "format", format == null ? "FACE_TO_FACE_CONFERENCE" : format),
                        attendees == null ? 0 : attendees(attendees));
            case INDIRECT_COMMUNICATION ->
                events.indirectCommunication(
                        at, symbol(IndirectMethod.class, "method", method == null ? "LETTER" : method));
            case AGREEMENT_RECORDED -> events.agreementRecorded(at, actions(required("actions", actions), at));
            case ACTION_COMPLETED -> events.actionCompleted(at, text("actionId", required("actionId", actionId)));
            case CASE_CLOSED -> events.closed(at, symbol(ClosureReason.class, "reason", required("reason", reason)));
            case LINK_CONFIRMED -> events.linkConfirmed(at, text("otherCaseId", required("otherCaseId", otherCaseId)));
            case KEEP_APART -> events.keepApart(at, text("otherCaseId", required("otherCaseId", otherCaseId)));
            default -> events.of(t, p, at, null);
        };
    }

    private static Instant occurredAt(Instant at, Instant now) {
        if (at.isAfter(now.plus(MAX_AHEAD))) {
            throw new FieldProblem(
                    "occurredAt",
                    "must not be more than " + MAX_AHEAD.toMinutes() + " minutes ahead of the hub's clock (" + now
                            + "), not " + at);
        }
        if (at.isBefore(now.minus(MAX_BACKDATED))) {
            throw new FieldProblem(
                    "occurredAt",
                    "must not be more than " + MAX_BACKDATED.toDays() + " days before the hub's clock (" + now
                            + "), not " + at);
        }
        return at;
    }

    private static int attendees(int n) {
        if (n < 0 || n > MAX_ATTENDEES) {
            throw new FieldProblem("attendees", "must be between 0 and " + MAX_ATTENDEES + ", not " + n);
        }
        return n;
    }

    private static List<AgreementAction> actions(List<Action> requested, Instant at) {
        if (requested.size() > MAX_ACTIONS) {
            throw new FieldProblem("actions", "must hold at most " + MAX_ACTIONS + " actions, not " + requested.size());
        }
        LocalDate latest = at.atOffset(ZoneOffset.UTC).toLocalDate().plus(MAX_DUE_AFTER);
        List<AgreementAction> out = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            String path = "actions[" + i + "]";
            Action a = requested.get(i);
            if (a == null) {
                throw new FieldProblem(path, "must be an action, not null");
            }
            LocalDate due = required(path + ".dueDate", a.dueDate());
            if (due.isAfter(latest)) { // one due before the agreement is the state machine's AGREEMENT_INVALID
                throw new FieldProblem(
                        path + ".dueDate",
                        "must be at most " + MAX_DUE_AFTER.getYears() + " years after the agreement (" + latest
                                + "), not " + due);
            }
            out.add(new AgreementAction(
                    text(path + ".actionId", required(path + ".actionId", a.actionId())),
                    symbol(ActionKind.class, path + ".kind", a.kind() == null ? "OTHER" : a.kind()),
                    symbol(PartyRole.class, path + ".owedBy", required(path + ".owedBy", a.owedBy())),
                    due));
        }
        return out;
    }

    private static String text(String field, String value) {
        if (value.length() > MAX_TEXT) {
            throw new FieldProblem(field, "must be at most " + MAX_TEXT + " characters, not " + value.length());
        }
        if (value.isBlank() || value.chars().anyMatch(Character::isISOControl)) {
            throw new FieldProblem(field, "must be visible text without control characters");
        }
        return value;
    }

    private static <T> T required(String field, T value) {
        if (value == null) {
            throw new FieldProblem(field, "is required for this event type");
        }
        return value;
    }

    private static <E extends Enum<E>> E symbol(Class<E> type, String field, String value) {
        try {
            if (value.length() <= MAX_TEXT) {
                return Enum.valueOf(
                        type,
                        value.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_'));
            }
        } catch (IllegalArgumentException e) {
            throw new FieldProblem(
                    field,
                    "must be one of " + List.of(type.getEnumConstants()) + ", not " + FieldProblem.quote(value),
                    e);
        }
        throw new FieldProblem(
                field, "must be one of " + List.of(type.getEnumConstants()) + ", not " + FieldProblem.quote(value));
    }
}
