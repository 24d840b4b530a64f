package org.rjhub.cases.lifecycle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.rjhub.cases.monitoring.ServiceLevels;
import org.rjhub.cases.monitoring.Timers;

/**
 * The cases of one task and their deadline index: {@code case-deadlines} holds
 * {@code <epoch ms, 13 digits>|<case id>} for the next time each case needs looking at, so a sweep
 * reads only the cases that are due instead of every case ever opened.
 */
public final class CaseStore {

    public static final String CASES = "cases";
    public static final String DEADLINES = "case-deadlines";

    private final KeyValueStore<String, CaseState> cases;
    private final KeyValueStore<String, String> deadlines;
    private final ServiceLevels levels;

    public CaseStore(ProcessingContext context, ServiceLevels levels) {
        this.cases = context.getStateStore(CASES);
        this.deadlines = context.getStateStore(DEADLINES);
        this.levels = levels;
    }

    public CaseState get(String caseId) {
        return cases.get(caseId);
    }

    /** Stores the case and moves it in the deadline index. */
    public void save(CaseState state) {
        String key =
                Timers.next(state, levels).map(at -> indexKey(at, state.caseId)).orElse(null);
        if (state.deadlineKey != null && !state.deadlineKey.equals(key)) {
            deadlines.delete(state.deadlineKey);
        }
        if (key != null) {
            deadlines.put(key, state.caseId);
        }
        state.deadlineKey = key;
        cases.put(state.caseId, state);
    }

    /**
     * Ids of the closed cases closed before {@code cutoff}. Scans every case of the task: the hub holds hundreds of
     * cases a year, and the sweep runs hourly.
     */
    public List<String> closedBefore(Instant cutoff) {
        List<String> out = new java.util.ArrayList<>();
        try (var all = cases.all()) {
            all.forEachRemaining(kv -> {
                CaseState s = kv.value;
                if (s != null
                        && s.status == CaseState.Status.CLOSED
                        && s.closedAt != null
                        && s.closedAt.isBefore(cutoff)) {
                    out.add(kv.key);
                }
            });
        }
        return out;
    }

    /** Removes a case and its deadline: tombstones in both changelogs. */
    public void remove(String caseId) {
        CaseState s = cases.get(caseId);
        if (s != null && s.deadlineKey != null) {
            deadlines.delete(s.deadlineKey);
        }
        cases.delete(caseId);
    }

    /** Ids of the cases whose next deadline is at or before {@code now}. */
    public List<String> due(Instant now) {
        List<String> ids = new ArrayList<>();
        try (KeyValueIterator<String, String> it =
                deadlines.range(indexKey(Instant.EPOCH, ""), indexKey(now, "\uffff"))) {
            while (it.hasNext()) {
                ids.add(it.next().value);
            }
        }
        return ids;
    }

    public ServiceLevels levels() {
        return levels;
    }

    static String indexKey(Instant at, String caseId) {
        return String.format("%013d|%s", Math.max(0, at.toEpochMilli()), caseId);
    }
}
