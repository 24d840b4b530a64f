package org.rjhub.router.graph;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KeyValue;
import org.rjhub.matching.CaseIds;
import org.rjhub.matching.ReferralSummary;
import org.rjhub.router.graph.GraphState.Case;
import org.rjhub.router.graph.GraphState.Node;
import org.rjhub.router.routing.RoutingRules;

/**
 * The case graph on every partition (issue 17; DESIGN.md, "Cases on every partition"): {@link CaseGraph} run per
 * connected component, at the component's owner, with {@link ComponentOwners}' protocol to merge components.
 *
 * <p>Each referral has a home partition (its id's hash on the graph topic) holding its {@link Entry}. A component's
 * root, its smallest referral id, holds the component's share of the case graph ({@link Component}: nodes, cases,
 * summaries), and runs {@link CaseGraph} over it; every other entry points towards the root. A message about a
 * referral goes to its home and one hop along the pointer to the root. A message that names referrals outside the
 * component (a block result's candidates, a decision's second case) is parked in the component and a
 * {@link OwnerMessage.Kind#JOIN} is sent to each; the larger root gives its whole state to the smaller
 * ({@link OwnerMessage.Kind#ABSORB}) and becomes a forwarding pointer in the same step, and the merged root applies
 * what was parked. A root whose message names a referral smaller than itself gives its state up to it at once, with no
 * join (DESIGN.md, "Fewer passes of the graph topic"). So every case graph message is applied where every referral it names is held, as it was on the one
 * partition, and a referral is still placed only when all its shards have reported and every candidate is at hand.
 *
 * <p>Facts that shrink are made monotone where a message could overtake them on another partition: a retired
 * blocking key is kept by the component (a union on merge) and withdraws every edge found under it, then or later.
 * Case ids follow {@link CaseGraph.IdRule#SMALLEST_MEMBER}: a case's id derives from its smallest referral, so the
 * final ids, like the final cases, do not depend on the order messages arrived in. Decisions name cases: every case id
 * derives from one referral ({@link CaseIds}), which stays in the case while it has that id, so each announced
 * referral's would-be case id is given an address ({@link Kind#CASE_ADDRESS}) keyed by the case id; a decision goes to
 * its first case's address, then its second's, then to the first referral's root (where a case renamed meanwhile is
 * no longer found, and the decision does nothing, as one naming a case merged away on the one partition).
 *
 * <p>Retention ({@link #forget}): each root dates its members' announcements by the wall clock and forgets a case none
 * of whose referrals was announced within the retention, as {@link GraphRetention} does on one partition; the other
 * members' entries and the case addresses are deleted at their homes by {@link OwnerMessage.Kind#FORGET} and {@link
 * OwnerMessage.Kind#FORGET_ADDRESS} (DESIGN.md, "Retention of the partitioned graph").
 *
 * <p>A pure state machine over a {@link Store} of one partition: no Kafka here ({@link CaseOwnersProcessor} runs it).
 */
public final class CaseOwners {

    private static final Serde<Case> CASE = GraphSerdes.cases();

    /** The entries and case addresses of one partition. Values are copies: put back to change. */
    public interface Store {
        /** The referral's entry, or null when its home has not heard of it. */
        Entry entry(String referral);

        void put(Entry entry);

        /** A case id's address, or null. */
        Address address(String caseId);

        void put(Address address);

        /** Deletes a referral's entry (a tombstone in the changelog). */
        void deleteEntry(String referral);

        /** Deletes a case id's address (a tombstone in the changelog). */
        void deleteAddress(String caseId);
    }

    /** A referral's entry at its home partition. */
    public static final class Entry {
        public String id;
        /** The root of its component as far as this entry knows; itself while it is the root. */
        public String pointer;
        /** The root's component; null on every other entry. */
        public Component component;

        public Entry() {}

        Entry(String id) {
            this.id = id;
            this.pointer = id;
            this.component = new Component();
            this.component.members.add(id);
        }

        public boolean isRoot() {
            return id.equals(pointer);
        }
    }

    /** What a root holds: its component's share of the case graph. */
    public static final class Component {
        /** Every referral of the component. */
        public Set<String> members = new TreeSet<>();

