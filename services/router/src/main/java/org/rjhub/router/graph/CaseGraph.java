package org.rjhub.router.graph;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.streams.KeyValue;
import org.rjhub.agencies.outcomes.Acknowledgements;
import org.rjhub.common.privacy.SealedDetails;
import org.rjhub.common.privacy.SealedParties;
import org.rjhub.contracts.hub.AgencyReference;
import org.rjhub.contracts.hub.CaseType;
import org.rjhub.contracts.hub.JusticeStage;
import org.rjhub.contracts.hub.Offence;
import org.rjhub.contracts.hub.OffenceCategory;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.contracts.hub.PartyRole;
import org.rjhub.contracts.hub.QueueDetails;
import org.rjhub.contracts.hub.QueueItem;
import org.rjhub.contracts.hub.QueueItemType;
import org.rjhub.contracts.hub.QueueParty;
import org.rjhub.contracts.hub.SensitivityFlag;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.matching.CaseIds;
import org.rjhub.matching.ReferralSummary;
import org.rjhub.router.graph.GraphState.Case;
import org.rjhub.router.graph.GraphState.Node;
import org.rjhub.router.routing.QueueRouter;
import org.rjhub.router.routing.Route;
import org.rjhub.router.routing.RoutingRules;

/**
 * The case graph: referrals are nodes, automatic matches and confirmed links are edges, and
 * facilitators' keep-apart decisions are constraints. The cases of a connected component are a pure
 * function of its facts ({@link ComponentCases}: confirmed links first, then matches by falling
 * weight, never joining a kept-apart pair), recomputed whenever a fact changes; a referral is placed
 * once every blocking shard has reported. So the final cases depend neither on arrival order nor on
 * what arrives after a decision. Opens, links, merges and splits cases, routes new ones to a queue
 * (or holds them until sentence), and acknowledges each referral.
 *
 * <p>A pure algorithm over a {@link GraphStore} and the routing rules in force: no Kafka here.
 * {@link CaseOwners} runs it per component in the router's topology; the tests run it on a store in memory.
 * One instance per store, used by one thread.
 */
public final class CaseGraph {

    /** How a case gets its id ({@link CaseIds}: always derived from one of its referrals, its anchor). */
    public enum IdRule {
        /**
         * The one-partition graph's rule: a new case takes its opener's id; when cases merge, the smaller id survives;
         * when a case divides, the piece holding its anchor keeps the id. A case keeps its id while it exists, but
         * which id it has depends on which referral came first.
         */
        OPENER,
        /**
         * The partitioned graph's rule (issue 17): a case's id derives from its smallest referral id, a pure function
         * of its members, so the final ids do not depend on arrival order. A case whose smallest referral changes
         * (a smaller one joins, or its anchor is withdrawn) is continued under the new id: its referrals are told
         * they were merged into it, as on any merge, and the case service marks the old id merged.
         */
        SMALLEST_MEMBER
    }

    /**
     * Where the other ends of review-level edges are. On one partition the graph holds every referral
     * ({@link #ALL_HERE}); on several ({@link CaseOwners}) a component holds only the referrals that matches, exact
     * keys and decisions joined to it, so a possible match to a referral outside is kept on this side only, and the
     * case that referral is in is asked of its component when a new case's queue item needs it (DESIGN.md, "Possible
     * matches do not join components").
     */
    public interface Reviews {
        /** Whether the graph holds {@code referral}'s node. */
        boolean holds(String referral);

        /**
         * A new case's queue item waits for the case of a review candidate held elsewhere: asks, from {@code
         * candidates} (best first, the first not held here), for the first placed in a case other than {@code
         * caseId}; the answer comes back to {@link #reviewed}.
         *
         * @param arriving   the referral whose placement opened the case
         * @param caseId     the case it opened
         * @param candidates the review candidates left to try, best first
         */
        void ask(String arriving, String caseId, List<GraphMessage.Edge> candidates);
    }

    /** One partition: every referral is held here, and nothing is ever asked. */
    public static final Reviews ALL_HERE = new Reviews() {
        @Override
        public boolean holds(String referral) {
            return true;
        }

        @Override
        public void ask(String arriving, String caseId, List<GraphMessage.Edge> candidates) {
            throw new IllegalStateException("every referral is held on one partition");
        }
    };

    private static final String MERGED = "its case was merged into this one";

