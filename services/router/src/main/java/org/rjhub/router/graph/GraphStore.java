package org.rjhub.router.graph;

import org.rjhub.matching.ReferralSummary;
import org.rjhub.router.graph.GraphState.Case;
import org.rjhub.router.graph.GraphState.Node;

/**
 * Where the case graph keeps its state: a node per referral, the cases, and each referral's summary.
 * Values may be copies, as a serialising store gives them, or the stored objects themselves (a component's nodes held in
 * memory, {@link CaseOwners}): so the case graph puts back whatever it changes, and a change counts once it is put back.
 */
public interface GraphStore {

    /** The referral's node, or null when the graph has not heard of it. */
    Node node(String hubReferralId);

    /** Stores a node under its id. */
    void putNode(Node node);

    /** The case, or null when there is no such case (never opened, merged away or split). */
    Case kase(String caseId);

    /** Stores a case under its id. */
    void putCase(Case kase);

    void deleteCase(String caseId);

    /** The latest version's summary of a referral, or null before it is announced. */
    ReferralSummary summary(String hubReferralId);

    void putSummary(String hubReferralId, ReferralSummary summary);

    /** Forgets a referral's summary (a tombstone in the changelog): the referral left the graph. */
    void deleteSummary(String hubReferralId);
}
