package org.rjhub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rjhub.cases.lifecycle.CaseEvents;
import org.rjhub.contracts.hub.CaseEventType;
import org.rjhub.contracts.hub.ConsentScope;
import org.rjhub.contracts.hub.ContactMethod;
import org.rjhub.contracts.hub.MeetingFormat;
import org.rjhub.contracts.hub.PartyRole;
import org.rjhub.contracts.hub.RiskAssessmentStage;

/**
 * Recording steps without a browser: each form's validation errors (GOV.UK error summary linking to the field), the
 * check-your-answers page, the confirmation saying what each agency is told, a double submit recorded once, and a
 * step the state machine does not allow yet explained before any form is filled in.
 */
class StepFormsTest {

    private static ConsoleFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ConsoleFixture();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @BeforeEach
    void cases() {
        fixture.seed();
    }

    /** Brings RJ-H1 (FAC-017's) to both parties consenting and a facilitation risk assessment done. */
    private static void readyForMeeting() {
        Instant t = Instant.now().minusSeconds(3600);
        CaseEvents e = CaseEvents.on("RJ-H1", "FAC-017");
        for (PartyRole r : List.of(PartyRole.VICTIM, PartyRole.OFFENDER)) {
            fixture.apply(e.contactMade(t, r, ContactMethod.PHONE));
            fixture.apply(e.informationGiven(t, r));
            fixture.apply(e.consentGiven(t, r, ConsentScope.RESTORATIVE_PROCESS));
        }
        fixture.apply(e.suitable(t, RiskAssessmentStage.FACILITATION));
    }

    private static void meetingHeld() {
        readyForMeeting();
        fixture.apply(CaseEvents.on("RJ-H1", "FAC-017")
                .meetingHeld(Instant.now().minusSeconds(1800), MeetingFormat.FACE_TO_FACE_CONFERENCE, 4));
    }

    /** The answers of the agreement form's action {@code n}: owed by the offender, due on {@code due}. */
    private static Map<String, String> action(int n, String kind, LocalDate due) {
        String a = "action" + n;
        return Map.of(
                a + "Kind", kind,
                a + "OwedBy", "OFFENDER",
                a + "Due-day", String.valueOf(due.getDayOfMonth()),
                a + "Due-month", String.valueOf(due.getMonthValue()),
                a + "Due-year", String.valueOf(due.getYear()));
    }

