package org.rjhub.router.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * A message of the partitioned case graph ({@link CaseOwners}), keyed by {@link #to()} on the graph's topic: a
 * referral id (so its home partition) or, for {@link Kind#CASE_ADDRESS} and {@link Kind#DECISION}, a case id.
 *
 * @param kind      which kind of message
 * @param to        where it goes: a referral (its entry, then its component's root) or a case id's address
 * @param graph     GRAPH, DECISION: the case graph's message; REVIEW: the reviewed referral and its candidates left
 *                  to try, best first ({@link GraphMessage#candidates}, the first is {@code to}); REVIEW_ANSWER: the
 *                  reviewed referral and the candidate found, if any
 * @param referrals GRAPH: the referrals that must be in one component before it applies (its own first);
 *                  DECISION: the first case's referral, once known; CASE_ADDRESS: the referral the case id derives from;
 *                  JOIN: the referral it was sent to (a pointer moves {@code to}); ABSORB: the referral it was sent to,
 *                  then the referrals the absorbing root is to join (empty in an ABSORB of the earlier release);
 *                  FORGET, FORGET_ADDRESS: the referral forgotten; REVIEW: the case the reviewed referral opened;
 *                  REVIEW_ANSWER: that case, then the case found (absent: none)
 * @param root      JOIN: the root asking; FORGET: the root forgetting; SURRENDER: the smaller root to give up to; ABSORB: the root giving up;
 *                  REPOINT: the new root
 * @param component ABSORB: the whole state given up
 */
public record OwnerMessage(
        Kind kind, String to, GraphMessage graph, List<String> referrals, String root, CaseOwners.Component component) {

    /** Message kinds. */
    public enum Kind {
        /** A case graph message for a referral, applied at its component's root. */
        GRAPH,
        /** The component whose root was {@code root} needs {@code to}'s: join them. */
        JOIN,
        /** {@code to}'s component must give its state to {@code root}'s, whose root is smaller. */
        SURRENDER,
        /** A whole component, given up by its root {@code root}. */
        ABSORB,
        /** {@code to}'s component is now rooted at {@code root}. */
        REPOINT,
        /** Case id {@code to} derives from referral {@code referrals[0]}: where a decision naming it goes. */
        CASE_ADDRESS,
        /** A facilitator's accepted decision, finding the referrals its two case ids derive from. */
        DECISION,
        /** Root {@code root} forgot referral {@code to} (retention): its entry, a pointer, is deleted. */
        FORGET,
        /** Referral {@code referrals[0]} was forgotten (retention): case id {@code to}'s address, if its, is deleted. */
        FORGET_ADDRESS,
        /**
         * A new case's queue item asks which case its review candidate {@code to} is in (another component's): answered
         * if placed in another case, else passed to the next candidate.
         */
        REVIEW,
        /** The answer to a {@link #REVIEW}, to the reviewed referral {@code to}: its new case's item can be queued. */
        REVIEW_ANSWER
    }

    public OwnerMessage {
        referrals = referrals == null ? List.of() : List.copyOf(referrals);
    }

    static OwnerMessage graph(String to, GraphMessage graph, List<String> referrals) {
        return new OwnerMessage(Kind.GRAPH, to, graph, referrals, null, null);
    }

    /** A case graph message about one referral (announce, block result, withdraw, retired key). */
    public static OwnerMessage about(String referral, GraphMessage graph) {
        return graph(referral, graph, List.of(referral));
    }

    /** Case id {@code caseId} derives from {@code referral} ({@code CaseIds.of}). */
    public static OwnerMessage caseAddress(String caseId, String referral) {
        return new OwnerMessage(Kind.CASE_ADDRESS, caseId, null, List.of(referral), null, null);
    }

    /** An accepted decision, to the address of its first case. */
    public static OwnerMessage decision(GraphMessage decision) {
        return new OwnerMessage(Kind.DECISION, decision.caseA(), decision, List.of(), null, null);
    }

    static OwnerMessage control(Kind kind, String to, String root) {
        return new OwnerMessage(kind, to, null, List.of(), root, null);
    }

    /** The root {@code root} asks referral {@code to}'s component to join it ({@code to} kept, as pointers move it). */
    static OwnerMessage join(String to, String root) {
        return new OwnerMessage(Kind.JOIN, to, null, List.of(to), root, null);
    }

    static OwnerMessage forget(String referral, String root) {
        return new OwnerMessage(Kind.FORGET, referral, null, List.of(referral), root, null);
    }

    static OwnerMessage forgetAddress(String caseId, String referral) {
        return new OwnerMessage(Kind.FORGET_ADDRESS, caseId, null, List.of(referral), null, null);
    }

    /** The whole component of the root {@code from}, given up to {@code to}'s, as the earlier release wrote it. */
    static OwnerMessage absorb(String to, String from, CaseOwners.Component component) {
        return new OwnerMessage(Kind.ABSORB, to, null, List.of(), from, component);
    }

    /**
     * The whole component of the root {@code from}, given up to {@code to}'s: {@code to} kept, as pointers move it,
     * and the referrals the absorbing root is to join after it (those the component's parked messages wait for and
     * that {@code from} sent no join to).
     */
    static OwnerMessage absorb(String to, String from, CaseOwners.Component component, List<String> joins) {
        List<String> referrals = new ArrayList<>();
        referrals.add(to);
        referrals.addAll(joins);
        return new OwnerMessage(Kind.ABSORB, to, null, referrals, from, component);
    }

    /** Asks the first of {@code candidates} (best first) which case it is in, for {@code arriving}'s new case. */
    static OwnerMessage review(String arriving, String caseId, List<GraphMessage.Edge> candidates) {
        return new OwnerMessage(
                Kind.REVIEW,
                candidates.get(0).other(),
                GraphMessage.candidates(arriving, candidates),
                List.of(caseId),
                null,
                null);
    }

    /** Answers a review of {@code arriving}'s new case {@code caseId}: {@code found} in {@code foundCase}, or none. */
    static OwnerMessage reviewAnswer(String arriving, String caseId, GraphMessage.Edge found, String foundCase) {
        return new OwnerMessage(
                Kind.REVIEW_ANSWER,
                arriving,
                GraphMessage.candidates(arriving, found == null ? List.of() : List.of(found)),
                found == null ? List.of(caseId) : List.of(caseId, foundCase),
                null,
                null);
    }

    /** The same message, addressed to {@code to} (one hop along a forwarding pointer). */
    OwnerMessage to(String to) {
        return new OwnerMessage(kind, to, graph, referrals, root, component);
    }
}
