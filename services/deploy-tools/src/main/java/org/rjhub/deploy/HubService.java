package org.rjhub.deploy;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.config.ConfigDef;
import org.rjhub.cases.CasesConfig;
import org.rjhub.common.config.ConnectionSettings;
import org.rjhub.common.config.Environment;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.privacy.MasterKey;
import org.rjhub.lagmonitor.LagMonitorConfig;
import org.rjhub.reporting.facts.FactsConfig;
import org.rjhub.reporting.store.ReportingConfig;
import org.rjhub.router.RouterConfig;

/**
 * The hub's deployables, as the one image runs them ({@code <image> router}, {@code <image> cases} ...): what each is
 * called, its operations port, whether it is a Kafka Streams service (exactly-once, local state), its principal in
 * {@code deploy/access.yaml}, and the environment variables it reads, listed from its typed config.
 */
public enum HubService {
    ROUTER("router", "RJ_ROUTER_", RouterConfig.definition(), true, 8081, "router"),
    CASES("cases", "RJ_CASES_", CasesConfig.definition(), true, 7080, "cases", "rj.cases."),
    FACTS("facts", "RJ_FACTS_", FactsConfig.definition(), true, 8082, "facts"),
    REPORTING("reporting", "RJ_REPORTING_", ReportingConfig.definition(), false, 8083, "reporting"),
    LAG_MONITOR("lag-monitor", "RJ_LAG_", LagMonitorConfig.definition(), false, 9308, "lagmonitor", "rj.lag.");

    private final String command;
    private final String prefix;
    private final ConfigDef definition;
    private final boolean streams;
    private final int httpPort;
    private final String principal;
    private final String[] droppedNamePrefixes;

    HubService(
            String command,
            String prefix,
            ConfigDef definition,
            boolean streams,
            int httpPort,
            String principal,
            String... droppedNamePrefixes) {
        this.command = command;
        this.prefix = prefix;
        this.definition = definition;
        this.streams = streams;
        this.httpPort = httpPort;
        this.principal = principal;
        this.droppedNamePrefixes = droppedNamePrefixes;
    }

    /** The image's command for it, and its name in the manifests: {@code router}, {@code lag-monitor} ... */
    public String command() {
        return command;
    }

    /** The prefix of its variables, e.g. {@code RJ_ROUTER_}. */
    public String prefix() {
        return prefix;
    }

    /** A Kafka Streams service: exactly-once, with a local state folder (a StatefulSet's volume). */
    public boolean streams() {
        return streams;
    }

    /** Its operations port by default: {@code /health/live}, {@code /health/ready}, {@code /metrics}. */
    public int httpPort() {
        return httpPort;
    }

    /** Its principal in the access file. */
    public String principal() {
        return principal;
    }

    /** The variable of one of its settings, e.g. {@code variable("rj.http.host")} is {@code RJ_ROUTER_RJ_HTTP_HOST}. */
    public String variable(String setting) {
        return switch (setting) {
            case ConnectionSettings.BOOTSTRAP_SERVERS -> KafkaConnection.ENV_BOOTSTRAP;
            case ConnectionSettings.REGISTRY_URL -> KafkaConnection.ENV_REGISTRY;
            case ConnectionSettings.CLIENT_CONFIG -> KafkaConnection.ENV_CLIENT_CONFIG;
            // the master key of the data keys has one name for every service and the CLI
            case MasterKey.SETTING -> MasterKey.ENV;
            case MasterKey.KMS_SETTING -> MasterKey.KMS_ENV;
            // the pseudonymisation secret has a name of its own, shared with the reporting side
            case FactsConfig.HMAC_KEY -> FactsConfig.ENV_HMAC_KEY;
            default -> Environment.variable(prefix, setting, droppedNamePrefixes);
        };
    }

    /** The variables of its settings without a default: a deployment must give every one. */
    public Set<String> requiredVariables() {
        Set<String> required = new TreeSet<>();
        definition.configKeys().forEach((name, key) -> {
            if (!key.hasDefault()) {
                required.add(variable(name));
            }
        });
        if (definition.configKeys().containsKey(FactsConfig.PSEUDONYM_KEYS)) {
            // the facts service needs its key file or the one secret (key version 1); the generated deployments mount
            // the key file, so that the key can be rotated
            required.add(variable(FactsConfig.PSEUDONYM_KEYS));
        }
        if (needsMasterKey()) {
            // without it what the service seals is written in clear, and what it opens reads as erased
            required.add(variable(MasterKey.SETTING));
        }
        return required;
    }

    /**
     * Whether it seals or opens personal data under data keys wrapped by the master key ({@code RJ_MASTER_KEY}), so
     * that a deployment must give it the master key: the router seals what it dead-letters and the canonical referrals,
     * the case service what it dead-letters, and the case service and the facts service open the canonical referrals.
     */
    public boolean needsMasterKey() {
        return this == ROUTER || this == CASES || this == FACTS;
    }

    /** The variables of a Kafka Streams, producer or consumer setting passed through as-is, e.g. SASL's. */
    public String streamsVariable(String clientSetting) {
        if (!streams) {
            throw new IllegalStateException(command + " is not a Kafka Streams service");
        }
        return Environment.variable(prefix, Environment.STREAMS_PREFIX + clientSetting);
    }

    /** Every variable it reads for a setting of its typed config (the connection pair among them), sorted. */
    public Set<String> variables() {
        Set<String> all = new TreeSet<>();
        for (String name : definition.names()) {
            all.add(variable(name));
        }
        all.addAll(List.of(KafkaConnection.ENV_BOOTSTRAP, KafkaConnection.ENV_REGISTRY));
        return all;
    }

    /** Whether {@code variable} is a setting of this service (one of its own, or a Streams pass-through). */
    public boolean reads(String variable) {
        return variables().contains(variable)
                || (streams && variable.startsWith(prefix + "STREAMS_") && variable.length() > prefix.length() + 8);
    }
}