        public Map<String, Node> nodes = new TreeMap<>();
        public Map<String, Case> cases = new TreeMap<>();
        public Map<String, ReferralSummary> summaries = new TreeMap<>();
        /** Blocking keys retired: no edge found under one counts, whenever it arrives. */
        public Set<String> retiredKeys = new TreeSet<>();
        /** Messages waiting for referrals to join the component, in arrival order. */
        public List<OwnerMessage> parked = new ArrayList<>();
        /** When each referral was last announced, by the wall clock (ms): its retention ({@link #forget}). */
        public Map<String, Long> seen = new TreeMap<>();
    }

    /** Where decisions naming a case id go: the referral it derives from. */
    public static final class Address {
        public String caseId;
        public String referral;
        /** Decisions that came before the address. */
        public List<OwnerMessage> waiting = new ArrayList<>();

        public Address() {}

        Address(String caseId) {
            this.caseId = caseId;
        }
    }

    /** What one message causes: messages to send on the graph topic, and what to write. */
    public record Step(List<OwnerMessage> messages, List<KeyValue<String, Emission>> emissions) {}

    private final Store store;
    private final Supplier<RoutingRules> rules;
    private final LongSupplier wallClock;
    private List<OwnerMessage> messages;
    private List<KeyValue<String, Emission>> emissions;
    private Instant now;

    /**
     * @param store the entries of this partition
     * @param rules the routing rules in force
     */
    public CaseOwners(Store store, Supplier<RoutingRules> rules) {
        this(store, rules, System::currentTimeMillis);
    }

    /**
     * @param store     the entries of this partition
     * @param rules     the routing rules in force
     * @param wallClock the wall clock (ms), which dates each referral's announcements for the retention
     */
    public CaseOwners(Store store, Supplier<RoutingRules> rules, LongSupplier wallClock) {
        this.store = store;
        this.rules = rules;
        this.wallClock = wallClock;
    }

    /** The graph topic's messages for a message the case graph took on one partition. */
    public static List<OwnerMessage> messages(GraphMessage m) {
        return switch (m.type()) {
            case ANNOUNCE ->
                List.of(
                        OwnerMessage.about(m.hubReferralId(), m),
                        OwnerMessage.caseAddress(CaseIds.of(m.hubReferralId()), m.hubReferralId()));
            case BLOCK_RESULT -> {
                // only what can put two referrals in one case joins components: matches (exact keys included), not
                // possible matches (DESIGN.md, "Possible matches do not join components")
                Set<String> named = new LinkedHashSet<>();
                named.add(m.hubReferralId());
                m.edges().stream().filter(GraphMessage.Edge::match).forEach(e -> named.add(e.other()));
                yield List.of(OwnerMessage.graph(m.hubReferralId(), m, List.copyOf(named)));
            }
            case KEY_RETIRED ->
                m.referrals().stream()
                        .map(r -> OwnerMessage.about(r, GraphMessage.keyRetired(m.blockingKey(), List.of(r))))
                        .toList();
            case WITHDRAW -> List.of(OwnerMessage.about(m.hubReferralId(), m));
            case DECISION -> List.of(OwnerMessage.decision(m));
        };
    }

    /** Applies one message addressed to a referral or case id whose home is this store's partition. */
    public Step apply(OwnerMessage m, Instant now) {
        this.messages = new ArrayList<>();
        this.emissions = new ArrayList<>();
        this.now = now;
        switch (m.kind()) {
            case CASE_ADDRESS -> address(m);
            case DECISION -> decision(m);
            case FORGET -> forgotten(m);
            case FORGET_ADDRESS -> addressForgotten(m);
            default -> owned(m);
        }
        return step();
    }

    private Step step() {
        Step step = new Step(List.copyOf(messages), List.copyOf(emissions));
        messages = null;
        emissions = null;
        return step;
    }

