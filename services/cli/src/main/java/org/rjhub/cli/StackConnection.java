package org.rjhub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.privacy.MasterKey;
import org.rjhub.common.registry.RegistryCredentials;
import org.rjhub.stack.DevIdentityProvider;
import org.rjhub.stack.OwnerOnlyFiles;
import org.rjhub.stack.StackLayout;
import org.rjhub.stack.StackSecurity;

/**
 * How a command finds the cluster: the environment ({@code KAFKA_BOOTSTRAP_SERVERS} +
 * {@code RJ_REGISTRY_URL}) first, else the stack that {@code hub up} announced in
 * {@code .rj-data/stack.json}.
 */
final class StackConnection {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** System properties that override the environment (used by tests running the CLI in-process). */
    static final String BOOTSTRAP_PROPERTY = "rj.bootstrap.servers";

    static final String REGISTRY_PROPERTY = "rj.registry.url";
    /** A system property naming a Kafka client properties file to connect with (tests). */
    static final String CLIENT_CONFIG_PROPERTY = "rj.kafka.client.config";

    private StackConnection() {}

    static Path announcement(StackLayout layout) {
        return layout.dataRoot().resolve("stack.json");
    }

    static void announce(StackLayout layout, KafkaConnection connection) {
        announce(layout, connection, Optional.empty());
    }

