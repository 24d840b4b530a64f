package org.rjhub.cases.notes;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.rjhub.cases.lifecycle.CaseState;
import org.rjhub.cases.lifecycle.CaseStore;
import org.rjhub.cases.monitoring.ServiceLevels;
import org.rjhub.contracts.hub.CaseNote;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the notes of {@code rj.case-notes.v1} with their case, in the same task as the case's events (the topic has as
 * many partitions as {@code rj.case-events.v1}, keyed alike). A note forwards nothing: it is not progress, not an
 * outcome and not a fact. A note already on the case (the same id) is ignored; a note on a case this service does not
 * hold (erased, or never known) is dropped, its ids logged, never its text.
 */
public final class CaseNoteProcessor implements Processor<String, CaseNote, Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(CaseNoteProcessor.class);

    private final ServiceLevels levels;
    private CaseStore store;

    public CaseNoteProcessor(ServiceLevels levels) {
        this.levels = levels;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.store = new CaseStore(context, levels);
    }

    @Override
    public void process(Record<String, CaseNote> record) {
        CaseNote note = record.value();
        if (note == null) {
            return;
        }
        CaseState state = store.get(note.getCaseId());
        if (state == null) {
            LOG.warn(
                    "note {} names case {}, which this service does not hold: dropped",
                    note.getNoteId(),
                    note.getCaseId());
            return;
        }
        if (state.hasNote(note.getNoteId())) {
            return;
        }
        state.notes.add(SealedNotes.kept(note));
        store.save(state);
    }
}
