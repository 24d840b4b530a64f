package org.rjhub.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser, for the browser tests: Debian's chromium through its chromedriver (nothing
 * downloaded at run time; fails, never skips, without them), a screenshot of every page visited under
 * {@code target/console-screenshots/<folder>/} and axe-core (WCAG 2.2 A and AA rules) run on each, keeping its serious
 * and critical violations.
 */
final class Browser implements AutoCloseable {

    private static final Set<String> BLOCKING = Set.of("serious", "critical");

    final WebDriver driver;
    final List<String> violations = new ArrayList<>();
    private final Path shots;
    private final UnaryOperator<String> url;
    private int shot;

    /** @param url the console's address of a path */
    Browser(String folder, UnaryOperator<String> url) throws Exception {
        assertThat(Path.of("/usr/bin/chromium"))
                .as("Debian's chromium: apt-get install chromium chromium-driver")
                .exists();
        assertThat(Path.of("/usr/bin/chromedriver"))
                .as("Debian's chromedriver: apt-get install chromium-driver")
                .exists();
        this.url = url;
        this.shots = Path.of("target", "console-screenshots", folder);
        Files.createDirectories(shots);
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1200,1000");
        driver = new ChromeDriver(
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                        .build(),
                options);
    }

    /** How many pages were screenshotted and checked. */
    int pages() {
        return shot;
    }

    void open(String path) {
        driver.get(url.apply(path));
    }

    /** Saves a screenshot and runs axe-core on the page, keeping its serious and critical violations. */
    @SuppressWarnings("deprecation") // setLegacyMode: deprecated by axe for pages with cross-origin frames, none here
    void page(String name) throws Exception {
        Path png = shots.resolve(String.format("%02d-%s.png", ++shot, name));
        Files.copy(
                ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(),
                png,
                StandardCopyOption.REPLACE_EXISTING);
        // legacy mode: axe runs in the page itself, without opening about:blank in another window to reach
        // cross-origin frames (the console has no frames; that window timed out on a loaded machine)
        Results axe = new AxeBuilder()
                .setLegacyMode(true)
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"))
                .analyze(driver);
        for (Rule r : axe.getViolations()) {
            if (BLOCKING.contains(r.getImpact())) {
                violations.add(name + ": " + r.getId() + " (" + r.getImpact() + ") " + r.getHelp() + " x"
                        + r.getNodes().size());
            }
        }
    }

    /** Clicks a link or button that opens another page, and waits until the other page has replaced this one. */
    void click(String linkOrButtonText) {
        List<WebElement> links = driver.findElements(By.linkText(linkOrButtonText));
        go(
                links.isEmpty()
                        ? By.xpath("//button[normalize-space()='" + linkOrButtonText + "']")
                        : By.linkText(linkOrButtonText));
    }

    void go(By target) {
        WebElement old = driver.findElement(By.tagName("html"));
        driver.findElement(target).click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.stalenessOf(old));
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    void radio(String label) {
        driver.findElement(By.xpath("//label[normalize-space()='" + label + "']"))
                .click();
    }

    void type(String id, String text) {
        driver.findElement(By.id(id)).sendKeys(text);
    }

    String heading() {
        return driver.findElement(By.tagName("h1")).getText();
    }

    /** Signs in at the development identity provider's page as {@code user}, shown there with {@code role}. */
    void signIn(String user, String role) throws Exception {
        open("/");
        page("sign-in");
        click("Sign in");
        go(By.xpath("//button[normalize-space()='" + user + " (" + role + ")']"));
    }

    /** Opens a task of the case page, answers its form, checks the answers and records them; back on the case. */
    void step(String task, String name, Runnable answers) throws Exception {
        step(By.linkText(task), name, answers);
    }

    void step(By task, String name, Runnable answers) throws Exception {
        go(task);
        answers.run();
        page(name + "-form");
        click("Continue");
        page(name + "-check");
        click("Record it");
        assertThat(heading()).isEqualTo("Recorded");
        page(name + "-recorded");
        go(By.partialLinkText("Back to case"));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