    /** user, form page, its answers all empty: the errors expected, in order, and the first error's link target. */
    static Stream<Arguments> emptyForms() {
        return Stream.of(
                Arguments.of(
                        "FAC-017",
                        "/cases/RJ-H1/steps/contact?party=VICTIM",
                        List.of("Select how did you contact them"),
                        "#method"),
                Arguments.of(
                        "FAC-017",
                        "/cases/RJ-H1/steps/contact-attempt?party=OFFENDER",
                        List.of("Select how did you contact them"),
                        "#method"),
                Arguments.of(
                        "FAC-017",
                        "/cases/RJ-H1/steps/risk",
                        List.of("Select what is the level of risk", "Select is the case suitable to go ahead"),
                        "#level"),
                Arguments.of(
                        "COORD-WEST",
                        "/cases/RJ-H2/steps/allocate",
                        List.of("Select who should facilitate this case"),
                        "#facilitator"),
                Arguments.of(
                        "COORD-WEST",
                        "/cases/RJ-H1/steps/close",
                        List.of("Select why is the case closing"),
                        "#reason"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("emptyForms")
    void shouldListEachMissingAnswerInTheErrorSummaryLinkedToItsField(
            String user, String path, List<String> errors, String firstLink) throws Exception {
        WebUser u = WebUser.signedIn(fixture, user);
        WebUser.Page form = u.get(path);
        Element f = form.doc().select("main form").first();

        WebUser.Page answered = u.submit(f, Map.of());

        assertThat(answered.status()).isEqualTo(400);
        assertThat(answered.doc().title()).startsWith("Error: ");
        assertThat(answered.doc().select(".govuk-error-summary__list a").eachText())
                .containsExactlyElementsOf(errors);
        assertThat(answered.doc().select(".govuk-error-summary__list a").first().attr("href"))
                .isEqualTo(firstLink);
        assertThat(answered.doc().select(firstLink))
                .as("the link's target exists")
                .isNotEmpty();
        assertThat(answered.doc().select(".govuk-error-message")).hasSize(errors.size());
        assertThat(fixture.cases.sent).isEmpty();
    }

    @Test
    void shouldExplainTheConsentFormsErrorsAndKeepTheAnswersGiven() throws Exception {
        WebUser u = WebUser.signedIn(fixture, "FAC-017");
        fixture.apply(
                CaseEvents.on("RJ-H1", "FAC-017").contactMade(Instant.now(), PartyRole.VICTIM, ContactMethod.PHONE));
        fixture.apply(CaseEvents.on("RJ-H1", "FAC-017").informationGiven(Instant.now(), PartyRole.VICTIM));
        Element f = u.get("/cases/RJ-H1/steps/consent?party=VICTIM")
                .doc()
                .select("main form")
                .first();

        WebUser.Page p = u.submit(f, Map.of("scope", "DIRECT_MEETING"));

        assertThat(p.doc().select(".govuk-error-summary__list a").eachText())
                .containsExactly("Select is the consent recorded in writing");
        assertThat(p.doc().select("input[name=scope][checked]").val()).isEqualTo("DIRECT_MEETING");
    }

    @Test
    void shouldRefuseANonsenseNumberOfAttendeesAndADateThatIsNotReal() throws Exception {
        readyForMeeting();
        WebUser u = WebUser.signedIn(fixture, "FAC-017");
        Element meeting =
                u.get("/cases/RJ-H1/steps/meeting").doc().select("main form").first();
        WebUser.Page m = u.submit(meeting, Map.of("format", "VIDEO_CONFERENCE", "attendees", "lots"));
        fixture.apply(CaseEvents.on("RJ-H1", "FAC-017")
                .meetingHeld(Instant.now().minusSeconds(60), MeetingFormat.VIDEO_CONFERENCE, 3));
        Element agreement =
                u.get("/cases/RJ-H1/steps/agreement").doc().select("main form").first();
        WebUser.Page a = u.submit(
                agreement,
                Map.of(
                        "action1Kind", "APOLOGY_LETTER",
                        "action1OwedBy", "OFFENDER",
                        "action1Due-day", "31",
                        "action1Due-month", "2",
                        "action1Due-year", "2027",
                        "action2Kind", "REPARATION_WORK"));

        assertThat(m.doc().select(".govuk-error-summary__list a").eachText())
                .containsExactly("The number of people must be a whole number between 1 and 100");
        assertThat(a.doc().select(".govuk-error-summary__list a").eachText())
                .containsExactly(
                        "The date the action is due must be a real date, like 27 3 2027",
                        "Select who will do action 2",
                        "Enter the date action 2 is due");
        assertThat(a.doc().select(".govuk-error-summary__list a").first().attr("href"))
                .isEqualTo("#action1Due-day");
        assertThat(fixture.cases.sent).isEmpty();
    }

    @Test
    void shouldRecordAStepThroughCheckYourAnswersAndSayWhatEachAgencyIsTold() throws Exception {
        WebUser u = WebUser.signedIn(fixture, "FAC-017");
        Element form = u.get("/cases/RJ-H1/steps/contact?party=VICTIM")
                .doc()
                .select("main form")
                .first();
        String eventId = form.select("input[name=eventId]").val();

        WebUser.Page check = u.submit(form, Map.of("method", "PHONE"));
        WebUser.Page done = u.submit(check.form("/confirm"), Map.of());

        assertThat(check.heading()).isEqualTo("Check your answers");
        assertThat(check.doc().select(".govuk-summary-list__row").eachText())
                .containsExactly("How did you contact them? Phone");
        assertThat(done.heading()).isEqualTo("Recorded");
        assertThat(done.doc().select("tbody tr").eachText())
                .containsExactly("Essex Police PR-RJ-H1 Contact made", "Probation Service PROB-RJ-H1 Contact made");
        assertThat(fixture.cases.sent).singleElement().satisfies(e -> {
            assertThat(e.getEventId()).isEqualTo(eventId);
            assertThat(e.getEventType()).isEqualTo(CaseEventType.CONTACT_MADE);
            assertThat(e.getPartyRole()).isEqualTo(PartyRole.VICTIM);
            assertThat(e.getActor()).isEqualTo("FAC-017");
        });
    }

    @Test
    void shouldRecordADoubleSubmitOnce() throws Exception {
        WebUser u = WebUser.signedIn(fixture, "FAC-017");
        Element form = u.get("/cases/RJ-H1/steps/contact?party=OFFENDER")
                .doc()
                .select("main form")
                .first();
        Element confirm = u.submit(form, Map.of("method", "LETTER")).form("/confirm");

        WebUser.Page first = u.submit(confirm, Map.of());
        WebUser.Page second = u.submit(confirm, Map.of());

        assertThat(first.heading()).isEqualTo("Recorded");
        assertThat(second.heading()).isEqualTo("Recorded");
        assertThat(second.text()).contains("already recorded");
        assertThat(fixture.cases.sent).hasSize(1);
        assertThat(fixture.cases.cases.get("RJ-H1").history)
                .filteredOn(h -> h.type().equals("CONTACT_MADE"))
                .hasSize(1);
    }

    @Test
    void shouldSayWhyAStepCannotStartYetBeforeAnyFormIsFilled() throws Exception {
        WebUser u = WebUser.signedIn(fixture, "FAC-017");

        WebUser.Page casePage = u.get("/cases/RJ-H1");
        WebUser.Page consent = u.get("/cases/RJ-H1/steps/consent?party=VICTIM");

        assertThat(casePage.doc().select(".govuk-task-list__item").eachText())
                .anySatisfy(t -> assertThat(t)
                        .startsWith("Consent")
                        .contains("Cannot start yet")
                        .contains("the victim has not been given information about restorative justice"))
                .anySatisfy(t -> assertThat(t).startsWith("Contact").contains("Not yet started"))
                .anySatisfy(t -> assertThat(t)
                        .startsWith("Restorative meeting")
                        .contains("the victim has not consented, the offender has not consented"));
        assertThat(casePage.doc().select("a.govuk-task-list__link").eachText())
                .contains("Contact")
                .doesNotContain("Consent");
        assertThat(consent.status()).isEqualTo(409);
        assertThat(consent.text()).contains("This cannot be recorded yet: the victim has not been given information");
        assertThat(consent.doc().select("main form")).isEmpty();
    }

    @Test
    void shouldShowTheCaseServicesRefusalOnTheCheckPage() throws Exception {
        WebUser u = WebUser.signedIn(fixture, "FAC-017");
        fixture.apply(
                CaseEvents.on("RJ-H1", "FAC-017").contactMade(Instant.now(), PartyRole.VICTIM, ContactMethod.PHONE));
        fixture.apply(CaseEvents.on("RJ-H1", "FAC-017").informationGiven(Instant.now(), PartyRole.VICTIM));
        Element form = u.get("/cases/RJ-H1/steps/consent?party=VICTIM")
                .doc()
                .select("main form")
                .first();
        Element confirm = u.submit(form, Map.of("scope", "RESTORATIVE_PROCESS", "written", "false"))
                .form("/confirm");

        WebUser.Page refused = u.submit(confirm, Map.of());

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text()).contains("The case service refused it: the consent is not recorded in writing");
        assertThat(fixture.cases.sent).isEmpty();
    }

    @Test
    void shouldAllocateWithEachFacilitatorsCaseloadShown() throws Exception {
        WebUser u = WebUser.signedIn(fixture, "COORD-WEST");
        WebUser.Page form = u.get("/cases/RJ-H2/steps/allocate");

        WebUser.Page check = u.submit(form.doc().select("main form").first(), Map.of("facilitator", "FAC-033"));
        WebUser.Page done = u.submit(check.form("/confirm"), Map.of());

        assertThat(form.doc().select(".govuk-radios__label").eachText())
                .containsExactly("FAC-033 (0 open cases)", "FAC-017 (1 open case)");
        assertThat(done.doc().select("tbody tr").eachText()).contains("Essex Police PR-RJ-H2 Accepted");
        assertThat(fixture.cases.cases.get("RJ-H2").facilitator).isEqualTo("FAC-033");
    }

    @Test
    void shouldDecideOnADuplicateSideBySide() throws Exception {
        WebUser u = WebUser.signedIn(fixture, "COORD-WEST");
        WebUser.Page compare = u.get("/cases/RJ-H3/duplicate");

        WebUser.Page check = u.submit(compare.doc().select("main form").first(), Map.of("decision", "KEEP_APART"));
        u.submit(check.form("/confirm"), Map.of());

        assertThat(compare.doc().select("h2").eachText()).contains("Case RJ-H3", "Case RJ-H2");
        assertThat(check.text()).contains("No, keep them apart");
        assertThat(fixture.cases.sent).singleElement().satisfies(e -> {
            assertThat(e.getEventType()).isEqualTo(CaseEventType.KEEP_APART);
            assertThat(e.getActor()).isEqualTo("COORD-WEST");
        });
    }

    @Test
    void shouldRecordAnAgreementOfTwoActions() throws Exception {
        meetingHeld();
        WebUser u = WebUser.signedIn(fixture, "FAC-017");
        LocalDate due = LocalDate.now().plusDays(30);
        Element form =
                u.get("/cases/RJ-H1/steps/agreement").doc().select("main form").first();

        Map<String, String> answers = new java.util.HashMap<>(action(1, "APOLOGY_LETTER", due));
        answers.putAll(action(2, "REPARATION_WORK", due));

        WebUser.Page check = u.submit(form, answers);
        WebUser.Page done = u.submit(check.form("/confirm"), Map.of());

        assertThat(done.doc().select("tbody tr").eachText()).contains("Essex Police PR-RJ-H1 Agreement reached");
        assertThat(fixture.cases.cases.get("RJ-H1").actions).hasSize(2);
        assertThat(u.get("/cases/RJ-H1").doc().select("a.govuk-task-list__link").eachText())
                .contains("Action A1: Apology letter by the offender", "Action A2: Reparation work by the offender");
    }
}
