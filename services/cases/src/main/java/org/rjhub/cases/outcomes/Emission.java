package org.rjhub.cases.outcomes;

import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.CaseEventResult;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.QueueItem;

/** One record the case processors emit, before the topology routes it to its topic by kind. */
public record Emission(Kind kind, SpecificRecord value) {

    /** Where it goes. */
    public enum Kind {
        OUTCOME,
        RESULT,
        QUEUE,
        ESCALATION
    }

    public Emission {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    public static Emission outcome(Outcome o) {
        return new Emission(Kind.OUTCOME, o);
    }

    public static Emission result(CaseEventResult r) {
        return new Emission(Kind.RESULT, r);
    }

    public static Emission queue(QueueItem q) {
        return new Emission(Kind.QUEUE, q);
    }

    public static Emission escalation(CaseEvent e) {
        return new Emission(Kind.ESCALATION, e);
    }

    public <T extends SpecificRecord> T as(Class<T> type) {
        return type.cast(value);
    }
}
