package org.rjhub.console.casework;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.rjhub.console.caseapi.CaseApi;
import org.rjhub.console.caseapi.CaseModels.CaseDetail;
import org.rjhub.console.caseapi.CaseModels.CaseSummary;
import org.rjhub.console.caseapi.CaseModels.Recorded;
import org.rjhub.console.caseapi.CaseModels.Step;
import org.rjhub.console.session.Session;
import org.rjhub.console.web.Frame;
import org.rjhub.console.web.Pages;
import org.rjhub.console.web.Requests;

/**
 * The facilitators' pages: my cases (due and overdue first), a case (summary, task lists, history), and recording a
 * step: the form, check your answers, and a confirmation saying what each agency is told. The event id is made when
 * the form is shown and travels with the answers, so a second submit of the same answers is a duplicate the case
 * service ignores.
 */
public final class CaseworkRoutes {

    private final CaseApi api;
    private final Pages pages;
    private final Clock clock;
    private final Function<Session, Map<String, String>> facilitators;

    /** @param facilitators for a coordinator: facilitator id to the words shown (with the caseload) */
    public CaseworkRoutes(CaseApi api, Pages pages, Clock clock, Function<Session, Map<String, String>> facilitators) {
        this.api = api;
        this.pages = pages;
        this.clock = clock;
        this.facilitators = facilitators;
    }

    public void register(Javalin app) {
        app.get("/my-cases", this::myCases);
        app.get("/cases/{caseId}", this::casePage);
        app.get("/cases/{caseId}/steps/{step}", this::form);
        app.post("/cases/{caseId}/steps/{step}", this::check);
        app.post("/cases/{caseId}/steps/{step}/confirm", this::confirm);
    }

    /** A row of "my cases": the case and what is due on it. */
    public record MyCase(CaseSummary summary, boolean overdue, String due) {}

