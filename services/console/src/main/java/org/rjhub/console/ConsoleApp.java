package org.rjhub.console;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.rjhub.common.http.Health;
import org.rjhub.common.http.OperationsServer;
import org.rjhub.common.service.ServiceRunner;
import org.rjhub.console.caseapi.CaseApi;
import org.rjhub.console.casework.CaseworkRoutes;
import org.rjhub.console.coordination.CoordinationRoutes;
import org.rjhub.console.figures.FiguresRoutes;
import org.rjhub.console.login.LoginRoutes;
import org.rjhub.console.login.OidcClient;
import org.rjhub.console.notes.NotesRoutes;
import org.rjhub.console.session.SealedCookies;
import org.rjhub.console.session.Session;
import org.rjhub.console.web.Frame;
import org.rjhub.console.web.Pages;
import org.rjhub.console.web.Requests;
import org.rjhub.console.web.Security;
import org.rjhub.console.web.SessionCookies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console: a Javalin server of server-rendered pages over the case API. Every page but sign-in, the static assets
 * and the operations endpoints needs a session; every form POST carries the session's CSRF token; every answer carries
 * the security headers ({@link Security}).
 */
public final class ConsoleApp implements ServiceRunner.Service {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleApp.class);
    /** The GOV.UK Frontend webjar's files (its version is the pom's). */
    private static final String GOVUK = "/META-INF/resources/webjars/govuk-frontend/" + govukVersion() + "/dist/govuk";

    private static final Set<String> OPEN_PATHS = Set.of(
            "/", "/sign-in", "/login", "/auth/callback", "/signed-out", "/health/live", "/health/ready", "/metrics");

    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Javalin app;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile String publicUrl;

    private ConsoleApp(ConsoleConfig config, OidcClient oidc, HttpClient http, Clock clock) {
        String configured = config.publicUrl();
        boolean https = configured.startsWith("https://");
        byte[] key = config.sessionKey().isEmpty()
                ? SealedCookies.randomKey()
                : Base64.getDecoder().decode(config.sessionKey());
        SessionCookies cookies = new SessionCookies(new SealedCookies(key, JSON), https, config.sessionIdle(), clock);
        Pages pages = new Pages();
        CaseApi api = new CaseApi(config.caseApiUrl(), http, JSON);
        this.app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.staticFiles.add(s -> {
                s.hostedPath = "/static";
                s.directory = "/static";
                s.location = Location.CLASSPATH;
            });
        });
        app.before(ctx -> {
            Security.headers(ctx, https);
            String path = ctx.path();
            if (OPEN_PATHS.contains(path)
                    || path.startsWith("/assets/")
                    || path.startsWith("/govuk/")
                    || path.startsWith("/static/")) {
                cookies.session(ctx).ifPresent(s -> ctx.attribute(Requests.ATTRIBUTE, s));
                return;
            }
            Optional<Session> s = cookies.session(ctx);
            if (s.isEmpty()) {
                cookies.end(ctx);
                throw new SignInNeeded(ctx.method().name().equals("GET") ? path : "/");
            }
            if (ctx.method().name().equals("POST") && !Security.csrfMatches(ctx, s.get())) {
                throw new Requests.Forbidden("the form has expired or did not come from this console");
            }
            ctx.attribute(Requests.ATTRIBUTE, s.get());
            cookies.keep(ctx, s.get());
        });
        // GOV.UK Frontend's compiled CSS and JavaScript and its images (not its fonts: GDS Transport is for GOV.UK
        // only)
        app.get("/govuk/{file}", ctx -> asset(ctx, GOVUK + "/" + ctx.pathParam("file")));
        app.get("/assets/images/{file}", ctx -> asset(ctx, GOVUK + "/assets/images/" + ctx.pathParam("file")));
        OperationsServer.routes(app, () -> new Health(true, "SERVING"), () -> new Health(true, "READY"), () -> "");
        app.get("/", ctx -> home(ctx, pages));
        new LoginRoutes(
                        oidc,
                        cookies,
                        pages,
                        () -> publicUrl + "/auth/callback",
                        config.rolesClaim(),
                        config.queuesClaim())
                .register(app);
        CoordinationRoutes coordination = new CoordinationRoutes(api, pages, clock, config.facilitators());
        coordination.register(app);
        new CaseworkRoutes(api, pages, clock, coordination::facilitators).register(app);
        new NotesRoutes(api, pages).register(app);
        new FiguresRoutes(api, pages, config.reportUrl()).register(app);
        app.exception(
                SignInNeeded.class,
                (e, ctx) -> ctx.redirect(
                        "/login?returnTo="
                                + java.net.URLEncoder.encode(e.getMessage(), java.nio.charset.StandardCharsets.UTF_8),
                        HttpStatus.SEE_OTHER));
        app.exception(Requests.Forbidden.class, (e, ctx) -> problem(ctx, pages, 403, e.getMessage()));
        app.exception(Requests.NotFound.class, (e, ctx) -> problem(ctx, pages, 404, e.getMessage()));
        app.exception(CaseApi.ApiError.class, (e, ctx) -> {
            if (e.status() == 401) {
                cookies.end(ctx);
                ctx.redirect("/login", HttpStatus.SEE_OTHER);
                return;
            }
            problem(ctx, pages, e.status() == 403 || e.status() == 404 ? e.status() : 503, e.getMessage());
        });
        app.exception(
                io.javalin.http.HttpResponseException.class,
                (e, ctx) -> problem(
                        ctx,
                        pages,
                        e.getStatus() == 404 || e.getStatus() == 403 ? e.getStatus() : 400,
                        e.getMessage()));
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                problem(ctx, pages, 404, "no such page");
            }
        });
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.endpointHandlerPath(), e);
            problem(ctx, pages, 500, "something went wrong");
        });
    }

    /** A file of the webjar, by a plain name only (no path), with its type and a day's caching. */
    private static void asset(Context ctx, String resource) throws IOException {
        String name = resource.substring(resource.lastIndexOf('/') + 1);
        String type = name.endsWith(".css")
                ? "text/css"
                : name.endsWith(".js") || name.endsWith(".mjs")
                        ? "text/javascript"
                        : name.endsWith(".svg")
                                ? "image/svg+xml"
                                : name.endsWith(".png") ? "image/png" : name.endsWith(".ico") ? "image/x-icon" : null;
        try (var in = type == null || !name.matches("[A-Za-z0-9._-]+") || name.startsWith(".")
                ? null
                : ConsoleApp.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new Requests.NotFound("no such file");
            }
            ctx.contentType(type)
                    .header("Cache-Control", "public, max-age=86400")
                    .result(in.readAllBytes());
        }
    }

    /** Where the console sends a signed-in user first: their role's main page. */
    private static void home(Context ctx, Pages pages) {
        Session s = ctx.attribute(Requests.ATTRIBUTE);
        if (s == null) {
            pages.render(ctx, "sign-in.jte", "frame", Frame.of("Sign in", null, null));
            return;
        }
        ctx.redirect(
                s.facilitator() ? "/my-cases" : s.coordinator() ? "/queues" : s.manager() ? "/figures" : "/no-role",
                HttpStatus.SEE_OTHER);
    }

    private static void problem(Context ctx, Pages pages, int status, String detail) {
        Session s = ctx.attribute(Requests.ATTRIBUTE);
        String title = switch (status) {
            case 403 -> "You cannot open this page";
            case 404 -> "Page not found";
            case 500 -> "Sorry, there is a problem with the console";
            default -> "Sorry, the case service is unavailable";
        };
        pages.render(ctx, status, "problem.jte", "frame", Frame.of(title, s, null), "status", status, "detail", detail);
    }

    /** Starts the console on {@code config}'s host and port, signing in at its issuer. */
    public static ConsoleApp start(ConsoleConfig config, Clock clock) throws IOException, InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        OidcClient oidc = OidcClient.discover(config.issuer(), config.clientId(), http, JSON);
        ConsoleApp console = new ConsoleApp(config, oidc, http, clock);
        console.app.start(config.httpHost(), Math.max(config.httpPort(), 0));
        console.publicUrl = config.publicUrl().isEmpty()
                ? "http://" + config.httpHost() + ":" + console.port()
                : config.publicUrl();
        LOG.info(
                "RJ Hub console at {} (issuer {}, case API {})",
                console.publicUrl,
                config.issuer(),
                config.caseApiUrl());
        return console;
    }

    public int port() {
        return app.port();
    }

    /** The console's address as the browser sees it. */
    public String url() {
        return publicUrl;
    }

    @Override
    public ServiceRunner.Stop awaitStop() throws InterruptedException {
        stopped.await();
        return ServiceRunner.Stop.CLOSED;
    }

    @Override
    public void close() {
        app.stop();
        stopped.countDown();
    }

    /** The GOV.UK Frontend webjar's version, from its Maven metadata (the pom names it once). */
    private static String govukVersion() {
        try (var in =
                ConsoleApp.class.getResourceAsStream("/META-INF/maven/org.webjars.npm/govuk-frontend/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("GOV.UK Frontend's webjar is not on the class path");
            }
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A page that needs a session, asked for without one: redirected to sign in, then back. */
    private static final class SignInNeeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SignInNeeded(String returnTo) {
            super(returnTo, null, false, false);
        }
    }
}
