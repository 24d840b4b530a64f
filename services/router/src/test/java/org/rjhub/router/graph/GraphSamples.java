package org.rjhub.router.graph;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rjhub.matching.ReferralSummary;
import org.rjhub.matching.ReferralSummary.PartySummary;
import org.rjhub.router.graph.GraphState.Case;
import org.rjhub.router.graph.GraphState.Node;

/** The case graph's records as the serdes' and stores' tests write them: every field set somewhere. */
final class GraphSamples {

    static final String A = "POLICE/PR-1";
    static final String B = "PROBATION/PB-7";
    static final String C = "VICTIMSUPPORT/VS-3";

    static final ReferralSummary CLEAR = new ReferralSummary(
            A,
            "POLICE",
            "PR-1",
            "CR/1/26",
            "ADULT",
            "PRE_SENTENCE",
            "North",
            "BURG",
            "PROPERTY",
            "burglary, dwelling",
            List.of("DOMESTIC"),
            List.of(
                    new PartySummary("VICTIM", "zoë", "o'neil", LocalDate.of(1990, 2, 28), "AB1 2CD", "1 high st"),
                    new PartySummary("OFFENDER", null, "smith", null, null, null)));
    static final ReferralSummary SEALED = new ReferralSummary(
                    B,
                    "PROBATION",
                    "PB-7",
                    null,
                    "ADULT",
                    "POST_SENTENCE",
                    "South",
                    "ASSAULT",
                    "VIOLENCE",
                    "",
                    List.of(),
                    List.of(new PartySummary("VICTIM", "", "", null, null, null, "k-1", "c2VhbGVk", "id-9")))
            .withSealedDetails("k-1", "ZGV0YWlscw==", true);

    private GraphSamples() {}

    /** A root of three referrals, two placed and linked, with a retired key and a block result parked. */
    static CaseOwners.Entry root() {
        CaseOwners.Entry root = new CaseOwners.Entry(A);
        CaseOwners.Component c = root.component;
        c.members.addAll(List.of(B, C));
        Node a = node(A, B, 23.25);
        a.keptApart.add(C);
        a.pendingAmendments = 1;
        Node b = node(B, A, 23.25);
        b.review.put(C, 4.5);
        b.reviewByKey.put(C, new TreeMap<>(Map.of("pc:ab1", 4.5)));
        b.confirmed.add(A);
        c.nodes.put(A, a);
        c.nodes.put(B, b);
        Case kase = new Case("C-1");
        kase.members.addAll(List.of(A, B));
        kase.queue = "north-adult";
        kase.held = true;
        c.cases.put(kase.caseId, kase);
        c.summaries.put(A, CLEAR);
        c.summaries.put(B, SEALED);
        c.retiredKeys.add("dob:1990");
        c.seen.put(A, 1_780_000_000_000L);
        c.seen.put(B, 1_780_000_360_000L);
        c.parked.add(OwnerMessage.graph(
                C,
                GraphMessage.blockResult(C, "shard-1", List.of(new GraphMessage.Edge(B, 4.5, false, "pc:ab1"))),
                List.of(C, B)));
        return root;
    }

    static Node node(String id, String other, double weight) {
        Node n = new Node(id);
        n.announced = true;
        n.expected = 6;
        n.received.addAll(List.of("shard-0", "shard-1"));
        n.match.put(other, weight);
        n.matchByKey.put(other, new TreeMap<>(Map.of("sg:o'neil|z", weight, "dob:1990", weight - 1)));
        n.placed = true;
        n.caseId = "C-1";
        return n;
    }
}