    private void myCases(Context ctx) {
        Session s = Requests.session(ctx);
        if (!s.facilitator()) {
            throw new Requests.Forbidden("my cases are a facilitator's list");
        }
        Instant now = clock.instant();
        List<MyCase> rows = api.list(s.accessToken(), Map.of("facilitator", s.subject())).stream()
                .sorted(Comparator.comparing(CaseSummary::nextDueAt, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(CaseSummary::caseId))
                .map(c -> new MyCase(
                        c,
                        c.overdueActions() > 0
                                || (c.nextDueAt() != null && c.nextDueAt().isBefore(now)),
                        c.nextDueAt() == null ? "Nothing due" : Words.day(c.nextDueAt())))
                .toList();
        pages.render(ctx, "my-cases.jte", "frame", Frame.of("My cases", s, "my-cases"), "cases", rows);
    }

    private void casePage(Context ctx) {
        Session s = Requests.session(ctx);
        CaseDetail c = api.get(s.accessToken(), ctx.pathParam("caseId"));
        boolean coordinates = s.coordinator() && c.queue() != null && s.queues().contains(c.queue());
        boolean assigned = s.facilitator() && s.subject().equals(c.facilitator());
        pages.render(
                ctx,
                "case.jte",
                "frame",
                Frame.of("Case " + c.caseId(), s, s.facilitator() ? "my-cases" : "queues"),
                "c",
                c,
                "groups",
                TaskList.of(c, coordinates || assigned, coordinates),
                "coordinates",
                coordinates);
    }

    /** Everything a step's pages show. */
    public record StepPage(
            CaseDetail c,
            StepKind kind,
            String party,
            String title,
            List<Field> fields,
            Map<String, String> values,
            String eventId,
            Map<String, String> errors,
            String refusal) {

        public String value(String name) {
            return values.getOrDefault(name, "");
        }

        public String action() {
            return "/cases/" + c.caseId() + "/steps/" + kind.slug();
        }

        /** The answers as the check page lists them: question, answer in words, field name. */
        public List<String[]> answers() {
            List<String[]> out = new ArrayList<>();
            for (Field f : fields) {
                String v = f.kind() == Field.Kind.DATE
                        ? StepKind.dueDate(values, f.name()).map(Words::day).orElse("")
                        : f.words(value(f.name()));
                if (!v.isEmpty()) {
                    out.add(new String[] {f.label(), v, f.inputId()});
                }
            }
            return out;
        }
    }

    private StepPage page(Context ctx, Map<String, String> values, Map<String, String> errors, String refusal) {
        Session s = Requests.session(ctx);
        StepKind kind = StepKind.bySlug(ctx.pathParam("step")).orElseThrow(() -> new Requests.NotFound("no such step"));
        if ((kind == StepKind.ALLOCATE || kind == StepKind.DUPLICATE) && !s.coordinator()) {
            throw new Requests.Forbidden("only coordinators allocate cases and decide on duplicates");
        }
        if (s.roles().stream().noneMatch(r -> r.equals("facilitator") || r.equals("coordinator"))) {
            throw new Requests.Forbidden("your role reads cases but records nothing");
        }
        CaseDetail c = api.get(s.accessToken(), ctx.pathParam("caseId"));
        String party = Optional.ofNullable(values.get("party"))
                .or(() -> Optional.ofNullable(ctx.queryParam("party")))
                .orElse(null);
        if (kind.perParty() && (party == null || !c.roles().contains(party))) {
            throw new Requests.NotFound("the case has no such party");
        }
        if (!kind.perParty()) {
            party = null;
        }
        Map<String, String> v = new LinkedHashMap<>(values);
        if (kind == StepKind.ACTION_DONE && ctx.queryParam("action") != null) {
            v.putIfAbsent("actionId", ctx.queryParam("action"));
        }
        if (kind == StepKind.DUPLICATE) {
            v.putIfAbsent(
                    "otherCaseId", Optional.ofNullable(c.possibleDuplicateOf()).orElse(""));
        }
        String eventId = Optional.ofNullable(values.get("eventId"))
                .filter(id -> id.matches("[A-Za-z0-9-]{1,64}"))
                .orElse(UUID.randomUUID().toString());
        v.put("eventId", eventId);
        if (party != null) {
            v.put("party", party);
        }
        Map<String, String> names = kind == StepKind.ALLOCATE ? facilitators.apply(s) : Map.of();
        return new StepPage(c, kind, party, kind.title(party), kind.fields(c, names), v, eventId, errors, refusal);
    }

    /** Whether the case allows the step now, as the case API's steps say; empty when it does. */
    private static Optional<String> notAllowed(StepPage p) {
        if (p.kind() == StepKind.DUPLICATE) {
            return p.c().possibleDuplicateOf() == null
                    ? Optional.of("the case has no possible duplicate")
                    : Optional.empty();
        }
        if (p.kind() == StepKind.CLOSE) {
            return p.fields().get(0).options().isEmpty()
                    ? Optional.of("no closure fits the case as recorded")
                    : Optional.empty();
        }
        String option = p.kind() == StepKind.ACTION_DONE
                ? p.value("actionId")
                : p.kind().stepOption();
        Optional<Step> step =
                p.c().step(p.kind().eventType(), p.party(), option == null || option.isEmpty() ? null : option);
        return step.filter(x -> !x.allowed()).map(Step::reason);
    }

    private void form(Context ctx) {
        if (ctx.pathParam("step").equals(StepKind.DUPLICATE.slug())) {
            ctx.redirect("/cases/" + ctx.pathParam("caseId") + "/duplicate");
            return;
        }
        StepPage p = page(ctx, Map.of(), Map.of(), null);
        Optional<String> why = notAllowed(p);
        Session s = Requests.session(ctx);
        if (why.isPresent()) {
            pages.render(ctx, 409, "step-blocked.jte", "frame", Frame.of(p.title(), s, null), "p", p, "why", why.get());
            return;
        }
        pages.render(ctx, "step-form.jte", "frame", Frame.of(p.title(), s, null), "p", p);
    }

    private void check(Context ctx) {
        Map<String, String> values = Requests.form(ctx);
        StepPage p = page(ctx, values, Map.of(), null);
        Session s = Requests.session(ctx);
        if (ctx.formParam("change") != null) {
            pages.render(ctx, "step-form.jte", "frame", Frame.of(p.title(), s, null), "p", p);
            return;
        }
        if (answersWrong(ctx, s, p, values)) {
            return;
        }
        pages.render(ctx, "step-check.jte", "frame", Frame.of("Check your answers", s, null), "p", p);
    }

    /** Checks the answers; when any is wrong, shows the form again with the errors (400) and says so. */
    private boolean answersWrong(Context ctx, Session s, StepPage p, Map<String, String> values) {
        Map<String, String> errors = p.kind().check(p.fields(), values);
        if (errors.isEmpty()) {
            return false;
        }
        StepPage withErrors =
                new StepPage(p.c(), p.kind(), p.party(), p.title(), p.fields(), p.values(), p.eventId(), errors, null);
        pages.render(
                ctx, 400, "step-form.jte", "frame", Frame.of(p.title(), s, null).withErrors(true), "p", withErrors);
        return true;
    }

    private void confirm(Context ctx) {
        Map<String, String> values = Requests.form(ctx);
        StepPage p = page(ctx, values, Map.of(), null);
        Session s = Requests.session(ctx);
        if (answersWrong(ctx, s, p, values)) {
            return;
        }
        Recorded r = api.record(s.accessToken(), p.c().caseId(), p.kind().event(p.eventId(), p.party(), values));
        if (r.refused()) {
            StepPage refused = new StepPage(
                    p.c(), p.kind(), p.party(), p.title(), p.fields(), p.values(), p.eventId(), Map.of(), r.reason());
            pages.render(
                    ctx,
                    422,
                    "step-check.jte",
                    "frame",
                    Frame.of("Check your answers", s, null).withErrors(true),
                    "p",
                    refused);
            return;
        }
        List<Told> told = new ArrayList<>();
        p.c().referrals()
                .forEach(ref -> told.add(new Told(
                        Words.agency(ref.agency()),
                        ref.agencyReferralId(),
                        r.outcomes().stream().map(Words::of).toList())));
        pages.render(
                ctx,
                "step-done.jte",
                "frame",
                Frame.of(p.title() + ": recorded", s, null),
                "p",
                p,
                "told",
                told,
                "duplicate",
                "DUPLICATE".equals(r.status()));
    }

    /** What one referring agency is told, under its own referral id. */
    public record Told(String agency, String referralId, List<String> outcomes) {}
}
