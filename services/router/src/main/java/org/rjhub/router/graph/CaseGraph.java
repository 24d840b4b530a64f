package org.rjhub.router.graph;

import org.rjhub.matching.ReferralSummary;
import org.rjhub.matching.CaseIds;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.kafka.streams.KeyValue;
import org.rjhub.contracts.hub.AgencyReference;
import org.rjhub.contracts.hub.CaseType;
import org.rjhub.contracts.hub.JusticeStage;
import org.rjhub.contracts.hub.Offence;
import org.rjhub.contracts.hub.OffenceCategory;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.contracts.hub.PartyRole;
import org.rjhub.contracts.hub.QueueItem;
import org.rjhub.contracts.hub.QueueItemType;
import org.rjhub.contracts.hub.QueueParty;
import org.rjhub.contracts.hub.SensitivityFlag;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.router.graph.GraphState.Case;
import org.rjhub.router.graph.GraphState.Node;
import org.rjhub.agencies.outcomes.Acknowledgements;
import org.rjhub.router.routing.QueueRouter;
import org.rjhub.router.routing.Route;
import org.rjhub.router.routing.RoutingRules;

/**
 * The case graph: referrals are nodes, automatic matches and confirmed links are edges, and a
 * case is a connected component. A referral is placed once every blocking shard has reported, so
 * the final cases do not depend on arrival order. Opens, links, merges and splits cases, routes
 * new ones to a queue (or holds them until sentence), and acknowledges each referral.
 *
 * <p>A pure algorithm over a {@link GraphStore} and the routing rules in force: no Kafka here.
 * {@link CaseGraphProcessor} runs it in the router's topology; the tests run it on a store in memory.
 * One instance per store, used by one thread.
 */
public final class CaseGraph {

    private final GraphStore store;
    private final Supplier<RoutingRules> rules;
    private Instant now;
    private List<KeyValue<String, Emission>> out;

    /**
     * @param store where the graph is kept
     * @param rules the routing rules in force, asked each time a case is routed
     */
    public CaseGraph(GraphStore store, Supplier<RoutingRules> rules) {
        this.store = store;
        this.rules = rules;
    }

    /**
     * Applies one message to the graph.
     *
     * @param m   an announcement, a blocking shard's result, or an accepted linkage decision
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
        boolean joinsAnotherCase = false;
        for (GraphMessage.Edge e : m.edges()) {
            if (node.keptApart.contains(e.other())) {
                continue;
            }
            Node other = node(e.other());
            (e.match() ? node.match : node.review).merge(e.other(), e.weight(), Math::max);
            (e.match() ? other.match : other.review).merge(node.id, e.weight(), Math::max);
            store.putNode(other);
            joinsAnotherCase |= e.match() && node.placed && other.placed && !other.caseId.equals(node.caseId);
        }
        store.putNode(node);
        if (joinsAnotherCase) {
            mergeComponentOf(node, null);
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
        mergeComponentOf(node, node.id);
        Node placed = store.node(node.id);
        for (; placed.pendingAmendments > 0; placed.pendingAmendments--) {
            ack(store.summary(placed.id), OutcomeType.AMENDED, placed.caseId, null);
        }
        store.putNode(placed);
    }

    /** Puts the component of {@code node} into one case; {@code arriving} is the referral that caused it. */
    private void mergeComponentOf(Node node, String arriving) {
        Set<String> component = component(node.id);
        Set<String> existing = new TreeSet<>();
        for (String id : component) {
            Node n = store.node(id);
            if (n.caseId != null) {
                existing.add(n.caseId);
            }
        }
        if (existing.isEmpty()) {
            openCase(node, component);
            return;
        }
        String survivor = existing.iterator().next();
        Case kase = store.kase(survivor);
        boolean wasHeld = kase.held;
        for (String absorbed : existing) {
            if (!absorbed.equals(survivor)) {
                Case gone = store.kase(absorbed);
                kase.members.addAll(gone.members);
                kase.held = kase.held && gone.held;
                if (kase.queue == null) {
                    kase.queue = gone.queue;
                }
                store.deleteCase(absorbed);
            }
        }
        kase.members.addAll(component);
        for (String id : component) {
            Node n = store.node(id);
            boolean moved = n.caseId != null && !n.caseId.equals(survivor);
            n.caseId = survivor;
            store.putNode(n);
            if (id.equals(arriving)) {
                ack(store.summary(n.id), OutcomeType.LINKED, survivor, null);
            } else if (moved) {
                ack(store.summary(n.id), OutcomeType.LINKED, survivor, "its case was merged into this one");
            }
        }
        List<ReferralSummary> members = summaries(kase);
        if (wasHeld) {
            Route route = QueueRouter.route(rules.get(), members);
            if (!route.held()) {
                kase.held = false;
                kase.queue = route.queue();
                store.putCase(kase);
                queue(kase, QueueItemType.RELEASED_AFTER_SENTENCE, null, null);
                return;
            }
        }
        store.putCase(kase);
        if (!kase.held && kase.queue != null) {
            queue(kase, QueueItemType.AMENDED, null, null);
        }
    }

