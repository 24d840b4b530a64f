package org.rjhub.cases.lifecycle;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.rjhub.cases.lifecycle.CaseState.ActionState;
import org.rjhub.cases.lifecycle.CaseState.Announcement;
import org.rjhub.cases.lifecycle.CaseState.Audience;
import org.rjhub.cases.lifecycle.CaseState.HistoryEntry;
import org.rjhub.cases.lifecycle.CaseState.PartyProgress;
import org.rjhub.cases.lifecycle.CaseState.RiskResult;
import org.rjhub.contracts.hub.AgreementAction;
import org.rjhub.contracts.hub.AgreementDetails;
import org.rjhub.contracts.hub.AssignmentDetails;
import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.CaseEventType;
import org.rjhub.contracts.hub.ClosureDetails;
import org.rjhub.contracts.hub.ClosureReason;
import org.rjhub.contracts.hub.ConsentDetails;
import org.rjhub.contracts.hub.ConsentScope;
import org.rjhub.contracts.hub.ContactAttemptDetails;
import org.rjhub.contracts.hub.DeclinedBy;
import org.rjhub.contracts.hub.IndirectCommunicationDetails;
import org.rjhub.contracts.hub.LinkDetails;
import org.rjhub.contracts.hub.MeetingDetails;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.contracts.hub.PartyRole;
import org.rjhub.contracts.hub.RiskAssessmentDetails;
import org.rjhub.contracts.hub.RiskAssessmentStage;
import org.rjhub.contracts.hub.UnsuitabilityReason;
import org.rjhub.schemas.Contracts;

/**
 * The case lifecycle's rules, after the Restorative Justice Council's practice: a pure function from
 * a case and an event to the next case and the outcomes to announce, or a refusal.
 *
 * <pre>
 * per party:  contact made ─ information given ─ consent given (written) ─┐   consent withdrawn: at any
 *                                                                          │   time; the process stops for
 * case:  initial risk assessment (suitable) ─ ASSIGNED ─ facilitation      │   that party (DECLINED)
 *        risk assessment (suitable) ───────────────────────────────────────┴─ MEETING_HELD | INDIRECT_COMMUNICATION
 *        ─ AGREEMENT_RECORDED (actions, owners, due dates) ─ ACTION_COMPLETED ... ─ CASE_CLOSED
 * </pre>
 *
 * The HTTP API calls the same function on the current state to answer a facilitator synchronously;
 * the stream processor calls it again when the event arrives, and its answer is the one that counts.
 */
public final class CaseStateMachine {

    /** Dates of the service (due dates, working days) are in the UK's zone. */
    public static final ZoneId ZONE = ZoneId.of("Europe/London");

    private CaseStateMachine() {}

    /**
     * What an event does to a case.
     *
     * @param state         the case after the event (the same instance as given for a duplicate)
     * @param announcements outcomes to fan out to the referrers, in order
     * @param duplicate     true when an event with this id was already applied; nothing changed
     */
    public record Decision(CaseState state, List<Announcement> announcements, boolean duplicate) {}

    /**
     * Applies {@code event} to {@code current} (null when the case is unknown) without changing it.
     *
     * @throws CaseEventRefusedException when the event does not fit the case
     */
    public static Decision apply(CaseState current, CaseEvent event) {
        if (current == null) {
            throw refuse(RefusalRule.UNKNOWN_CASE, "case " + event.getCaseId() + " is not known");
        }
        if (current.hasEvent(event.getEventId())) {
            return new Decision(current, List.of(), true);
        }
        if (current.status == CaseState.Status.MERGED) {
            throw refuse(
                    RefusalRule.CASE_MERGED, "case " + current.caseId + " was merged into case " + current.mergedInto);
        }
        if (current.status == CaseState.Status.CLOSED) {
            throw refuse(
                    RefusalRule.CASE_CLOSED, "case " + current.caseId + " was closed (" + current.closureReason + ")");
        }
        CaseState s = current.copy();
        List<Announcement> out = new ArrayList<>();
        Instant at = event.getOccurredAt();
        switch (event.getEventType()) {
            case ASSIGNED -> assigned(s, event, out);
            case CONTACT_ATTEMPTED -> contactAttempted(s, event);
            case CONTACT_MADE -> contactMade(s, event, out);
            case INFORMATION_GIVEN -> informationGiven(s, event);
            case CONSENT_GIVEN -> consentGiven(s, event);
            case CONSENT_WITHDRAWN -> consentWithdrawn(s, event, out);
            case RISK_ASSESSED -> riskAssessed(s, event, out);
            case STAKEHOLDER_LIAISON -> {
                // recorded for the history and the service levels; no rule, no outcome
            }
            case MEETING_HELD -> communication(s, event, out);
            case INDIRECT_COMMUNICATION -> communication(s, event, out);
            case AGREEMENT_RECORDED -> agreementRecorded(s, event, out);
            case ACTION_COMPLETED -> actionCompleted(s, event, out);
            case CASE_CLOSED -> closed(s, event, out);
            case LINK_CONFIRMED, KEEP_APART -> details(event, LinkDetails.class);
            case ACTION_OVERDUE, SLA_BREACHED ->
                throw refuse(
                        RefusalRule.RECORDED_BY_HUB,
                        event.getEventType() + " is raised by the hub on " + Contracts.ESCALATIONS_TOPIC);
            default ->
                throw refuse(
                        RefusalRule.RECORDED_BY_HUB,
                        "event type " + event.getEventType() + " is not one a sender may record");
        }
        s.history.add(new HistoryEntry(
                event.getEventId(), event.getEventType().name(), event.getPartyRole(), event.getActor(), at));
        if (s.lastProgressAt == null || at.isAfter(s.lastProgressAt)) {
            s.lastProgressAt = at;
        }
        return new Decision(s, List.copyOf(out), false);
    }

