package org.rjhub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.stack.StackLayout;
import org.rjhub.stack.StackSecurity;

class StackConnectionTest {

    private static final Set<PosixFilePermission> OWNER_ONLY =
            Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    @Test
    void shouldAnnounceHowEachPrincipalConnectsToASecuredStack(@TempDir Path root) throws IOException {
        StackLayout layout =
                new StackLayout(root, root.resolve("lib"), root.resolve("registry.jar"), root.resolve(".rj-data"));
        StackSecurity security = StackSecurity.generate(root.resolve("stack-1"), List.of("police", "router"));
        security.writeClientConfigs("127.0.0.1:19092");

        StackConnection.announce(
                layout, KafkaConnection.of("127.0.0.1:19092", "http://127.0.0.1:18080"), Optional.of(security));

        Path file = StackConnection.announcement(layout);
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        JsonNode sec = json.path("security");
        assertThat(json.path("bootstrapServers").asText()).isEqualTo("127.0.0.1:19092");
        assertThat(sec.path("protocol").asText()).isEqualTo("SASL_SSL");
        assertThat(sec.path("saslMechanism").asText()).isEqualTo("SCRAM-SHA-512");
        assertThat(Path.of(sec.path("caFile").asText())).isRegularFile();
        assertThat(sec.path("principals").fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("admin", "police", "router");
        JsonNode police = sec.path("principals").path("police");
        assertThat(police.path("username").asText()).isEqualTo("police");
        Path passwordFile = Path.of(police.path("passwordFile").asText());
        Path clientConfig = Path.of(police.path("clientConfig").asText());
        assertThat(Files.getPosixFilePermissions(passwordFile)).isEqualTo(OWNER_ONLY);
        assertThat(Files.getPosixFilePermissions(clientConfig)).isEqualTo(OWNER_ONLY);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(OWNER_ONLY);
        assertThat(Files.readString(file)).doesNotContain(Files.readString(passwordFile));

        Properties config = new Properties();
        try (var in = Files.newBufferedReader(clientConfig)) {
            config.load(in);
        }
        assertThat(config)
                .containsEntry("bootstrap.servers", "127.0.0.1:19092")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.type", "PEM")
                .containsEntry("ssl.truststore.location", sec.path("caFile").asText());
        assertThat(config.getProperty("sasl.jaas.config"))
                .contains("username=\"police\"")
                .contains("password=\"" + Files.readString(passwordFile) + "\"");
    }

    @Test
    void shouldConnectCommandsToASecuredStackAsItsAdmin(@TempDir Path root) throws IOException {
        StackLayout layout =
                new StackLayout(root, root.resolve("lib"), root.resolve("registry.jar"), root.resolve(".rj-data"));
        StackSecurity security = StackSecurity.generate(root.resolve("stack-1"), List.of("police"));
        security.writeClientConfigs("127.0.0.1:19092");
        StackConnection.announce(
                layout, KafkaConnection.of("127.0.0.1:19092", "http://127.0.0.1:18080"), Optional.of(security));

        KafkaConnection c = StackConnection.fromAnnouncement(
                new ObjectMapper().readTree(StackConnection.announcement(layout).toFile()));

        assertThat(c.bootstrapServers()).isEqualTo("127.0.0.1:19092");
        assertThat(c.clientSettings().get("sasl.jaas.config")).contains("username=\"admin\"");
    }

    @Test
    void shouldAnnounceTheProvisioningClientOfTheRegistryWithItsSecretInAFileOnly(@TempDir Path root)
            throws IOException {
        StackLayout layout =
                new StackLayout(root, root.resolve("lib"), root.resolve("registry.jar"), root.resolve(".rj-data"));
        Path secretFile = root.resolve("rj-provisioner.secret");
        org.rjhub.stack.OwnerOnlyFiles.write(secretFile, "synthetic-secret-1");
        StackConnection.announce(layout, KafkaConnection.of("127.0.0.1:19092", "http://127.0.0.1:18080"));

        StackConnection.announceRegistryAuth(
                layout, java.net.URI.create("http://127.0.0.1:18090/rj-dev/token"), "rj-provisioner", secretFile);

        String announced = Files.readString(StackConnection.announcement(layout));
        JsonNode auth = new ObjectMapper().readTree(announced).path("registryAuth");
        assertThat(auth.path("tokenEndpoint").asText()).isEqualTo("http://127.0.0.1:18090/rj-dev/token");
        assertThat(auth.path("clientId").asText()).isEqualTo("rj-provisioner");
        assertThat(auth.path("clientSecretFile").asText()).isEqualTo(secretFile.toString());
        assertThat(announced).doesNotContain("synthetic-secret-1");
        KafkaConnection c = StackConnection.fromAnnouncement(new ObjectMapper().readTree(announced));
        assertThat(c.clientSettings())
                .containsEntry("apicurio.registry.auth.client.id", "rj-provisioner")
                .containsEntry("apicurio.registry.auth.client.secret", "synthetic-secret-1")
                .containsEntry("apicurio.registry.auth.service.token.endpoint", "http://127.0.0.1:18090/rj-dev/token");
        assertThat(c.toString()).doesNotContain("synthetic-secret-1");
    }

    @Test
    void shouldAnnounceAPlaintextStackWithoutSecurity(@TempDir Path root) throws IOException {
        StackLayout layout =
                new StackLayout(root, root.resolve("lib"), root.resolve("registry.jar"), root.resolve(".rj-data"));

        StackConnection.announce(layout, KafkaConnection.of("127.0.0.1:19092", "http://127.0.0.1:18080"));

        JsonNode json =
                new ObjectMapper().readTree(StackConnection.announcement(layout).toFile());
        assertThat(json.has("security")).isFalse();
        assertThat(StackConnection.fromAnnouncement(json).clientSettings()).isEmpty();
    }
}
