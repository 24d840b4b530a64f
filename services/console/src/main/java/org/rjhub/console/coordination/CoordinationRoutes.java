package org.rjhub.console.coordination;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rjhub.console.caseapi.CaseApi;
import org.rjhub.console.caseapi.CaseModels;
import org.rjhub.console.caseapi.CaseModels.CaseDetail;
import org.rjhub.console.caseapi.CaseModels.CaseSummary;
import org.rjhub.console.casework.StepKind;
import org.rjhub.console.casework.Words;
import org.rjhub.console.session.Session;
import org.rjhub.console.web.Frame;
import org.rjhub.console.web.Pages;
import org.rjhub.console.web.Requests;

/**
 * The coordinators' pages: unassigned cases per queue with their age and flags, allocation with each facilitator's
 * caseload, a possible duplicate side by side with the case it may repeat, and the cases needing attention (overdue
 * agreement actions, service-level escalations).
 */
public final class CoordinationRoutes {

    private final CaseApi api;
    private final Pages pages;
    private final Clock clock;
    private final List<String> knownFacilitators;

    public CoordinationRoutes(CaseApi api, Pages pages, Clock clock, List<String> knownFacilitators) {
        this.api = api;
        this.pages = pages;
        this.clock = clock;
        this.knownFacilitators = List.copyOf(knownFacilitators);
    }

    public void register(Javalin app) {
        app.get("/queues", this::queues);
        app.get("/attention", this::attention);
        app.get("/cases/{caseId}/duplicate", this::duplicate);
    }

    /** One queue's unassigned cases. */
    public record Queue(String name, List<Row> cases) {}

    /** An unassigned case: its summary, age in days and flags in words. */
    public record Row(CaseSummary c, long ageDays, List<String> flags) {}

    private static Session coordinator(Context ctx) {
        Session s = Requests.session(ctx);
        if (!s.coordinator()) {
            throw new Requests.Forbidden("only coordinators allocate cases");
        }
        return s;
    }

    private void queues(Context ctx) {
        Session s = coordinator(ctx);
        Instant now = clock.instant();
        Map<String, List<Row>> byQueue = new TreeMap<>();
        s.queues().forEach(q -> byQueue.put(q, new ArrayList<>()));
        api.list(s.accessToken(), Map.of()).stream()
                .filter(c -> c.open() && c.facilitator() == null)
                .sorted(Comparator.comparing(CaseSummary::referredAt, Comparator.nullsLast(Comparator.naturalOrder())))
                .forEach(c -> byQueue.computeIfAbsent(c.queue(), q -> new ArrayList<>())
                        .add(new Row(c, Words.daysSince(c.referredAt(), now), flags(c))));
        List<Queue> queues = byQueue.entrySet().stream()
                .filter(e -> !e.getValue().isEmpty())
                .map(e -> new Queue(e.getKey(), e.getValue()))
                .toList();
        pages.render(
                ctx,
                "queues.jte",
                "frame",
                Frame.of("Unassigned cases", s, "queues"),
                "queues",
                queues,
                "emptyQueues",
                byQueue.entrySet().stream()
                        .filter(e -> e.getValue().isEmpty())
                        .map(Map.Entry::getKey)
                        .toList());
    }

    static List<String> flags(CaseSummary c) {
        List<String> out = new ArrayList<>();
        if (c.possibleDuplicateOf() != null) {
            out.add("Possible duplicate");
        }
        c.flags().forEach(f -> out.add(Words.of(f)));
        if (c.flagsUnavailable() != null) {
            out.add(CaseModels.FLAGS_NOT_AVAILABLE);
        }
        return out;
    }

    /** A case needing attention: overdue actions or escalations raised. */
    public record Attention(CaseSummary c, List<String> reasons) {}

    private void attention(Context ctx) {
        Session s = coordinator(ctx);
        List<Attention> rows = api.list(s.accessToken(), Map.of()).stream()
                .filter(c -> c.overdueActions() > 0 || !c.escalations().isEmpty())
                .map(c -> {
                    List<String> reasons = new ArrayList<>();
                    if (c.overdueActions() > 0) {
                        reasons.add(c.overdueActions() + " agreed action" + (c.overdueActions() == 1 ? "" : "s")
                                + " overdue");
                    }
                    c.escalations().stream().distinct().forEach(e -> reasons.add(Words.of(e)));
                    return new Attention(c, reasons);
                })
                .toList();
        pages.render(ctx, "attention.jte", "frame", Frame.of("Needs attention", s, "attention"), "rows", rows);
    }

    private void duplicate(Context ctx) {
        Session s = coordinator(ctx);
        CaseDetail c = api.get(s.accessToken(), ctx.pathParam("caseId"));
        if (c.possibleDuplicateOf() == null) {
            throw new Requests.NotFound("the case has no possible duplicate");
        }
        CaseDetail other = api.get(s.accessToken(), c.possibleDuplicateOf());
        pages.render(
                ctx,
                "duplicate.jte",
                "frame",
                Frame.of("Decide on a possible duplicate", s, "queues"),
                "c",
                c,
                "other",
                other,
                "field",
                StepKind.DUPLICATE.fields(c, Map.of()).get(0),
                "eventId",
                java.util.UUID.randomUUID().toString());
    }

    /**
     * The facilitators a coordinator may allocate to, each with their open cases on the coordinator's queues: those
     * holding cases and those configured.
     */
    public Map<String, String> facilitators(Session s) {
        Map<String, Long> load = new TreeMap<>();
        knownFacilitators.forEach(f -> load.put(f, 0L));
        api.list(s.accessToken(), Map.of()).stream()
                .filter(c -> c.open() && c.facilitator() != null)
                .forEach(c -> load.merge(c.facilitator(), 1L, Long::sum));
        Map<String, String> out = new java.util.LinkedHashMap<>();
        load.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> out.put(
                        e.getKey(),
                        e.getKey() + " (" + e.getValue() + " open case" + (e.getValue() == 1 ? "" : "s") + ")"));
        return out;
    }
}
