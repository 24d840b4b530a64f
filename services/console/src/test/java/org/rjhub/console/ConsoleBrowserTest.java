package org.rjhub.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

/**
 * In a real browser, the pages the journey from a referral to a closed case ({@link ConsoleBrowserIT}, on the real
 * stack) does not pass through, over the seeded cases ({@link ConsoleFixture}): a coordinator's allocation showing
 * caseloads, a possible duplicate side by side, what needs attention; a step that cannot start yet; the note form's
 * error and a note listed on the case; the contact details on a phone's screen; a manager's figures and a case as a
 * manager sees it (no contact details). Each page screenshotted under {@code target/console-screenshots/pages/} and
 * checked with axe-core (WCAG 2.2 A and AA rules): no serious or critical violation.
 */
class ConsoleBrowserTest {

    private static ConsoleFixture fixture;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ConsoleFixture();
        browser = new Browser("pages", fixture::url);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void shouldShowEveryOtherPageAccessibly() throws Exception {
        browser.signIn("COORD-WEST", "coordinator");
        browser.page("queues");
        browser.go(By.xpath("//a[contains(@href,'/cases/RJ-H2/steps/allocate')]"));
        browser.radio("FAC-017 (1 open case)");
        browser.page("allocate-form");
        browser.open("/cases/RJ-H3/duplicate");
        browser.page("duplicate");
        browser.open("/attention");
        browser.page("attention");
        browser.click("Sign out");

        browser.signIn("FAC-017", "facilitator");
        browser.page("my-cases");
        browser.click("RJ-H1");
        assertThat(browser.driver.findElement(By.id("contacts")).getText()).isEqualTo("Contact details");
        browser.page("case-with-contacts");
        browser.open("/cases/RJ-H1/steps/meeting");
        assertThat(browser.driver.findElement(By.tagName("main")).getText()).contains("This cannot be recorded yet");
        browser.page("step-blocked");
        browser.open("/cases/RJ-H1/notes/new");
        browser.click("Add note");
        browser.page("note-error");
        browser.type("note", "Victim asks for calls after 6pm.\nPrefers a letter first.");
        browser.click("Add note");
        assertThat(browser.heading()).isEqualTo("Note added");
        browser.page("note-added");
        browser.go(By.partialLinkText("Back to case"));
        assertThat(browser.driver.findElement(By.cssSelector(".rj-note__text")).getText())
                .contains("calls after 6pm");
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        browser.page("case-phone");
        browser.driver.manage().window().setSize(new Dimension(1200, 1000));
        browser.click("Sign out");

        browser.signIn("MGR-01", "manager");
        browser.page("figures");
        browser.open("/cases/RJ-H1");
        assertThat(browser.driver.findElements(By.id("contacts")))
                .as("no contact details for a manager")
                .isEmpty();
        browser.page("case-as-manager");

        assertThat(browser.violations)
                .as("serious or critical accessibility violations")
                .isEmpty();
        assertThat(browser.pages()).isGreaterThanOrEqualTo(15);
        assertThat(fixture.cases.notes).hasSize(1);
    }
}
