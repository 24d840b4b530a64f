package org.rjhub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rjhub.cases.lifecycle.CaseState;
import org.rjhub.console.caseapi.CaseModels;
import org.rjhub.contracts.hub.PartyRole;

/**
 * Case notes and contact details without a browser (HTTP, JavaScript off), against the real case API: the note form's
 * validation errors (GOV.UK error summary linked to the field), a note written once however often it is sent, listed
 * on the case with its HTML escaped; who may write notes (403 pages for the rest); and who sees the contact details of
 * the parties and the offender manager (the case's facilitator and its queue's coordinators only).
 */
class CaseNotesAndContactsTest {

    private static final String HOSTILE = "<script>alert('x')</script> Victim asks for calls after 6pm\nNo letters";

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

    private static Element noteForm(WebUser u, String caseId) throws Exception {
        WebUser.Page page = u.get("/cases/" + caseId + "/notes/new");
        assertThat(page.status()).as(page.text()).isEqualTo(200);
        return page.form("/cases/" + caseId + "/notes");
    }

    @Test
    void shouldAddANoteFromTheCasePageAndListItEscaped() throws Exception {
        WebUser u = WebUser.signedIn(fixture, "FAC-017");
        WebUser.Page casePage = u.get("/cases/RJ-H1");
        assertThat(casePage.text()).contains("No notes yet");
        String href = casePage.doc().select("a:containsOwn(Add a note)").attr("href");
        assertThat(href).isEqualTo("/cases/RJ-H1/notes/new");

        WebUser.Page added = u.submit(noteForm(u, "RJ-H1"), Map.of("note", HOSTILE));
        WebUser.Page after = u.get("/cases/RJ-H1");

        assertThat(added.status()).as(added.text()).isEqualTo(200);
        assertThat(added.heading()).isEqualTo("Note added");
        assertThat(added.text()).contains("No agency is told");
        assertThat(fixture.cases.sent)
                .as("a note is no case event: nothing for the agencies")
                .isEmpty();
        assertThat(fixture.cases.notes)
                .singleElement()
                .satisfies(n -> assertThat(n.getAuthor()).isEqualTo("FAC-017"));
        Element note = after.doc().selectFirst(".rj-note__text");
        assertThat(note).isNotNull();
        assertThat(note.wholeText()).isEqualTo(HOSTILE);
        assertThat(after.response().body()).contains("&lt;script&gt;alert(").doesNotContain("<script>alert(");
        assertThat(after.doc().select("script:not([src])"))
                .as("no script made of the note")
                .isEmpty();
        assertThat(after.text()).contains("by FAC-017");
    }

