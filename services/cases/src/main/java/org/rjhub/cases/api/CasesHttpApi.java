package org.rjhub.cases.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.rjhub.cases.contacts.ContactsOpener;
import org.rjhub.cases.lifecycle.CaseEventRefusedException;
import org.rjhub.cases.lifecycle.CaseState;
import org.rjhub.cases.lifecycle.CaseStateMachine;
import org.rjhub.cases.lifecycle.RefusalRule;
import org.rjhub.cases.monitoring.ServiceLevels;
import org.rjhub.common.http.Health;
import org.rjhub.common.http.OperationsServer;
import org.rjhub.contracts.hub.CaseEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The facilitators' HTTP JSON API, backed by the case service's state and writing case events:
 * <ul>
 *   <li>{@code GET /cases?queue=harlow&facilitator=FAC-017&status=OPEN|ALL}: the cases, one summary each;</li>
 *   <li>{@code GET /cases/{caseId}}: the whole case, with its pending timers, its notes and, for its facilitator and
 *       its queue's coordinators only ({@link Caller#mayContact}), the contact details of its parties and offender
 *       manager ({@code contacts}; absent for anyone else, e.g. a manager), opened per request when kept sealed
 *       ({@link ContactsOpener}: a referral whose data key is erased, or not read yet, is listed without them, its
 *       {@code unavailable} saying so);</li>
 *   <li>{@code POST /cases/{caseId}/events}: record an event ({@link EventRequest}); checked against the case
 *       now: 422 with {@code rule} and {@code reason} when it does not fit, else written to
 *       {@code rj.case-events.v1} and answered 202 (the stream's answer on {@code rj.case-event-results.v1}
 *       is final: another event may arrive first);</li>
 *   <li>{@code POST /cases/{caseId}/assign} with {@code {"facilitator": "FAC-017"}};</li>
 *   <li>{@code POST /cases/{caseId}/notes} with {@code {"noteId": "...", "text": "..."}} ({@link NoteRequest}): a note
 *       for the people working the case, written to {@code rj.case-notes.v1} (never to the case events, so never to
 *       the reporting facts or an agency); the case's {@code notes} list them;</li>
 *   <li>{@code GET /health/live}, {@code GET /health/ready}, {@code GET /metrics} ({@link OperationsServer#routes}).</li>
 * </ul>
 * Every request but health, metrics and business lag carries an OAuth2 bearer token ({@link BearerTokens}): 401
 * without one or with one not valid for this API, 403 when its roles do not allow the request on that case
 * ({@link Caller}); a facilitator's and a coordinator's lists hold only what they may see. Who records an event is the
 * token's subject (an {@code X-Actor} header is ignored).
 *
 * <p>The service may run as several instances, each holding the cases of its partitions ({@link CaseReader}); any
 * instance answers for all, the same. A request about one case is forwarded to the instance holding it and its answer
 * relayed; a list and the business lag are asked of every instance for its partitions and merged. A forwarded request
 * carries the caller's own bearer token, so the instance answering authenticates and authorises the caller as for any
 * request ({@link Peers}). While cases move between instances (a rebalance, a restore), or when the instance holding
 * them does not answer, the answer is 503 with {@code Retry-After}, never a partial or stale one.
 *
 * <p>Input is checked before anything is sent: a body of more than {@value #MAX_BODY_BYTES} bytes is answered 413, a
 * body that is not the JSON expected (unknown or repeated fields, bad dates, trailing content) and a field missing,
 * too long or out of range ({@link EventRequest}) 400. Each refusal is a problem body (RFC 9457,
 * {@code application/problem+json}): {@code title}, {@code status}, {@code detail}, {@code field} (the field's path,
 * e.g. {@code actions[0].dueDate}, when one is to blame) and {@code error} (the detail, as before).
 */
public final class CasesHttpApi implements AutoCloseable {

    /** Served without a token: probes, scrapes and the lag monitor's business lag (no personal data). */
    static final Set<String> OPEN_PATHS = Set.of("/health/live", "/health/ready", "/metrics", "/business-lag");

    private static final Logger LOG = LoggerFactory.getLogger(CasesHttpApi.class);
    private static final String CALLER = "rj.caller";
    /** The largest request body taken: an agreement of {@value EventRequest#MAX_ACTIONS} actions fits many times. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    static final String PROBLEM_JSON = "application/problem+json";

    private static final ObjectReader REQUESTS = CaseViews.JSON
            .reader()
            .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    /** The body of {@code POST /cases/{caseId}/assign}; without a facilitator, the actor takes the case. */
    record AssignRequest(String facilitator) {}

    /** How long a caller waits before asking again while the cases move between instances. */
    static final int RETRY_AFTER_SECONDS = 1;

    private final Javalin app;
    private final Peers peers = new Peers();
    private final BearerTokens tokens;
    private final CaseReader reader;
    private final CaseEventSender sender;
    private final ContactsOpener contacts;
    private final ServiceLevels levels;
    private final Clock clock;
    private volatile Health.Probe live = () -> new Health(true, "SERVING");
    private volatile Health.Probe ready;
    private volatile Supplier<String> metrics = () -> "";

    private CasesHttpApi(
            BearerTokens tokens,
            CaseReader reader,
            CaseEventSender sender,
            ContactsOpener contacts,
            ServiceLevels levels,
            Clock clock) {
        this.tokens = tokens;
        this.reader = reader;
        this.sender = sender;
        this.contacts = contacts;
        this.levels = levels;
        this.clock = clock;
        this.app = Javalin.create(config -> config.showJavalinBanner = false);
        this.ready = () -> reader.ready() ? new Health(true, "READY") : new Health(false, "NOT_READY");
        app.beforeMatched(this::authenticate);
        OperationsServer.routes(app, () -> live.get(), () -> ready.get(), () -> metrics.get());
        app.get("/business-lag", this::businessLag);
        app.get("/cases", this::list);
        app.get("/cases/{caseId}", this::show);
        app.post("/cases/{caseId}/events", ctx -> {
            byte[] body = body(ctx);
            if (!forwardedToHolder(ctx, body)) {
                record(ctx, read(body, EventRequest.class));
            }
        });
        app.post("/cases/{caseId}/notes", ctx -> {
            byte[] body = body(ctx);
            if (!forwardedToHolder(ctx, body)) {
                note(ctx, read(body, NoteRequest.class));
            }
        });
        app.post("/cases/{caseId}/assign", ctx -> {
            byte[] body = body(ctx);
            if (!forwardedToHolder(ctx, body)) {
                record(ctx, EventRequest.assign(read(body, AssignRequest.class).facilitator()));
            }
        });
        app.exception(Unauthenticated.class, (e, ctx) -> {
            ctx.header("WWW-Authenticate", "Bearer realm=\"rj-case-api\", error=\"invalid_token\"");
            problem(ctx, HttpStatus.UNAUTHORIZED, null, e.getMessage());
        });
        app.exception(Forbidden.class, (e, ctx) -> problem(ctx, HttpStatus.FORBIDDEN, null, e.getMessage()));
        app.exception(
                BodyTooLarge.class,
                (e, ctx) -> problem(
                        ctx,
                        HttpStatus.CONTENT_TOO_LARGE,
                        null,
                        "the body is larger than " + MAX_BODY_BYTES + " bytes"));
        app.exception(
                JsonProcessingException.class,
                (e, ctx) -> problem(
                        ctx,
                        HttpStatus.BAD_REQUEST,
                        field(e),
                        "the body is not the JSON expected: "
                                + FieldProblem.quote(String.valueOf(e.getOriginalMessage()))));
        app.exception(FieldProblem.class, (e, ctx) -> problem(ctx, HttpStatus.BAD_REQUEST, e.field(), e.getMessage()));
        app.exception(
                IllegalArgumentException.class, (e, ctx) -> problem(ctx, HttpStatus.BAD_REQUEST, null, e.getMessage()));
        app.exception(
                org.apache.kafka.streams.errors.InvalidStateStoreException.class,
                (e, ctx) -> unavailable(ctx, "the case state is being restored or rebalanced; retry shortly"));
        app.exception(CaseReader.Unavailable.class, (e, ctx) -> unavailable(ctx, e.getMessage() + "; retry shortly"));
    }

    /** What {@code /health/live}, {@code /health/ready} and {@code /metrics} answer from now on. */
    public void serveOperations(Health.Probe live, Health.Probe ready, Supplier<String> metrics) {
        this.live = live;
        this.ready = ready;
        this.metrics = metrics;
    }

    /**
     * Starts serving on {@code host} (e.g. {@code 127.0.0.1}) and {@code port} (0 picks a free one), every request but
     * the {@link #OPEN_PATHS} authenticated by {@code tokens}.
     */
    public static CasesHttpApi start(
            String host,
            int port,
            BearerTokens tokens,
            CaseReader reader,
            CaseEventSender sender,
            ServiceLevels levels,
            Clock clock) {
        return start(host, port, tokens, reader, sender, ContactsOpener.CLEAR_ONLY, levels, clock);
    }

    /**
     * The same, opening the contact details kept sealed with {@code contacts} (the service's master key and the data
     * keys of its global store).
     */
    public static CasesHttpApi start(
            String host,
            int port,
            BearerTokens tokens,
            CaseReader reader,
            CaseEventSender sender,
            ContactsOpener contacts,
            ServiceLevels levels,
            Clock clock) {
        CasesHttpApi api = new CasesHttpApi(tokens, reader, sender, contacts, levels, clock);
        api.app.start(host, port);
        return api;
    }

    /** Verifies the bearer token of every request to a path not open, and keeps who sent it for the handler. */
    private void authenticate(Context ctx) {
        if (OPEN_PATHS.contains(ctx.endpointHandlerPath())) {
            return;
        }
        try {
            ctx.attribute(CALLER, tokens.verify(ctx.header("Authorization")));
        } catch (BearerTokens.InvalidToken e) {
            LOG.info("401 {} {}: {}", ctx.method(), ctx.endpointHandlerPath(), e.getMessage());
            throw new Unauthenticated(e.getMessage());
        }
    }

    private static Caller caller(Context ctx) {
        Caller caller = ctx.attribute(CALLER);
        if (caller == null) { // a route added without authentication: refuse rather than serve
            throw new Unauthenticated("a bearer token is required");
        }
        return caller;
    }

    private static Forbidden forbidden(Context ctx, Caller caller, String why) {
        LOG.info("403 {} {} for {}: {}", ctx.method(), ctx.endpointHandlerPath(), caller.subject(), why);
        return new Forbidden(why);
    }

    public int port() {
        return app.port();
    }

    private void list(Context ctx) throws IOException {
        Caller caller = caller(ctx);
        String queue = ctx.queryParam("queue");
        String facilitator = ctx.queryParam("facilitator");
        String status = Optional.ofNullable(ctx.queryParam("status")).orElse("OPEN");
        if (caller.roles().isEmpty()) {
            throw forbidden(ctx, caller, "the token holds no role of this API");
        }
        if (!caller.is(
                Caller.Role.MANAGER)) { // the list holds only what the caller may read; asking for more is refused
            if (facilitator != null && !facilitator.equals(caller.subject()) && !caller.is(Caller.Role.COORDINATOR)) {
                throw forbidden(ctx, caller, "a facilitator may list only the cases assigned to them");
            }
            if (queue != null && !caller.queues().contains(queue) && !caller.is(Caller.Role.FACILITATOR)) {
                throw forbidden(ctx, caller, "queue " + FieldProblem.quote(queue) + " is not one of your queues");
            }
        }
        ContactsOpener opener = contacts.forRequest();
        List<JsonNode> cases = gather(
                ctx,
                partitions -> reader.all(partitions).stream()
                        .filter(caller::mayRead)
                        .filter(s -> queue == null || queue.equals(s.queue))
                        .filter(s -> facilitator == null || facilitator.equals(s.facilitator))
                        .filter(s -> "ALL".equalsIgnoreCase(status)
                                || s.status.name().equalsIgnoreCase(status))
                        .map(s -> CaseViews.JSON.<JsonNode>valueToTree(CaseViews.summary(s, levels, opener)))
                        .toList());
        if (cases == null) {
            return;
        }
        cases.sort(Comparator.comparing(
                        (JsonNode s) -> s.path("referredAt").isTextual()
                                ? Instant.parse(s.path("referredAt").asText())
                                : null,
                        Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(s -> s.path("caseId").asText()));
        json(ctx, HttpStatus.OK, cases);
    }

    /** {@code GET /business-lag} over every instance's cases: the oldest per queue of all. */
    private void businessLag(Context ctx) throws IOException {
        List<JsonNode> readings = gather(
                ctx,
                partitions -> BusinessLagView.oldestUnassigned(reader.all(partitions), clock.instant()).stream()
                        .map(r -> CaseViews.JSON.<JsonNode>valueToTree(r))
                        .toList());
        if (readings == null) {
            return;
        }
        Map<String, BusinessLagView.Reading> oldest = new TreeMap<>();
        for (JsonNode n : readings) {
            BusinessLagView.Reading r = CaseViews.JSON.treeToValue(n, BusinessLagView.Reading.class);
            oldest.merge(r.measure() + "|" + r.queue(), r, (a, b) -> a.ageSeconds() >= b.ageSeconds() ? a : b);
        }
        json(ctx, HttpStatus.OK, List.copyOf(oldest.values()));
    }

    /**
     * What this request is to be answered from: this instance's own partitions when another instance forwarded it,
     * else every instance's share.
     */
    private List<CaseReader.Share> sharesToAnswer(Context ctx) {
        Set<Integer> asked = Peers.parse(ctx.header(Peers.PARTITIONS));
        return asked != null ? List.of(new CaseReader.Share(null, asked)) : reader.shares();
    }

    /**
     * The rows of every instance's share: this instance's from {@code local}, the others' asked of them at once (the
     * caller's own request and token); null when one did not answer 200, its answer then relayed as this request's.
     */
    private List<JsonNode> gather(Context ctx, Function<Set<Integer>, List<JsonNode>> local) throws IOException {
        List<CaseReader.Share> shares = sharesToAnswer(ctx);
        List<CompletableFuture<Peers.Answer>> asked = new ArrayList<>();
        for (CaseReader.Share share : shares) {
            if (!share.here()) {
                asked.add(peers.ask(
                        share.elsewhere(),
                        "GET",
                        pathAndQuery(ctx),
                        ctx.header("Authorization"),
                        null,
                        null,
                        share.partitions()));
            }
        }
        List<JsonNode> rows = new ArrayList<>();
        for (CaseReader.Share share : shares) {
            if (share.here()) {
                rows.addAll(local.apply(share.partitions()));
            }
        }
        for (CompletableFuture<Peers.Answer> answering : asked) {
            Peers.Answer answer = Peers.answer(answering);
            if (answer.status() != HttpStatus.OK.getCode()) {
                relay(ctx, answer);
                return null;
            }
            CaseViews.JSON.readTree(answer.body()).forEach(rows::add);
        }
        return rows;
    }

    /**
     * Forwards a request about one case to the instance holding it, with the caller's token, and relays its answer;
     * false when this instance is to answer (it holds the case, or the request was forwarded to it).
     */
    private boolean forwardedToHolder(Context ctx, byte[] body) {
        if (ctx.header(Peers.PARTITIONS) != null) {
            return false;
        }
        CaseReader.Holder holder = reader.holderOf(ctx.pathParam("caseId"));
        if (holder.here()) {
            return false;
        }
        relay(
                ctx,
                Peers.answer(peers.ask(
                        holder.elsewhere(),
                        ctx.method().name(),
                        pathAndQuery(ctx),
                        ctx.header("Authorization"),
                        ctx.contentType(),
                        body,
                        Set.of(holder.partition()))));
        return true;
    }

    /**
     * The case for deciding what the caller may record, wherever it is held: asked of its holder with the caller's
     * token when another instance holds it. A case the caller may not read (403 there) stands as its id alone: the
     * caller coordinates none of it, as here.
     */
    private Optional<CaseState> anywhere(Context ctx, String caseId) throws IOException {
        CaseReader.Holder holder = reader.holderOf(caseId);
        if (holder.here()) {
            return reader.get(caseId);
        }
        Peers.Answer answer = Peers.answer(peers.ask(
                holder.elsewhere(),
                "GET",
                "/cases/" + URLEncoder.encode(caseId, StandardCharsets.UTF_8).replace("+", "%20"),
                ctx.header("Authorization"),
                null,
                null,
                Set.of(holder.partition())));
        return switch (answer.status()) {
            case 200 -> Optional.of(caseOf(answer.body()));
            case 404 -> Optional.empty();
            case 403 -> Optional.of(new CaseState(caseId));
            default ->
                throw new CaseReader.Unavailable(
                        "the instance holding case " + FieldProblem.quote(caseId) + " answered " + answer.status());
        };
    }

    /** The case of a detail as {@code GET /cases/{id}} answers it (its contacts, a list there, left out). */
    private static CaseState caseOf(byte[] detail) throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode node =
                (com.fasterxml.jackson.databind.node.ObjectNode) CaseViews.JSON.readTree(detail);
        node.remove("contacts");
        return CaseViews.JSON.treeToValue(node, CaseState.class);
    }

    private static String pathAndQuery(Context ctx) {
        String query = ctx.queryString();
        return ctx.req().getRequestURI() + (query == null ? "" : "?" + query);
    }

    /** Answers with what another instance answered. */
    private static void relay(Context ctx, Peers.Answer answer) {
        ctx.status(answer.status());
        if (answer.contentType() != null) {
            ctx.contentType(answer.contentType());
        }
        if (answer.retryAfter() != null) {
            ctx.header("Retry-After", answer.retryAfter());
        }
        ctx.result(answer.body());
    }

    private void show(Context ctx) throws JsonProcessingException {
        if (forwardedToHolder(ctx, null)) {
            return;
        }
        Optional<CaseState> state = reader.get(ctx.pathParam("caseId"));
        if (state.isEmpty()) {
            refused(
                    ctx,
                    HttpStatus.NOT_FOUND,
                    RefusalRule.UNKNOWN_CASE,
                    "case " + ctx.pathParam("caseId") + " is not known");
            return;
        }
        Caller caller = caller(ctx);
        if (!caller.mayRead(state.get())) {
            throw forbidden(ctx, caller, "case " + state.get().caseId + " is not assigned to you or on your queues");
        }
        com.fasterxml.jackson.databind.node.ObjectNode detail =
                CaseViews.detail(state.get(), levels, clock.instant(), contacts.forRequest());
        if (!caller.mayContact(state.get())) {
            detail.remove("contacts");
        }
        json(ctx, HttpStatus.OK, detail);
    }

    /** The body, at most {@value #MAX_BODY_BYTES} bytes whatever the request declares. */
    private static byte[] body(Context ctx) throws IOException {
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new BodyTooLarge();
            }
            return bytes;
        }
    }

    private static <T> T read(byte[] body, Class<T> type) throws IOException {
        return REQUESTS.readValue(body, type);
    }

    /** The path of the field a body's JSON failed on, e.g. {@code actions[0].dueDate}; null when none is known. */
    private static String field(JsonProcessingException e) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference r : m.getPath()) {
                if (r.getFieldName() != null) {
                    path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
                } else if (r.getIndex() >= 0) {
                    path.append('[').append(r.getIndex()).append(']');
                }
            }
            return FieldProblem.quote(path.toString());
        }
        if (e.getProcessor() instanceof JsonParser parser) {
            try {
                String name = parser.currentName();
                return name == null ? null : FieldProblem.quote(name);
            } catch (IOException notKnown) {
                return null;
            }
        }
        return null;
    }

    private void record(Context ctx, EventRequest request) throws IOException {
        Caller caller = caller(ctx);
        String actor = caller.subject();
        if (actor.length() > EventRequest.MAX_TEXT) {
            throw new FieldProblem(
                    "sub", "the token's subject must be at most " + EventRequest.MAX_TEXT + " characters");
        }
        String caseId = ctx.pathParam("caseId");
        if (caseId.length() > EventRequest.MAX_TEXT) {
            throw new FieldProblem("caseId", "must be at most " + EventRequest.MAX_TEXT + " characters");
        }
        CaseEvent event = request.toCaseEvent(caseId, actor, clock.instant());
        Optional<CaseState> state = reader.get(caseId);
        if (state.isPresent()
                && !caller.mayRecord(
                        state.get(),
                        event.getEventType(),
                        request.otherCaseId() == null ? Optional.empty() : anywhere(ctx, request.otherCaseId()))) {
            throw forbidden(
                    ctx,
                    caller,
                    "you may not record " + event.getEventType() + " on case " + caseId
                            + (caller.mayRead(state.get()) ? "" : ": it is not assigned to you or on your queues"));
        }
        CaseStateMachine.Decision decision;
        try {
            decision = CaseStateMachine.apply(state.orElse(null), event);
        } catch (CaseEventRefusedException e) {
            refused(
                    ctx,
                    e.rule() == RefusalRule.UNKNOWN_CASE ? HttpStatus.NOT_FOUND : HttpStatus.UNPROCESSABLE_CONTENT,
                    e.rule(),
                    e.reason());
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
        body.put(
                "outcomes",
                decision.announcements().stream().map(a -> a.type().name()).toList());
        json(ctx, HttpStatus.ACCEPTED, body);
    }

    /**
     * Writes a note on the case to {@code rj.case-notes.v1}: 202 with the note's id, 200 {@code DUPLICATE} when a note
     * with its id is on the case already, 403 for a caller who may not write on the case (a manager, a facilitator it
     * is not assigned to), 404 for a case not known, 400 naming {@code text} for a missing, blank or too long note.
     */
    private void note(Context ctx, NoteRequest request) throws IOException {
        Caller caller = caller(ctx);
        String caseId = ctx.pathParam("caseId");
        Optional<CaseState> state = reader.get(caseId);
        if (state.isEmpty()) {
            refused(
                    ctx,
                    HttpStatus.NOT_FOUND,
                    RefusalRule.UNKNOWN_CASE,
                    "case " + FieldProblem.quote(caseId) + " is not known");
            return;
        }
        if (!caller.mayWriteNote(state.get())) {
            throw forbidden(
                    ctx,
                    caller,
                    "you may not write notes on case " + caseId
                            + (caller.mayRead(state.get()) ? "" : ": it is not assigned to you or on your queues"));
        }
        org.rjhub.contracts.hub.CaseNote note = request.toCaseNote(caseId, caller.subject(), clock.instant());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("noteId", note.getNoteId());
        body.put("caseId", caseId);
        if (state.get().hasNote(note.getNoteId())) {
            body.put("status", "DUPLICATE");
            json(ctx, HttpStatus.OK, body);
            return;
        }
        sender.note(note);
        body.put("status", "SENT");
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

    /** 503 with {@code Retry-After}: the cases are moving between instances, or one does not answer. */
    private static void unavailable(Context ctx, String detail) {
        ctx.header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
        problem(ctx, HttpStatus.SERVICE_UNAVAILABLE, null, detail);
    }

    /** A problem body (RFC 9457) naming the field to blame, if any; {@code error} repeats the detail. */
    private static void problem(Context ctx, HttpStatus status, String field, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status.getMessage());
        body.put("status", status.getCode());
        body.put("detail", detail == null ? status.getMessage() : detail);
        if (field != null) {
            body.put("field", field);
        }
        body.put("error", body.get("detail"));
        try {
            ctx.status(status).contentType(PROBLEM_JSON).result(CaseViews.JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            ctx.status(status).result(status.getMessage());
        }
    }

    /** A request without a valid bearer token: 401. */
    private static final class Unauthenticated extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unauthenticated(String reason) {
            super(reason, null, false, false);
        }
    }

    /** A request the caller's roles do not allow: 403. */
    private static final class Forbidden extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Forbidden(String reason) {
            super(reason, null, false, false);
        }
    }

    /** A body past {@link #MAX_BODY_BYTES}. */
    private static final class BodyTooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BodyTooLarge() {
            super(null, null, false, false);
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
