package org.tesseracrm.it.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;

/**
 * One headless Debian chromium, driven through Debian's chromium-driver (never a browser downloaded by a test tool:
 * the machine reaches no browser download site). The flags keep it off the network it cannot reach anyway.
 */
final class Browser implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);
    private static final Path CHROMIUM = Path.of(System.getProperty("crm.it.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("crm.it.chromedriver",
            "/usr/bin/chromedriver"));

    final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static Browser start() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the browser tests need Debian's chromium and chromium-driver ("
                    + CHROMIUM + ", " + CHROMEDRIVER + "); .ci/run installs them with apt-get");
        }
        Path profile = Files.createTempDirectory(Path.of(System.getProperty("crm.work.dir", "target")), "chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=en-US",
                "--user-data-dir=" + profile.toAbsolutePath());
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(WAIT);
        return new Browser(driver, profile);
    }

    void open(String url) {
        driver.get(url);
    }

    WebDriverWait waiting() {
        return new WebDriverWait(driver, WAIT);
    }

    void waitFor(By element) {
        waiting().until(ExpectedConditions.visibilityOfElementLocated(element));
    }

    /**
     * Clicks an element inside a container, finding both again if an Ajax update replaced them between the find and
     * the click (a table re-rendered after the previous action is the usual case).
     */
    void clickWithin(By container, By element) {
        waiting().ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            d.findElement(container).findElement(element).click();
            return true;
        });
    }

    String text(By element) {
        waitFor(element);
        return driver.findElement(element).getText();
    }

    /** Every cookie of every host the browser holds (Keycloak's and the console's), through DevTools. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> allCookies() {
        return (List<Map<String, Object>>) driver.executeCdpCommand("Network.getAllCookies", Map.of())
                .get("cookies");
    }

    Cookie cookie(String name) {
        return driver.manage().getCookieNamed(name);
    }

    /** Forgets every login: the console's and Keycloak's cookies alike. */
    void forgetEverything() {
        // first leave the page: a redirect chain of the previous test still under way (a sign-out's trip through
        // Keycloak back to the console) would otherwise land, cookie-less, in the middle of the next test's login
        driver.get("about:blank");
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        driver.manage().logs().get(LogType.BROWSER); // and the log so far
    }

    /** Errors the pages logged to the console since the last call; a refusal page's own status may be allowed. */
    List<String> consoleErrors(String... allowedFragments) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage)
                .filter(message -> List.of(allowedFragments).stream().noneMatch(message::contains)).toList();
    }

    /** axe-core's serious and critical findings on the current page (WCAG 2.1 A and AA rules). */
    List<String> seriousAccessibilityFindings() {
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
                .analyze(driver);
        return results.getViolations().stream()
                .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
                .map(Browser::describe).toList();
    }

    private static String describe(Rule rule) {
        return rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
                + rule.getNodes().stream().map(node -> String.valueOf(node.getTarget())).toList();
    }

    /**
     * Clicks what starts a download and returns the downloaded file, once the browser has written it whole (the
     * browser saves into {@code directory}; a partial download ends in .crdownload).
     */
    Path download(By button, Path directory) throws IOException {
        Files.createDirectories(directory);
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath",
                directory.toAbsolutePath().toString()));
        java.util.Set<Path> before;
        try (var listed = Files.list(directory)) {
            before = listed.collect(java.util.stream.Collectors.toSet());
        }
        driver.findElement(button).click();
        return waiting().until(d -> {
            try (var listed = Files.list(directory)) {
                return listed.filter(f -> !before.contains(f) && !f.toString().endsWith(".crdownload")
                        && !f.toString().endsWith(".tmp")).findFirst().orElse(null);
            } catch (IOException e) {
                return null;
            }
        });
    }

    void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException | RuntimeException e) {
            System.err.println("no screenshot " + file + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temp profile left behind under target/ is harmless
        }
    }
}