    private void owned(OwnerMessage m) {
        Entry e = store.entry(m.to());
        boolean fresh = e == null;
        if (fresh && (m.kind() == OwnerMessage.Kind.REVIEW || m.kind() == OwnerMessage.Kind.REVIEW_ANSWER)) {
            // a referral its home has not heard of (or forgot): no candidate, and no new case to queue
            if (m.kind() == OwnerMessage.Kind.REVIEW) {
                review(null, m);
            }
            return;
        }
        if (fresh) {
            e = new Entry(m.to());
        }
        if (m.kind() == OwnerMessage.Kind.REPOINT) {
            // pointers only move to a smaller root: a late, stale repoint changes nothing
            if (!e.isRoot() && m.root().compareTo(e.pointer) < 0) {
                e.pointer = m.root();
                store.put(e);
            }
            return;
        }
        if (!e.isRoot()) {
            messages.add(m.to(e.pointer)); // a stale address: one hop along the forwarding pointer
            return;
        }
        switch (m.kind()) {
            case GRAPH -> {
                // a join is on its way towards every referral a message parked before waits for
                Set<String> awaited = new TreeSet<>();
                missing(e.component, awaited);
                e.component.parked.add(m);
                TreeSet<String> outside = new TreeSet<>(m.referrals());
                outside.removeAll(e.component.members);
                if (!outside.isEmpty() && outside.first().compareTo(e.id) < 0) {
                    // the smallest referral named outside has a root no larger than it, so smaller than this one,
                    // which would be asked to surrender: it gives its state up at once, without the join and the
                    // surrender, and leaves the absorbing root to join the others
                    String into = outside.pollFirst();
                    outside.removeAll(awaited);
                    surrender(e, into, List.copyOf(outside));
                    return;
                }
                outside.removeAll(awaited);
                for (String r : outside) {
                    messages.add(OwnerMessage.join(r, e.id));
                }
                settle(e);
            }
            case JOIN -> {
                String target = m.referrals().isEmpty() ? e.id : m.referrals().get(0);
                if (!e.component.members.contains(target)) {
                    // the target was forgotten out of this component (retention) after the join took its pointer
                    // here: to its home again, behind the forgetting, so it joins as the new referral it now is
                    messages.add(m.to(target));
                    return;
                }
                meet(e, m.root());
            }
            case SURRENDER -> meet(e, m.root());
            case ABSORB -> {
                String target = m.referrals().isEmpty() ? null : m.referrals().get(0);
                if (target != null && !e.component.members.contains(target)) {
                    // the referral it was sent to was forgotten out of this component (retention) after the absorb
                    // took its pointer here: to its home again, behind the forgetting, as a join's
                    messages.add(m.to(target));
                    return;
                }
                absorb(e, m);
                Set<String> joins = new TreeSet<>();
                if (target != null) {
                    m.referrals().stream().skip(1).forEach(joins::add);
                }
                if (fresh) {
                    missing(e.component, joins); // this root was forgotten meanwhile: the joins it had sent were spent
                }
                joins.removeAll(e.component.members);
                for (String r : joins) {
                    messages.add(OwnerMessage.join(r, e.id));
                }
            }
            case REVIEW -> review(e.component, m);
            case REVIEW_ANSWER -> reviewed(e, m);
            default -> throw new IllegalStateException("not owned: " + m.kind());
        }
    }

    /**
     * The root {@code here} meets another component's (former) root {@code other}: the larger root gives its state
     * to the smaller, the smaller asks the larger to.
     */
    private void meet(Entry here, String other) {
        int order = here.id.compareTo(other);
        if (order == 0 || here.component.members.contains(other)) {
            return; // already one component
        }
        if (order < 0) {
            messages.add(OwnerMessage.control(OwnerMessage.Kind.SURRENDER, other, here.id));
            return;
        }
        surrender(here, other, List.of());
    }

    /**
     * The root {@code here} gives its whole state up to {@code into}'s component, whose root is smaller, and becomes a
     * pointer to {@code into} in the same step; the absorbing root is to join {@code joins}.
     */
    private void surrender(Entry here, String into, List<String> joins) {
        messages.add(OwnerMessage.absorb(into, here.id, here.component, joins));
        here.pointer = into;
        here.component = null;
        store.put(here);
    }

