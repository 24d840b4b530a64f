package org.rjhub.console;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import org.rjhub.cases.CasesConfig;
import org.rjhub.cases.api.BearerTokens;
import org.rjhub.cases.api.CasesHttpApi;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.stack.DevIdentityProvider;

/**
 * The console started in-process against the real case API (over {@link CaseServiceStub}) and the development
 * identity provider: real sign-in with the authorisation code and PKCE, real bearer tokens, the API's own access rules.
 */
final class ConsoleFixture implements AutoCloseable {

    final DevIdentityProvider idp;
    final CaseServiceStub cases = new CaseServiceStub();
    final CasesHttpApi api;
    final ConsoleApp console;

    ConsoleFixture() throws Exception {
        this(Map.of());
    }

    ConsoleFixture(Map<String, ?> settings) throws Exception {
        idp = DevIdentityProvider.start();
        cases.seed();
        api = CasesHttpApi.start(
                "127.0.0.1",
                0,
                new BearerTokens(
                        idp.issuer().toString(),
                        DevIdentityProvider.AUDIENCE,
                        BearerTokens.remoteKeys(idp.jwksUri().toURL())),
                cases,
                cases,
                CasesConfig.of(KafkaConnection.of("localhost:9092", "http://localhost:8080"), Map.of())
                        .serviceLevels(),
                Clock.systemUTC());
        Map<String, Object> values = new java.util.HashMap<>(settings);
        values.putIfAbsent(ConsoleConfig.FACILITATORS, "FAC-033");
        values.putIfAbsent("rj.http.port", 0);
        console = ConsoleApp.start(
                ConsoleConfig.of(idp.issuer(), URI.create("http://127.0.0.1:" + api.port()), values),
                Clock.systemUTC());
    }

    String url(String path) {
        return console.url() + path;
    }

    @Override
    public void close() {
        console.close();
        api.close();
        idp.close();
    }
}