    private static void assigned(CaseState s, CaseEvent e, List<Announcement> out) {
        String facilitator = e.getActor();
        if (e.getDetails() instanceof AssignmentDetails a) {
            facilitator = a.getFacilitatorId();
        } else if (e.getDetails() != null) {
            throw wrongDetails(e, AssignmentDetails.class);
        }
        s.unsuitable().ifPresent(r -> {
            throw refuse(RefusalRule.CASE_UNSUITABLE, "the " + stage(r) + " risk assessment found the case unsuitable");
        });
        if (s.initialRisk == null) {
            throw refuse(RefusalRule.NO_INITIAL_RISK_ASSESSMENT, "no initial risk assessment is recorded");
        }
        boolean first = s.facilitator == null;
        s.facilitator = facilitator;
        if (first && !s.announcedAlready(OutcomeType.ACCEPTED)) {
            announce(s, out, Announcement.of(OutcomeType.ACCEPTED, null, e.getOccurredAt()));
        }
    }

    private static void contactAttempted(CaseState s, CaseEvent e) {
        PartyProgress p = activeParty(s, e);
        details(e, ContactAttemptDetails.class);
        p.contactAttempts++;
    }

    private static void contactMade(CaseState s, CaseEvent e, List<Announcement> out) {
        PartyProgress p = activeParty(s, e);
        ContactAttemptDetails d = details(e, ContactAttemptDetails.class);
        if (!d.getSuccessful()) {
            throw refuse(RefusalRule.CONTACT_NOT_MADE, "CONTACT_MADE says the attempt was not successful");
        }
        boolean first = !s.contactMadeWithAnyone();
        p.contactAttempts++;
        p.contactMade = true;
        if (first && !s.announcedAlready(OutcomeType.CONTACT_MADE)) {
            announce(s, out, Announcement.of(OutcomeType.CONTACT_MADE, null, e.getOccurredAt()));
        }
    }

    private static void informationGiven(CaseState s, CaseEvent e) {
        PartyProgress p = activeParty(s, e);
        if (!p.contactMade) {
            throw refuse(RefusalRule.NOT_CONTACTED, "no contact with the " + words(e.getPartyRole()) + " is recorded");
        }
        p.informed = true;
    }

    private static void consentGiven(CaseState s, CaseEvent e) {
        PartyProgress p = activeParty(s, e);
        ConsentDetails d = details(e, ConsentDetails.class);
        if (!p.informed) {
            throw refuse(
                    RefusalRule.NOT_INFORMED,
                    "the " + words(e.getPartyRole()) + " has not been given information about restorative justice");
        }
        if (!d.getWritten()) {
            throw refuse(RefusalRule.CONSENT_NOT_WRITTEN, "the consent is not recorded in writing");
        }
        p.consents.add(d.getScope());
    }

