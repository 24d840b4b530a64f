package org.rjhub.cases;

import java.net.InetAddress;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.rjhub.cases.api.BearerTokens;
import org.rjhub.cases.errors.RefusingExceptionHandler;
import org.rjhub.cases.monitoring.ServiceLevels;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.streams.StreamsServiceConfig;

/**
 * The case service's settings: type, default, validation and doc each, checked at start-up. The shared Kafka Streams
 * settings come from {@link StreamsServiceConfig}; its HTTP port ({@code rj.http.port}, {@code rj.http.host}) serves
 * the facilitators' API beside health and metrics.
 */
public final class CasesConfig extends StreamsServiceConfig {

    /** The issuer of the API's bearer tokens ({@code iss}), e.g. the county's OpenID Connect provider. */
    public static final String AUTH_ISSUER = "rj.cases.auth.issuer";
    /** Where the issuer publishes its signing keys (its {@code jwks_uri}). */
    public static final String AUTH_JWKS_URL = "rj.cases.auth.jwks.url";
    /** The audience ({@code aud}) a token must name to be taken by the API. */
    public static final String AUTH_AUDIENCE = "rj.cases.auth.audience";
    /** The host other instances reach this one's API at; with the bound port, Kafka Streams' application.server. */
    public static final String ADVERTISED_HOST = "rj.cases.advertised.host";

    public static final String FIRST_CONTACT_WORKING_DAYS = "rj.cases.sla.first.contact.working.days";
    public static final String NO_PROGRESS_DAYS = "rj.cases.sla.no.progress.days";
    public static final String REMINDER_LEAD_DAYS = "rj.cases.reminder.lead.days";
    public static final String TIMER_GRACE_MS = "rj.cases.timer.grace.ms";
    public static final String SWEEP_STREAM_TIME_MS = "rj.cases.sweep.stream.time.interval.ms";
    public static final String SWEEP_WALL_CLOCK_MS = "rj.cases.sweep.wall.clock.interval.ms";
    public static final String CLOSED_RETENTION_DAYS = "rj.cases.closed.retention.days";
    public static final String RETENTION_SWEEP_MS = "rj.cases.retention.sweep.interval.ms";
    public static final String BANK_HOLIDAYS = "rj.cases.bank.holidays";
    public static final String ZONE = "rj.cases.zone";

    /** England and Wales bank holidays, 2025 to 2027 (gov.uk); operations extend the list. */
    static final List<String> ENGLAND_AND_WALES_BANK_HOLIDAYS = List.of(
            "2025-01-01",
            "2025-04-18",
            "2025-04-21",
            "2025-05-05",
            "2025-05-26",
            "2025-08-25",
            "2025-12-25",
            "2025-12-26",
            "2026-01-01",
            "2026-04-03",
            "2026-04-06",
            "2026-05-04",
            "2026-05-25",
            "2026-08-31",
            "2026-12-25",
            "2026-12-28",
            "2027-01-01",
            "2027-03-26",
            "2027-03-29",
            "2027-05-03",
            "2027-05-31",
            "2027-08-30",
            "2027-12-27",
            "2027-12-28");

    private static final ConfigDef DEF = StreamsServiceConfig.define(
                    new ConfigDef(), "rj-cases", "rj-cases", 7080, 100L)
            .define(
                    AUTH_ISSUER,
                    Type.STRING,
                    "",
                    Importance.HIGH,
                    "Issuer (iss) of the API's OAuth2 bearer tokens; required when the API is served.")
            .define(
                    AUTH_JWKS_URL,
                    Type.STRING,
                    "",
                    Importance.HIGH,
                    "URL of the issuer's JSON Web Key Set (its signing keys); required when the API is served.")
            .define(
                    AUTH_AUDIENCE,
                    Type.STRING,
                    "rj-case-api",
                    new ConfigDef.NonEmptyString(),
                    Importance.HIGH,
                    "Audience (aud) a bearer token must name to be taken by the API.")
            .define(
                    ADVERTISED_HOST,
                    Type.STRING,
                    "",
                    Importance.MEDIUM,
                    "Host name or address at which the other instances of the case service reach this one's API "
                            + "(with the port bound, Kafka Streams' application.server: a query is answered by the "
                            + "instance holding the case); empty: rj.http.host, or this machine's host name when "
                            + "that is a wildcard (0.0.0.0, ::).")
            .define(
                    FIRST_CONTACT_WORKING_DAYS,
                    Type.INT,
                    10,
                    ConfigDef.Range.between(1, 365),
                    Importance.MEDIUM,
                    "Service level: first contact with a party within this many working days of the referral.")
            .define(
                    NO_PROGRESS_DAYS,
                    Type.INT,
                    30,
                    ConfigDef.Range.between(1, 3650),
                    Importance.MEDIUM,
                    "Service level: an open case with nothing recorded for this many days is escalated.")
            .define(
                    REMINDER_LEAD_DAYS,
                    Type.INT,
                    3,
                    ConfigDef.Range.between(0, 365),
                    Importance.MEDIUM,
                    "Days before an agreement action's due date that the facilitators' queue is reminded.")
            .define(
                    TIMER_GRACE_MS,
                    Type.LONG,
                    Duration.ofHours(1).toMillis(),
                    ConfigDef.Range.atLeast(0),
                    Importance.LOW,
                    "How long after a deadline the hub waits before acting, so slightly late events raise no false alarm.")
            .define(
                    SWEEP_STREAM_TIME_MS,
                    Type.LONG,
                    Duration.ofMinutes(1).toMillis(),
                    ConfigDef.Range.atLeast(1),
                    Importance.LOW,
                    "How much stream time passes between sweeps of the deadlines.")
            .define(
                    SWEEP_WALL_CLOCK_MS,
                    Type.LONG,
                    Duration.ofMinutes(1).toMillis(),
                    ConfigDef.Range.atLeast(0),
                    Importance.LOW,
                    "Wall-clock time between sweeps of the deadlines while topics are quiet; 0 turns "
                            + "wall-clock sweeps off (e.g. while replaying a backlog older than the service levels).")
            .define(
                    CLOSED_RETENTION_DAYS,
                    Type.INT,
                    365,
                    ConfigDef.Range.atLeast(0),
                    Importance.MEDIUM,
                    "Days a closed case is kept after its closure; then it is removed from the case service's store "
                            + "and its changelog (a tombstone), by wall-clock time. The README's retention table says why.")
            .define(
                    RETENTION_SWEEP_MS,
                    Type.LONG,
                    Duration.ofHours(1).toMillis(),
                    ConfigDef.Range.atLeast(0),
                    Importance.LOW,
                    "Wall-clock time between sweeps that remove closed cases past their retention; 0 turns them off.")
            .define(
                    BANK_HOLIDAYS,
                    Type.LIST,
                    ENGLAND_AND_WALES_BANK_HOLIDAYS,
                    Importance.LOW,
                    "Bank holidays (ISO dates): not working days for the first-contact service level.")
            .define(ZONE, Type.STRING, "Europe/London", Importance.LOW, "Zone of due dates and working days.");

