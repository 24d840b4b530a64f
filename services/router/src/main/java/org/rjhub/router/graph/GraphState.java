package org.rjhub.router.graph;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The case graph's stored state (in RocksDB, changelogged: {@link GraphSerdes}). Mutable, one instance per update. */
public final class GraphState {

    private GraphState() {}

    /** A referral in the graph: its candidate edges, and its case once placed (its summary is stored apart). */
    public static final class Node {
        public String id;
        public boolean announced;
        public int expected;
        public Set<String> received = new TreeSet<>();
        /** Other referral to the edge's weight: the strongest found under any blocking key still in use. */
        public Map<String, Double> match = new TreeMap<>();

        public Map<String, Double> review = new TreeMap<>();
        /** Other referral to blocking key id to the weight found under that key, so that a key can be withdrawn. */
        public Map<String, Map<String, Double>> matchByKey = new TreeMap<>();

        public Map<String, Map<String, Double>> reviewByKey = new TreeMap<>();
        /** Referrals a facilitator linked this one to (LINK_CONFIRMED): joined before any automatic match. */
        public Set<String> confirmed = new TreeSet<>();
        /** Referrals a facilitator kept apart from this one (KEEP_APART): never in its case. */
        public Set<String> keptApart = new TreeSet<>();

        public boolean placed;
        public String caseId;
        /** Amendments that arrived before the referral was placed, acknowledged once it is. */
        public int pendingAmendments;

        public Node() {}

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

        public Case() {}

        Case(String caseId) {
            this.caseId = caseId;
        }
    }
}
