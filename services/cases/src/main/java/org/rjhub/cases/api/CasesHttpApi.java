package org.rjhub.cases.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.rjhub.cases.lifecycle.CaseEventRefusedException;
import org.rjhub.cases.lifecycle.CaseState;
import org.rjhub.cases.lifecycle.CaseStateMachine;
import org.rjhub.cases.lifecycle.RefusalRule;
import org.rjhub.cases.monitoring.ServiceLevels;
import org.rjhub.common.config.HttpSettings;
import org.rjhub.common.http.Health;
import org.rjhub.common.http.OperationsServer;
import org.rjhub.contracts.hub.CaseEvent;

/**
 * The facilitators' HTTP JSON API, backed by the case service's state and writing case events:
 * <ul>
 *   <li>{@code GET /cases?queue=harlow&facilitator=FAC-017&status=OPEN|ALL}: the cases, one summary each;</li>
 *   <li>{@code GET /cases/{caseId}}: the whole case, with its pending timers;</li>
 *   <li>{@code POST /cases/{caseId}/events}: record an event ({@link EventRequest}); checked against the case
 *       now: 422 with {@code rule} and {@code reason} when it does not fit, else written to
 *       {@code rj.case-events.v1} and answered 202 (the stream's answer on {@code rj.case-event-results.v1}
 *       is final: another event may arrive first);</li>
 *   <li>{@code POST /cases/{caseId}/assign} with {@code {"facilitator": "FAC-017"}};</li>
 *   <li>{@code GET /health/live}, {@code GET /health/ready}, {@code GET /metrics} ({@link OperationsServer#routes}).</li>
 * </ul>
 * Who records is the {@code X-Actor} header (simple on purpose: a later issue adds authentication).
 */
public final class CasesHttpApi implements AutoCloseable {

    public static final String ACTOR_HEADER = "X-Actor";

    private final Javalin app;
    private final CaseReader reader;
    private final CaseEventSender sender;
    private final ServiceLevels levels;
    private final Clock clock;
    private volatile Health.Probe live = () -> new Health(true, "SERVING");
    private volatile Health.Probe ready;
    private volatile Supplier<String> metrics = () -> "";

