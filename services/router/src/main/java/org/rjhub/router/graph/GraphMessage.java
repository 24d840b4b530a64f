package org.rjhub.router.graph;

import java.util.List;
import org.rjhub.matching.ReferralSummary;

/**
 * What reaches the case graph (one partition: the graph of who is linked to whom is global).
 *
 * @param type          which kind of message
 * @param hubReferralId the referral concerned (ANNOUNCE, BLOCK_RESULT)
 * @param amendment     ANNOUNCE: true when the referral amends an earlier version
 * @param summary       ANNOUNCE: the referral
 * @param expectedKeys  ANNOUNCE: how many blocking shards will report back
 * @param blockingKey   BLOCK_RESULT: which shard reports; KEY_RETIRED: the retired key's id
 * @param edges         BLOCK_RESULT: candidates found under its keys on that shard
 * @param caseA         DECISION: one case
 * @param caseB         DECISION: the other
 * @param link          DECISION: true = link confirmed, false = keep apart
 * @param referrals     KEY_RETIRED: the referrals that were under the key
 *                      (WITHDRAW concerns {@code hubReferralId}: an amendment withdrew consent or made it ineligible)
 */
public record GraphMessage(
        Type type,
        String hubReferralId,
        boolean amendment,
        ReferralSummary summary,
        int expectedKeys,
        String blockingKey,
        List<Edge> edges,
        String caseA,
        String caseB,
        boolean link,
        List<String> referrals) {

    /** Message kinds. */
    public enum Type {
        ANNOUNCE,
        BLOCK_RESULT,
        DECISION,
        KEY_RETIRED,
        /** The referral leaves the graph: an amendment withdrew its consent to refer or made it ineligible. */
        WITHDRAW
    }

    /**
     * A scored pair of referrals.
     *
     * @param other  the other referral's hub id
     * @param weight match weight (bits); exact keys such as a shared crime reference carry {@link #EXACT}
     * @param match  true above the join threshold, false in the review band
     * @param key    the id of the blocking key it was found under ({@code BlockingProcessor.keyId}); null: the
     *               shard's name stands for it
     */
    public record Edge(String other, double weight, boolean match, String key) {
        /** Weight given to exact-key matches. */
        public static final double EXACT = 99.0;
    }

    public GraphMessage {
        edges = edges == null ? List.of() : List.copyOf(edges);
        referrals = referrals == null ? List.of() : List.copyOf(referrals);
    }

    public static GraphMessage announce(ReferralSummary summary, boolean amendment, int expectedKeys) {
        return new GraphMessage(
                Type.ANNOUNCE,
                summary.hubReferralId(),
                amendment,
                summary,
                expectedKeys,
                null,
                List.of(),
                null,
                null,
                false,
                null);
    }

    public static GraphMessage blockResult(String hubReferralId, String blockingKey, List<Edge> edges) {
        return new GraphMessage(
                Type.BLOCK_RESULT, hubReferralId, false, null, 0, blockingKey, edges, null, null, false, null);
    }

    /**
     * A referral's review candidates, best first, as a review between components carries them ({@link
     * OwnerMessage.Kind#REVIEW}, {@link OwnerMessage.Kind#REVIEW_ANSWER}); never applied to a case graph.
     */
    public static GraphMessage candidates(String hubReferralId, List<Edge> edges) {
        return blockResult(hubReferralId, null, edges);
    }

    public static GraphMessage decision(String caseA, String caseB, boolean link) {
        return new GraphMessage(Type.DECISION, null, false, null, 0, null, List.of(), caseA, caseB, link, null);
    }

    /** An amendment withdrew the referral's consent to refer (or made it ineligible): it leaves its case. */
    public static GraphMessage withdraw(String hubReferralId) {
        return new GraphMessage(Type.WITHDRAW, hubReferralId, true, null, 0, null, List.of(), null, null, false, null);
    }

    /** A blocking key outgrew the block size cap: every edge found under it is withdrawn. */
    public static GraphMessage keyRetired(String keyId, List<String> referrals) {
        return new GraphMessage(Type.KEY_RETIRED, null, false, null, 0, keyId, List.of(), null, null, false, referrals);
    }
}