    private final GraphStore store;
    private final Supplier<RoutingRules> rules;
    private final IdRule idRule;
    private final Reviews reviews;
    private Instant now;
    private List<KeyValue<String, Emission>> out;

    /**
     * The one-partition graph: {@link IdRule#OPENER}.
     *
     * @param store where the graph is kept
     * @param rules the routing rules in force, asked each time a case is routed
     */
    public CaseGraph(GraphStore store, Supplier<RoutingRules> rules) {
        this(store, rules, IdRule.OPENER);
    }

    /**
     * @param store  where the graph is kept
     * @param rules  the routing rules in force, asked each time a case is routed
     * @param idRule how cases get their ids
     */
    public CaseGraph(GraphStore store, Supplier<RoutingRules> rules, IdRule idRule) {
        this(store, rules, idRule, ALL_HERE);
    }

    /**
     * @param store   where the graph is kept
     * @param rules   the routing rules in force, asked each time a case is routed
     * @param idRule  how cases get their ids
     * @param reviews which referrals the store holds, and how to ask after those it does not
     */
    public CaseGraph(GraphStore store, Supplier<RoutingRules> rules, IdRule idRule, Reviews reviews) {
        this.store = store;
        this.rules = rules;
        this.idRule = idRule;
        this.reviews = reviews;
    }

    /**
     * Applies one message to the graph.
     *
     * @param m   an announcement, a blocking shard's result, an accepted linkage decision, or a retired key
     * @param now the message's time: the outcomes' and queue items' time
     * @return what to write, in order: outcomes keyed by the agency's referral id, queue items by case id
     */
    public List<KeyValue<String, Emission>> apply(GraphMessage m, Instant now) {
        this.now = now;
        this.out = new ArrayList<>();
        switch (m.type()) {
            case ANNOUNCE -> announce(m);
            case BLOCK_RESULT -> blockResult(m);
            case DECISION -> decision(m);
            case KEY_RETIRED -> keyRetired(m);
            case WITHDRAW -> withdraw(m);
            default -> throw new IllegalStateException("unknown graph message " + m.type());
        }
        List<KeyValue<String, Emission>> written = List.copyOf(out);
        out = null;
        return written;
    }

    private void announce(GraphMessage m) {
        Node node = node(m.hubReferralId());
        if (m.amendment() && node.placed) {
            store.putSummary(node.id, m.summary());
            store.putNode(node);
            amend(node);
            return;
        }
        store.putSummary(node.id, m.summary());
        if (m.amendment() && node.announced) {
            node.pendingAmendments++;
        }
        node.announced = true;
        node.expected = m.expectedKeys();
        store.putNode(node);
        tryPlace(node);
    }

    private void blockResult(GraphMessage m) {
        Node node = node(m.hubReferralId());
        node.received.add(m.blockingKey());
        boolean linksPlaced = false;
        for (GraphMessage.Edge e : m.edges()) {
            if (node.keptApart.contains(e.other())) {
                continue;
            }
            String key = e.key() != null ? e.key() : m.blockingKey();
            (e.match() ? node.matchByKey : node.reviewByKey)
                    .computeIfAbsent(e.other(), k -> new TreeMap<>())
                    .merge(key, e.weight(), Math::max);
            refresh(node, e.other());
            if (!e.match() && !reviews.holds(e.other())) {
                continue; // a possible match held elsewhere: kept on this side only, its case asked for when needed
            }
            Node other = node(e.other());
            (e.match() ? other.matchByKey : other.reviewByKey)
                    .computeIfAbsent(node.id, k -> new TreeMap<>())
                    .merge(key, e.weight(), Math::max);
            refresh(other, node.id);
            store.putNode(other);
            linksPlaced |= e.match() && node.placed && other.placed;
        }
        store.putNode(node);
        if (linksPlaced) {
            // a new match between placed referrals can change how their component divides into cases
            reconcile(Set.of(node.id), null, Cause.MATCHES);
        } else {
            tryPlace(node);
        }
    }

    private void tryPlace(Node node) {
        if (node.placed || !node.announced || node.received.size() < node.expected) {
            return;
        }
        node.placed = true;
        node.received.clear(); // only needed until placed
        store.putNode(node);
        reconcile(Set.of(node.id), node.id, Cause.MATCHES);
        Node placed = store.node(node.id);
        for (; placed.pendingAmendments > 0; placed.pendingAmendments--) {
            ack(store.summary(placed.id), OutcomeType.AMENDED, placed.caseId, null);
        }
        store.putNode(placed);
    }

