package org.rjhub.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The development identity provider over HTTP, as a client and the case API see it. */
class DevIdentityProviderTest {

    private final DevIdentityProvider idp = DevIdentityProvider.start();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        idp.close();
    }

    @Test
    void shouldIssueASeededUsersTokenThatItsPublishedKeyVerifies() throws Exception {
        Map<String, Object> discovery = JSONObjectUtils.parse(get(idp.issuer() + "/.well-known/openid-configuration"));
        JWKSet keys = JWKSet.parse(get(String.valueOf(discovery.get("jwks_uri"))));

        HttpResponse<String> token = post("grant_type=password&username=COORD-WEST");

        assertThat(discovery)
                .containsEntry("issuer", idp.issuer().toString())
                .containsEntry("token_endpoint", idp.tokenEndpoint().toString());
        assertThat(keys.getKeys())
                .singleElement()
                .satisfies(k -> assertThat(k.isPrivate()).isFalse());
        assertThat(token.statusCode()).isEqualTo(200);
        SignedJWT jwt = SignedJWT.parse(
                String.valueOf(JSONObjectUtils.parse(token.body()).get("access_token")));
        assertThat(jwt.verify(new RSASSAVerifier(keys.getKeys().get(0).toRSAKey())))
                .isTrue();
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(idp.issuer().toString());
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("COORD-WEST");
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly(DevIdentityProvider.AUDIENCE);
        assertThat(jwt.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("coordinator");
        assertThat(jwt.getJWTClaimsSet().getStringListClaim("queues"))
                .containsExactly("harlow", "epping-forest", "uttlesford");
        assertThat(jwt.getJWTClaimsSet().getExpirationTime()).isAfter(new Date());
    }

    @Test
    void shouldRefuseAnUnknownUserAndAnotherGrant() throws Exception {
        HttpResponse<String> unknown = post("grant_type=password&username=FAC-999");
        HttpResponse<String> otherGrant = post("grant_type=implicit&client_id=rj");

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("invalid_grant").doesNotContain("access_token");
        assertThat(otherGrant.statusCode()).isEqualTo(400);
        assertThat(otherGrant.body()).contains("unsupported_grant_type");
        assertThat(DevIdentityProvider.seededUsers())
                .extracting(DevIdentityProvider.DevUser::subject)
                .contains("FAC-017", "COORD-01", "MGR-01");
    }

    @Test
    void shouldAnnounceItselfAsAnIssuerForServiceClients() throws Exception {
        Map<String, Object> discovery = JSONObjectUtils.parse(get(idp.issuer() + "/.well-known/openid-configuration"));

        assertThat(discovery)
                .containsEntry("issuer", idp.issuer().toString())
                .containsEntry("jwks_uri", idp.jwksUri().toString())
                .containsEntry(
                        "authorization_endpoint", idp.authorizationEndpoint().toString());
        assertThat(JSONObjectUtils.getStringList(discovery, "grant_types_supported"))
                .contains("client_credentials", "authorization_code", "password");
        assertThat(JSONObjectUtils.getStringList(discovery, "token_endpoint_auth_methods_supported"))
                .contains("client_secret_basic", "client_secret_post");
        assertThat(DevIdentityProvider.seededClients())
                .filteredOn(c -> c.roles().contains(DevIdentityProvider.REGISTRY_ADMIN_ROLE))
                .extracting(DevIdentityProvider.DevClient::clientId)
                .containsExactly(DevIdentityProvider.PROVISIONER);
    }

    @Test
    void shouldIssueAServiceClientARegistryTokenForItsSecretInBasicOrTheForm() throws Exception {
        JWKSet keys = JWKSet.parse(get(idp.jwksUri().toString()));
        String secret = idp.clientSecret(DevIdentityProvider.PROVISIONER);

        HttpResponse<String> basic = post(
                "grant_type=client_credentials",
                "Basic "
                        + java.util.Base64.getEncoder()
                                .encodeToString((DevIdentityProvider.PROVISIONER + ":" + secret)
                                        .getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> inForm = post("grant_type=client_credentials&client_id=police&client_secret="
                + URLEncoder.encode(idp.clientSecret("police"), StandardCharsets.UTF_8));

        assertThat(basic.statusCode()).as(basic.body()).isEqualTo(200);
        SignedJWT provisioner = SignedJWT.parse(
                String.valueOf(JSONObjectUtils.parse(basic.body()).get("access_token")));
        assertThat(provisioner.verify(new RSASSAVerifier(keys.getKeys().get(0).toRSAKey())))
                .isTrue();
        assertThat(provisioner.getJWTClaimsSet().getIssuer())
                .isEqualTo(idp.issuer().toString());
        assertThat(provisioner.getJWTClaimsSet().getSubject()).isEqualTo(DevIdentityProvider.PROVISIONER);
        assertThat(provisioner.getJWTClaimsSet().getAudience()).containsExactly(DevIdentityProvider.REGISTRY_AUDIENCE);
        assertThat(provisioner.getJWTClaimsSet().getStringListClaim("roles"))
                .containsExactly(DevIdentityProvider.REGISTRY_ADMIN_ROLE);
        assertThat(provisioner.getJWTClaimsSet().getExpirationTime()).isAfter(new Date());
        assertThat(inForm.statusCode()).as(inForm.body()).isEqualTo(200);
        assertThat(SignedJWT.parse(String.valueOf(
                                JSONObjectUtils.parse(inForm.body()).get("access_token")))
                        .getJWTClaimsSet()
                        .getStringListClaim("roles"))
                .containsExactly(DevIdentityProvider.REGISTRY_READONLY_ROLE);
    }

    @Test
    void shouldRefuseAServiceClientWithAWrongOrMissingSecretAndAnUnknownClient() throws Exception {
        String police = idp.clientSecret("police");

        HttpResponse<String> wrongSecret = post("grant_type=client_credentials&client_id="
                + DevIdentityProvider.PROVISIONER + "&client_secret="
                + URLEncoder.encode(police, StandardCharsets.UTF_8));
        HttpResponse<String> noSecret =
                post("grant_type=client_credentials&client_id=" + DevIdentityProvider.PROVISIONER);
        HttpResponse<String> unknown = post("grant_type=client_credentials&client_id=rj-nobody&client_secret=x");
        HttpResponse<String> userAsClient = post("grant_type=client_credentials&client_id=MGR-01&client_secret=");

        assertThat(List.of(wrongSecret, noSecret, unknown, userAsClient)).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.body()).contains("invalid_client").doesNotContain("access_token");
        });
        assertThat(idp.clientSecret("police")).isNotEqualTo(idp.clientSecret("probation"));
        try (DevIdentityProvider other = DevIdentityProvider.start()) {
            assertThat(other.clientSecret("police")).as("made at start").isNotEqualTo(police);
        }
    }

    @Test
    void shouldSignInAUserWithAnAuthorisationCodeAndPkceOnlyOnce() throws Exception {
        String verifier = "a-development-verifier-of-forty-three-chars-at-least-0123456789";
        String challenge = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String redirect = "http://127.0.0.1:8090/login/callback";
        String request = "response_type=code&client_id=rj-console&state=s-1&nonce=n-1&code_challenge=" + challenge
                + "&code_challenge_method=S256&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8);

        HttpResponse<String> page = http.send(
                HttpRequest.newBuilder(java.net.URI.create(idp.authorizationEndpoint() + "?" + request))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> chosen = http.send(
                HttpRequest.newBuilder(idp.authorizationEndpoint())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(request + "&username=FAC-021"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String location = chosen.headers().firstValue("Location").orElseThrow();
        String code = location.replaceAll(".*[?&]code=([^&]+).*", "$1");
        String exchange = "grant_type=authorization_code&client_id=rj-console&code=" + code + "&redirect_uri="
                + URLEncoder.encode(redirect, StandardCharsets.UTF_8);
        HttpResponse<String> wrongVerifier = post(exchange + "&code_verifier=another-verifier");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("not for production", "FAC-021", "COORD-01", "MGR-01");
        assertThat(chosen.statusCode()).isEqualTo(302);
        assertThat(location).startsWith(redirect + "?code=").endsWith("&state=s-1");
        assertThat(wrongVerifier.statusCode())
                .as("a wrong verifier spends the code")
                .isEqualTo(400);

        String again = http.send(
                        HttpRequest.newBuilder(idp.authorizationEndpoint())
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(request + "&username=FAC-021"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .headers()
                .firstValue("Location")
                .orElseThrow()
                .replaceAll(".*[?&]code=([^&]+).*", "$1");
        String exchangeAgain = exchange.replace(code, again) + "&code_verifier=" + verifier;
        HttpResponse<String> tokens = post(exchangeAgain);
        HttpResponse<String> replay = post(exchangeAgain);

        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        Map<String, Object> body = JSONObjectUtils.parse(tokens.body());
        assertThat(SignedJWT.parse(String.valueOf(body.get("access_token")))
                        .getJWTClaimsSet()
                        .getSubject())
                .isEqualTo("FAC-021");
        SignedJWT id = SignedJWT.parse(String.valueOf(body.get("id_token")));
        assertThat(id.getJWTClaimsSet().getAudience()).containsExactly("rj-console");
        assertThat(id.getJWTClaimsSet().getStringClaim("nonce")).isEqualTo("n-1");
        assertThat(replay.statusCode()).as("a code is exchanged once").isEqualTo(400);
    }

    @Test
    void shouldRefuseAnAuthorisationRequestWithoutPkceOrRedirectingOffLoopback() throws Exception {
        String base = idp.authorizationEndpoint() + "?response_type=code&client_id=rj-console&redirect_uri=";

        int noPkce = status(base + URLEncoder.encode("http://127.0.0.1:8090/cb", StandardCharsets.UTF_8));
        int elsewhere = status(base + URLEncoder.encode("https://evil.example.org/cb", StandardCharsets.UTF_8)
                + "&code_challenge=abc&code_challenge_method=S256");
        int plain = status(base + URLEncoder.encode("http://127.0.0.1:8090/cb", StandardCharsets.UTF_8)
                + "&code_challenge=abc&code_challenge_method=plain");

        assertThat(List.of(noPkce, elsewhere, plain)).containsOnly(400);
    }

    private int status(String uri) throws Exception {
        return http.send(HttpRequest.newBuilder(java.net.URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    private String get(String uri) throws Exception {
        return http.send(HttpRequest.newBuilder(java.net.URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private HttpResponse<String> post(String form) throws Exception {
        return post(form, null);
    }

    private HttpResponse<String> post(String form, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(idp.tokenEndpoint())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
