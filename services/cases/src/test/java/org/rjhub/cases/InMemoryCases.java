package org.rjhub.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.rjhub.cases.api.CaseEventSender;
import org.rjhub.cases.api.CaseReader;
import org.rjhub.cases.intake.CaseIntake;
import org.rjhub.cases.intake.CaseItem;
import org.rjhub.cases.lifecycle.CaseState;
import org.rjhub.cases.lifecycle.CaseStateMachine;
import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.CaseNote;
import org.rjhub.contracts.hub.QueueItem;

/**
 * The case service's state without Kafka: what the API reads, and where it sends (applied at once). Public for the
 * console's page tests, which run the real case API over it.
 */
public final class InMemoryCases implements CaseReader, CaseEventSender {

    public final Map<String, CaseState> cases = new TreeMap<>();
    public final List<CaseEvent> sent = new ArrayList<>();
    public final List<CaseNote> notes = new ArrayList<>();

    public void item(QueueItem item) {
        cases.put(
                item.getCaseId(),
                CaseIntake.apply(cases.get(item.getCaseId()), CaseItem.of(item)).state());
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
    public void send(CaseEvent event) {
        sent.add(event);
        cases.put(
                event.getCaseId(),
                CaseStateMachine.apply(cases.get(event.getCaseId()), event).state());
    }

    /** Keeps the note with its case at once, as the case service's note processor does. */
    @Override
    public void note(CaseNote note) {
        notes.add(note);
        CaseState state = cases.get(note.getCaseId());
        if (state != null && !state.hasNote(note.getNoteId())) {
            state.notes.add(
                    new CaseState.Note(note.getNoteId(), note.getAuthor(), note.getText(), note.getWrittenAt()));
        }
    }
}
