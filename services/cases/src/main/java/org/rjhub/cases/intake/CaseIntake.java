package org.rjhub.cases.intake;

import java.util.ArrayList;
import java.util.List;
import org.rjhub.cases.lifecycle.CaseState;
import org.rjhub.cases.lifecycle.CaseState.Ref;
import org.rjhub.contracts.hub.QueueItemType;

/** How the router's queue items shape a case: a pure function, like the state machine. */
public final class CaseIntake {

    private CaseIntake() {}

    /**
     * The case after a queue item.
     *
     * @param state the case after the item
     * @param added referrals the case did not have: they are told the case's story so far
     */
    public record Result(CaseState state, List<Ref> added) {}

    /** Opens the case on its first item; later items bring the router's current view (referrals, parties, queue). */
    public static Result apply(CaseState current, CaseItem item) {
        boolean reopened = current != null
                && CaseState.REFERRAL_WITHDRAWN.equals(current.closureReason)
                && item.itemType() != QueueItemType.WITHDRAWN;
        // a case closed because its last referral was withdrawn starts afresh when consent is given again
        CaseState s = current == null || reopened ? new CaseState(item.caseId()) : current.copy();
        if (item.itemType() == QueueItemType.WITHDRAWN) {
            return new Result(withdrawn(s, item), List.of());
        }
        if (s.referredAt == null) {
            s.referredAt = item.createdAt();
        }
        if (s.status == CaseState.Status.MERGED) {
            s.status = CaseState.Status.OPEN; // the router queued the id again (a split gave it back)
            s.mergedInto = null;
        }
        s.queue = item.queue();
        s.parties = new ArrayList<>(item.parties());
        s.withholdWithdrawnParties();
        s.offence = item.offence();
        s.caseType = item.caseType();
        s.justiceStage = item.justiceStage();
        s.flags = new ArrayList<>(item.flags());
        s.details = new ArrayList<>(item.details());
        if (item.itemType() == QueueItemType.POSSIBLE_DUPLICATE) {
            s.possibleDuplicateOf = item.candidateCaseId();
        }
        List<Ref> added =
                item.referrals().stream().filter(r -> !s.referrals.contains(r)).toList();
        s.referrals = new ArrayList<>(item.referrals());
        s.lastItemAt = item.createdAt();
        return new Result(s, added);
    }

    /**
     * The router took the case's last referral out (its referrer withdrew consent to refer): nothing about the
     * parties, the offence or the referrals stays, and the case is closed. Its agency was answered NOT_ELIGIBLE by
     * the router, so no outcome is announced here.
     */
    private static CaseState withdrawn(CaseState s, CaseItem item) {
        s.parties = new ArrayList<>();
        s.referrals = new ArrayList<>();
        s.offence = null;
        s.flags = new ArrayList<>();
        s.details = new ArrayList<>();
        s.possibleDuplicateOf = null;
        s.lastItemAt = item.createdAt();
        s.closureDue = CaseState.REFERRAL_WITHDRAWN;
        if (s.open()) {
            s.status = CaseState.Status.CLOSED;
            s.closureReason = CaseState.REFERRAL_WITHDRAWN;
            s.closedAt = item.createdAt();
        }
        return s;
    }

    /** The case after one of its referrals moved to another case; with none left, it was merged away. */
    public static CaseState moved(CaseState current, CaseInput.Moved moved) {
        if (current == null || !current.referrals.contains(moved.referral())) {
            return current;
        }
        CaseState s = current.copy();
        s.referrals.remove(moved.referral());
        s.contacts.remove(moved.referral().key());
        if (s.referrals.isEmpty() && s.open()) {
            s.status = CaseState.Status.MERGED;
            s.mergedInto = moved.toCase();
        }
        return s;
    }
}