    private void openCase(Node node, Set<String> component) {
        String caseId = CaseIds.of(component.iterator().next());
        Case kase = new Case(caseId);
        kase.members.addAll(component);
        for (String id : component) {
            Node n = store.node(id);
            n.caseId = caseId;
            store.putNode(n);
        }
        Route route = QueueRouter.route(rules.get(), summaries(kase));
        kase.held = route.held();
        kase.queue = route.queue();
        store.putCase(kase);
        ack(store.summary(node.id), OutcomeType.RECEIVED, caseId, route.held() ? "held until sentence" : null);
        if (route.held()) {
            return;
        }
        Map.Entry<String, Double> candidate = reviewCandidate(node, caseId);
        if (candidate != null) {
            queue(kase, QueueItemType.POSSIBLE_DUPLICATE, store.node(candidate.getKey()).caseId, candidate.getValue());
        } else {
            queue(kase, QueueItemType.NEW_CASE, null, null);
        }
    }

    private Map.Entry<String, Double> reviewCandidate(Node node, String ownCase) {
        Map.Entry<String, Double> best = null;
        for (var e : node.review.entrySet()) {
            Node other = store.node(e.getKey());
            if (other != null && other.placed && other.caseId != null && !other.caseId.equals(ownCase)
                    && !node.keptApart.contains(other.id) && (best == null || e.getValue() > best.getValue())) {
                best = e;
            }
        }
        return best;
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
        if (m.link()) {
            Node na = store.node(a.members.iterator().next());
            Node nb = store.node(b.members.iterator().next());
            na.match.put(nb.id, GraphMessage.Edge.EXACT);
            nb.match.put(na.id, GraphMessage.Edge.EXACT);
            na.keptApart.remove(nb.id);
            nb.keptApart.remove(na.id);
            store.putNode(na);
            store.putNode(nb);
            mergeComponentOf(na, null);
            return;
        }
        for (String x : a.members) {
            for (String y : b.members) {
                if (!x.equals(y)) {
                    keepApart(x, y);
                }
            }
        }
        if (a.caseId.equals(b.caseId)) {
            split(a);
        }
    }

    private void keepApart(String x, String y) {
        Node nx = store.node(x);
        Node ny = store.node(y);
        nx.match.remove(y);
        nx.review.remove(y);
        nx.keptApart.add(y);
        ny.match.remove(x);
        ny.review.remove(x);
        ny.keptApart.add(x);
        store.putNode(nx);
        store.putNode(ny);
    }

