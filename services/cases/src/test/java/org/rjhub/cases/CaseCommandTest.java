package org.rjhub.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rjhub.cases.api.BearerTokens;
import org.rjhub.cases.api.CasesHttpApi;
import org.rjhub.cases.cli.CaseCommand;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.contracts.hub.CaseEventType;
import org.rjhub.stack.DevIdentityProvider;
import picocli.CommandLine;

/** {@code hub case ...} against the API over an in-memory case service. */
class CaseCommandTest {

    private static DevIdentityProvider idp;
    private final InMemoryCases state = new InMemoryCases();
    private CasesHttpApi api;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void startIdentityProvider() {
        idp = DevIdentityProvider.start();
    }

    @AfterAll
    static void stopIdentityProvider() {
        idp.close();
    }

    @BeforeEach
    void start() throws Exception {
        state.item(CaseFixtures.threeAgencyCase(CasesDriver.START));
        api = CasesHttpApi.start(
                "127.0.0.1",
                0,
                new BearerTokens(
                        idp.issuer().toString(),
                        DevIdentityProvider.AUDIENCE,
                        BearerTokens.remoteKeys(idp.jwksUri().toURL())),
                state,
                state,
                CasesConfig.of(KafkaConnection.of("localhost:9092", "http://localhost:8080"), Map.of())
                        .serviceLevels(),
                Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    /** {@code hub case ARGS}, on the local stack whose development identity provider is {@link #idp}. */
    private int hub(String... args) {
        CommandLine cli = new CommandLine(
                new CaseCommand(() -> Optional.of(idp.tokenEndpoint().toString())));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--api";
        all[args.length + 1] = "http://127.0.0.1:" + api.port();
        return cli.execute(all);
    }

    @Test
    void shouldListTheQueue() {
        assertThat(hub("list", "--queue", "harlow", "--as", "COORD-01")).isZero();

        assertThat(out.toString()).contains("CASE", "RJ-PR-1", "harlow", "REFERRED", "VICTIM Imelda Quarrington");
    }

    @Test
    void shouldRecordStepsAndAssign() {
        assertThat(hub(
                        "record",
                        "RJ-PR-1",
                        "CONTACT_MADE",
                        "--party",
                        "VICTIM",
                        "--method",
                        "LETTER",
                        "--as",
                        "COORD-01"))
                .isZero();
        assertThat(hub(
                        "record",
                        "RJ-PR-1",
                        "RISK_ASSESSED",
                        "--stage",
                        "INITIAL",
                        "--level",
                        "LOW",
                        "--suitable",
                        "--as",
                        "COORD-01"))
                .isZero();
        assertThat(hub("assign", "RJ-PR-1", "FAC-017", "--as", "COORD-01")).isZero();

        assertThat(out.toString())
                .contains(
                        "SENT CONTACT_MADE on RJ-PR-1",
                        "agencies will hear: [\"CONTACT_MADE\"]",
                        "SENT ASSIGNED on RJ-PR-1");
        assertThat(state.sent)
                .extracting(e -> e.getEventType())
                .containsExactly(CaseEventType.CONTACT_MADE, CaseEventType.RISK_ASSESSED, CaseEventType.ASSIGNED);
        assertThat(state.cases.get("RJ-PR-1").facilitator).isEqualTo("FAC-017");
    }

    @Test
    void shouldPrintARefusalAndExitTwo() {
        int code = hub(
                "record",
                "RJ-PR-1",
                "AGREEMENT_RECORDED",
                "--action",
                "A1:APOLOGY_LETTER:OFFENDER:2026-12-01",
                "--as",
                "COORD-01");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString())
                .startsWith("refused (NO_COMMUNICATION): no meeting or indirect communication is recorded");
        assertThat(state.sent).isEmpty();
    }

    @Test
    void shouldShowACase() {
        hub("record", "RJ-PR-1", "CONTACT_MADE", "--party", "OFFENDER", "--as", "COORD-01");

        assertThat(hub("show", "RJ-PR-1", "--as", "MGR-01")).isZero();

        assertThat(out.toString())
                .contains(
                        "RJ-PR-1  CONTACT  queue harlow",
                        "OFFENDER    Kwabena Fairweather (Harlow): contact true",
                        "referral    PROBATION PROB-2026-000042",
                        "CONTACT_MADE",
                        "due         NO_PROGRESS");
    }

    @Test
    void shouldSayWhenTheServiceCannotBeReached() {
        CommandLine cli = new CommandLine(new CaseCommand());
        cli.setErr(new PrintWriter(err, true));

        assertThat(cli.execute("list", "--api", "http://localhost:1", "--token", "not-checked"))
                .isEqualTo(1);
        assertThat(err.toString()).contains("did not answer");
    }

    @Test
    void shouldRecordAsTheTokensSubjectAndSayWhatARoleMayNotDo() {
        assertThat(hub("record", "RJ-PR-1", "CONTACT_MADE", "--party", "VICTIM", "--as", "FAC-017"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("HTTP 403", "not assigned to you");

        assertThat(hub(
                        "record",
                        "RJ-PR-1",
                        "CONTACT_MADE",
                        "--party",
                        "VICTIM",
                        "--token",
                        idp.token("COORD-01"),
                        "--as",
                        "FAC-017"))
                .isZero();
        assertThat(state.sent)
                .singleElement()
                .satisfies(e -> assertThat(e.getActor()).isEqualTo("COORD-01"));
    }

    @Test
    void shouldRefuseToRunWithoutATokenOrAUserToGetOneFor() {
        CommandLine cli = new CommandLine(new CaseCommand());
        cli.setErr(new PrintWriter(err, true));

        assertThat(cli.execute("list", "--api", "http://127.0.0.1:" + api.port()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("no token");
        assertThat(hub("list", "--as", "NOBODY")).isEqualTo(2);
        assertThat(err.toString()).contains("no token for NOBODY");
    }
}
