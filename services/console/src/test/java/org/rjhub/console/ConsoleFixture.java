package org.rjhub.console;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.rjhub.cases.CaseFixtures;
import org.rjhub.cases.CasesConfig;
import org.rjhub.cases.InMemoryCases;
import org.rjhub.cases.api.BearerTokens;
import org.rjhub.cases.api.CasesHttpApi;
import org.rjhub.cases.contacts.ReferralContacts;
import org.rjhub.cases.contacts.StoredContacts;
import org.rjhub.cases.lifecycle.CaseEvents;
import org.rjhub.cases.lifecycle.CaseState;
import org.rjhub.cases.lifecycle.CaseStateMachine;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.PartyRole;
import org.rjhub.contracts.hub.QueueItemType;
import org.rjhub.contracts.hub.RiskAssessmentStage;
import org.rjhub.contracts.hub.RiskLevel;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.stack.DevIdentityProvider;

/**
 * The console started in-process against the real case API (over the case service's {@link InMemoryCases}: events
 * applied at once by the real state machine) and the development identity provider: real sign-in with the
 * authorisation code and PKCE, real bearer tokens, the API's own access rules.
 */
final class ConsoleFixture implements AutoCloseable {

    final DevIdentityProvider idp;
    final InMemoryCases cases = new InMemoryCases();
    final CasesHttpApi api;
    final ConsoleApp console;

    ConsoleFixture() throws Exception {
        this(Map.of());
    }

    ConsoleFixture(Map<String, ?> settings) throws Exception {
        this(settings, Clock.systemUTC());
    }

    /** With the console's {@code clock} (the session's idle timeout), the case API on the system's. */
    ConsoleFixture(Map<String, ?> settings, Clock clock) throws Exception {
        idp = DevIdentityProvider.start();
        seed();
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
                ConsoleConfig.of(idp.issuer(), URI.create("http://127.0.0.1:" + api.port()), values), clock);
    }

    /**
     * The standard cases (synthetic, the case service's fixtures): RJ-H1 on harlow allocated to FAC-017; RJ-H2 on
     * harlow, unassigned, initial risk done; RJ-H3 on harlow, unassigned, a possible duplicate of RJ-H2, sensitive;
     * RJ-B1 on basildon allocated to FAC-021. Each referred by the police and probation, three days ago.
     */
    void seed() {
        cases.cases.clear();
        Instant at = Instant.now().minus(Duration.ofDays(3));
        for (String id : List.of("RJ-H1", "RJ-H2", "RJ-H3", "RJ-B1")) {
            cases.item(CaseFixtures.item(
                    id,
                    QueueItemType.NEW_CASE,
                    at,
                    List.of(
                            CaseFixtures.ref(SourceAgency.POLICE, "PR-" + id),
                            CaseFixtures.ref(SourceAgency.PROBATION, "PROB-" + id))));
            apply(CaseEvents.on(id, "COORD-01")
                    .riskAssessed(at.plusSeconds(60), RiskAssessmentStage.INITIAL, RiskLevel.LOW, true, null));
        }
        cases.cases.get("RJ-B1").queue = "basildon";
        cases.cases.get("RJ-H3").possibleDuplicateOf = "RJ-H2";
        cases.cases.get("RJ-H3").flags.add("SENSITIVE");
        apply(CaseEvents.on("RJ-H1", "COORD-01").assigned(at.plusSeconds(120), "FAC-017"));
        apply(CaseEvents.on("RJ-B1", "COORD-01").assigned(at.plusSeconds(120), "FAC-021"));
        cases.sent.clear();
        cases.notes.clear();
        cases.cases
                .values()
                .forEach(c -> c.contacts.put("POLICE:PR-" + c.caseId, StoredContacts.inClear(contacts(c.caseId))));
    }

    /** The contact details a police referral of the case gave (synthetic, as the canonical referral carries them). */
    static ReferralContacts contacts(String caseId) {
        return new ReferralContacts(
                new CaseState.Ref(SourceAgency.POLICE, "PR-" + caseId),
                List.of(
                        new ReferralContacts.PartyContact(
                                PartyRole.VICTIM,
                                "Imelda",
                                "Quarrington",
                                "PHONE",
                                "07700 900002",
                                null,
                                "1 Test Road, Harlow, CM20 1AB"),
                        new ReferralContacts.PartyContact(
                                PartyRole.OFFENDER,
                                "Kwabena",
                                "Fairweather",
                                "VIA_REFERRER",
                                null,
                                "kf@example.invalid",
                                null)),
                new ReferralContacts.Practitioner("Om Example", "Harlow PDU", "om@probation.example"));
    }

    /** Applies an event as if it had been recorded earlier (not through the API: not among those sent). */
    void apply(CaseEvent event) {
        cases.cases.put(
                event.getCaseId(),
                CaseStateMachine.apply(cases.cases.get(event.getCaseId()), event)
                        .state());
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
