package org.rjhub.cases.outcomes;

import java.time.Instant;
import org.rjhub.cases.lifecycle.CaseState;
import org.rjhub.cases.lifecycle.CaseState.ActionState;
import org.rjhub.common.privacy.SealedDetails;
import org.rjhub.common.privacy.SealedParties;
import org.rjhub.contracts.hub.AgencyReference;
import org.rjhub.contracts.hub.AgreementAction;
import org.rjhub.contracts.hub.CaseType;
import org.rjhub.contracts.hub.JusticeStage;
import org.rjhub.contracts.hub.Offence;
import org.rjhub.contracts.hub.OffenceCategory;
import org.rjhub.contracts.hub.QueueItem;
import org.rjhub.contracts.hub.QueueItemType;
import org.rjhub.contracts.hub.QueueParty;
import org.rjhub.contracts.hub.SensitivityFlag;

/**
 * Reminders for the facilitators' queue: a queue item about the case, naming the action concerned; its parties as the
 * router queued them (sealed when they came sealed), and so the offence's wording and the flags (in each referral's
 * sealed details when they came sealed).
 */
public final class QueueNotices {

    private QueueNotices() {}

    public static QueueItem about(CaseState s, QueueItemType type, ActionState action, Instant at) {
        return QueueItem.newBuilder()
                .setCaseId(s.caseId)
                .setQueue(s.queue)
                .setItemType(type)
                .setParties(s.parties.stream()
                        .map(p -> p.keptSealed()
                                ? SealedParties.sealed(
                                        p.role(),
                                        p.dataKeyId(),
                                        java.util.Base64.getDecoder().decode(p.sealed()))
                                : new QueueParty(p.role(), p.forename(), p.surname(), p.district(), null, null))
                        .toList())
                .setOffence(
                        s.offence == null
                                ? null
                                : new Offence(
                                        s.offence.code(),
                                        OffenceCategory.valueOf(s.offence.category()),
                                        s.offence.description()))
                .setCaseType(CaseType.valueOf(s.caseType))
                .setJusticeStage(JusticeStage.valueOf(s.justiceStage))
                .setLinkedReferrals(s.referrals.stream()
                        .map(r -> new AgencyReference(r.agency(), r.agencyReferralId()))
                        .toList())
                .setFlags(s.flags.stream().map(SensitivityFlag::valueOf).toList())
                .setDetails(s.details.stream()
                        .map(d -> SealedDetails.sealed(
                                d.dataKeyId(), java.util.Base64.getDecoder().decode(d.sealed())))
                        .toList())
                .setCandidateCaseId(null)
                .setMatchWeight(null)
                .setCreatedAt(at)
                .setAction(
                        action == null
                                ? null
                                : new AgreementAction(action.actionId, action.kind, action.owedBy, action.dueDate))
                .build();
    }
}