    /**
     * Recomputes the cases of the component(s) holding {@code seeds} and writes what changed. The
     * component is followed through matches, confirmed links and current case membership, so every
     * case it touches is whole in it.
     *
     * <p>Case ids (see {@link CaseIds}), {@link IdRule#OPENER}: each existing case's id goes to the new case holding
     * the referral it derives from (its opener: the split rule), and a case holding several existing ones keeps the
     * smallest of their ids (the merge rule); a case holding none takes the id of its smallest referral. An opener
     * always stays in the case named after it, so two cases never share an id. {@link IdRule#SMALLEST_MEMBER}: every
     * case takes the id of its smallest referral; an existing case is continued by (claimed by) the new case holding
     * its anchor, under that case's id, which is its own id unless a smaller referral joined it.
     *
     * @param arriving the referral being placed, or null
     * @param cause    what changed the facts: told to referrals that move
     */
    private void reconcile(Set<String> seeds, String arriving, Cause cause) {
        Map<String, Node> nodes = new TreeMap<>();
        Map<String, Case> before = new TreeMap<>();
        Deque<String> todo = new ArrayDeque<>(seeds);
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (nodes.containsKey(id)) {
                continue;
            }
            Node n = store.node(id);
            if (n == null || !n.placed) {
                continue;
            }
            nodes.put(id, n);
            todo.addAll(n.match.keySet());
            todo.addAll(n.confirmed);
            if (n.caseId != null && !before.containsKey(n.caseId)) {
                Case kase = store.kase(n.caseId);
                if (kase != null) {
                    before.put(kase.caseId, kase);
                    todo.addAll(kase.members);
                }
            }
        }
        List<Set<String>> parts = ComponentCases.partition(nodes);

