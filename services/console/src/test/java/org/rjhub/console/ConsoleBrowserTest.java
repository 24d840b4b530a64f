package org.rjhub.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.rjhub.cases.lifecycle.CaseState;
import org.rjhub.contracts.hub.OutcomeType;

/**
 * A whole journey in a real browser (Debian's chromium through its chromedriver; nothing downloaded at run time): a
 * coordinator signs in and allocates a new case, the facilitator signs in and records every step to a completed
 * outcome agreement and the case's closure, and each agency's outcomes are the ones expected. Every page is
 * screenshotted under {@code target/console-screenshots/} and checked with axe-core (WCAG 2.2 A and AA rules): no
 * serious or critical violation. Fails (never skips) without chromium and chromedriver.
 */
class ConsoleBrowserTest {

    private static final Path SHOTS = Path.of("target", "console-screenshots");
    private static final Set<String> BLOCKING = Set.of("serious", "critical");

    private static ConsoleFixture fixture;
    private static WebDriver browser;
    private static int shot;
    private static final List<String> violations = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        assertThat(Path.of("/usr/bin/chromium"))
                .as("Debian's chromium: apt-get install chromium chromium-driver")
                .exists();
        assertThat(Path.of("/usr/bin/chromedriver"))
                .as("Debian's chromedriver: apt-get install chromium-driver")
                .exists();
        fixture = new ConsoleFixture();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1200,1000");
        browser = new ChromeDriver(
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                        .build(),
                options);
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    /** Saves a screenshot and runs axe-core on the page, keeping its serious and critical violations. */
    @SuppressWarnings("deprecation") // setLegacyMode: deprecated by axe for pages with cross-origin frames, none here
    private static void page(String name) throws Exception {
        Path png = SHOTS.resolve(String.format("%02d-%s.png", ++shot, name));
        Files.copy(
                ((org.openqa.selenium.TakesScreenshot) browser)
                        .getScreenshotAs(OutputType.FILE)
                        .toPath(),
                png,
                StandardCopyOption.REPLACE_EXISTING);
        // legacy mode: axe runs in the page itself, without opening about:blank in another window to reach
        // cross-origin frames (the console has no frames; that window timed out on a loaded machine)
        Results axe = new AxeBuilder()
                .setLegacyMode(true)
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"))
                .analyze(browser);
        for (Rule r : axe.getViolations()) {
            if (BLOCKING.contains(r.getImpact())) {
                violations.add(name + ": " + r.getId() + " (" + r.getImpact() + ") " + r.getHelp() + " x"
                        + r.getNodes().size());
            }
        }
    }

    /** Clicks a link or button that opens another page, and waits until the other page has replaced this one. */
    private static void click(String linkOrButtonText) {
        List<WebElement> links = browser.findElements(By.linkText(linkOrButtonText));
        go(
                links.isEmpty()
                        ? By.xpath("//button[normalize-space()='" + linkOrButtonText + "']")
                        : By.linkText(linkOrButtonText));
    }

    private static void go(By target) {
        WebElement old = browser.findElement(By.tagName("html"));
        browser.findElement(target).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.stalenessOf(old));
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    private static void radio(String label) {
        browser.findElement(By.xpath("//label[normalize-space()='" + label + "']"))
                .click();
    }

    private static void signIn(String user, String role) throws Exception {
        browser.get(fixture.url("/"));
        page("sign-in");
        click("Sign in");
        go(By.xpath("//button[normalize-space()='" + user + " (" + role + ")']"));
    }

    /** Opens a task of the case page, answers its form, checks the answers and records them. */
    private static void step(String task, String name, Runnable answers) throws Exception {
        click(task);
        answers.run();
        page(name + "-form");
        click("Continue");
        page(name + "-check");
        click("Record it");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Recorded");
        page(name + "-recorded");
        go(By.partialLinkText("Back to case"));
    }