    private static void consentWithdrawn(CaseState s, CaseEvent e, List<Announcement> out) {
        PartyRole role = role(s, e);
        PartyProgress p = s.party(role);
        if (p.withdrawn) {
            throw refuse(RefusalRule.ALREADY_WITHDRAWN, "the " + words(role) + " already withdrew");
        }
        if (e.getDetails() != null && !(e.getDetails() instanceof ConsentDetails)) {
            throw wrongDetails(e, ConsentDetails.class);
        }
        boolean hadConsented = !p.consents.isEmpty();
        p.withdrawn = true;
        // nothing more about the party is shown to anyone: its names leave the case
        s.withholdWithdrawnParties();
        if (role == PartyRole.VICTIM || role == PartyRole.OFFENDER) {
            s.closureDue = role.name() + "_WITHDREW_CONSENT";
        }
        for (ActionState a : s.actions) {
            if (a.owedBy == role && a.pending()) {
                a.status = ActionState.Status.CANCELLED;
            }
        }
        String reason = hadConsented ? "the " + words(role) + " withdrew consent" : "the " + words(role) + " declined";
        announce(
                s,
                out,
                new Announcement(
                        OutcomeType.DECLINED,
                        reason,
                        declinedBy(role),
                        Map.of(),
                        e.getOccurredAt(),
                        Audience.EVERY_REFERRER));
    }

    private static void riskAssessed(CaseState s, CaseEvent e, List<Announcement> out) {
        RiskAssessmentDetails d = details(e, RiskAssessmentDetails.class);
        UnsuitabilityReason reason = d.getSuitableToProceed()
                ? null
                : d.getUnsuitableReason() == null ? UnsuitabilityReason.OTHER : d.getUnsuitableReason();
        RiskResult result =
                new RiskResult(d.getStage(), d.getLevel(), d.getSuitableToProceed(), reason, e.getOccurredAt());
        if (d.getStage() == RiskAssessmentStage.INITIAL) {
            if (s.facilitator != null) {
                throw refuse(
                        RefusalRule.INITIAL_ASSESSMENT_AFTER_ALLOCATION,
                        "the case is already allocated to a facilitator");
            }
            s.initialRisk = result;
        } else {
            if (s.facilitator == null) {
                throw refuse(RefusalRule.NOT_ASSIGNED, "no facilitator is allocated");
            }
            s.facilitationRisk = result;
        }
        if (!result.suitable()) {
            announce(
                    s,
                    out,
                    Announcement.of(
                            OutcomeType.UNSUITABLE,
                            "the " + stage(result) + " risk assessment found the case unsuitable: " + words(reason),
                            e.getOccurredAt()));
        }
    }

    private static void communication(CaseState s, CaseEvent e, List<Announcement> out) {
        boolean meeting = e.getEventType() == CaseEventType.MEETING_HELD;
        if (meeting && e.getDetails() != null && !(e.getDetails() instanceof MeetingDetails)) {
            throw wrongDetails(e, MeetingDetails.class);
        }
        if (!meeting && e.getDetails() != null && !(e.getDetails() instanceof IndirectCommunicationDetails)) {
            throw wrongDetails(e, IndirectCommunicationDetails.class);
        }
        s.unsuitable().ifPresent(r -> {
            throw refuse(RefusalRule.CASE_UNSUITABLE, "the " + stage(r) + " risk assessment found the case unsuitable");
        });
        List<PartyRole> roles = s.roles();
        if (roles.size() < 2) {
            throw refuse(
                    RefusalRule.SINGLE_PARTY,
                    "the case's referrals name only the " + words(roles.isEmpty() ? null : roles.get(0)));
        }
        ConsentScope scope = meeting ? ConsentScope.DIRECT_MEETING : ConsentScope.INDIRECT_COMMUNICATION;
        RefusalRule rule = meeting ? RefusalRule.MEETING_BEFORE_CONSENT : RefusalRule.INDIRECT_BEFORE_CONSENT;
        List<String> missing = new ArrayList<>();
        for (PartyRole role : roles) {
            PartyProgress p = s.party(role);
            if (p.withdrawn) {
                missing.add("the " + words(role) + " withdrew consent");
            } else if (!p.consentedTo(scope)) {
                missing.add("the " + words(role) + " has not consented");
            }
        }
        if (!missing.isEmpty()) {
            throw refuse(rule, String.join(", ", missing));
        }
        if (s.facilitationRisk == null || !s.facilitationRisk.suitable()) {
            throw refuse(
                    RefusalRule.NO_FACILITATION_RISK_ASSESSMENT,
                    "no facilitation risk assessment found the case suitable");
        }
        OutcomeType type = meeting ? OutcomeType.MEETING_HELD : OutcomeType.INDIRECT_COMMUNICATION;
        if (meeting) {
            s.meetingHeld = true;
        } else {
            s.indirectCommunication = true;
        }
        if (!s.announcedAlready(type)) {
            announce(s, out, Announcement.of(type, null, e.getOccurredAt()));
        }
    }

