package org.rjhub.cases.intake;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.rjhub.cases.lifecycle.CaseState.OffenceView;
import org.rjhub.cases.lifecycle.CaseState.PartyView;
import org.rjhub.cases.lifecycle.CaseState.Ref;
import org.rjhub.cases.lifecycle.CaseState.SealedDetails;
import org.rjhub.common.privacy.SealedParties;
import org.rjhub.contracts.hub.QueueItem;
import org.rjhub.contracts.hub.QueueItemType;
import org.rjhub.contracts.hub.QueueParty;

/**
 * What the case service takes from a router's queue item (JSON on the internal {@code case-items}
 * topic): the case, its queue, its parties as the queue shows them, and the referrals to answer; with a master key,
 * the offence's wording and the flags kept sealed as the item carries them ({@code details}, never opened here).
 */
public record CaseItem(
        String caseId,
        String queue,
        QueueItemType itemType,
        List<PartyView> parties,
        OffenceView offence,
        String caseType,
        String justiceStage,
        List<Ref> referrals,
        List<String> flags,
        List<SealedDetails> details,
        String candidateCaseId,
        Instant createdAt) {

    /** The item types the router writes about a case's referrals; the others are this service's reminders. */
    private static final Set<QueueItemType> INTAKE = Set.of(
            QueueItemType.NEW_CASE,
            QueueItemType.AMENDED,
            QueueItemType.POSSIBLE_DUPLICATE,
            QueueItemType.RELEASED_AFTER_SENTENCE,
            QueueItemType.WITHDRAWN);

    public CaseItem {
        parties = List.copyOf(parties);
        referrals = List.copyOf(referrals);
        flags = List.copyOf(flags);
        details = details == null ? List.of() : List.copyOf(details);
    }

    public static boolean isIntake(QueueItem item) {
        return item != null && INTAKE.contains(item.getItemType());
    }

    /** The party as the item gives it: in clear, or kept sealed as the router sealed it (never opened here). */
    private static PartyView party(QueueParty p) {
        return SealedParties.isSealed(p)
                ? new PartyView(
                        p.getRole(),
                        "",
                        "",
                        null,
                        p.getDataKeyId(),
                        Base64.getEncoder().encodeToString(SealedParties.sealedBytes(p)))
                : new PartyView(p.getRole(), p.getForename(), p.getSurname(), p.getDistrict());
    }

    /** The item as the case service keeps it without a master key: the offence's wording in clear, as queued. */
    public static CaseItem of(QueueItem q) {
        return of(q, false);
    }

    /**
     * The item as the case service keeps it; {@code withholdWording} (a service with a master key): the offence's
     * wording not kept (empty), the case API opening it per request from the case's sealed referrals instead.
     */
    public static CaseItem of(QueueItem q, boolean withholdWording) {
        return new CaseItem(
                q.getCaseId(),
                q.getQueue(),
                q.getItemType(),
                q.getParties().stream().map(CaseItem::party).toList(),
                q.getOffence() == null
                        ? null
                        : new OffenceView(
                                q.getOffence().getCode(),
                                q.getOffence().getCategory().name(),
                                withholdWording ? "" : q.getOffence().getDescription()),
                q.getCaseType().name(),
                q.getJusticeStage().name(),
                q.getLinkedReferrals().stream()
                        .map(r -> new Ref(r.getAgency(), r.getAgencyReferralId()))
                        .toList(),
                q.getFlags().stream().map(Enum::name).toList(),
                q.getDetails().stream()
                        .filter(org.rjhub.common.privacy.SealedDetails::isSealed)
                        .map(d -> new SealedDetails(
                                d.getDataKeyId(),
                                Base64.getEncoder()
                                        .encodeToString(org.rjhub.common.privacy.SealedDetails.sealedBytes(d))))
                        .toList(),
                q.getCandidateCaseId(),
                q.getCreatedAt());
    }
}
