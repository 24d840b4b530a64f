package org.rjhub.cases.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
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
import org.rjhub.contracts.hub.ContactMethod;
import org.rjhub.contracts.hub.IndirectCommunicationDetails;
import org.rjhub.contracts.hub.IndirectMethod;
import org.rjhub.contracts.hub.LinkDetails;
import org.rjhub.contracts.hub.MeetingDetails;
import org.rjhub.contracts.hub.MeetingFormat;
import org.rjhub.contracts.hub.PartyRole;
import org.rjhub.contracts.hub.RiskAssessmentDetails;
import org.rjhub.contracts.hub.RiskAssessmentStage;
import org.rjhub.contracts.hub.RiskLevel;
import org.rjhub.contracts.hub.UnsuitabilityReason;

/**
 * Builds well-formed case events for one case and one actor, each with the details its type needs.
 * Used by the HTTP API, the CLI, the facilitator simulator and the tests.
 */
public final class CaseEvents {

    private final String caseId;
    private final String actor;
    private final Supplier<String> ids;

    /**
     * @param ids event ids: random UUIDs in production, seeded ones in the simulator
     */
    public CaseEvents(String caseId, String actor, Supplier<String> ids) {
        this.caseId = caseId;
        this.actor = actor;
        this.ids = ids;
    }

    /** Events with random UUIDs as ids. */
    public static CaseEvents on(String caseId, String actor) {
        return new CaseEvents(caseId, actor, () -> UUID.randomUUID().toString());
    }

    public CaseEvent of(CaseEventType type, PartyRole party, Instant at, SpecificRecord details) {
        return CaseEvent.newBuilder()
                .setEventId(ids.get())
                .setCaseId(caseId)
                .setEventType(type)
                .setPartyRole(party)
                .setActor(actor)
                .setOccurredAt(at)
                .setDetails(details)
                .build();
    }

    public CaseEvent assigned(Instant at, String facilitatorId) {
        return of(CaseEventType.ASSIGNED, null, at, new AssignmentDetails(facilitatorId));
    }

    public CaseEvent contactAttempted(Instant at, PartyRole party, ContactMethod method) {
        return of(CaseEventType.CONTACT_ATTEMPTED, party, at, new ContactAttemptDetails(method, false));
    }

    public CaseEvent contactMade(Instant at, PartyRole party, ContactMethod method) {
        return of(CaseEventType.CONTACT_MADE, party, at, new ContactAttemptDetails(method, true));
    }

    public CaseEvent informationGiven(Instant at, PartyRole party) {
        return of(CaseEventType.INFORMATION_GIVEN, party, at, null);
    }

    public CaseEvent consentGiven(Instant at, PartyRole party, ConsentScope scope) {
        return of(CaseEventType.CONSENT_GIVEN, party, at, new ConsentDetails(scope, true));
    }

    public CaseEvent consentWithdrawn(Instant at, PartyRole party) {
        return of(CaseEventType.CONSENT_WITHDRAWN, party, at, null);
    }

    public CaseEvent riskAssessed(
            Instant at, RiskAssessmentStage stage, RiskLevel level, boolean suitable, UnsuitabilityReason reason) {
        return of(CaseEventType.RISK_ASSESSED, null, at, new RiskAssessmentDetails(stage, level, suitable, reason));
    }

    public CaseEvent suitable(Instant at, RiskAssessmentStage stage) {
        return riskAssessed(at, stage, RiskLevel.LOW, true, null);
    }

    public CaseEvent stakeholderLiaison(Instant at) {
        return of(CaseEventType.STAKEHOLDER_LIAISON, null, at, null);
    }

    public CaseEvent meetingHeld(Instant at, MeetingFormat format, int attendees) {
        return of(CaseEventType.MEETING_HELD, null, at, new MeetingDetails(format, attendees));
    }

    public CaseEvent indirectCommunication(Instant at, IndirectMethod method) {
        return of(CaseEventType.INDIRECT_COMMUNICATION, null, at, new IndirectCommunicationDetails(method));
    }

    public CaseEvent agreementRecorded(Instant at, List<AgreementAction> actions) {
        return of(
                CaseEventType.AGREEMENT_RECORDED,
                null,
                at,
                AgreementDetails.newBuilder()
                        .setActionsAgreed(actions.size())
                        .setActionsCompleted(0)
                        .setReviewDate(null)
                        .setActions(actions)
                        .setActionId(null)
                        .build());
    }

    public CaseEvent actionCompleted(Instant at, String actionId) {
        return of(
                CaseEventType.ACTION_COMPLETED,
                null,
                at,
                AgreementDetails.newBuilder()
                        .setActionsAgreed(0)
                        .setActionsCompleted(0)
                        .setReviewDate(null)
                        .setActions(List.of())
                        .setActionId(actionId)
                        .build());
    }

    public CaseEvent closed(Instant at, ClosureReason reason) {
        return of(CaseEventType.CASE_CLOSED, null, at, new ClosureDetails(reason));
    }

    public CaseEvent linkConfirmed(Instant at, String otherCaseId) {
        return of(CaseEventType.LINK_CONFIRMED, null, at, new LinkDetails(otherCaseId, null));
    }

    public CaseEvent keepApart(Instant at, String otherCaseId) {
        return of(CaseEventType.KEEP_APART, null, at, new LinkDetails(otherCaseId, null));
    }
}
