package org.rjhub.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Date;
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

        assertThat(discovery).containsEntry("issuer", idp.issuer().toString())
                .containsEntry("token_endpoint", idp.tokenEndpoint().toString());
        assertThat(keys.getKeys()).singleElement().satisfies(k -> assertThat(k.isPrivate()).isFalse());
        assertThat(token.statusCode()).isEqualTo(200);
        SignedJWT jwt = SignedJWT.parse(String.valueOf(JSONObjectUtils.parse(token.body()).get("access_token")));
        assertThat(jwt.verify(new RSASSAVerifier(keys.getKeys().get(0).toRSAKey()))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(idp.issuer().toString());
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("COORD-WEST");
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly(DevIdentityProvider.AUDIENCE);
        assertThat(jwt.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("coordinator");
        assertThat(jwt.getJWTClaimsSet().getStringListClaim("queues")).containsExactly("harlow", "epping-forest",
                "uttlesford");
        assertThat(jwt.getJWTClaimsSet().getExpirationTime()).isAfter(new Date());
    }

    @Test
    void shouldRefuseAnUnknownUserAndAnotherGrant() throws Exception {
        HttpResponse<String> unknown = post("grant_type=password&username=FAC-999");
        HttpResponse<String> otherGrant = post("grant_type=client_credentials&client_id=rj");

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("invalid_grant").doesNotContain("access_token");
        assertThat(otherGrant.statusCode()).isEqualTo(400);
        assertThat(otherGrant.body()).contains("unsupported_grant_type");
        assertThat(DevIdentityProvider.seededUsers()).extracting(DevIdentityProvider.DevUser::subject)
                .contains("FAC-017", "COORD-01", "MGR-01");
    }

    private String get(String uri) throws Exception {
        return http.send(HttpRequest.newBuilder(java.net.URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private HttpResponse<String> post(String form) throws Exception {
        return http.send(HttpRequest.newBuilder(idp.tokenEndpoint()).header("Content-Type",
                        "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
