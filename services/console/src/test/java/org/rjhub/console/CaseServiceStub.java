package org.rjhub.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.rjhub.cases.CaseFixtures;
import org.rjhub.cases.api.CaseEventSender;
import org.rjhub.cases.api.CaseReader;
import org.rjhub.cases.intake.CaseIntake;
import org.rjhub.cases.intake.CaseItem;
import org.rjhub.cases.lifecycle.CaseEvents;
import org.rjhub.cases.lifecycle.CaseState;
import org.rjhub.cases.lifecycle.CaseStateMachine;
import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.QueueItemType;
import org.rjhub.contracts.hub.RiskAssessmentStage;
import org.rjhub.contracts.hub.RiskLevel;
import org.rjhub.contracts.hub.SourceAgency;

/**
 * The case service's state without Kafka, behind its real HTTP API: what the API reads, and where it sends (applied
 * at once by the real state machine, as the stream would). Synthetic cases only (the case service's fixtures).
 */
final class CaseServiceStub implements CaseReader, CaseEventSender {

    final Map<String, CaseState> cases = new ConcurrentHashMap<>();
    final List<CaseEvent> sent = java.util.Collections.synchronizedList(new ArrayList<>());

    /**
     * The standard cases: RJ-H1 on harlow allocated to FAC-017; RJ-H2 on harlow, unassigned, initial risk done; RJ-H3
     * on harlow, unassigned, a possible duplicate of RJ-H2; RJ-B1 on basildon allocated to FAC-021.
     */
    void seed() {
        cases.clear();
        sent.clear();
        Instant at = Instant.now().minus(java.time.Duration.ofDays(3));
        for (String id : List.of("RJ-H1", "RJ-H2", "RJ-H3", "RJ-B1")) {
            put(CaseIntake.apply(
                            null,
                            CaseItem.of(CaseFixtures.item(
                                    id,
                                    QueueItemType.NEW_CASE,
                                    at,
                                    List.of(
                                            CaseFixtures.ref(SourceAgency.POLICE, "PR-" + id),
                                            CaseFixtures.ref(SourceAgency.PROBATION, "PROB-" + id)))))
                    .state());
            apply(CaseEvents.on(id, "COORD-01")
                    .riskAssessed(at.plusSeconds(60), RiskAssessmentStage.INITIAL, RiskLevel.LOW, true, null));
        }
        cases.get("RJ-B1").queue = "basildon";
        cases.get("RJ-H3").possibleDuplicateOf = "RJ-H2";
        cases.get("RJ-H3").flags.add("SENSITIVE");
        apply(CaseEvents.on("RJ-H1", "COORD-01").assigned(at.plusSeconds(120), "FAC-017"));
        apply(CaseEvents.on("RJ-B1", "COORD-01").assigned(at.plusSeconds(120), "FAC-021"));
    }

    void apply(CaseEvent event) {
        put(CaseStateMachine.apply(cases.get(event.getCaseId()), event).state());
    }

    private void put(CaseState s) {
        cases.put(s.caseId, s);
    }

    @Override
    public Optional<CaseState> get(String caseId) {
        return Optional.ofNullable(cases.get(caseId));
    }

    @Override
    public List<CaseState> all() {
        return List.copyOf(cases.values());
    }

    @Override
    public boolean ready() {
        return true;
    }

    @Override
    public synchronized void send(CaseEvent event) {
        sent.add(event);
        apply(event);
    }
}