    private void absorb(Entry root, OwnerMessage a) {
        Component c = root.component;
        Component in = a.component();
        c.members.addAll(in.members);
        c.nodes.putAll(in.nodes);
        c.cases.putAll(in.cases);
        c.summaries.putAll(in.summaries);
        Set<String> newlyRetired = new TreeSet<>(c.retiredKeys);
        newlyRetired.addAll(in.retiredKeys);
        newlyRetired.removeIf(k -> c.retiredKeys.contains(k) && in.retiredKeys.contains(k));
        c.retiredKeys.addAll(in.retiredKeys);
        c.parked.addAll(in.parked);
        in.seen.forEach((r, t) -> c.seen.merge(r, t, Math::max));
        // the root that gave up points where it sent its state: if that is this root, it needs no repoint
        String pointedAt = a.referrals().isEmpty() ? null : a.referrals().get(0);
        for (String member : in.members) {
            if (!(member.equals(a.root()) && root.id.equals(pointedAt))) {
                messages.add(OwnerMessage.control(OwnerMessage.Kind.REPOINT, member, root.id));
            }
        }
        CaseGraph graph = graph(c);
        for (String key : newlyRetired) {
            retire(graph, c, key);
        }
        settle(root);
    }

    /**
     * Applies every parked message whose referrals are all in the component, in arrival order. The others wait: a
     * join was sent towards each referral they name outside when they were parked, and it ends in one component.
     */
    private void settle(Entry root) {
        Component c = root.component;
        CaseGraph graph = graph(c);
        List<OwnerMessage> waiting = new ArrayList<>();
        for (OwnerMessage m : List.copyOf(c.parked)) {
            if (c.members.containsAll(m.referrals())) {
                applyGraph(graph, c, m.graph());
            } else {
                waiting.add(m);
            }
        }
        c.parked = waiting;
        store.put(root);
    }

    private void applyGraph(CaseGraph graph, Component c, GraphMessage g) {
        switch (g.type()) {
            case KEY_RETIRED -> {
                if (c.retiredKeys.add(g.blockingKey())) {
                    retire(graph, c, g.blockingKey());
                }
            }
            case BLOCK_RESULT -> {
                List<GraphMessage.Edge> kept = g.edges().stream()
                        .filter(e -> !c.retiredKeys.contains(e.key() != null ? e.key() : g.blockingKey()))
                        .toList();
                emissions.addAll(graph.apply(GraphMessage.blockResult(g.hubReferralId(), g.blockingKey(), kept), now));
            }
            case ANNOUNCE -> {
                c.seen.put(g.hubReferralId(), wallClock.getAsLong());
                emissions.addAll(graph.apply(g, now));
            }
            default -> emissions.addAll(graph.apply(g, now));
        }
    }

    /** Adds to {@code missing} every referral a parked message of {@code c} still waits for. */
    private static void missing(Component c, Set<String> missing) {
        for (OwnerMessage p : c.parked) {
            p.referrals().stream().filter(r -> !c.members.contains(r)).forEach(missing::add);
        }
    }

    /** A retired key withdraws every edge found under it in the component (its block's referrals are all here). */
    private void retire(CaseGraph graph, Component c, String key) {
        emissions.addAll(graph.apply(GraphMessage.keyRetired(key, List.copyOf(c.nodes.keySet())), now));
    }

    // ---- possible matches across components: DESIGN.md, "Possible matches do not join components" ----

    /**
     * At the root of the component {@code c} (null: the candidate's home has no entry for it): the first candidate
     * left that {@code c} holds, placed in a case other than the reviewed referral's, is the answer; a candidate not
     * held here gets the rest; none left, the answer is none.
     */
    private void review(Component c, OwnerMessage m) {
        String arriving = m.graph().hubReferralId();
        String caseId = m.referrals().get(0);
        List<GraphMessage.Edge> left = m.graph().edges();
        // the reviewed referral's case as this component has it (merged since, perhaps), else as it was asked
        Node reviewed = c == null ? null : c.nodes.get(arriving);
        String own = reviewed != null && reviewed.caseId != null ? reviewed.caseId : caseId;
        for (int i = 0; i < left.size(); i++) {
            GraphMessage.Edge candidate = left.get(i);
            if (c == null || !c.members.contains(candidate.other())) {
                if (i > 0) {
                    messages.add(OwnerMessage.review(arriving, caseId, left.subList(i, left.size())));
                    return;
                }
                continue; // the one it was sent to is not held here (unknown, or forgotten): the next
            }
            Node n = c.nodes.get(candidate.other());
            if (n != null && n.placed && n.caseId != null && !n.caseId.equals(own)) {
                messages.add(OwnerMessage.reviewAnswer(arriving, caseId, candidate, n.caseId));
                return;
            }
        }
        messages.add(OwnerMessage.reviewAnswer(arriving, caseId, null, null));
    }

