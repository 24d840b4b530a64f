package org.rjhub.common.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rjhub.common.config.KafkaConnection;

/** Client credentials for the registry, against a token endpoint that records what it is asked. */
class RegistryCredentialsTest {

    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final HttpServer idp = tokenEndpoint();
    private final KafkaConnection open = KafkaConnection.of("127.0.0.1:9092", "http://127.0.0.1:8080");

    @AfterEach
    void stop() {
        idp.stop(0);
    }

    @Test
    void shouldCarryTheClientInTheConnectionAndAskForATokenOnceWhileItIsValid() {
        KafkaConnection provisioning = RegistryCredentials.addTo(
                open.withClientSettings(java.util.Map.of("security.protocol", "SASL_SSL")),
                endpoint(),
                "rj-provisioner",
                "synthetic:secret");

        RegistryCredentials credentials = RegistryCredentials.of(provisioning).orElseThrow();
        String first = credentials.authorization();
        String second = credentials.authorization();

        assertThat(provisioning.clientSettings())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry(RegistryCredentials.CLIENT_ID, "rj-provisioner");
        assertThat(provisioning.toString()).doesNotContain("synthetic:secret");
        assertThat(first).isEqualTo("Bearer token-1").isEqualTo(second);
        assertThat(asked)
                .as("the id and secret form-encoded in HTTP Basic, once")
                .containsExactly("rj-provisioner:synthetic%3Asecret grant_type=client_credentials");
        assertThat(credentials.toString()).contains("rj-provisioner").doesNotContain("secret\"", "synthetic");
    }

    @Test
    void shouldReadAnonymouslyWithoutCredentialsAndNameTheClientARefusalIsFor() {
        KafkaConnection wrong = RegistryCredentials.addTo(open, endpoint(), "police", "wrong");

        assertThat(RegistryCredentials.of(open)).isEmpty();
        assertThatThrownBy(() -> RegistryCredentials.of(wrong).orElseThrow().authorization())
                .isInstanceOf(SchemaRegistrar.RegistryException.class)
                .hasMessageContaining("refused client police: HTTP 401 invalid_client")
                .hasMessageNotContaining("wrong");
    }

    private URI endpoint() {
        return URI.create("http://127.0.0.1:" + idp.getAddress().getPort() + "/token");
    }

    private HttpServer tokenEndpoint() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/token", exchange -> {
                String basic = exchange.getRequestHeaders().getFirst("Authorization");
                String client = new String(
                        Base64.getDecoder().decode(basic.substring("Basic ".length())), StandardCharsets.UTF_8);
                asked.add(client + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                boolean known = client.equals("rj-provisioner:synthetic%3Asecret");
                byte[] body = (known
                                ? "{\"access_token\":\"token-" + asked.size() + "\",\"expires_in\":300}"
                                : "{\"error\":\"invalid_client\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(known ? 200 : 401, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return server;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