    /**
     * After a keep-apart inside one case: each remaining component becomes its own case. The piece
     * holding the referral the case id derives from keeps the id; every other piece gets the id of
     * its own first referral, so no two pieces can share an id.
     */
    private void split(Case kase) {
        List<Set<String>> parts = new ArrayList<>();
        Set<String> left = new TreeSet<>(kase.members);
        while (!left.isEmpty()) {
            Set<String> part = component(left.iterator().next());
            part.retainAll(kase.members);
            part.add(left.iterator().next());
            left.removeAll(part);
            parts.add(part);
        }
        int keeper = 0;
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i).stream().anyMatch(id -> CaseIds.of(id).equals(kase.caseId))) {
                keeper = i;
            }
        }
        store.deleteCase(kase.caseId);
        for (int i = 0; i < parts.size(); i++) {
            Set<String> part = parts.get(i);
            boolean keeps = i == keeper;
            String caseId = keeps ? kase.caseId : CaseIds.of(part.iterator().next());
            Case piece = new Case(caseId);
            piece.members.addAll(part);
            Route route = QueueRouter.route(rules.get(), summaries(piece));
            piece.queue = route.queue();
            piece.held = route.held();
            store.putCase(piece);
            for (String id : part) {
                Node n = store.node(id);
                n.caseId = caseId;
                store.putNode(n);
                if (!keeps) {
                    ack(store.summary(n.id), OutcomeType.RECEIVED, caseId, "separated from another case by a facilitator");
                }
            }
            if (!piece.held) {
                queue(piece, keeps ? QueueItemType.AMENDED : QueueItemType.NEW_CASE, null, null);
            }
        }
    }

    private Set<String> component(String start) {
        Set<String> seen = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            String id = todo.pop();
            Node n = store.node(id);
            if (n == null || !n.placed || !seen.add(id)) {
                continue;
            }
            todo.addAll(n.match.keySet());
        }
        return seen;
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
        var outcome = Acknowledgements.outcome(type, SourceAgency.valueOf(r.agency()), r.agencyReferralId(), caseId,
                reason, now);
        out.add(KeyValue.pair(r.agencyReferralId(), Emission.outcome(outcome)));
    }

    private void queue(Case kase, QueueItemType type, String candidateCase, Double weight) {
        List<ReferralSummary> members = summaries(kase);
        ReferralSummary lead = members.stream().filter(r -> "POLICE".equals(r.agency())).findFirst()
                .orElse(members.get(0));
        Map<String, QueueParty> parties = new LinkedHashMap<>();
        Set<SensitivityFlag> flags = new TreeSet<>();
        List<AgencyReference> refs = new ArrayList<>();
        for (ReferralSummary r : members) {
            refs.add(new AgencyReference(SourceAgency.valueOf(r.agency()), r.agencyReferralId()));
            r.flags().forEach(f -> flags.add(SensitivityFlag.valueOf(f)));
            for (var p : r.parties()) {
                String identity = p.role() + "|" + p.forename().toLowerCase(java.util.Locale.ROOT) + "|"
                        + p.surname().toLowerCase(java.util.Locale.ROOT);
                parties.putIfAbsent(identity, new QueueParty(PartyRole.valueOf(p.role()), p.forename(), p.surname(),
                        r.district()));
            }
        }
        ReferralSummary withOffence = members.stream().filter(r -> r.offenceCategory() != null).findFirst().orElse(null);
        Offence offence = withOffence == null ? null : new Offence(withOffence.offenceCode(),
                OffenceCategory.valueOf(withOffence.offenceCategory()), withOffence.offenceDescription());
        QueueItem item = QueueItem.newBuilder()
                .setCaseId(kase.caseId).setQueue(kase.queue).setItemType(type)
                .setParties(new ArrayList<>(parties.values()))
                .setOffence(offence)
                .setCaseType(CaseType.valueOf(lead.caseType()))
                .setJusticeStage(members.stream().anyMatch(r -> "SENTENCED".equals(r.justiceStage()))
                        ? JusticeStage.SENTENCED : JusticeStage.valueOf(lead.justiceStage()))
                .setLinkedReferrals(refs)
                .setFlags(new ArrayList<>(flags))
                .setCandidateCaseId(candidateCase).setMatchWeight(weight)
                .setCreatedAt(now)
                .build();
        out.add(KeyValue.pair(kase.caseId, Emission.queued(item)));
    }
}
