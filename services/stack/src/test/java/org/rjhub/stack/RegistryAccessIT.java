package org.rjhub.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rjhub.common.clients.KafkaClients;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.registry.RegistryCredentials;
import org.rjhub.common.registry.SchemaRegistrar;
import org.rjhub.contracts.hub.DeadLetterReplay;

/**
 * The schema registry of the local stack: anyone reads schemas, only the hub's provisioning (client
 * {@value DevIdentityProvider#PROVISIONER}, the admin role) registers, changes or deletes them. Apicurio's own
 * authentication (Quarkus OIDC, the stack's development issuer) and role-based authorisation, as
 * {@code deploy/registry-auth.properties} configures them.
 */
class RegistryAccessIT {

    private static final String SUBJECT = "rj.dead-letter-replays.v1-value";
    private static final String NEW_SUBJECT = "t-access.police.referrals.v1-value";
    private static final String SCHEMA = "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Probe\\\","
            + "\\\"fields\\\":[{\\\"name\\\":\\\"id\\\",\\\"type\\\":\\\"string\\\"}]}\",\"schemaType\":\"AVRO\"}";

    private static LocalStack stack;
    private static KafkaConnection anonymous;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startStack() {
        stack = LocalStack.start(StackLayout.discover(), StackOptions.defaults());
        stack.provision(UnaryOperator.identity());
        anonymous = KafkaConnection.of(
                stack.connection().bootstrapServers(),
                stack.connection().registryUrl().toString());
        System.out.printf("Local stack with the registry secured up in %s ms%n", stack.startupMillis());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void shouldRefuseEveryChangeWithoutCredentialsWith401() throws Exception {
        // Given no token at all
        Optional<String> none = Optional.empty();

        // When anyone tries to register, reconfigure or delete a subject, or create an artifact in the core API
        Map<String, Integer> answers = changes(none);

        // Then the registry refuses each as unauthenticated
        assertThat(answers)
                .as("HTTP status per change")
                .allSatisfy((change, status) -> assertThat(status).as(change).isEqualTo(401));
        assertThatThrownBy(
                        () -> new SchemaRegistrar(anonymous).register(NEW_SUBJECT, DeadLetterReplay.getClassSchema()))
                .isInstanceOf(SchemaRegistrar.RegistryException.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("carries no registry credentials");
    }

    @Test
    void shouldRefuseEveryChangeWithAnAgencysTokenWith403() throws Exception {
        // Given the police client's own token: authenticated, read-only
        String police = tokenOf("police");

        // When it tries the same changes
        Map<String, Integer> answers = changes(Optional.of(police));

        // Then each is refused as forbidden, and the schema is unchanged
        assertThat(answers)
                .as("HTTP status per change")
                .allSatisfy((change, status) -> assertThat(status).as(change).isEqualTo(403));
        assertThat(get("/apis/ccompat/v7/subjects/" + SUBJECT + "/versions", Optional.empty())
                        .body())
                .isEqualTo("[1]");
        assertThat(get("/apis/ccompat/v7/subjects/" + NEW_SUBJECT + "/versions", Optional.empty())
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void shouldRefuseATokenForAnotherAudienceOrFromAnotherIssuer() throws Exception {
        // Given a case API user's token (audience rj-case-api) and a provisioner's token signed by a foreign key
        String caseApiToken = stack.identityProvider().token("MGR-01");
        JWTClaimsSet forgedClaims = new JWTClaimsSet.Builder()
                .issuer(stack.identityProvider().issuer().toString())
                .subject(DevIdentityProvider.PROVISIONER)
                .audience(DevIdentityProvider.REGISTRY_AUDIENCE)
                .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                .claim(DevIdentityProvider.ROLES_CLAIM, List.of(DevIdentityProvider.REGISTRY_ADMIN_ROLE))
                .build();
        SignedJWT forged = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(stack.identityProvider().publicKey().getKeyID())
                        .build(),
                forgedClaims);
        forged.sign(new RSASSASigner(new RSAKeyGenerator(2048).generate()));

        // When each registers a schema, or reads
        int wrongAudience = register(NEW_SUBJECT, Optional.of(caseApiToken)).statusCode();
        int wrongKey = register(NEW_SUBJECT, Optional.of(forged.serialize())).statusCode();
        int wrongAudienceReads =
                get("/apis/ccompat/v7/subjects", Optional.of(caseApiToken)).statusCode();
        int wrongKeyReads = get("/apis/ccompat/v7/subjects", Optional.of(forged.serialize()))
                .statusCode();

        // Then neither is authenticated, not even to read
        assertThat(List.of(wrongAudience, wrongKey, wrongAudienceReads, wrongKeyReads))
                .containsOnly(401);
    }

    @Test
    void shouldLetAnyoneReadSchemasAndTheServicesSerdesWorkAnonymously() throws Exception {
        // Given the provisioned subjects, and a connection without registry credentials (a service's)
        HttpResponse<String> subjects = get("/apis/ccompat/v7/subjects", Optional.empty());
        int id = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(get("/apis/ccompat/v7/subjects/" + SUBJECT + "/versions/latest", Optional.empty())
                        .body())
                .path("id")
                .asInt();

        // When a serde of that connection writes and reads a record (it looks the schema up, never registers)
        DeadLetterReplay replay = DeadLetterReplay.newBuilder()
                .setReplayId("replay-1")
                .setOperator("synthetic-operator")
                .setReplayedAt(Instant.parse("2026-01-01T00:00:00Z"))
                .setDeadLetterTopic("rj.dead-letters.v1")
                .setDeadLetterPartition(0)
                .setDeadLetterOffset(7)
                .setRule("POSTCODE_SYNTAX")
                .setTargetTopic("police.referrals.v1")
                .setTargetPartition(1)
                .setTargetOffset(3)
                .setEdited(false)
                .setForced(false)
                .build();
        byte[] bytes;
        DeadLetterReplay back;
        try (Serde<DeadLetterReplay> serde =
                KafkaClients.of(anonymous).avroSerdes().value(DeadLetterReplay.class)) {
            bytes = serde.serializer().serialize("rj.dead-letter-replays.v1", replay);
            back = serde.deserializer().deserialize("rj.dead-letter-replays.v1", bytes);
        }

        // Then reading needs no token: listings, schemas by id, and the serdes' lookups
        assertThat(subjects.statusCode()).isEqualTo(200);
        assertThat(subjects.body()).contains(SUBJECT, "police.referrals.v1-value");
        assertThat(get("/apis/ccompat/v7/schemas/ids/" + id, Optional.empty()).statusCode())
                .isEqualTo(200);
        assertThat(get("/apis/registry/v3/ids/contentIds/" + id, Optional.empty())
                        .statusCode())
                .isEqualTo(200);
        assertThat(bytes[0]).as("Confluent framing").isZero();
        assertThat(java.nio.ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
        assertThat(back).isEqualTo(replay);
        // and so does an agency's token
        assertThat(get("/apis/ccompat/v7/subjects", Optional.of(tokenOf("probation")))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void shouldLetOnlyTheProvisionerRegisterWithItsClientCredentials() throws Exception {
        // Given the stack's provisioning connection: the provisioner's id, the token endpoint, and its secret
        // from an owner-only file
        KafkaConnection provisioning = stack.connection();
        String secret = Files.readString(stack.provisionerSecretFile());

        // When it registers a new subject and a compatible new version of a provisioned one
        SchemaRegistrar registrar = new SchemaRegistrar(provisioning);
        int id = registrar.register("t-provisioner.rj.dead-letter-replays.v1-value", DeadLetterReplay.getClassSchema());
        HttpResponse<String> raw =
                register("t-provisioner.probe-value", Optional.of(tokenOf(DevIdentityProvider.PROVISIONER)));

        // Then both are accepted
        assertThat(provisioning.clientSettings())
                .containsEntry(RegistryCredentials.CLIENT_ID, DevIdentityProvider.PROVISIONER)
                .containsEntry(RegistryCredentials.CLIENT_SECRET, secret)
                .containsEntry(
                        RegistryCredentials.TOKEN_ENDPOINT,
                        stack.identityProvider().tokenEndpoint().toString());
        assertThat(provisioning.toString()).doesNotContain(secret);
        assertThat(Files.getPosixFilePermissions(stack.provisionerSecretFile()))
                .isEqualTo(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        assertThat(id).isPositive();
        assertThat(raw.statusCode()).as(raw.body()).isEqualTo(200);
        // and a wrong secret gets no token at all
        assertThatThrownBy(() -> tokenOf(DevIdentityProvider.PROVISIONER, "not-the-secret"))
                .isInstanceOf(SchemaRegistrar.RegistryException.class)
                .hasMessageContaining("HTTP 401");
    }

    /** Each kind of change, by the core and the Confluent-compatible API, and the registry's answer. */
    private static Map<String, Integer> changes(Optional<String> token) throws Exception {
        Map<String, Integer> answers = new LinkedHashMap<>();
        answers.put("register a new subject", register(NEW_SUBJECT, token).statusCode());
        answers.put(
                "register a version of a provisioned subject",
                send(
                                HttpRequest.newBuilder(url("/apis/ccompat/v7/subjects/" + SUBJECT + "/versions"))
                                        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                                        .POST(HttpRequest.BodyPublishers.ofString(SCHEMA)),
                                token)
                        .statusCode());
        answers.put(
                "change a subject's compatibility",
                send(
                                HttpRequest.newBuilder(url("/apis/ccompat/v7/config/" + SUBJECT))
                                        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                                        .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"NONE\"}")),
                                token)
                        .statusCode());
        answers.put(
                "delete a subject",
                send(
                                HttpRequest.newBuilder(url("/apis/ccompat/v7/subjects/" + SUBJECT))
                                        .DELETE(),
                                token)
                        .statusCode());
        answers.put(
                "create an artifact (core API)",
                send(
                                HttpRequest.newBuilder(url("/apis/registry/v3/groups/default/artifacts"))
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString(
                                                "{\"artifactId\":\"probe\",\"artifactType\":\"AVRO\"}")),
                                token)
                        .statusCode());
        answers.put(
                "delete an artifact (core API)",
                send(
                                HttpRequest.newBuilder(url("/apis/registry/v3/groups/default/artifacts/" + SUBJECT))
                                        .DELETE(),
                                token)
                        .statusCode());
        return answers;
    }

    private static HttpResponse<String> register(String subject, Optional<String> token) throws Exception {
        return send(
                HttpRequest.newBuilder(url("/apis/ccompat/v7/subjects/" + subject + "/versions"))
                        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                        .POST(HttpRequest.BodyPublishers.ofString(SCHEMA)),
                token);
    }

    private static HttpResponse<String> get(String path, Optional<String> token) throws Exception {
        return send(HttpRequest.newBuilder(url(path)).GET(), token);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, Optional<String> token) throws Exception {
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI url(String path) {
        return URI.create(stack.connection().registryUrl() + path);
    }

    /** A service client's token from the stack's identity provider, by client credentials. */
    private static String tokenOf(String clientId) {
        return tokenOf(clientId, stack.identityProvider().clientSecret(clientId));
    }

    private static String tokenOf(String clientId, String secret) {
        KafkaConnection client =
                RegistryCredentials.addTo(anonymous, stack.identityProvider().tokenEndpoint(), clientId, secret);
        return RegistryCredentials.of(client).orElseThrow().authorization().substring("Bearer ".length());
    }
}
