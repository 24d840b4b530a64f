package org.rjhub.router.graph;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The case graph's stored state (JSON in RocksDB, changelogged). Mutable, one instance per update. */
public final class GraphState {

    private GraphState() {
    }

    /** A referral in the graph: its candidate edges, and its case once placed (its summary is stored apart). */
    public static final class Node {
        public String id;
        public boolean announced;
        public int expected;
        public Set<String> received = new TreeSet<>();
        public Map<String, Double> match = new TreeMap<>();
        public Map<String, Double> review = new TreeMap<>();
        public Set<String> keptApart = new TreeSet<>();
        public boolean placed;
        public String caseId;
        /** Amendments that arrived before the referral was placed, acknowledged once it is. */
        public int pendingAmendments;

        public Node() {
        }

        Node(String id) {
            this.id = id;
        }
    }

    /** An RJ case: its referrals and where it was routed. */
    public static final class Case {
        public String caseId;
        public Set<String> members = new TreeSet<>();
        public String queue;
        public boolean held;

        public Case() {
        }

        Case(String caseId) {
            this.caseId = caseId;
        }
    }
}
