package org.rjhub.cli.up;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.rjhub.cases.CasesConfig;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.privacy.MasterKey;
import org.rjhub.common.streams.StreamsServiceConfig;
import org.rjhub.console.ConsoleConfig;
import org.rjhub.lagmonitor.LagMonitorConfig;
import org.rjhub.reporting.facts.FactsConfig;
import org.rjhub.reporting.facts.PseudonymKeys;
import org.rjhub.reporting.store.ReportingConfig;

/**
 * The environment each service process gets from {@code hub up}, as a deployment would set it: the cluster and
 * registry, on a secured stack the service's own principal's client config, its state folder, and what it needs
 * of the others (the case service's issuer, the lag monitor's business-lag source, the facts service's secret).
 *
 * @param connection    the cluster and registry (bootstrap servers and registry URL)
 * @param clientConfigs per principal, its Kafka client config file (a secured stack); empty on a plaintext stack
 * @param stateRoot     the folder under which each Kafka Streams service keeps its state ({@code <root>/<name>})
 * @param issuer        the identity provider the case API trusts
 * @param jwks          that provider's keys
 * @param jdbcUrl       the reporting database
 * @param pseudonymKeys the facts service's pseudonymisation key file ({@link #pseudonymKeys(Path)} makes it)
 * @param masterKey     the master key file of the data keys (the services that seal dead letters and canonical
 *                      referrals, or open the sealed referrals, get it: router, case service, facts service)
 */
public record ServiceEnvironment(
        KafkaConnection connection,
        Map<String, Path> clientConfigs,
        Path stateRoot,
        URI issuer,
        URI jwks,
        String jdbcUrl,
        Path pseudonymKeys,
        Path masterKey) {

    /**
     * The variable naming a Kafka client properties file (security settings) for a service: the stock tools'
     * {@code --command-config}, as an environment variable.
     */
    public static final String CLIENT_CONFIG_VARIABLE = KafkaConnection.ENV_CLIENT_CONFIG;

    /**
     * The facts service's key file of a local hub, {@code <data folder>/security/pseudonym-keys.json}: made (owner-only,
     * a random version 1) when missing, kept otherwise, so {@code hub keys rotate --file} on it works as in production.
     */
    public static Path pseudonymKeys(Path dataDir) {
        Path file = dataDir.resolve("security").resolve("pseudonym-keys.json");
        try {
            PseudonymKeys.createIfMissing(file, new SecureRandom());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot make the pseudonymisation key file " + file, e);
        }
        return file;
    }

    /** A fresh random pseudonymisation secret (48 bytes, Base64), for one run of a local hub. */
    public static String randomHmacKey() {
        byte[] key = new byte[48];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /**
     * The variables of {@code service}, given every service's operations port.
     *
     * @throws IllegalStateException on a secured stack without a client config for the service's principal
     */
    public Map<String, String> of(HubService service, Map<HubService, Integer> ports) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(KafkaConnection.ENV_BOOTSTRAP, connection.bootstrapServers());
        env.put(KafkaConnection.ENV_REGISTRY, connection.registryUrl().toString());
        if (!clientConfigs.isEmpty()) {
            Path config = Optional.ofNullable(clientConfigs.get(service.principal()))
                    .orElseThrow(() -> new IllegalStateException("the secured stack has no principal "
                            + service.principal() + " for " + service.name() + "; see deploy/access.yaml"));
            env.put(CLIENT_CONFIG_VARIABLE, config.toAbsolutePath().toString());
        }
        if (service.hasStateDir()) {
            env.put(
                    service.variable(StreamsServiceConfig.STATE_DIR),
                    stateRoot.resolve(service.name()).toAbsolutePath().toString());
        }
        if (service.equals(HubService.ROUTER) || service.equals(HubService.CASES) || service.equals(HubService.FACTS)) {
            env.put(MasterKey.ENV, masterKey.toAbsolutePath().toString());
        }
        if (service.equals(HubService.CASES)) {
            env.put(service.variable(CasesConfig.AUTH_ISSUER), issuer.toString());
            env.put(service.variable(CasesConfig.AUTH_JWKS_URL), jwks.toString());
        } else if (service.equals(HubService.FACTS)) {
            env.put(
                    service.variable(FactsConfig.PSEUDONYM_KEYS),
                    pseudonymKeys.toAbsolutePath().toString());
        } else if (service.equals(HubService.REPORTING)) {
            env.put(ReportingConfig.envName(ReportingConfig.JDBC_URL), jdbcUrl);
        } else if (service.equals(HubService.LAG_MONITOR) && ports.containsKey(HubService.CASES)) {
            env.put(
                    service.variable(LagMonitorConfig.BUSINESS_LAG_URLS),
                    "http://127.0.0.1:" + ports.get(HubService.CASES) + "/business-lag");
        } else if (service.equals(HubService.CONSOLE)) {
            env.put(service.variable(ConsoleConfig.ISSUER), issuer.toString());
            if (ports.containsKey(HubService.CASES)) {
                env.put(
                        service.variable(ConsoleConfig.CASE_API_URL),
                        "http://127.0.0.1:" + ports.get(HubService.CASES));
            }
        }
        return env;
    }
}