    @Test
    void shouldShowTheErrorsOfAnEmptyOrOverlongNoteAndSendNothing() throws Exception {
        WebUser u = WebUser.signedIn(fixture, "FAC-017");

        WebUser.Page empty = u.submit(noteForm(u, "RJ-H1"), Map.of("note", "  \n "));
        WebUser.Page tooLong = u.submit(noteForm(u, "RJ-H1"), Map.of("note", "x".repeat(2001)));

        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.doc().title()).startsWith("Error: Add a note");
        assertThat(empty.doc().select(".govuk-error-summary__list a").eachText())
                .containsExactly("Enter the note");
        assertThat(empty.doc().select(".govuk-error-summary__list a").attr("href"))
                .isEqualTo("#note");
        assertThat(empty.doc().select("textarea#note.govuk-textarea--error")).hasSize(1);
        assertThat(empty.doc().select("textarea#note").attr("aria-describedby")).contains("note-error");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.doc().select(".govuk-error-summary__list a").eachText())
                .containsExactly("The note must be 2,000 characters or fewer");
        assertThat(tooLong.doc().select("textarea#note").val())
                .as("what was written is kept")
                .hasSize(2001);
        assertThat(fixture.cases.notes).isEmpty();
    }

    @Test
    void shouldWriteANoteSentTwiceOnce() throws Exception {
        WebUser u = WebUser.signedIn(fixture, "COORD-WEST");
        Element form = noteForm(u, "RJ-H2");

        WebUser.Page first = u.submit(form, Map.of("note", "Spoke to the officer in case"));
        WebUser.Page second = u.submit(form, Map.of("note", "Spoke to the officer in case"));

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(fixture.cases.cases.get("RJ-H2").notes).hasSize(1);
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource({
        "FAC-017, GET, RJ-H1, 200",
        "FAC-017, GET, RJ-B1, 403", // another facilitator's case
        "FAC-017, POST, RJ-B1, 403",
        "FAC-017, POST, RJ-H2, 403", // not allocated to them
        "FAC-021, POST, RJ-B1, 200",
        "COORD-WEST, POST, RJ-H1, 200", // a case of their queue
        "COORD-WEST, POST, RJ-B1, 403", // not their queue
        "MGR-01, GET, RJ-H1, 403", // managers read, write nothing
        "MGR-01, POST, RJ-H1, 403"
    })
    void shouldLetOnlyTheCasesFacilitatorAndCoordinatorsWriteNotes(
            String user, String method, String caseId, int status) throws Exception {
        WebUser u = WebUser.signedIn(fixture, user);

        WebUser.Page p = method.equals("GET")
                ? u.get("/cases/" + caseId + "/notes/new")
                : u.post(
                        "/cases/" + caseId + "/notes",
                        Map.of("csrf", u.csrf(), "noteId", "n-" + user, "note", "A note"));

        assertThat(p.status()).as(p.text()).isEqualTo(status);
        if (status == 403) {
            assertThat(p.heading()).isEqualTo("You cannot open this page");
            assertThat(fixture.cases.notes).isEmpty();
        } else if (method.equals("POST")) {
            assertThat(fixture.cases.notes)
                    .singleElement()
                    .satisfies(n -> assertThat(n.getAuthor()).isEqualTo(user));
        }
    }

    @Test
    void shouldRefuseANoteWithoutTheSessionsCsrfToken() throws Exception {
        WebUser u = WebUser.signedIn(fixture, "FAC-017");

        WebUser.Page p = u.post("/cases/RJ-H1/notes", Map.of("csrf", "forged", "note", "A note"));

        assertThat(p.status()).isEqualTo(403);
        assertThat(fixture.cases.notes).isEmpty();
    }

    @ParameterizedTest(name = "{0} on {1}: {2}, contact details shown: {3}")
    @CsvSource({
        "FAC-017, RJ-H1, 200, true", // the case's facilitator
        "COORD-WEST, RJ-H1, 200, true", // its queue's coordinator
        "COORD-01, RJ-B1, 200, true",
        "MGR-01, RJ-H1, 200, false", // a manager reads the case, not how to reach its people
        "FAC-021, RJ-H1, 403, false", // a facilitator it is not allocated to
        "FAC-017, RJ-H2, 403, false" // not allocated yet
    })
    void shouldShowContactDetailsOnlyToTheCasesFacilitatorAndCoordinators(
            String user, String caseId, int status, boolean shown) throws Exception {
        WebUser.Page p = WebUser.signedIn(fixture, user).get("/cases/" + caseId);

        assertThat(p.status()).isEqualTo(status);
        assertThat(p.doc().select("h2#contacts").isEmpty()).isNotEqualTo(shown);
        assertThat(p.text().contains("07700 900002")).as("the victim's phone").isEqualTo(shown);
        assertThat(p.text().contains("1 Test Road, Harlow, CM20 1AB"))
                .as("the victim's address")
                .isEqualTo(shown);
        assertThat(p.text().contains("om@probation.example"))
                .as("the offender manager")
                .isEqualTo(shown);
        if (shown) {
            assertThat(p.text())
                    .contains(
                            "Victim: Imelda Quarrington",
                            "Prefers: phone",
                            "Offender manager",
                            "Om Example, Harlow PDU")
                    .contains("Prefers: via referrer", "Email: kf@example.invalid");
        }
    }

    @Test
    void shouldSayWhenAReferralsContactDetailsCannotBeOpened() throws Exception {
        // Given a probation referral's details kept sealed under a data key the case API does not hold (erased)
        fixture.cases
                .cases
                .get("RJ-H1")
                .contacts
                .put(
                        "PROBATION:PROB-RJ-H1",
                        new org.rjhub.cases.contacts.StoredContacts(
                                new org.rjhub.cases.lifecycle.CaseState.Ref(
                                        org.rjhub.contracts.hub.SourceAgency.PROBATION, "PROB-RJ-H1"),
                                java.util.List.of(),
                                null,
                                "PROBATION:PROB-RJ-H1/erased",
                                new byte[] {1, 2, 3}));

        // When the case's facilitator opens the case
        WebUser.Page p = WebUser.signedIn(fixture, "FAC-017").get("/cases/RJ-H1");

        // Then the police referral's details show, the probation referral's are said to be unavailable
        assertThat(p.status()).isEqualTo(200);
        assertThat(p.text())
                .contains("07700 900002")
                .contains("referral PROB-RJ-H1")
                .contains("Not available: the referral's contact details have been erased, or cannot be read yet.");
        assertThat(p.doc().select("p:containsOwn(Not available)")).hasSize(1);
    }

    @Test
    void shouldShowAPartyWhoseNameCannotBeOpenedByRoleOnly() throws Exception {
        // Given the victim's name kept sealed under a data key the case API does not hold (erased)
        CaseState kase = fixture.cases.cases.get("RJ-H1");
        kase.parties = new java.util.ArrayList<>(kase.parties.stream()
                .map(p -> p.role() == PartyRole.VICTIM
                        ? new CaseState.PartyView(p.role(), "", "", null, "POLICE:PR-RJ-H1/erased", "AQID")
                        : p)
                .toList());

        // When the case's facilitator opens the case and their list
        WebUser.Page p = WebUser.signedIn(fixture, "FAC-017").get("/cases/RJ-H1");
        WebUser.Page list = WebUser.signedIn(fixture, "FAC-017").get("/my-cases");

        // Then the victim is shown by role, her name said to be unavailable; the offender by name (the contact
        // details, in clear in this fixture, are another matter)
        assertThat(p.status()).isEqualTo(200);
        String parties =
                p.text().substring(p.text().indexOf("Parties"), p.text().indexOf("Referrals"));
        assertThat(parties)
                .contains("Victim: " + CaseModels.NAME_NOT_AVAILABLE)
                .contains("Fairweather")
                .doesNotContain("Quarrington");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.text())
                .contains("VICTIM " + org.rjhub.cases.api.CaseViews.NAME_NOT_AVAILABLE)
                .doesNotContain("Quarrington");
    }

    @Test
    void shouldSayWhenANoteOrTheOffencesWordingCannotBeOpened() throws Exception {
        // Given a note sealed under a data key of the case the case API does not hold (erased), one in clear, and the
        // offence kept without its wording (a service with a master key), its referrals' keys not held either
        CaseState kase = fixture.cases.cases.get("RJ-H1");
        kase.notes.add(
                new CaseState.Note("n-erased", "FAC-017", "", java.time.Instant.now(), "case:RJ-H1/erased", "AQID"));
        kase.notes.add(new CaseState.Note("n-clear", "FAC-017", "Second visit booked", java.time.Instant.now()));
        kase.offence = new CaseState.OffenceView(kase.offence.code(), kase.offence.category(), "");
        // and its flags kept sealed in a referral's details, that referral's key not held either
        kase.details.add(new CaseState.SealedDetails("POLICE:PR-H1/erased", "AQID"));

        // When the case's facilitator opens the case
        WebUser.Page p = WebUser.signedIn(fixture, "FAC-017").get("/cases/RJ-H1");

        // Then the sealed note is said to be unavailable, the other shown; the offence shown by its category
        assertThat(p.status()).isEqualTo(200);
        assertThat(p.doc().select(".rj-note__text").eachText())
                .containsExactly(CaseModels.NOTE_NOT_AVAILABLE, "Second visit booked");
        assertThat(p.text()).contains(CaseModels.WORDING_NOT_AVAILABLE + " (");
        // and the flags are said to be unavailable on the case, and on the queue for an unassigned case likewise
        assertThat(p.text()).contains(CaseModels.FLAGS_NOT_AVAILABLE);
        assertThat(WebUser.signedIn(fixture, "COORD-WEST").get("/queues").text())
                .doesNotContain(CaseModels.FLAGS_NOT_AVAILABLE);
        fixture.cases.cases.get("RJ-H2").details.add(new CaseState.SealedDetails("POLICE:PR-H2/erased", "AQID"));
        assertThat(WebUser.signedIn(fixture, "COORD-WEST").get("/queues").text())
                .contains(CaseModels.FLAGS_NOT_AVAILABLE);
    }

    @Test
    void shouldKeepContactDetailsOffTheListsAndTheCoordinatorsQueue() throws Exception {
        assertThat(WebUser.signedIn(fixture, "COORD-WEST").get("/queues").text())
                .doesNotContain("07700 900002");
        assertThat(WebUser.signedIn(fixture, "FAC-017").get("/my-cases").text()).doesNotContain("07700 900002");
    }
}