    public CasesConfig(Map<String, ?> values) {
        super(DEF, values);
        serviceLevels(); // fails at start-up on a bad date or zone
    }

    public static CasesConfig of(KafkaConnection connection, Map<String, ?> overrides) {
        return new CasesConfig(withConnection(connection, overrides));
    }

    public static ConfigDef definition() {
        return DEF;
    }

    /**
     * The verifier of the API's bearer tokens, from the issuer's keys at {@value #AUTH_JWKS_URL}.
     *
     * @throws ConfigException when the issuer or the key set's URL is not set, or not a URL
     */
    public BearerTokens bearerTokens() {
        String issuer = getString(AUTH_ISSUER).trim();
        String jwks = getString(AUTH_JWKS_URL).trim();
        if (issuer.isEmpty() || jwks.isEmpty()) {
            throw new ConfigException("the case API authenticates every request: set " + AUTH_ISSUER + " and "
                    + AUTH_JWKS_URL + " (RJ_CASES_AUTH_ISSUER, RJ_CASES_AUTH_JWKS_URL), or serve no API ("
                    + HTTP_PORT + "=-1)");
        }
        try {
            return new BearerTokens(
                    issuer,
                    getString(AUTH_AUDIENCE),
                    BearerTokens.remoteKeys(URI.create(jwks).toURL()));
        } catch (IllegalArgumentException | MalformedURLException e) {
            throw new ConfigException(AUTH_JWKS_URL, jwks, "not a URL: " + e.getMessage());
        }
    }

    public ServiceLevels serviceLevels() {
        try {
            Set<LocalDate> holidays = getList(BANK_HOLIDAYS).stream()
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .map(LocalDate::parse)
                    .collect(Collectors.toSet());
            return new ServiceLevels(
                    getInt(FIRST_CONTACT_WORKING_DAYS),
                    Duration.ofDays(getInt(NO_PROGRESS_DAYS)),
                    Duration.ofDays(getInt(REMINDER_LEAD_DAYS)),
                    Duration.ofMillis(getLong(TIMER_GRACE_MS)),
                    holidays,
                    ZoneId.of(getString(ZONE)));
        } catch (DateTimeException e) {
            throw new ConfigException("bad date or zone in " + BANK_HOLIDAYS + " / " + ZONE + ": " + e.getMessage());
        }
    }

    public Duration streamTimeSweep() {
        return Duration.ofMillis(getLong(SWEEP_STREAM_TIME_MS));
    }

    public Duration wallClockSweep() {
        return Duration.ofMillis(getLong(SWEEP_WALL_CLOCK_MS));
    }

    /** How long a closed case is kept after its closure. */
    public Duration closedRetention() {
        return Duration.ofDays(getInt(CLOSED_RETENTION_DAYS));
    }

    public Duration retentionSweep() {
        return Duration.ofMillis(getLong(RETENTION_SWEEP_MS));
    }

    /** Kafka Streams settings: exactly-once v2, the refusing handlers, no record cache (every update at once). */
    public Properties streamsProperties() {
        return streamsProperties(RefusingExceptionHandler.class, RefusingExceptionHandler.class, 0L);
    }

    /** {@link #streamsProperties()}, telling the other instances that this one's API answers at {@code self}. */
    public Properties streamsProperties(HostInfo self) {
        Properties p = streamsProperties();
        p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
        return p;
    }

    /** Where the other instances reach this one's API: {@value #ADVERTISED_HOST}, the bind address or the host name. */
    public String advertisedHost() {
        String host = getString(ADVERTISED_HOST).trim();
        if (!host.isEmpty()) {
            return host;
        }
        String bound = httpHost();
        if (!bound.equals("0.0.0.0") && !bound.equals("::") && !bound.equals("[::]")) {
            return bound;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            throw new ConfigException(ADVERTISED_HOST, "", "this machine's host name is not known: set it");
        }
    }
}