        Map<String, Integer> partOf = new HashMap<>();
        List<Set<String>> claimed = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            for (String id : parts.get(i)) {
                partOf.put(id, i);
            }
            claimed.add(new TreeSet<>());
        }
        for (Case kase : before.values()) {
            int holder = holder(kase, parts.size(), partOf, idRule == IdRule.OPENER);
            if (holder >= 0) {
                claimed.get(holder).add(kase.caseId);
            }
        }
        List<String> ids = new ArrayList<>();
        Map<String, String> movedFrom = new TreeMap<>();
        for (int i = 0; i < parts.size(); i++) {
            String caseId = claimed.get(i).isEmpty() || idRule == IdRule.SMALLEST_MEMBER
                    ? CaseIds.of(parts.get(i).iterator().next())
                    : claimed.get(i).iterator().next();
            ids.add(caseId);
            for (String id : parts.get(i)) {
                Node n = nodes.get(id);
                if (!caseId.equals(n.caseId)) {
                    if (n.caseId != null) {
                        movedFrom.put(id, n.caseId);
                    }
                    n.caseId = caseId;
                    store.putNode(n);
                }
            }
        }
        for (String gone : before.keySet()) {
            if (!ids.contains(gone)) {
                store.deleteCase(gone);
            }
        }
        for (int i = 0; i < parts.size(); i++) {
            Case old = before.get(ids.get(i));
            if (old == null) {
                openCase(ids.get(i), parts.get(i), claimed.get(i), before, arriving, movedFrom, cause);
            } else if (!old.members.equals(parts.get(i))) {
                changeCase(old, parts.get(i), claimed.get(i), before, arriving, movedFrom, cause);
            }
        }
    }

    /**
     * Which part continues an existing case: the one holding its anchor (the referral its id derives from), else,
     * when {@code orMost} (the opener rule), the one holding most of it; -1 for none.
     */
    private static int holder(Case kase, int parts, Map<String, Integer> partOf, boolean orMost) {
        int[] held = new int[parts];
        for (String id : kase.members) {
            Integer part = partOf.get(id);
            if (part != null) {
                if (CaseIds.of(id).equals(kase.caseId)) {
                    return part;
                }
                held[part]++;
            }
        }
        if (!orMost) {
            return -1;
        }
        int best = -1;
        for (int i = 0; i < parts; i++) {
            if (held[i] > 0 && (best < 0 || held[i] > held[best])) {
                best = i;
            }
        }
        return best;
    }

    /**
     * A case id new to the store: a new case, a piece split off a case, or (the smallest-member rule) the continuation
     * under a new id of the existing cases it {@code claimed} (a smaller referral joined them). It is routed on its
     * own referrals, but, as on any merge, is not held when a case it continues was already queued (it keeps that
     * queue); the referrals of a claimed case are told it was merged into this one.
     */
    private void openCase(
            String caseId,
            Set<String> members,
            Set<String> claimed,
            Map<String, Case> before,
            String arriving,
            Map<String, String> movedFrom,
            Cause cause) {
        Case kase = new Case(caseId);
        kase.members.addAll(members);
        Route route = QueueRouter.route(rules.get(), summaries(kase));
        kase.held = route.held();
        kase.queue = route.queue();
        for (String continued : claimed) {
            Case was = before.get(continued);
            if (kase.held && !was.held) {
                kase.held = false;
                kase.queue = was.queue;
            }
        }
        store.putCase(kase);
        for (String id : members) {
            String from = movedFrom.get(id);
            if (id.equals(arriving) && claimed.isEmpty()) {
                ack(store.summary(id), OutcomeType.RECEIVED, caseId, kase.held ? "held until sentence" : null);
            } else if (id.equals(arriving)) {
                ack(store.summary(id), OutcomeType.LINKED, caseId, null); // it joined existing cases
            } else if (from != null && claimed.contains(from)) {
                ack(store.summary(id), OutcomeType.LINKED, caseId, MERGED);
            } else if (from != null) {
                ack(store.summary(id), OutcomeType.RECEIVED, caseId, cause.reason);
            }
        }
        if (kase.held) {
            return;
        }
        if (arriving == null || !members.contains(arriving)) {
            queue(kase, QueueItemType.NEW_CASE, null, null);
            return;
        }
        // the best review candidate placed in another case makes it a possible duplicate of that case
        List<GraphMessage.Edge> ranked = reviewCandidates(store.node(arriving));
        for (int i = 0; i < ranked.size(); i++) {
            GraphMessage.Edge candidate = ranked.get(i);
            if (!reviews.holds(candidate.other())) {
                reviews.ask(arriving, caseId, ranked.subList(i, ranked.size())); // the item waits for the answer
                return;
            }
            Node other = store.node(candidate.other());
            if (other != null && other.placed && other.caseId != null && !other.caseId.equals(caseId)) {
                queue(kase, QueueItemType.POSSIBLE_DUPLICATE, other.caseId, candidate.weight());
                return;
            }
        }
        queue(kase, QueueItemType.NEW_CASE, null, null);
    }

    /** An existing case that gained or lost referrals: merged into, split, or both. */
    private void changeCase(
            Case kase,
            Set<String> members,
            Set<String> claimed,
            Map<String, Case> before,
            String arriving,
            Map<String, String> movedFrom,
            Cause cause) {
        boolean lost = !members.containsAll(kase.members);
        boolean wasHeld = kase.held;
        boolean released = false;
        kase.members = new TreeSet<>(members);
        if (lost) {
            // what remains is routed again on its own referrals, as each piece of a split is
            Route route = QueueRouter.route(rules.get(), summaries(kase));
            kase.held = route.held();
            kase.queue = route.queue();
            released = wasHeld && !kase.held;
        } else {
            for (String absorbed : claimed) {
                if (!absorbed.equals(kase.caseId)) {
                    Case gone = before.get(absorbed);
                    kase.held = kase.held && gone.held;
                    if (kase.queue == null) {
                        kase.queue = gone.queue;
                    }
                }
            }
            if (wasHeld) {
                Route route = QueueRouter.route(rules.get(), summaries(kase));
                if (!route.held()) {
                    kase.held = false;
                    kase.queue = route.queue();
                    released = true;
                }
            }
        }
        store.putCase(kase);
        for (String id : members) {
            String from = movedFrom.get(id);
            if (id.equals(arriving)) {
                ack(store.summary(id), OutcomeType.LINKED, kase.caseId, null);
            } else if (from != null) {
                ack(store.summary(id), OutcomeType.LINKED, kase.caseId, claimed.contains(from) ? MERGED : cause.reason);
            }
        }
        if (released) {
            queue(kase, QueueItemType.RELEASED_AFTER_SENTENCE, null, null);
        } else if (!kase.held && kase.queue != null) {
            queue(kase, QueueItemType.AMENDED, null, null);
        }
    }

    /** A referral's review candidates, not kept apart from it, by falling weight (then id): the best first. */
    private static List<GraphMessage.Edge> reviewCandidates(Node node) {
        List<GraphMessage.Edge> ranked = new ArrayList<>();
        node.review.forEach((other, weight) -> {
            if (!node.keptApart.contains(other)) {
                ranked.add(new GraphMessage.Edge(other, weight, false, null));
            }
        });
        ranked.sort(Comparator.comparingDouble(GraphMessage.Edge::weight)
                .reversed()
                .thenComparing(GraphMessage.Edge::other));
        return ranked;
    }

    /**
     * The answer to {@link Reviews#ask}: queues the new case {@code caseId} of {@code arriving}, a possible duplicate
     * of {@code candidateCase} (null: none found), unless the case has changed since (merged, split or renamed: its
     * changes were queued) or is held.
     *
     * @return what to write: the queue item, or nothing
     */
    public List<KeyValue<String, Emission>> reviewed(
            String arriving, String caseId, String candidateCase, double weight, Instant now) {
        this.now = now;
        this.out = new ArrayList<>();
        Node node = store.node(arriving);
        Case kase = node == null || !node.placed || !caseId.equals(node.caseId) ? null : store.kase(caseId);
        if (kase != null && !kase.held) {
            if (candidateCase != null && !candidateCase.equals(caseId)) {
                queue(kase, QueueItemType.POSSIBLE_DUPLICATE, candidateCase, weight);
            } else {
                queue(kase, QueueItemType.NEW_CASE, null, null);
            }
        }
        List<KeyValue<String, Emission>> written = List.copyOf(out);
        out = null;
        return written;
    }

    private void amend(Node node) {
        Case kase = store.kase(node.caseId);
        ack(store.summary(node.id), OutcomeType.AMENDED, kase.caseId, null);
        if (kase.held) {
            Route route = QueueRouter.route(rules.get(), summaries(kase));
            if (!route.held()) {
                kase.held = false;
                kase.queue = route.queue();
                store.putCase(kase);
                queue(kase, QueueItemType.RELEASED_AFTER_SENTENCE, null, null);
            }
            return;
        }
        queue(kase, QueueItemType.AMENDED, null, null);
    }

    private void decision(GraphMessage m) {
        Case a = store.kase(m.caseA());
        Case b = store.kase(m.caseB());
        if (a == null || b == null || a.caseId.equals(b.caseId) && m.link()) {
            return;
        }
        Set<String> involved = new TreeSet<>(a.members);
        involved.addAll(b.members);
        if (m.link()) {
            // the facilitator says the two cases are one: none of their referrals is kept apart any more
            String x = a.members.iterator().next();
            String y = b.members.iterator().next();
            update(x, n -> {
                n.match.put(y, GraphMessage.Edge.EXACT);
                n.confirmed.add(y);
            });
            update(y, n -> {
                n.match.put(x, GraphMessage.Edge.EXACT);
                n.confirmed.add(x);
            });
            for (String id : involved) {
                update(id, n -> n.keptApart.removeAll(a.members.contains(id) ? b.members : a.members));
            }
        } else {
            for (String x : a.members) {
                for (String y : b.members) {
                    if (!x.equals(y)) {
                        keepApart(x, y);
                    }
                }
            }
        }
        reconcile(involved, null, Cause.DECISION);
    }

    /**
     * An amendment withdrew the referral's consent to refer (or made it ineligible; its agency has had NOT_ELIGIBLE):
     * it leaves the graph. Its edges go (a later referral is never linked through it), its summary is deleted, and
     * its case, if any, is recomputed without it: the rest of the case is queued again without its parties, or, when
     * it was the case's only referral, the case goes and its queue gets a WITHDRAWN item naming nobody. Its
     * keep-apart decisions stay (they hold no personal data), so a later amendment giving consent again is placed
     * afresh and still honours them.
     */
    private void withdraw(GraphMessage m) {
        Node node = store.node(m.hubReferralId());
        if (node == null) {
            return;
        }
        Set<String> others = new TreeSet<>(node.match.keySet());
        others.addAll(node.review.keySet());
        others.addAll(node.matchByKey.keySet());
        others.addAll(node.reviewByKey.keySet());
        others.addAll(node.confirmed);
        for (String other : others) {
            Node n = store.node(other);
            if (n != null) {
                n.match.remove(node.id);
                n.review.remove(node.id);
                n.matchByKey.remove(node.id);
                n.reviewByKey.remove(node.id);
                n.confirmed.remove(node.id);
                store.putNode(n);
            }
        }
        String caseId = node.placed ? node.caseId : null;
        node.placed = false;
        node.announced = false;
        node.caseId = null;
        node.expected = 0;
        node.pendingAmendments = 0;
        node.received.clear();
        node.match.clear();
        node.review.clear();
        node.matchByKey.clear();
        node.reviewByKey.clear();
        node.confirmed.clear();
        store.putNode(node);
        Case kase = caseId == null ? null : store.kase(caseId);
        // the case ends when its last referral goes, or (smallest-member rule) the one its id derives from: what is
        // left of it is then recomputed into cases named after their own smallest referrals
        boolean ends = kase != null
                && (kase.members.equals(Set.of(node.id))
                        || idRule == IdRule.SMALLEST_MEMBER
                                && CaseIds.of(node.id).equals(kase.caseId));
        if (ends) {
            QueueItem last = kase.held ? null : item(kase, QueueItemType.WITHDRAWN, null, null);
            store.deleteCase(caseId);
            if (last != null) {
                last.setParties(new ArrayList<>());
                last.setLinkedReferrals(new ArrayList<>());
                last.setOffence(null);
                last.setFlags(new ArrayList<>());
                last.setDetails(new ArrayList<>());
                out.add(KeyValue.pair(kase.caseId, Emission.queued(last)));
            }
        }
        store.deleteSummary(node.id);
        if (kase != null && kase.members.size() > 1) {
            reconcile(kase.members, null, Cause.WITHDRAWN);
        }
    }

    /** A blocking key outgrew the cap: the edges found under it are withdrawn, and the cases follow. */
    private void keyRetired(GraphMessage m) {
        Set<String> affected = new TreeSet<>();
        for (String id : m.referrals()) {
            Node n = store.node(id);
            if (n == null) {
                continue;
            }
            Set<String> touched = new TreeSet<>();
            for (var byKey : List.of(n.matchByKey, n.reviewByKey)) {
                for (var it = byKey.entrySet().iterator(); it.hasNext(); ) {
                    var e = it.next();
                    if (e.getValue().remove(m.blockingKey()) != null) {
                        touched.add(e.getKey());
                        if (e.getValue().isEmpty()) {
                            it.remove();
                        }
                    }
                }
            }
            if (!touched.isEmpty()) {
                touched.forEach(other -> refresh(n, other));
                store.putNode(n);
                affected.add(id);
                affected.addAll(touched);
            }
        }
        reconcile(affected, null, Cause.COMMON_KEY);
    }

    /** The edge to {@code other}: the strongest found under any key still in use; a confirmed link is exact. */
    private static void refresh(Node n, String other) {
        Map<String, Double> matches = n.matchByKey.get(other);
        if (n.confirmed.contains(other)) {
            n.match.put(other, GraphMessage.Edge.EXACT);
        } else if (matches != null && !matches.isEmpty()) {
            n.match.put(other, matches.values().stream().max(Double::compare).orElseThrow());
        } else {
            n.match.remove(other);
        }
        Map<String, Double> reviews = n.reviewByKey.get(other);
        if (reviews != null && !reviews.isEmpty()) {
            n.review.put(other, reviews.values().stream().max(Double::compare).orElseThrow());
        } else {
            n.review.remove(other);
        }
    }

    /** Why referrals move between cases, as their agencies are told. */
    private enum Cause {
        MATCHES("moved to the case of its closer matches"),
        DECISION("separated from another case by a facilitator"),
        COMMON_KEY("unlinked: the match was found only under a key too common to use"),
        WITHDRAWN("separated: the referral that linked it to the case was withdrawn");

        private final String reason;

        Cause(String reason) {
            this.reason = reason;
        }
    }

    private void update(String id, Consumer<Node> change) {
        Node n = store.node(id);
        change.accept(n);
        store.putNode(n);
    }

    /** Records a facilitator's keep-apart on both referrals; their direct edges go, as do any confirmed link. */
    private void keepApart(String x, String y) {
        for (String[] pair : new String[][] {{x, y}, {y, x}}) {
            update(pair[0], n -> {
                n.match.remove(pair[1]);
                n.review.remove(pair[1]);
                n.matchByKey.remove(pair[1]);
                n.reviewByKey.remove(pair[1]);
                n.confirmed.remove(pair[1]);
                n.keptApart.add(pair[1]);
            });
        }
    }

    private Node node(String id) {
        Node n = store.node(id);
        return n != null ? n : new Node(id);
    }

    private List<ReferralSummary> summaries(Case kase) {
        List<ReferralSummary> out = new ArrayList<>();
        for (String id : kase.members) {
            ReferralSummary summary = store.summary(id);
            if (summary != null) {
                out.add(summary);
            }
        }
        return out;
    }

    private void ack(ReferralSummary r, OutcomeType type, String caseId, String reason) {
        var outcome = Acknowledgements.outcome(
                type, SourceAgency.valueOf(r.agency()), r.agencyReferralId(), caseId, reason, now);
        out.add(KeyValue.pair(r.agencyReferralId(), Emission.outcome(outcome)));
    }

    private void queue(Case kase, QueueItemType type, String candidateCase, Double weight) {
        out.add(KeyValue.pair(kase.caseId, Emission.queued(item(kase, type, candidateCase, weight))));
    }

    /**
     * A party as its queue item shows it: sealed as intake sealed its display fields (a router with a master key: the
     * item names no one in clear, and the graph needs no key), else in clear.
     */
    private static QueueParty queueParty(ReferralSummary.PartySummary p, String district) {
        PartyRole role = PartyRole.valueOf(p.role());
        return p.dataKeyId() == null
                ? new QueueParty(role, p.forename(), p.surname(), district, null, null)
                : SealedParties.sealed(
                        role, p.dataKeyId(), java.util.Base64.getDecoder().decode(p.sealed()));
    }

    private QueueItem item(Case kase, QueueItemType type, String candidateCase, Double weight) {
        List<ReferralSummary> members = summaries(kase);
        ReferralSummary lead = members.stream()
                .filter(r -> "POLICE".equals(r.agency()))
                .findFirst()
                .orElse(members.get(0));
        Map<String, QueueParty> parties = new LinkedHashMap<>();
        Set<SensitivityFlag> flags = new TreeSet<>();
        List<AgencyReference> refs = new ArrayList<>();
        for (ReferralSummary r : members) {
            refs.add(new AgencyReference(SourceAgency.valueOf(r.agency()), r.agencyReferralId()));
            r.flags().forEach(f -> flags.add(SensitivityFlag.valueOf(f)));
            for (var p : r.parties()) {
                // sealed, the names are not kept: their pseudonym tells the same parties apart
                String identity = p.identity() != null
                        ? p.role() + "|" + p.identity()
                        : p.role() + "|" + p.forename().toLowerCase(java.util.Locale.ROOT) + "|"
                                + p.surname().toLowerCase(java.util.Locale.ROOT);
                parties.putIfAbsent(identity, queueParty(p, r.district()));
            }
        }
        ReferralSummary withOffence = members.stream()
                .filter(r -> r.offenceCategory() != null)
                .findFirst()
                .orElse(null);
        Offence offence = withOffence == null
                ? null
                : new Offence(
                        withOffence.offenceCode(),
                        OffenceCategory.valueOf(withOffence.offenceCategory()),
                        withOffence.offenceDescription());
        // sealed, each referral's wording and flags go as intake sealed them, the one that gives the offence first
        List<QueueDetails> details = new ArrayList<>();
        for (ReferralSummary r : members) {
            if (r.sealedDetails() != null) {
                QueueDetails d = SealedDetails.sealed(
                        r.detailsKeyId(), java.util.Base64.getDecoder().decode(r.sealedDetails()));
                if (r == withOffence) {
                    details.add(0, d);
                } else {
                    details.add(d);
                }
            }
        }
        QueueItem item = QueueItem.newBuilder()
                .setCaseId(kase.caseId)
                .setQueue(kase.queue)
                .setItemType(type)
                .setParties(new ArrayList<>(parties.values()))
                .setOffence(offence)
                .setCaseType(CaseType.valueOf(lead.caseType()))
                .setJusticeStage(
                        members.stream().anyMatch(r -> "SENTENCED".equals(r.justiceStage()))
                                ? JusticeStage.SENTENCED
                                : JusticeStage.valueOf(lead.justiceStage()))
                .setLinkedReferrals(refs)
                .setFlags(new ArrayList<>(flags))
                .setDetails(details)
                .setCandidateCaseId(candidateCase)
                .setMatchWeight(weight)
                .setCreatedAt(now)
                .build();
        return item;
    }
}
