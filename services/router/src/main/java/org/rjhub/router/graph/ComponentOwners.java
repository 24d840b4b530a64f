package org.rjhub.router.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.rjhub.matching.CaseIds;
import org.rjhub.router.graph.GraphState.Node;

/**
 * The case graph without a single partition (issue 17; see DESIGN.md, "Cases on every partition"). Each referral
 * has a home partition (its id's hash) holding its {@link Entry}. A connected component of matches and confirmed
 * links has one owner: the entry of its smallest referral id, the root, which holds the component's facts (its
 * placed referrals' edges, confirmed links and keep-aparts) and decides its cases with {@link ComponentCases}. Every
 * other member's entry points towards the root; a root that is merged into another becomes a forwarding pointer.
 *
 * <p>A pure state machine, one {@link #apply} per message, over a {@link Store} of the entries of one partition: no
 * Kafka here. Messages are addressed to a referral ({@link Message#to()}) and so to its home partition; a step reads
 * and writes only entries of that partition and returns the messages to send and the case assignments that changed.
 * In Kafka Streams each message is a record keyed by its {@code to} on a repartition topic with as many partitions as
 * the input, and a step is one exactly-once transaction.
 *
 * <p>Why any order and any number of partitions end in the same cases with the same ids:
 *
 * <ul>
 *   <li>A root is always the smallest member of its component: a component starts as a single referral, and a root
 *       only ever absorbs components whose root is larger ({@link Join}, {@link Surrender}, {@link Absorb}). So the
 *       final owner of a component is a function of its members.
 *   <li>Facts only grow and merge by union (a match keeps its highest weight), so the facts a root ends with are the
 *       union of all facts sent, whatever their order.
 *   <li>Every edge is followed by a {@link Join} from the root that received it; a join between two roots moves the
 *       larger's whole state to the smaller and leaves a forwarding pointer, atomically. Roots only decrease, so a
 *       message chasing pointers, or two roots exchanging {@link Surrender} and {@link Join}, ends.
 *   <li>The cases of a component are {@link ComponentCases#partition} of its facts and a case's id derives from its
 *       smallest referral ({@link CaseIds}): both pure functions of the final facts.
 * </ul>
 */
public final class ComponentOwners {

    /** The entries of one partition (the referrals whose home it is). Values are copies: put back to change. */
    public interface Store {
        /** The referral's entry, or null when its home has not heard of it. */
        Entry entry(String referral);

        void put(Entry entry);
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

    /** What a root holds about its component. */
    public static final class Component {
        /** Every referral of the component, placed or not yet. */
        public Set<String> members = new TreeSet<>();
        /** The placed referrals' facts: matches (by weight), confirmed links, keep-aparts. */
        public Map<String, Node> nodes = new TreeMap<>();
        /** The case each placed referral was last told: what a change is measured against. */
        public Map<String, String> caseOf = new TreeMap<>();
    }

    /** A message to the home of {@link #to()}. */
    public sealed interface Message permits Facts, Join, Surrender, Absorb, Repoint {
        String to();
    }

    /** Facts about referral {@code node.id} (placed, its matches, decisions): to its component's root. */
    public record Facts(String to, Node node) implements Message {}

    /** The component whose root was {@code root} has an edge into {@code to}'s component: join them. */
    public record Join(String to, String root) implements Message {}

    /** {@code to}'s component must join {@code into}'s, whose root is smaller: give up its state to it. */
    public record Surrender(String to, String into) implements Message {}

    /** A whole component, given up by its root {@code from}, to join {@code to}'s (whose root is smaller). */
    public record Absorb(String to, String from, Component component) implements Message {}

    /** {@code to}'s component is now rooted at {@code root}: shortens its pointer (O(1) hops from then on). */
    public record Repoint(String to, String root) implements Message {}

    /** A placed referral's case, whenever it changes. */
    public record Assignment(String referral, String caseId) {}

