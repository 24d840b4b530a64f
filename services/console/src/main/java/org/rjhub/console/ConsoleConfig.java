package org.rjhub.console;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.rjhub.common.config.Environment;
import org.rjhub.common.config.HttpSettings;

/**
 * Everything the console can be told, checked once at start-up, in the hub's one configuration style ({@link
 * ConfigDef}), read from the environment as every service's are ({@link Environment}): {@code RJ_CONSOLE_<NAME>} with
 * the console's own {@code rj.console.} left out ({@code rj.console.issuer} is {@code RJ_CONSOLE_ISSUER}) and the
 * shared ones in full ({@code rj.http.port} is {@code RJ_CONSOLE_RJ_HTTP_PORT}). An unknown {@code RJ_CONSOLE_}
 * variable is refused.
 */
public final class ConsoleConfig extends AbstractConfig {

    public static final String ISSUER = "rj.console.issuer";
    public static final String CLIENT_ID = "rj.console.client.id";
    public static final String CASE_API_URL = "rj.console.case.api.url";
    public static final String PUBLIC_URL = "rj.console.public.url";
    public static final String SESSION_IDLE_MINUTES = "rj.console.session.idle.minutes";
    public static final String SESSION_KEY = "rj.console.session.key";
    public static final String ROLES_CLAIM = "rj.console.roles.claim";
    public static final String QUEUES_CLAIM = "rj.console.queues.claim";
    public static final String FACILITATORS = "rj.console.facilitators";
    public static final String REPORT_URL = "rj.console.report.url";

    public static final String ENV_PREFIX = "RJ_CONSOLE_";
    static final String OWN_PREFIX = "rj.console.";

    private static final ConfigDef DEF = HttpSettings.define(
                    new ConfigDef(), 7090, "the console's pages, /health/live, /health/ready and /metrics")
            .define(
                    ISSUER,
                    Type.STRING,
                    ConfigDef.NO_DEFAULT_VALUE,
                    new ConfigDef.NonEmptyString(),
                    Importance.HIGH,
                    "OpenID Connect issuer the console signs users in with (its /.well-known/openid-configuration is "
                            + "read at start); the same issuer the case API trusts.")
            .define(
                    CLIENT_ID,
                    Type.STRING,
                    "rj-console",
                    new ConfigDef.NonEmptyString(),
                    Importance.HIGH,
                    "The console's client id at the issuer (a public client: authorisation code with PKCE).")
            .define(
                    CASE_API_URL,
                    Type.STRING,
                    "http://127.0.0.1:7080",
                    new ConfigDef.NonEmptyString(),
                    Importance.HIGH,
                    "Base URL of the case service's HTTP API.")
            .define(
                    PUBLIC_URL,
                    Type.STRING,
                    "",
                    Importance.MEDIUM,
                    "The console's address as browsers see it (https://... behind a TLS proxy): the sign-in's "
                            + "redirect URI is <this>/auth/callback and cookies are Secure when it is https. Empty: "
                            + "http://<rj.http.host>:<port>.")
            .define(
                    SESSION_IDLE_MINUTES,
                    Type.INT,
                    30,
                    ConfigDef.Range.between(1, 24 * 60),
                    Importance.MEDIUM,
                    "A session unused this long ends (it also ends when the access token expires).")
            .define(
                    SESSION_KEY,
                    Type.PASSWORD,
                    "",
                    Importance.HIGH,
                    "Key sealing the session cookie (AES-256-GCM), base64 of 32 bytes; the same on every instance. "
                            + "Empty: a random key at start (sessions end when the console restarts).")
            .define(
                    ROLES_CLAIM,
                    Type.STRING,
                    "roles",
                    new ConfigDef.NonEmptyString(),
                    Importance.LOW,
                    "The ID token claim holding the user's roles (facilitator, coordinator, manager).")
            .define(
                    QUEUES_CLAIM,
                    Type.STRING,
                    "queues",
                    new ConfigDef.NonEmptyString(),
                    Importance.LOW,
                    "The ID token claim holding a coordinator's facilitator queues.")
            .define(
                    FACILITATORS,
                    Type.LIST,
                    List.of(),
                    Importance.MEDIUM,
                    "Facilitator ids a coordinator may allocate to besides those already holding cases "
                            + "(comma-separated), e.g. new volunteers with no case yet.")
            .define(
                    REPORT_URL,
                    Type.STRING,
                    "",
                    Importance.LOW,
                    "Where managers find the HTML report (hub report); empty: no link.");

    public ConsoleConfig(Map<?, ?> values) {
        super(DEF, values);
        if (!sessionKey().isEmpty() && java.util.Base64.getDecoder().decode(sessionKey()).length != 32) {
            throw new ConfigException(SESSION_KEY, "(hidden)", "must be base64 of 32 bytes");
        }
        if (!publicUrl().isEmpty()
                && !publicUrl().startsWith("http://")
                && !publicUrl().startsWith("https://")) {
            throw new ConfigException(PUBLIC_URL, publicUrl(), "must be an http:// or https:// URL");
        }
    }

    /** The console for {@code issuer} and the case API at {@code caseApiUrl}, everything else by default. */
    public static ConsoleConfig of(URI issuer, URI caseApiUrl, Map<String, ?> overrides) {
        Map<String, Object> values = new HashMap<>(overrides);
        values.put(ISSUER, issuer.toString());
        values.put(CASE_API_URL, caseApiUrl.toString());
        return new ConsoleConfig(values);
    }

    /**
     * The configuration the environment names.
     *
     * @throws ConfigException naming the setting, when a value is missing or invalid, or an {@code RJ_CONSOLE_}
     *                         variable is not a setting
     */
    public static ConsoleConfig fromEnvironment(Map<String, String> env) {
        List<String> unknown = Environment.unknownVariables(env, ENV_PREFIX, DEF, OWN_PREFIX);
        if (!unknown.isEmpty()) {
            throw new ConfigException("unknown setting(s) " + unknown);
        }
        Map<String, Object> values = Environment.settings(env, ENV_PREFIX, DEF, OWN_PREFIX);
        values.keySet().removeIf(k -> !DEF.names().contains(k));
        return new ConsoleConfig(values);
    }

    /** The settings as lines of variable, default and meaning (for {@code --help}). */
    public static String describe() {
        return Environment.describe(ENV_PREFIX, DEF, OWN_PREFIX);
    }

    public URI issuer() {
        return URI.create(getString(ISSUER).trim().replaceAll("/+$", ""));
    }

    public String clientId() {
        return getString(CLIENT_ID).trim();
    }

    public URI caseApiUrl() {
        return URI.create(getString(CASE_API_URL).trim().replaceAll("/+$", ""));
    }

    /** The public URL, empty when derived from the bound address. */
    public String publicUrl() {
        return getString(PUBLIC_URL).trim().replaceAll("/+$", "");
    }

    public Duration sessionIdle() {
        return Duration.ofMinutes(getInt(SESSION_IDLE_MINUTES));
    }

    String sessionKey() {
        return getPassword(SESSION_KEY).value().trim();
    }

    public String rolesClaim() {
        return getString(ROLES_CLAIM);
    }

    public String queuesClaim() {
        return getString(QUEUES_CLAIM);
    }

    public List<String> facilitators() {
        return getList(FACILITATORS).stream()
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    public String reportUrl() {
        return getString(REPORT_URL).trim();
    }

    public int httpPort() {
        return HttpSettings.port(this);
    }

    public String httpHost() {
        return HttpSettings.host(this);
    }
}