    @Test
    void shouldTakeACaseFromAllocationToACompletedAgreementAccessibly() throws Exception {
        signIn("COORD-WEST", "coordinator");
        assertThat(browser.getCurrentUrl()).endsWith("/queues");
        page("queues");
        go(By.xpath("//a[contains(@href,'/cases/RJ-H2/steps/allocate')]"));
        radio("FAC-017 (1 open case)");
        page("allocate-form");
        click("Continue");
        page("allocate-check");
        click("Record it");
        page("allocate-recorded");
        browser.get(fixture.url("/cases/RJ-H3/duplicate"));
        page("duplicate");
        browser.get(fixture.url("/attention"));
        page("attention");
        click("Sign out");
        page("signed-out");

        signIn("FAC-017", "facilitator");
        assertThat(browser.getCurrentUrl()).endsWith("/my-cases");
        page("my-cases");
        click("RJ-H2");
        page("case-new");
        for (String party : List.of("victim", "offender")) {
            go(By.xpath("//a[contains(@href,'/steps/contact?party=" + party.toUpperCase() + "')]"));
            radio("Phone");
            page("contact-" + party + "-form");
            click("Continue");
            click("Record it");
            go(By.partialLinkText("Back to case"));
            go(By.xpath("//a[contains(@href,'/steps/information?party=" + party.toUpperCase() + "')]"));
            click("Continue");
            click("Record it");
            go(By.partialLinkText("Back to case"));
            go(By.xpath("//a[contains(@href,'/steps/consent?party=" + party.toUpperCase() + "')]"));
            radio("Restorative process");
            radio("Yes");
            page("consent-" + party + "-form");
            click("Continue");
            page("consent-" + party + "-check");
            click("Record it");
            go(By.partialLinkText("Back to case"));
        }
        page("case-consented");
        step("Facilitation risk assessment", "risk", () -> {
            radio("Low");
            radio("Yes");
        });
        step("Restorative meeting", "meeting", () -> {
            radio("Face to face conference");
            browser.findElement(By.id("attendees")).sendKeys("4");
        });
        LocalDate due = LocalDate.now().plusDays(28);
        step("Outcome agreement", "agreement", () -> {
            new Select(browser.findElement(By.id("action1Kind"))).selectByVisibleText("Apology letter");
            new Select(browser.findElement(By.id("action1OwedBy"))).selectByVisibleText("Offender");
            browser.findElement(By.id("action1Due-day")).sendKeys(String.valueOf(due.getDayOfMonth()));
            browser.findElement(By.id("action1Due-month")).sendKeys(String.valueOf(due.getMonthValue()));
            browser.findElement(By.id("action1Due-year")).sendKeys(String.valueOf(due.getYear()));
        });
        step("Action A1: Apology letter by the offender", "action-done", () -> {});
        step("Closure", "close", () -> radio("Agreement completed"));
        browser.manage().window().setSize(new Dimension(390, 844));
        page("case-closed-phone");
        browser.manage().window().setSize(new Dimension(1200, 1000));
        page("case-closed");

        CaseState closed = fixture.cases.cases.get("RJ-H2");
        assertThat(closed.status).isEqualTo(CaseState.Status.CLOSED);
        assertThat(closed.announced)
                .extracting(CaseState.Announcement::type)
                .containsExactly(
                        OutcomeType.ACCEPTED,
                        OutcomeType.CONTACT_MADE,
                        OutcomeType.MEETING_HELD,
                        OutcomeType.AGREEMENT_REACHED,
                        OutcomeType.AGREEMENT_COMPLETED,
                        OutcomeType.CLOSED);
        assertThat(closed.referrals)
                .extracting(CaseState.Ref::key)
                .containsExactly("POLICE:PR-RJ-H2", "PROBATION:PROB-RJ-H2");
        assertThat(violations)
                .as("serious or critical accessibility violations")
                .isEmpty();
        assertThat(shot).isGreaterThan(30);
    }
}