    /**
     * Writes {@code .rj-data/stack.json}: where the stack is and, when secured, how to connect: a
     * {@code security} object with the protocol, SASL mechanism, CA file and, per principal, its user
     * name, password file and client config (a Kafka client properties file). No secret is in it;
     * the files it names are owner-only, and so is the announcement of a secured stack.
     */
    static void announce(StackLayout layout, KafkaConnection connection, Optional<StackSecurity> security) {
        ObjectNode root = JSON.createObjectNode()
                .put("bootstrapServers", connection.bootstrapServers())
                .put("registryUrl", connection.registryUrl().toString());
        security.ifPresent(s -> {
            ObjectNode sec = root.putObject("security")
                    .put("protocol", StackSecurity.PROTOCOL)
                    .put("saslMechanism", StackSecurity.SASL_MECHANISM)
                    .put("caFile", s.caFile().toAbsolutePath().toString());
            ObjectNode principals = sec.putObject("principals");
            s.principals()
                    .forEach((name, p) -> principals
                            .putObject(name)
                            .put("username", p.username())
                            .put(
                                    "passwordFile",
                                    p.passwordFile().toAbsolutePath().toString())
                            .put(
                                    "clientConfig",
                                    p.clientConfig().toAbsolutePath().toString()));
        });
        try {
            Files.createDirectories(layout.dataRoot());
            if (security.isPresent()) {
                OwnerOnlyFiles.write(announcement(layout), root.toPrettyString());
            } else {
                Files.writeString(announcement(layout), root.toPrettyString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + announcement(layout), e);
        }
    }

    /**
     * Adds the development identity provider of the stack to its announcement ({@code devIdentityProvider}: issuer,
     * JWKS and token endpoint), where {@code hub case} finds it.
     */
    static void announceIdentityProvider(StackLayout layout, DevIdentityProvider idp) {
        amend(
                layout,
                n -> n.putObject("devIdentityProvider")
                        .put("issuer", idp.issuer().toString())
                        .put("jwksUri", idp.jwksUri().toString())
                        .put("tokenEndpoint", idp.tokenEndpoint().toString()));
    }

    /**
     * Adds how the hub's provisioning authenticates to the registry ({@code registryAuth}: OAuth2 client credentials,
     * the token endpoint, the client id and the owner-only file holding its secret, never the secret itself). Anyone
     * may read the registry without them.
     */
    static void announceRegistryAuth(StackLayout layout, URI tokenEndpoint, String clientId, Path clientSecretFile) {
        amend(
                layout,
                n -> n.putObject("registryAuth")
                        .put("grantType", "client_credentials")
                        .put("tokenEndpoint", tokenEndpoint.toString())
                        .put("clientId", clientId)
                        .put(
                                "clientSecretFile",
                                clientSecretFile.toAbsolutePath().toString())
                        .put("anonymousRead", true));
    }

    /**
     * The local master key of the data keys, {@code <data root>/master-key.json}, made (owner-only) when missing; it
     * outlives a run, as the data keys of a kept run's topics need it.
     */
    static Path masterKey(StackLayout layout) {
        return MasterKey.createIfMissing(layout.dataRoot().resolve("master-key.json"));
    }

    /** Adds where the master key file is ({@code masterKey}), for the tools that open sealed copies. */
    static void announceMasterKey(StackLayout layout) {
        amend(layout, n -> n.put("masterKey", masterKey(layout).toAbsolutePath().toString()));
    }

    /** The master key: {@value MasterKey#ENV}, else the file the running {@code hub up} announced, if any. */
    static Optional<String> findMasterKey() {
        String env = System.getenv(MasterKey.ENV);
        if (env != null && !env.isBlank()) {
            return Optional.of(env);
        }
        return announced()
                .flatMap(n -> n.path("masterKey").isTextual()
                        ? Optional.of(n.path("masterKey").asText())
                        : Optional.empty());
    }

    private static void amend(StackLayout layout, Consumer<ObjectNode> change) {
        try {
            ObjectNode n = (ObjectNode) JSON.readTree(announcement(layout).toFile());
            change.accept(n);
            Files.writeString(announcement(layout), n.toPrettyString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + announcement(layout), e);
        }
    }

    /**
     * Adds the hub's services to the announcement ({@code services}: per service, {@code health} and {@code metrics}
     * URLs, and {@code api} for the case service), where every command and a monitoring setup find them.
     */
    static void announceServices(StackLayout layout, Map<String, Map<String, String>> services) {
        try {
            ObjectNode n = (ObjectNode) JSON.readTree(announcement(layout).toFile());
            ObjectNode all = n.putObject("services");
            services.forEach((name, endpoints) -> {
                ObjectNode s = all.putObject(name);
                endpoints.forEach(s::put);
            });
            Files.writeString(announcement(layout), n.toPrettyString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + announcement(layout), e);
        }
    }

    /**
     * Adds settings of the hub's services that tools reading their data need ({@code settings}: by environment
     * variable, e.g. the reporting database's URL and the pseudonymisation key file's path; never a secret itself).
     */
    static void announceSettings(StackLayout layout, Map<String, String> settings) {
        amend(layout, n -> {
            ObjectNode all = n.putObject("settings");
            settings.forEach(all::put);
        });
    }

    /** The environment variable {@code name}, else the setting the running {@code hub up} announced for it, if any. */
    static Optional<String> findSetting(String name) {
        String env = System.getenv(name);
        if (env != null && !env.isBlank()) {
            return Optional.of(env);
        }
        return announced().flatMap(n -> {
            JsonNode v = n.path("settings").path(name);
            return v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
        });
    }

    /** The endpoint {@code key} of service {@code name} that {@code hub up} announced, if any. */
    static Optional<String> serviceEndpoint(String name, String key) {
        return announced().flatMap(n -> {
            JsonNode v = n.path("services").path(name).path(key);
            return v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
        });
    }

    /** The client config file of {@code principal} on the secured stack {@code hub up} announced, if any. */
    static Optional<String> announcedClientConfig(String principal) {
        return announced().flatMap(n -> {
            JsonNode file =
                    n.path("security").path("principals").path(principal).path("clientConfig");
            return file.isTextual() ? Optional.of(file.asText()) : Optional.empty();
        });
    }

    /** The announcement of the running {@code hub up}, if there is one. */
    static Optional<JsonNode> announced() {
        Path file = announcement(StackLayout.discover());
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The token endpoint of the development identity provider that {@code hub up} announced, if any. */
    static Optional<String> devTokenEndpoint() {
        return announced().flatMap(n -> {
            JsonNode endpoint = n.path("devIdentityProvider").path("tokenEndpoint");
            return endpoint.isTextual() ? Optional.of(endpoint.asText()) : Optional.empty();
        });
    }

    static void withdraw(StackLayout layout) {
        try {
            Files.deleteIfExists(announcement(layout));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Optional<KafkaConnection> find() {
        return find(StackSecurity.ADMIN);
    }

    /**
     * The stack as {@code principal}: from the system properties (with {@value #CLIENT_CONFIG_PROPERTY}'s file, if
     * set), the environment ({@code KAFKA_CLIENT_CONFIG}), or the announcement (that principal's client config).
     */
    static Optional<KafkaConnection> find(String principal) {
        if (System.getProperty(BOOTSTRAP_PROPERTY) != null && System.getProperty(REGISTRY_PROPERTY) != null) {
            KafkaConnection c =
                    KafkaConnection.of(System.getProperty(BOOTSTRAP_PROPERTY), System.getProperty(REGISTRY_PROPERTY));
            String clientConfig = System.getProperty(CLIENT_CONFIG_PROPERTY);
            return Optional.of(clientConfig == null ? c : c.withClientConfigFile(Path.of(clientConfig)));
        }
        Optional<KafkaConnection> env = KafkaConnection.fromEnvironment(System.getenv());
        if (env.isPresent()) {
            return env;
        }
        return announced().map(n -> fromAnnouncement(n, principal));
    }

    /**
     * The connection an announcement describes; for a secured stack, as its admin principal (until
     * every command connects with a principal of its own); at the registry, as the provisioning client
     * when its secret file is readable, else reading anonymously.
     */
    static KafkaConnection fromAnnouncement(JsonNode n) {
        return fromAnnouncement(n, StackSecurity.ADMIN);
    }

    /** The connection an announcement describes, as {@code principal} on a secured stack. */
    static KafkaConnection fromAnnouncement(JsonNode n, String principal) {
        KafkaConnection c = KafkaConnection.of(
                n.path("bootstrapServers").asText(), n.path("registryUrl").asText());
        JsonNode clientConfig =
                n.path("security").path("principals").path(principal).path("clientConfig");
        KafkaConnection own = clientConfig.isTextual() ? c.withClientConfigFile(Path.of(clientConfig.asText())) : c;
        JsonNode registryAuth = n.path("registryAuth");
        Path secretFile = Path.of(registryAuth.path("clientSecretFile").asText(""));
        if (!StackSecurity.ADMIN.equals(principal)
                || !registryAuth.path("clientId").isTextual()
                || !Files.isReadable(secretFile)) {
            return own;
        }
        try {
            return RegistryCredentials.addTo(
                    own,
                    URI.create(registryAuth.path("tokenEndpoint").asText()),
                    registryAuth.path("clientId").asText(),
                    Files.readString(secretFile).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + secretFile, e);
        }
    }

    /** A file the announcement names for {@code principal} ({@code passwordFile}, {@code clientConfig}). */
    static Optional<Path> principalFile(String principal, String field) {
        Path file = announcement(StackLayout.discover());
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode path = JSON.readTree(file.toFile())
                    .path("security")
                    .path("principals")
                    .path(principal)
                    .path(field);
            return path.isTextual() ? Optional.of(Path.of(path.asText())) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static KafkaConnection require() {
        return require(StackSecurity.ADMIN);
    }

    /** The running stack as {@code principal} (its client config on a secured stack). */
    static KafkaConnection require(String principal) {
        return find(principal)
                .orElseThrow(() -> new UserInputException("no running stack: neither " + KafkaConnection.ENV_BOOTSTRAP
                        + " and " + KafkaConnection.ENV_REGISTRY + " are set nor does "
                        + announcement(StackLayout.discover())
                        + " exist; start the hub with `./hub up` in another terminal, or set both variables"));
    }
}
