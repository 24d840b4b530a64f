package org.rjhub.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.Select;
import org.rjhub.agencies.Agency;
import org.rjhub.agencies.AgencyRecord;
import org.rjhub.cases.CasesConfig;
import org.rjhub.cases.CasesInNamespace;
import org.rjhub.cases.CasesService;
import org.rjhub.common.clients.KafkaClients;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.serde.AvroSerdes;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.router.RouterConfig;
import org.rjhub.router.RouterInNamespace;
import org.rjhub.router.RouterService;
import org.rjhub.simulator.AgencySimulator;
import org.rjhub.simulator.Batch;
import org.rjhub.simulator.Expectation;
import org.rjhub.simulator.SimulatorConfig;
import org.rjhub.stack.DevIdentityProvider;
import org.rjhub.testsupport.Await;
import org.rjhub.testsupport.KafkaStackExtension;
import org.rjhub.testsupport.TestStack;

/**
 * The whole journey on the real stack, in a real browser: the simulated police publish a referral onto their topic
 * (as their own principal, in one transaction, as their system would), the router makes it a case on a facilitator
 * queue, the case service opens it; a coordinator signs in to the console, records the initial risk assessment and
 * allocates the case; the facilitator signs in, sees the parties' contact details, writes a note and records every
 * step to a completed outcome agreement and the case's closure; and the police outcome topic then holds, for that
 * referral, the router's acknowledgement and the case's lifecycle, in order, and nothing of the note. Every page is
 * screenshotted under {@code target/console-screenshots/journey/} and checked with axe-core: no serious or critical
 * violation. Each service runs in-process as its own principal.
 */
