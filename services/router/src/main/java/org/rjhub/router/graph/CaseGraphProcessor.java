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
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
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
import org.rjhub.router.routing.RulesStore;

/**
 * The case graph: referrals are nodes, automatic matches and confirmed links are edges, and a
 * case is a connected component. A referral is placed once every blocking shard has reported, so
 * the final cases do not depend on arrival order. Opens, links, merges and splits cases, routes
 * new ones to a queue (or holds them until sentence), and acknowledges each referral.
 */
public final class CaseGraphProcessor implements Processor<String, GraphMessage, String, Emission> {

    public static final String NODES = "graph-referrals";
    public static final String CASES = "graph-cases";
    /** Each referral's summary, apart from its node: written once per version, not on every edge. */
    public static final String SUMMARIES = "graph-summaries";

    private ProcessorContext<String, Emission> context;
    private KeyValueStore<String, Node> nodes;
    private KeyValueStore<String, Case> cases;
    private KeyValueStore<String, ReferralSummary> summaries;
    private RulesStore rules;
    private Instant now;

    @Override
    public void init(ProcessorContext<String, Emission> context) {
        this.context = context;
        this.nodes = context.getStateStore(NODES);
        this.cases = context.getStateStore(CASES);
        this.summaries = context.getStateStore(SUMMARIES);
        this.rules = new RulesStore(context.getStateStore(RulesStore.STORE));
    }

    @Override
    public void process(Record<String, GraphMessage> record) {
        now = Instant.ofEpochMilli(record.timestamp());
        GraphMessage m = record.value();
        switch (m.type()) {
            case ANNOUNCE -> announce(m);
            case BLOCK_RESULT -> blockResult(m);
            case DECISION -> decision(m);
            default -> throw new IllegalStateException("unknown graph message " + m.type());
        }
    }