    /** At the reviewed referral's root: its new case's queue item, now that its candidate's case is known. */
    private void reviewed(Entry root, OwnerMessage m) {
        String arriving = m.graph().hubReferralId();
        if (!root.component.members.contains(arriving)) {
            return; // forgotten since (retention)
        }
        List<GraphMessage.Edge> found = m.graph().edges();
        String candidateCase = m.referrals().size() > 1 ? m.referrals().get(1) : null;
        double weight = found.isEmpty() ? 0 : found.get(0).weight();
        emissions.addAll(graph(root.component).reviewed(arriving, m.referrals().get(0), candidateCase, weight, now));
    }

    // ---- retention: DESIGN.md, "Retention of the partitioned graph" ----

    /**
     * The retention sweep at the root {@code rootId}: forgets every case (and referral never placed in a case) of its
     * component none of whose referrals was announced since {@code cutoff} (wall-clock ms), as {@link GraphRetention}
     * does on one partition. A component with no referral left is forgotten whole: the root's entry is deleted, and
     * every other member's entry and every member's case address are deleted at their homes ({@link
     * OwnerMessage.Kind#FORGET}, {@link OwnerMessage.Kind#FORGET_ADDRESS}). A component with a message parked (a join
     * under way) is left to the next sweep.
     *
     * @param now the wall clock (ms), which dates a referral held with no date (stored before retention existed)
     */
    public Step forget(String rootId, long now, long cutoff) {
        this.messages = new ArrayList<>();
        this.emissions = new ArrayList<>();
        Entry root = store.entry(rootId);
        if (root == null || !root.isRoot() || !root.component.parked.isEmpty()) {
            return step();
        }
        Component c = root.component;
        boolean dated = false;
        for (String referral : c.nodes.keySet()) {
            dated |= c.seen.putIfAbsent(referral, now) == null;
        }
        Set<String> expired = new TreeSet<>();
        c.seen.forEach((r, t) -> {
            if (t < cutoff) {
                expired.add(r);
            }
        });
        Set<String> forgotten = new TreeSet<>();
        for (String referral : expired) {
            Node node = c.nodes.get(referral);
            Case kase = node == null || node.caseId == null ? null : c.cases.get(node.caseId);
            if (kase == null) {
                forgotten.add(referral);
            } else if (expired.containsAll(kase.members)) {
                forgotten.addAll(kase.members);
                c.cases.remove(kase.caseId);
            }
        }
        for (String referral : forgotten) {
            c.nodes.remove(referral);
            c.summaries.remove(referral);
            c.seen.remove(referral);
        }
        c.nodes.values().forEach(n -> GraphRetention.forgetEdges(n, forgotten));
        if (c.nodes.isEmpty()) {
            // nothing left: the whole component goes, its members' entries and addresses at their homes
            for (String member : c.members) {
                if (!member.equals(rootId)) {
                    messages.add(OwnerMessage.forget(member, rootId));
                }
                messages.add(OwnerMessage.forgetAddress(CaseIds.of(member), member));
            }
            store.deleteEntry(rootId);
        } else if (!forgotten.isEmpty() || dated) {
            // the root stays a member (it holds the component); any other forgotten referral leaves it
            for (String referral : forgotten) {
                if (!referral.equals(rootId) && c.members.remove(referral)) {
                    messages.add(OwnerMessage.forget(referral, rootId));
                }
                messages.add(OwnerMessage.forgetAddress(CaseIds.of(referral), referral));
            }
            store.put(root);
        }
        return step();
    }