    private static void agreementRecorded(CaseState s, CaseEvent e, List<Announcement> out) {
        AgreementDetails d = details(e, AgreementDetails.class);
        if (!s.meetingHeld && !s.indirectCommunication) {
            throw refuse(RefusalRule.NO_COMMUNICATION, "no meeting or indirect communication is recorded");
        }
        if (s.agreementRecorded) {
            throw refuse(RefusalRule.AGREEMENT_ALREADY_RECORDED, "the case already has an outcome agreement");
        }
        List<AgreementAction> actions = d.getActions();
        if (actions.isEmpty()) {
            throw refuse(RefusalRule.AGREEMENT_INVALID, "the agreement lists no actions");
        }
        if (d.getActionsAgreed() != actions.size()) {
            throw refuse(
                    RefusalRule.AGREEMENT_INVALID,
                    "actionsAgreed is " + d.getActionsAgreed() + " but " + actions.size() + " actions are listed");
        }
        LocalDate day = LocalDate.ofInstant(e.getOccurredAt(), ZONE);
        Set<String> ids = new HashSet<>();
        for (AgreementAction a : actions) {
            if (!ids.add(a.getActionId())) {
                throw refuse(RefusalRule.AGREEMENT_INVALID, "action " + a.getActionId() + " is listed twice");
            }
            if (!s.hasRole(a.getOwedBy())) {
                throw refuse(
                        RefusalRule.AGREEMENT_INVALID,
                        "action " + a.getActionId() + " is owed by the " + words(a.getOwedBy())
                                + ", who is not a party of the case");
            }
            if (s.party(a.getOwedBy()).withdrawn) {
                throw refuse(
                        RefusalRule.AGREEMENT_INVALID,
                        "action " + a.getActionId() + " is owed by the " + words(a.getOwedBy())
                                + ", who withdrew consent");
            }
            if (a.getDueDate().isBefore(day)) {
                throw refuse(
                        RefusalRule.AGREEMENT_INVALID,
                        "action " + a.getActionId() + " is due before the day it was agreed");
            }
        }
        s.unsuitable().ifPresent(r -> {
            throw refuse(RefusalRule.CASE_UNSUITABLE, "the " + stage(r) + " risk assessment found the case unsuitable");
        });
        s.agreementRecorded = true;
        actions.forEach(
                a -> s.actions.add(new ActionState(a.getActionId(), a.getKind(), a.getOwedBy(), a.getDueDate())));
        announce(
                s,
                out,
                new Announcement(
                        OutcomeType.AGREEMENT_REACHED,
                        null,
                        null,
                        Map.of("actionsAgreed", String.valueOf(actions.size())),
                        e.getOccurredAt(),
                        Audience.EVERY_REFERRER));
    }

    private static void actionCompleted(CaseState s, CaseEvent e, List<Announcement> out) {
        AgreementDetails d = details(e, AgreementDetails.class);
        if (!s.agreementRecorded) {
            throw refuse(RefusalRule.NO_AGREEMENT, "the case has no outcome agreement");
        }
        if (d.getActionId() == null) {
            throw refuse(RefusalRule.DETAILS_REQUIRED, "ACTION_COMPLETED needs AgreementDetails.actionId");
        }
        ActionState action = s.action(d.getActionId())
                .orElseThrow(
                        () -> refuse(RefusalRule.UNKNOWN_ACTION, "the agreement has no action " + d.getActionId()));
        if (!action.pending()) {
            throw refuse(
                    RefusalRule.ACTION_NOT_OPEN, "action " + action.actionId + " is " + words(action.status.name()));
        }
        action.status = ActionState.Status.COMPLETED;
        action.completedAt = e.getOccurredAt();
        boolean allDone = s.actions.stream().allMatch(a -> a.status == ActionState.Status.COMPLETED);
        if (allDone && !s.announcedAlready(OutcomeType.AGREEMENT_COMPLETED)) {
            announce(s, out, Announcement.of(OutcomeType.AGREEMENT_COMPLETED, null, e.getOccurredAt()));
        }
    }

    private static void closed(CaseState s, CaseEvent e, List<Announcement> out) {
        ClosureReason reason = details(e, ClosureDetails.class).getReason();
        checkClosure(s, reason);
        s.status = CaseState.Status.CLOSED;
        s.closureReason = reason.name();
        s.closedAt = e.getOccurredAt();
        if (reason == ClosureReason.AGREEMENT_NOT_COMPLETED) {
            String open = s.actions.stream()
                    .filter(a -> a.status != ActionState.Status.COMPLETED)
                    .map(a -> a.actionId)
                    .collect(Collectors.joining(", "));
            announce(
                    s,
                    out,
                    new Announcement(
                            OutcomeType.AGREEMENT_NOT_COMPLETED,
                            null,
                            null,
                            Map.of("actionsNotCompleted", open),
                            e.getOccurredAt(),
                            Audience.EVERY_REFERRER));
        }
        announce(s, out, Announcement.of(OutcomeType.CLOSED, reason.name(), e.getOccurredAt()));
    }