    private void announce(GraphMessage m) {
        Node node = node(m.hubReferralId());
        if (m.amendment() && node.placed) {
            summaries.put(node.id, m.summary());
            nodes.put(node.id, node);
            amend(node);
            return;
        }
        summaries.put(node.id, m.summary());
        if (m.amendment() && node.announced) {
            node.pendingAmendments++;
        }
        node.announced = true;
        node.expected = m.expectedKeys();
        nodes.put(node.id, node);
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
            nodes.put(other.id, other);
            joinsAnotherCase |= e.match() && node.placed && other.placed && !other.caseId.equals(node.caseId);
        }
        nodes.put(node.id, node);
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
        nodes.put(node.id, node);
        mergeComponentOf(node, node.id);
        Node placed = nodes.get(node.id);
        for (; placed.pendingAmendments > 0; placed.pendingAmendments--) {
            ack(summaries.get(placed.id), OutcomeType.AMENDED, placed.caseId, null);
        }
        nodes.put(placed.id, placed);
    }

    /** Puts the component of {@code node} into one case; {@code arriving} is the referral that caused it. */
    private void mergeComponentOf(Node node, String arriving) {
        Set<String> component = component(node.id);
        Set<String> existing = new TreeSet<>();
        for (String id : component) {
            Node n = nodes.get(id);
            if (n.caseId != null) {
                existing.add(n.caseId);
            }
        }
        if (existing.isEmpty()) {
            openCase(node, component);
            return;
        }
        String survivor = existing.iterator().next();
        Case kase = cases.get(survivor);
        boolean wasHeld = kase.held;
        for (String absorbed : existing) {
            if (!absorbed.equals(survivor)) {
                Case gone = cases.get(absorbed);
                kase.members.addAll(gone.members);
                kase.held = kase.held && gone.held;
                if (kase.queue == null) {
                    kase.queue = gone.queue;
                }
                cases.delete(absorbed);
            }
        }
        kase.members.addAll(component);
        for (String id : component) {
            Node n = nodes.get(id);
            boolean moved = n.caseId != null && !n.caseId.equals(survivor);
            n.caseId = survivor;
            nodes.put(id, n);
            if (id.equals(arriving)) {
                ack(summaries.get(n.id), OutcomeType.LINKED, survivor, null);
            } else if (moved) {
                ack(summaries.get(n.id), OutcomeType.LINKED, survivor, "its case was merged into this one");
            }
        }
        List<ReferralSummary> members = summaries(kase);
        if (wasHeld) {
            Route route = QueueRouter.route(rules.current(), members);
            if (!route.held()) {
                kase.held = false;
                kase.queue = route.queue();
                cases.put(survivor, kase);
                queue(kase, QueueItemType.RELEASED_AFTER_SENTENCE, null, null);
                return;
            }
        }
        cases.put(survivor, kase);
        if (!kase.held && kase.queue != null) {
            queue(kase, QueueItemType.AMENDED, null, null);
        }
    }

    private void openCase(Node node, Set<String> component) {
        String caseId = CaseIds.of(component.iterator().next());
        Case kase = new Case(caseId);
        kase.members.addAll(component);
        for (String id : component) {
            Node n = nodes.get(id);
            n.caseId = caseId;
            nodes.put(id, n);
        }
        Route route = QueueRouter.route(rules.current(), summaries(kase));
        kase.held = route.held();
        kase.queue = route.queue();
        cases.put(caseId, kase);
        ack(summaries.get(node.id), OutcomeType.RECEIVED, caseId, route.held() ? "held until sentence" : null);
        if (route.held()) {
            return;
        }
        Map.Entry<String, Double> candidate = reviewCandidate(node, caseId);
        if (candidate != null) {
            queue(kase, QueueItemType.POSSIBLE_DUPLICATE, nodes.get(candidate.getKey()).caseId, candidate.getValue());
        } else {
            queue(kase, QueueItemType.NEW_CASE, null, null);
        }
    }

    private Map.Entry<String, Double> reviewCandidate(Node node, String ownCase) {
        Map.Entry<String, Double> best = null;
        for (var e : node.review.entrySet()) {
            Node other = nodes.get(e.getKey());
            if (other != null && other.placed && other.caseId != null && !other.caseId.equals(ownCase)
                    && !node.keptApart.contains(other.id) && (best == null || e.getValue() > best.getValue())) {
                best = e;
            }
        }
        return best;
    }

    private void amend(Node node) {
        Case kase = cases.get(node.caseId);
        ack(summaries.get(node.id), OutcomeType.AMENDED, kase.caseId, null);
        if (kase.held) {
            Route route = QueueRouter.route(rules.current(), summaries(kase));
            if (!route.held()) {
                kase.held = false;
                kase.queue = route.queue();
                cases.put(kase.caseId, kase);
                queue(kase, QueueItemType.RELEASED_AFTER_SENTENCE, null, null);
            }
            return;
        }
        queue(kase, QueueItemType.AMENDED, null, null);
    }

    private void decision(GraphMessage m) {
        Case a = cases.get(m.caseA());
        Case b = cases.get(m.caseB());
        if (a == null || b == null || a.caseId.equals(b.caseId) && m.link()) {
            return;
        }
        if (m.link()) {
            Node na = nodes.get(a.members.iterator().next());
            Node nb = nodes.get(b.members.iterator().next());
            na.match.put(nb.id, GraphMessage.Edge.EXACT);
            nb.match.put(na.id, GraphMessage.Edge.EXACT);
            na.keptApart.remove(nb.id);
            nb.keptApart.remove(na.id);
            nodes.put(na.id, na);
            nodes.put(nb.id, nb);
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
        Node nx = nodes.get(x);
        Node ny = nodes.get(y);
        nx.match.remove(y);
        nx.review.remove(y);
        nx.keptApart.add(y);
        ny.match.remove(x);
        ny.review.remove(x);
        ny.keptApart.add(x);
        nodes.put(x, nx);
        nodes.put(y, ny);
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
        cases.delete(kase.caseId);
        for (int i = 0; i < parts.size(); i++) {
            Set<String> part = parts.get(i);
            boolean keeps = i == keeper;
            String caseId = keeps ? kase.caseId : CaseIds.of(part.iterator().next());
            Case piece = new Case(caseId);
            piece.members.addAll(part);
            Route route = QueueRouter.route(rules.current(), summaries(piece));
            piece.queue = route.queue();
            piece.held = route.held();
            cases.put(caseId, piece);
            for (String id : part) {
                Node n = nodes.get(id);
                n.caseId = caseId;
                nodes.put(id, n);
                if (!keeps) {
                    ack(summaries.get(n.id), OutcomeType.RECEIVED, caseId, "separated from another case by a facilitator");
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
            Node n = nodes.get(id);
            if (n == null || !n.placed || !seen.add(id)) {
                continue;
            }
            todo.addAll(n.match.keySet());
        }
        return seen;
    }

    private Node node(String id) {
        Node n = nodes.get(id);
        return n != null ? n : new Node(id);
    }

    private List<ReferralSummary> summaries(Case kase) {
        List<ReferralSummary> out = new ArrayList<>();
        for (String id : kase.members) {
            ReferralSummary summary = summaries.get(id);
            if (summary != null) {
                out.add(summary);
            }
        }
        return out;
    }

    private void ack(ReferralSummary r, OutcomeType type, String caseId, String reason) {
        var outcome = Acknowledgements.outcome(type, SourceAgency.valueOf(r.agency()), r.agencyReferralId(), caseId,
                reason, now);
        context.forward(new Record<>(r.agencyReferralId(), Emission.outcome(outcome), now.toEpochMilli()));
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
        context.forward(new Record<>(kase.caseId, Emission.queued(item), now.toEpochMilli()));
    }
}