    /** A root forgot the referral {@code to}: its entry, a pointer, goes (a root there is a new component's). */
    private void forgotten(OwnerMessage m) {
        Entry e = store.entry(m.to());
        if (e != null && !e.isRoot()) {
            store.deleteEntry(e.id);
        }
    }

    /** A root forgot the referral case id {@code to} derives from: its address goes. */
    private void addressForgotten(OwnerMessage m) {
        Address a = store.address(m.to());
        if (a != null && m.referrals().get(0).equals(a.referral)) {
            store.deleteAddress(a.caseId);
        }
    }

    // ---- decisions: case id to the referral it derives from ----

    private void address(OwnerMessage m) {
        Address a = store.address(m.to());
        if (a == null) {
            a = new Address(m.to());
        }
        if (a.referral != null) {
            return; // a case id derives from one referral: a later announce of it changes nothing
        }
        a.referral = m.referrals().get(0);
        List<OwnerMessage> waiting = a.waiting;
        a.waiting = new ArrayList<>();
        store.put(a);
        for (OwnerMessage d : waiting) {
            resolve(d, a.referral);
        }
    }

    private void decision(OwnerMessage m) {
        Address a = store.address(m.to());
        if (a == null) {
            a = new Address(m.to());
        }
        if (a.referral == null) {
            a.waiting.add(m);
            store.put(a);
            return;
        }
        resolve(m, a.referral);
    }

    /** The decision's case {@code to} derives from {@code referral}: on to the second case, or to the graph. */
    private void resolve(OwnerMessage d, String referral) {
        GraphMessage g = d.graph();
        if (d.referrals().isEmpty()) {
            messages.add(new OwnerMessage(OwnerMessage.Kind.DECISION, g.caseB(), g, List.of(referral), null, null));
        } else {
            String first = d.referrals().get(0);
            messages.add(OwnerMessage.graph(first, g, List.of(first, referral)));
        }
    }

    private CaseGraph graph(Component c) {
        return new CaseGraph(new ComponentStore(c), rules, CaseGraph.IdRule.SMALLEST_MEMBER, new CaseGraph.Reviews() {
            @Override
            public boolean holds(String referral) {
                return c.members.contains(referral);
            }

            @Override
            public void ask(String arriving, String caseId, List<GraphMessage.Edge> candidates) {
                messages.add(OwnerMessage.review(arriving, caseId, candidates));
            }
        });
    }

    /**
     * A component's share of the case graph as a {@link GraphStore}. Nodes are handed out as the component holds them,
     * not as copies: a step of a component of N referrals reads and puts up to N nodes, each with its edges to the
     * other N, and copying them (through the serde, as this store did) made one person referred many times cost N²
     * per step (measured with {@code DensePersonBench}: 2 s a referral at 100 referrals, 0.25 s without the copies).
     * The case graph puts back every node it changes, so a node changed in place is the same node put back; cases,
     * small, are still copied.
     */
    private static final class ComponentStore implements GraphStore {
        private final Component c;

        ComponentStore(Component c) {
            this.c = c;
        }

        @Override
        public Node node(String hubReferralId) {
            return c.nodes.get(hubReferralId);
        }

        @Override
        public void putNode(Node node) {
            c.nodes.put(node.id, node);
        }

        @Override
        public Case kase(String caseId) {
            return copy(CASE, c.cases.get(caseId));
        }

        @Override
        public void putCase(Case kase) {
            c.cases.put(kase.caseId, copy(CASE, kase));
        }

        @Override
        public void deleteCase(String caseId) {
            c.cases.remove(caseId);
        }

        @Override
        public ReferralSummary summary(String hubReferralId) {
            return c.summaries.get(hubReferralId); // an immutable record
        }

        @Override
        public void putSummary(String hubReferralId, ReferralSummary summary) {
            c.summaries.put(hubReferralId, summary);
        }

        @Override
        public void deleteSummary(String hubReferralId) {
            c.summaries.remove(hubReferralId);
        }

        private static <T> T copy(Serde<T> serde, T value) {
            return value == null
                    ? null
                    : serde.deserializer()
                            .deserialize("copy", serde.serializer().serialize("copy", value));
        }
    }
}