@ExtendWith(KafkaStackExtension.class)
class ConsoleBrowserIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOTE = "Victim would rather meet at the community centre; no calls before 10am";

    private final HttpClient http = HttpClient.newHttpClient();
    private DevIdentityProvider idp;
    private URI caseApi;
    /** How many events the case's history must hold once the case service has applied what was recorded. */
    private int recorded;

    @Test
    void shouldTakeAnAgencysReferralToACompletedAgreementInTheBrowserAccessibly(TestStack stack) throws Exception {
        UnaryOperator<String> naming = stack.newNamespace("console");
        try (DevIdentityProvider identity = DevIdentityProvider.start()) {
            idp = identity;
            RouterConfig routerConfig =
                    RouterInNamespace.provision(stack, naming, Files.createTempDirectory("router-console-it"));
            CasesConfig casesConfig =
                    CasesInNamespace.provision(stack, naming, Files.createTempDirectory("cases-console-it"), identity);
            try (RouterService router = RouterService.start(routerConfig);
                    CasesService cases = CasesService.start(casesConfig)) {
                router.awaitRunning(Duration.ofMinutes(2));
                cases.awaitRunning(Duration.ofMinutes(2));
                caseApi = URI.create("http://127.0.0.1:" + cases.httpPort());
                ConsoleApp console = ConsoleApp.start(
                        ConsoleConfig.of(
                                identity.issuer(),
                                caseApi,
                                Map.of("rj.http.port", 0, ConsoleConfig.FACILITATORS, "FAC-017,FAC-033")),
                        Clock.systemUTC());
                try (Browser browser = new Browser("journey", path -> console.url() + path)) {
                    journey(stack, naming, browser);
                } finally {
                    console.close();
                }
            }
        }
    }

    private void journey(TestStack stack, UnaryOperator<String> naming, Browser browser) throws Exception {
        // Given a referral the simulated police publish onto their topic
        AgencyRecord referral = policeReferral();
        publish(stack.connection("police"), naming, referral);
        String caseId = awaitCase(Duration.ofMinutes(3));
        JsonNode opened = caseDetail(caseId, "COORD-01");
        List<String> roles = new ArrayList<>();
        opened.path("parties").forEach(p -> {
            if (!roles.contains(p.path("role").asText())) {
                roles.add(p.path("role").asText());
            }
        });
        assertThat(roles).contains("VICTIM", "OFFENDER");

        // When a coordinator records the initial risk assessment and allocates the case
        browser.signIn("COORD-01", "coordinator");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/queues");
        browser.page("queues");
        browser.go(By.linkText(caseId));
        browser.page("case-referred");
        browser.step("Initial risk assessment", "initial-risk", () -> {
            browser.radio("Low");
            browser.radio("Yes");
        });
        settle(caseId, browser);
        browser.step("Allocation to a facilitator", "allocate", () -> browser.radio("FAC-017 (0 open cases)"));
        settle(caseId, browser);
        browser.click("Sign out");
        browser.page("signed-out");

        // and the facilitator works it: contact details, a note, every step to a completed agreement
        browser.signIn("FAC-017", "facilitator");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/my-cases");
        browser.page("my-cases");
        browser.click(caseId);
        browser.page("case-allocated");
        assertThat(browser.driver.findElement(By.id("contacts")).getText()).isEqualTo("Contact details");
        browser.click("Add a note");
        browser.click("Add note");
        assertThat(browser.heading()).isEqualTo("Add a note");
        browser.page("note-error");
        browser.type("note", NOTE);
        browser.click("Add note");
        assertThat(browser.heading()).isEqualTo("Note added");
        browser.page("note-added");
        browser.go(By.partialLinkText("Back to case"));
        for (String party : roles.stream()
                .filter(r -> List.of("VICTIM", "OFFENDER").contains(r))
                .toList()) {
            String p = party.toLowerCase(java.util.Locale.ROOT);
            browser.step(
                    By.xpath("//a[contains(@href,'/steps/contact?party=" + party + "')]"),
                    "contact-" + p,
                    () -> browser.radio("Phone"));
            settle(caseId, browser);
            browser.step(
                    By.xpath("//a[contains(@href,'/steps/information?party=" + party + "')]"),
                    "information-" + p,
                    () -> {});
            settle(caseId, browser);
            browser.step(By.xpath("//a[contains(@href,'/steps/consent?party=" + party + "')]"), "consent-" + p, () -> {
                browser.radio("Restorative process");
                browser.radio("Yes");
            });
            settle(caseId, browser);
        }
        browser.page("case-consented");
        browser.step("Facilitation risk assessment", "risk", () -> {
            browser.radio("Low");
            browser.radio("Yes");
        });
        settle(caseId, browser);
        browser.step("Restorative meeting", "meeting", () -> {
            browser.radio("Face to face conference");
            browser.type("attendees", "4");
        });
        settle(caseId, browser);
        LocalDate due = LocalDate.now().plusDays(28);
        browser.step("Outcome agreement", "agreement", () -> {
            new Select(browser.driver.findElement(By.id("action1Kind"))).selectByVisibleText("Apology letter");
            new Select(browser.driver.findElement(By.id("action1OwedBy"))).selectByVisibleText("Offender");
            browser.type("action1Due-day", String.valueOf(due.getDayOfMonth()));
            browser.type("action1Due-month", String.valueOf(due.getMonthValue()));
            browser.type("action1Due-year", String.valueOf(due.getYear()));
        });
        settle(caseId, browser);
        browser.step("Action A1: Apology letter by the offender", "action-done", () -> {});
        settle(caseId, browser);
        browser.step("Closure", "close", () -> browser.radio("Agreement completed"));
        settle(caseId, browser);
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        browser.page("case-closed-phone");
        browser.driver.manage().window().setSize(new Dimension(1200, 1000));
        browser.page("case-closed");

        // Then the police outcome topic holds, for their referral, the acknowledgement and the case's lifecycle
        List<Outcome> outcomes = readOutcomes(stack, naming, referral.key(), Duration.ofMinutes(1));
        assertThat(outcomes)
                .extracting(Outcome::getEventType)
                .containsExactly(
                        OutcomeType.RECEIVED,
                        OutcomeType.ACCEPTED,
                        OutcomeType.CONTACT_MADE,
                        OutcomeType.MEETING_HELD,
                        OutcomeType.AGREEMENT_REACHED,
                        OutcomeType.AGREEMENT_COMPLETED,
                        OutcomeType.CLOSED);
        assertThat(outcomes.subList(1, outcomes.size()))
                .extracting(Outcome::getHubCaseId)
                .containsOnly(caseId);
        assertThat(outcomes).allSatisfy(o -> assertThat(o.toString()).doesNotContain("community centre"));
        JsonNode closed = caseDetail(caseId, "FAC-017");
        assertThat(closed.path("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.path("notes").get(0).path("text").asText()).isEqualTo(NOTE);
        assertThat(browser.violations)
                .as("serious or critical accessibility violations")
                .isEmpty();
        assertThat(browser.pages()).isGreaterThan(30);
    }

    /** A valid police referral of the simulator's (synthetic people), not sensitive: one that makes a case. */
    private static AgencyRecord policeReferral() {
        Batch batch = new AgencySimulator(20261205L, SimulatorConfig.defaults().cleanOnly()).generate(20);
        for (int i : batch.indexesOf(Agency.POLICE)) {
            Expectation e = batch.expectation(i);
            if (e.kind() == Expectation.Kind.VALID && e.sensitivity().isEmpty()) {
                return batch.record(i);
            }
        }
        throw new AssertionError("the simulator made no valid police referral");
    }

    /** Publishes as the agency's own system does: its principal, Apicurio's serializer, one transaction. */
    private static void publish(KafkaConnection police, UnaryOperator<String> naming, AgencyRecord r) {
        var values = new AvroKafkaSerializer<SpecificRecord>();
        values.configure(new AvroSerdes(police).clientConfig(), false);
        try (var producer = KafkaClients.of(police)
                .transactionalProducer(
                        naming.apply(Agency.POLICE.cliName() + ".publisher-" + UUID.randomUUID()),
                        Map.of(),
                        new StringSerializer(),
                        values)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(naming.apply(r.topic()), r.key(), r.value()));
            producer.commitTransaction();
        }
    }

    private JsonNode api(String path, String user) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(caseApi.resolve(path))
                        .header("Authorization", "Bearer " + idp.token(user))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
    }

    private JsonNode caseDetail(String caseId, String user) throws Exception {
        return api("/cases/" + caseId, user);
    }

    /** The id of the one case the referral made (this test's namespace holds no other), once the service has it. */
    private String awaitCase(Duration timeout) {
        JsonNode all = Await.until(
                "the referral's case",
                timeout,
                () -> apiAnswer("/cases?status=ALL", "COORD-01"),
                a -> a != null && a.size() == 1);
        return all.get(0).path("caseId").asText();
    }

    /** Waits until the case service has applied the step just recorded, then shows the case page afresh. */
    private void settle(String caseId, Browser browser) {
        recorded++;
        Await.until(
                "step " + recorded + " applied",
                Duration.ofMinutes(1),
                () -> apiAnswer("/cases/" + caseId, "COORD-01"),
                c -> c != null && c.path("history").size() >= recorded);
        browser.driver.navigate().refresh();
    }

    /** {@link #api} for {@link Await}: a failed request is a probe that failed, tried again until the deadline. */
    private JsonNode apiAnswer(String path, String user) {
        try {
            return api(path, user);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException("the case API did not answer " + path, e);
        }
    }

    /** The outcomes on the police topic under {@code key}, once the last is CLOSED (or the time is up). */
    private static List<Outcome> readOutcomes(
            TestStack stack, UnaryOperator<String> naming, String key, Duration timeout) {
        Properties c = new Properties();
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "console-it-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        var values = new AvroSerdes(stack.connection()).value(Outcome.class).deserializer();
        List<Outcome> outcomes = new ArrayList<>();
        try (var consumer = KafkaClients.of(stack.connection()).consumer(c, new StringDeserializer(), values)) {
            consumer.subscribe(List.of(naming.apply(Agency.POLICE.outcomesTopic())));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline
                    && (outcomes.isEmpty() || outcomes.get(outcomes.size() - 1).getEventType() != OutcomeType.CLOSED)) {
                for (ConsumerRecord<String, Outcome> r : consumer.poll(Duration.ofMillis(250))) {
                    if (key.equals(r.key())) {
                        outcomes.add(r.value());
                    }
                }
            }
        }
        return outcomes;
    }
}