    private static void checkClosure(CaseState s, ClosureReason reason) {
        List<String> notDone = s.actions.stream()
                .filter(a -> a.status != ActionState.Status.COMPLETED)
                .map(a -> a.actionId)
                .toList();
        String problem = switch (reason) {
            case AGREEMENT_COMPLETED ->
                !s.agreementRecorded
                        ? "the case has no outcome agreement"
                        : !notDone.isEmpty() ? "actions " + notDone + " are not completed" : null;
            case AGREEMENT_NOT_COMPLETED ->
                !s.agreementRecorded
                        ? "the case has no outcome agreement"
                        : notDone.isEmpty() ? "every action of the agreement is completed" : null;
            case PROCESS_COMPLETED ->
                !s.meetingHeld && !s.indirectCommunication
                        ? "no meeting or indirect communication is recorded"
                        : s.actions.stream().anyMatch(ActionState::pending) ? "the agreement has open actions" : null;
            case DECLINED_BY_VICTIM ->
                withdrawn(s, PartyRole.VICTIM) ? null : "no withdrawal by the victim is recorded";
            case DECLINED_BY_OFFENDER ->
                withdrawn(s, PartyRole.OFFENDER) ? null : "no withdrawal by the offender is recorded";
            case UNSUITABLE -> s.unsuitable().isPresent() ? null : "no risk assessment found the case unsuitable";
            case NO_CONTACT ->
                !s.roles().isEmpty() && s.roles().stream().allMatch(r -> s.party(r).contactMade)
                        ? "contact was made with every party"
                        : null;
            default -> null;
        };
        if (problem != null) {
            throw refuse(RefusalRule.CLOSURE_INCONSISTENT, "cannot close as " + reason + ": " + problem);
        }
    }

    private static boolean withdrawn(CaseState s, PartyRole role) {
        PartyProgress p = s.progress.get(role);
        return p != null && p.withdrawn;
    }

    private static void announce(CaseState s, List<Announcement> out, Announcement a) {
        s.announced.add(a);
        out.add(a);
    }

    /** The party an event concerns: named, in the case, and not withdrawn. */
    private static PartyProgress activeParty(CaseState s, CaseEvent e) {
        PartyRole role = role(s, e);
        PartyProgress p = s.party(role);
        if (p.withdrawn) {
            throw refuse(RefusalRule.PARTY_WITHDRAWN, "the " + words(role) + " withdrew consent");
        }
        return p;
    }

    private static PartyRole role(CaseState s, CaseEvent e) {
        PartyRole role = e.getPartyRole();
        if (role == null) {
            throw refuse(RefusalRule.PARTY_REQUIRED, e.getEventType() + " concerns one party and names none");
        }
        if (!s.hasRole(role)) {
            throw refuse(RefusalRule.PARTY_NOT_IN_CASE, "the case's referrals name no " + words(role));
        }
        return role;
    }

    private static <T> T details(CaseEvent e, Class<T> type) {
        if (!type.isInstance(e.getDetails())) {
            throw wrongDetails(e, type);
        }
        return type.cast(e.getDetails());
    }

    private static CaseEventRefusedException wrongDetails(CaseEvent e, Class<?> type) {
        String given =
                e.getDetails() == null ? "none" : e.getDetails().getClass().getSimpleName();
        return refuse(
                RefusalRule.DETAILS_REQUIRED,
                e.getEventType() + " needs " + type.getSimpleName() + " (given: " + given + ")");
    }

    private static CaseEventRefusedException refuse(RefusalRule rule, String problem) {
        return new CaseEventRefusedException(rule, problem);
    }

    static DeclinedBy declinedBy(PartyRole role) {
        return switch (role) {
            case VICTIM -> DeclinedBy.VICTIM;
            case OFFENDER -> DeclinedBy.OFFENDER;
            default -> DeclinedBy.OTHER_PARTY;
        };
    }

    private static String stage(RiskResult r) {
        return r.stage() == RiskAssessmentStage.INITIAL ? "initial" : "facilitation";
    }

    /** An enum symbol in words: {@code OTHER_PARTY} to "other party". */
    static String words(Object symbol) {
        return symbol == null
                ? "nobody"
                : symbol.toString().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