    private CasesHttpApi(CaseReader reader, CaseEventSender sender, ServiceLevels levels, Clock clock) {
        this.reader = reader;
        this.sender = sender;
        this.levels = levels;
        this.clock = clock;
        this.app = Javalin.create(config -> config.showJavalinBanner = false);
        this.ready = () -> reader.ready() ? new Health(true, "READY") : new Health(false, "NOT_READY");
        OperationsServer.routes(app, () -> live.get(), () -> ready.get(), () -> metrics.get());
        app.get("/business-lag", ctx -> json(ctx, HttpStatus.OK,
                BusinessLagView.oldestUnassigned(reader.all(), clock.instant())));
        app.get("/cases", this::list);
        app.get("/cases/{caseId}", this::show);
        app.post("/cases/{caseId}/events", ctx -> record(ctx, CaseViews.JSON.readValue(ctx.body(), EventRequest.class)));
        app.post("/cases/{caseId}/assign", ctx -> record(ctx, EventRequest.assign(
                CaseViews.JSON.readTree(ctx.body()).path("facilitator").asText(null))));
        app.exception(JsonProcessingException.class, (e, ctx) -> error(ctx, HttpStatus.BAD_REQUEST,
                "the body is not the JSON expected: " + e.getOriginalMessage()));
        app.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, HttpStatus.BAD_REQUEST, e.getMessage()));
        app.exception(org.apache.kafka.streams.errors.InvalidStateStoreException.class, (e, ctx) -> error(ctx,
                HttpStatus.SERVICE_UNAVAILABLE, "the case state is being restored or rebalanced; retry shortly"));
    }

    /** What {@code /health/live}, {@code /health/ready} and {@code /metrics} answer from now on. */
    public void serveOperations(Health.Probe live, Health.Probe ready, Supplier<String> metrics) {
        this.live = live;
        this.ready = ready;
        this.metrics = metrics;
    }

    /** Starts serving on loopback, on {@code port} (0 picks a free one). */
    public static CasesHttpApi start(int port, CaseReader reader, CaseEventSender sender, ServiceLevels levels, Clock clock) {
        return start(HttpSettings.LOOPBACK, port, reader, sender, levels, clock);
    }

    /** Starts serving on {@code host} (loopback, or e.g. {@code 0.0.0.0}), on {@code port} (0 picks a free one). */
    public static CasesHttpApi start(String host, int port, CaseReader reader, CaseEventSender sender,
                                     ServiceLevels levels, Clock clock) {
        CasesHttpApi api = new CasesHttpApi(reader, sender, levels, clock);
        api.app.start(host, port);
        return api;
    }

    public int port() {
        return app.port();
    }

    private void list(Context ctx) throws JsonProcessingException {
        String queue = ctx.queryParam("queue");
        String facilitator = ctx.queryParam("facilitator");
        String status = Optional.ofNullable(ctx.queryParam("status")).orElse("OPEN");
        List<Map<String, Object>> cases = reader.all().stream()
                .filter(s -> queue == null || queue.equals(s.queue))
                .filter(s -> facilitator == null || facilitator.equals(s.facilitator))
                .filter(s -> "ALL".equalsIgnoreCase(status) || s.status.name().equalsIgnoreCase(status))
                .sorted(Comparator.comparing((CaseState s) -> s.referredAt, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(s -> s.caseId))
                .map(CaseViews::summary)
                .toList();
        json(ctx, HttpStatus.OK, cases);
    }

    private void show(Context ctx) throws JsonProcessingException {
        Optional<CaseState> state = reader.get(ctx.pathParam("caseId"));
        if (state.isEmpty()) {
            refused(ctx, HttpStatus.NOT_FOUND, RefusalRule.UNKNOWN_CASE, "case " + ctx.pathParam("caseId") + " is not known");
            return;
        }
        json(ctx, HttpStatus.OK, CaseViews.detail(state.get(), levels));
    }

    private void record(Context ctx, EventRequest request) throws JsonProcessingException {
        String actor = ctx.header(ACTOR_HEADER);
        if (actor == null || actor.isBlank()) {
            error(ctx, HttpStatus.BAD_REQUEST, "say who records the event in the " + ACTOR_HEADER + " header");
            return;
        }
        String caseId = ctx.pathParam("caseId");
        CaseEvent event = request.toCaseEvent(caseId, actor, clock.instant());
        CaseStateMachine.Decision decision;
        try {
            decision = CaseStateMachine.apply(reader.get(caseId).orElse(null), event);
        } catch (CaseEventRefusedException e) {
            refused(ctx, e.rule() == RefusalRule.UNKNOWN_CASE ? HttpStatus.NOT_FOUND : HttpStatus.UNPROCESSABLE_CONTENT,
                    e.rule(), e.reason());
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("eventId", event.getEventId());
        body.put("caseId", caseId);
        body.put("type", event.getEventType().name());
        if (decision.duplicate()) {
            body.put("status", "DUPLICATE");
            json(ctx, HttpStatus.OK, body);
            return;
        }
        sender.send(event);
        body.put("status", "SENT");
        body.put("outcomes", decision.announcements().stream().map(a -> a.type().name()).toList());
        json(ctx, HttpStatus.ACCEPTED, body);
    }

    private static void refused(Context ctx, HttpStatus status, RefusalRule rule, String reason)
            throws JsonProcessingException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "REFUSED");
        body.put("rule", rule.name());
        body.put("reason", reason);
        json(ctx, status, body);
    }

    private static void error(Context ctx, HttpStatus status, String message) {
        try {
            json(ctx, status, Map.of("error", message == null ? status.getMessage() : message));
        } catch (JsonProcessingException e) {
            ctx.status(status).result(status.getMessage());
        }
    }

    private static void json(Context ctx, HttpStatus status, Object body) throws JsonProcessingException {
        ctx.status(status).contentType("application/json").result(CaseViews.JSON.writeValueAsString(body));
    }

    @Override
    public void close() {
        app.stop();
    }
}