    /** What one message causes: messages to send, case assignments to publish. */
    public record Step(List<Message> messages, List<Assignment> assignments) {}

    private final Store store;
    private List<Message> messages;
    private List<Assignment> assignments;

    public ComponentOwners(Store store) {
        this.store = store;
    }

    /** Applies one message addressed to a referral whose home is this store's partition. */
    public Step apply(Message m) {
        messages = new ArrayList<>();
        assignments = new ArrayList<>();
        Entry e = store.entry(m.to());
        if (e == null) {
            e = new Entry(m.to());
        }
        if (m instanceof Repoint r) {
            repoint(e, r.root());
        } else if (!e.isRoot()) {
            messages.add(forward(m, e.pointer)); // a stale address: one hop along the forwarding pointer
        } else if (m instanceof Facts f) {
            facts(e, f.node());
        } else if (m instanceof Join j) {
            meet(e, j.root());
        } else if (m instanceof Surrender s) {
            meet(e, s.into());
        } else if (m instanceof Absorb a) {
            absorb(e, a);
        }
        Step step = new Step(List.copyOf(messages), List.copyOf(assignments));
        messages = null;
        assignments = null;
        return step;
    }

    private static Message forward(Message m, String root) {
        if (m instanceof Facts f) {
            return new Facts(root, f.node());
        } else if (m instanceof Join j) {
            return new Join(root, j.root());
        } else if (m instanceof Surrender s) {
            return new Surrender(root, s.into());
        } else if (m instanceof Absorb a) {
            return new Absorb(root, a.from(), a.component());
        }
        throw new IllegalArgumentException("not forwarded: " + m);
    }

    /** Pointers only ever move to a smaller root: a late, stale repoint changes nothing. */
    private void repoint(Entry e, String root) {
        // a repoint reaches only former members of an absorbed component, never a root
        if (!e.isRoot() && root.compareTo(e.pointer) < 0) {
            e.pointer = root;
            store.put(e);
        }
    }

    private void facts(Entry root, Node incoming) {
        Component c = root.component;
        c.members.add(incoming.id);
        Node node = c.nodes.computeIfAbsent(incoming.id, Node::new);
        node.placed = true;
        incoming.match.forEach((other, w) -> node.match.merge(other, w, Math::max));
        node.confirmed.addAll(incoming.confirmed);
        node.keptApart.addAll(incoming.keptApart);
        Set<String> outside = new TreeSet<>(incoming.match.keySet());
        outside.addAll(incoming.confirmed);
        outside.removeAll(c.members);
        for (String other : outside) {
            messages.add(new Join(other, root.id));
        }
        decide(root);
        store.put(root);
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
            messages.add(new Surrender(other, here.id));
            return;
        }
        messages.add(new Absorb(other, here.id, here.component));
        here.pointer = other;
        here.component = null;
        store.put(here);
    }

    private void absorb(Entry root, Absorb a) {
        Component c = root.component;
        Component in = a.component();
        c.members.addAll(in.members);
        in.nodes.forEach((id, n) -> {
            Node mine = c.nodes.computeIfAbsent(id, Node::new);
            mine.placed = true;
            n.match.forEach((other, w) -> mine.match.merge(other, w, Math::max));
            mine.confirmed.addAll(n.confirmed);
            mine.keptApart.addAll(n.keptApart);
        });
        in.caseOf.forEach(c.caseOf::putIfAbsent);
        for (String member : in.members) {
            messages.add(new Repoint(member, root.id));
        }
        decide(root);
        store.put(root);
    }

    /** Recomputes the component's cases from its facts and reports every placed referral whose case changed. */
    private void decide(Entry root) {
        Component c = root.component;
        for (Set<String> kase : ComponentCases.partition(c.nodes)) {
            String caseId = CaseIds.of(kase.iterator().next());
            for (String referral : kase) {
                if (!caseId.equals(c.caseOf.put(referral, caseId))) {
                    assignments.add(new Assignment(referral, caseId));
                }
            }
        }
    }
}
