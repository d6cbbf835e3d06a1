package org.tesseracrm.it.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.tesseracrm.it.support.CrmInfrastructure;
import org.tesseracrm.it.support.CrmWebTest;

import io.restassured.response.Response;

/**
 * The console in a real browser (Debian's chromium, headless) against the suite's Keycloak and Payara Micro: the login
 * goes through Keycloak's own login page with the code flow, and every screen is checked for browser console errors
 * and for serious or critical axe-core findings. A failing test leaves a screenshot under target/screenshots/.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class ConsoleIT extends CrmWebTest {

    private static final String PASSWORD = "demo";
    private static Browser browser;

    @RegisterExtension
    final TestWatcher screenshotOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (browser != null) {
                browser.screenshot(Path.of("target/screenshots", context.getRequiredTestMethod().getName()
                        + ".png"));
            }
        }
    };

    @BeforeAll
    static void startBrowser() throws IOException {
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void signedOutEverywhere() {
        browser.forgetEverything();
    }

    private String acme() {
        return "http://acme.localhost:" + base.getPort();
    }

    private String apex() {
        return "http://localhost:" + base.getPort();
    }

    private static String keycloak() {
        return CrmInfrastructure.services().keycloak().baseUrl();
    }

    /** Keycloak's real login page: the browser is there, on Keycloak's host, with its form. */
    private void signInAtKeycloak(String user) {
        browser.waitFor(By.id("username"));
        assertThat(browser.driver.getCurrentUrl()).startsWith(keycloak() + "/realms/crm/protocol/openid-connect/auth");
        browser.driver.findElement(By.id("username")).sendKeys(user);
        if (browser.driver.findElements(By.id("password")).isEmpty()) {
            // identity-first: with organizations in the realm, Keycloak asks for the user name on a page of its own
            browser.driver.findElement(By.id("kc-login")).click();
            browser.waitFor(By.id("password"));
        }
        browser.driver.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.driver.findElement(By.id("kc-login")).click();
    }

    /** The pictures of docs/ (README): taken on every run, copied by hand when the screens change (docs/console.md). */
    private static void picture(String name) {
        browser.screenshot(Path.of("target/console-screenshots", name + ".png"));
    }

    private void expectCleanScreen(String screen, String... allowedConsoleErrors) {
        assertThat(browser.consoleErrors(allowedConsoleErrors)).as("browser console errors on " + screen).isEmpty();
        assertThat(browser.seriousAccessibilityFindings()).as("serious/critical axe findings on " + screen)
                .isEmpty();
    }

    private String task(String creator, String assignee, String title, OffsetDateTime dueAt) {
        return api.as(creator, "acme.localhost").body(Map.of("title", title, "assignee", assignee, "dueAt",
                dueAt.toString(), "priority", "high")).post("/api/v1/tasks").then().statusCode(201).extract()
                .path("id");
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static Optional<Map<String, Object>> sessionCookie(List<Map<String, Object>> cookies) {
        return cookies.stream().filter(c -> "JSESSIONID".equals(c.get("name"))
                && "acme.localhost".equals(c.get("domain"))).findFirst();
    }

    @Test
    void aRepSignsInThroughKeycloakLandsOnMyDayAndCompletesATask() {
        String overdue = "Call back Initech " + unique();
        String later = "Prepare QBR " + unique();
        String overdueId = task("acme-rep", "acme-rep", overdue,
                OffsetDateTime.now(ZoneOffset.UTC).minusDays(2).truncatedTo(ChronoUnit.SECONDS));
        task("acme-rep", "acme-rep", later, OffsetDateTime.now(ZoneOffset.UTC).plusDays(3).truncatedTo(
                ChronoUnit.SECONDS));

        String followUp = "Puddy" + unique().replaceAll("[0-9]", "p");
        api.as("acme-rep", "acme.localhost").body(Map.of("firstName", "David", "lastName", followUp, "company",
                "Saab of Manhattan", "nextFollowUpAt", OffsetDateTime.now(ZoneOffset.UTC).minusDays(1)
                        .truncatedTo(ChronoUnit.SECONDS).toString()))
                .post("/api/v1/leads").then().statusCode(201);
        String callOn = contact("acme-rep", "Jackie", "Chiles" + unique().replaceAll("[0-9]", "c"));
        String outcome = "Meeting booked";
        api.as("acme-rep", "acme.localhost").body(Map.of("outcome", outcome, "completedAt",
                OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1).truncatedTo(ChronoUnit.SECONDS).toString()))
                .post("/api/v1/contacts/" + callOn + "/calls").then().statusCode(201);

        browser.open(acme() + "/");
        browser.waitFor(By.id("username"));
        String idBeforeLogin = sessionCookie(browser.allCookies()).map(c -> (String) c.get("value")).orElseThrow();
        signInAtKeycloak("acme-rep");

        assertThat(browser.text(By.tagName("h1"))).isEqualTo("My day");
        assertThat(URI.create(browser.driver.getCurrentUrl()).getPath()).isEqualTo("/console/my-day.xhtml");
        assertThat(browser.text(By.id("signed-in-user"))).isEqualTo("Signed in as acme-rep");
        Map<String, Object> session = sessionCookie(browser.allCookies()).orElseThrow();
        assertThat(session.get("value")).as("a new session id at login").isNotEqualTo(idBeforeLogin);
        assertThat(session.get("httpOnly")).isEqualTo(true);
        assertThat(session.get("sameSite")).isEqualTo("Lax");
        By overdueRow = By.xpath("//tr[.//span[@class='task-title' and text()='" + overdue + "']]");
        assertThat(browser.text(overdueRow)).contains("Overdue");
        assertThat(browser.driver.findElements(By.xpath("//span[text()='" + later + "']"))).isEmpty();
        assertThat(browser.text(By.id("followUpList"))).contains("David " + followUp, "Saab of Manhattan", "Overdue");
        assertThat(browser.text(By.id("recentList"))).contains("Call: " + outcome);
        expectCleanScreen("My day");

        browser.clickWithin(overdueRow, By.cssSelector("button.complete-task"));
        browser.waiting().until(ExpectedConditions.invisibilityOfElementLocated(overdueRow));
        assertThat(browser.text(By.cssSelector(".message-info"))).contains("completed");
        assertThat(api.as("acme-rep", "acme.localhost").get("/api/v1/tasks/" + overdueId).then().statusCode(200)
                .extract().<String>path("status")).isEqualTo("completed");
        expectCleanScreen("My day after completing");
    }

    /** The default pipeline's open stages as (id, name), in order. */
    private List<Map<String, Object>> openStages() {
        List<Map<String, Object>> pipelines = api.as("acme-rep", "acme.localhost").get("/api/v1/pipelines").then()
                .statusCode(200).extract().jsonPath().getList("$");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> stages = (List<Map<String, Object>>) pipelines.stream()
                .filter(p -> Boolean.TRUE.equals(p.get("defaultPipeline"))).findFirst().orElseThrow().get("stages");
        return stages.stream().filter(s -> !Boolean.TRUE.equals(s.get("won")) && !Boolean.TRUE.equals(s.get("lost")))
                .toList();
    }

    private String deal(String user, String name) {
        return api.as(user, "acme.localhost").body(Map.of("name", name, "value", "1200.00", "currency", "EUR"))
                .post("/api/v1/deals").then().statusCode(201).extract().path("id");
    }

    private String stageOf(String dealId) {
        return api.as("acme-admin", "acme.localhost").get("/api/v1/deals/" + dealId).then().statusCode(200)
                .extract().path("stageId");
    }

    private static By card(String dealName) {
        return By.xpath("//div[contains(@class,'deal-card')][.//*[contains(@class,'deal-name') and text()='"
                + dealName + "']]");
    }

    private static By column(String stageName) {
        return By.xpath("//div[contains(@class,'kanban-column')][.//h2[normalize-space()='" + stageName + "']]");
    }

    private void moveByMenu(String dealName, String stageName) {
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(card(dealName))
                .findElement(By.cssSelector("select.move-to"))).selectByVisibleText(stageName);
    }

    /** The page's message once it starts with {@code start} (the Ajax update replaces the previous one). */
    private String message(String start) {
        return browser.waiting().ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            String text = d.findElement(By.cssSelector(".messages li")).getText();
            return text.contains(start) ? text : null;
        });
    }

    private String globexId(String collection, String query) {
        List<String> ids = api.as("globex-rep", "globex.localhost").queryParam("q", query)
                .get("/api/v1/" + collection).then().statusCode(200).extract().path("results.id");
        assertThat(ids).as(collection + " matching " + query).hasSize(1);
        return ids.get(0);
    }

    /**
     * The pictures in docs/images: globex's sample records (the control plane's sample data, owned by globex-rep and
     * globex-admin) as globex-rep sees them, taken first, before the other tests add their own records.
     */
    @Test
    @Order(1)
    void theSampleTenantsScreensAsARepSeesThem() {
        browser.open(globex() + "/");
        signInAtKeycloak("globex-rep");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("My day");
        assertThat(browser.text(By.id("myday:tasks"))).contains("Send the revised ERP proposal", "Overdue");
        assertThat(browser.text(By.id("followUpList"))).contains("Grace Hopper", "Cobalt Systems");
        assertThat(browser.text(By.id("recentList"))).contains("Call: ");
        expectCleanScreen("My day of the sample tenant");
        picture("my-day");

        browser.open(globex() + "/console/pipeline.xhtml");
        browser.waitFor(By.cssSelector(".deal-card"));
        assertThat(browser.text(By.id("board"))).contains("Northwind ERP rollout", "Contoso support renewal",
                "Fabrikam data platform", "Tailspin holiday catalogue");
        expectCleanScreen("pipeline of the sample tenant");
        picture("pipeline");

        browser.open(globex() + "/console/contact.xhtml?id=" + globexId("contacts", "Davolio"));
        browser.waitFor(By.id("timeline"));
        assertThat(timelineText()).contains("On-site workshop", "Walked through their order process");
        expectCleanScreen("360 page of a sample contact");
        picture("contact-360");

        browser.open(globex() + "/console/deal.xhtml?id=" + globexId("deals", "Northwind ERP"));
        browser.waitFor(By.id("timeline"));
        assertThat(timelineText()).contains("Send the revised ERP proposal", "On-site workshop");
        expectCleanScreen("360 page of a sample deal");
        picture("deal-360");

        browser.open(globex() + "/console/leads.xhtml");
        browser.waitFor(By.id("records:query"));
        assertThat(browser.text(By.id("records"))).contains("Hopper", "Turing", "Lovelace");
        picture("leads");
        browser.open(globex() + "/console/contacts.xhtml");
        browser.waitFor(By.id("records:query"));
        assertThat(browser.text(By.id("records"))).contains("Davolio", "Lindqvist");
        picture("contacts");
    }

    @Test
    void aRepMovesTheirDealByDragAndDropAndByMenuButNotSomeoneElsesNorAStaleOne() {
        List<Map<String, Object>> stages = openStages();
        assertThat(stages).hasSizeGreaterThanOrEqualTo(3);
        String mine = "Initech renewal " + unique();
        String theirs = "Globochem expansion " + unique();
        String mineId = deal("acme-rep", mine);
        String theirsId = deal("acme-manager", theirs);

        browser.open(acme() + "/console/pipeline.xhtml");
        signInAtKeycloak("acme-rep");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Pipeline");
        browser.waitFor(card(mine));
        assertThat(browser.driver.findElement(column((String) stages.get(0).get("name"))).getText()).contains(mine,
                theirs);
        expectCleanScreen("pipeline");

        new org.openqa.selenium.interactions.Actions(browser.driver).dragAndDrop(browser.driver.findElement(card(
                mine)), browser.driver.findElement(column((String) stages.get(1).get("name")))).perform();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".messages"),
                "moved to " + stages.get(1).get("name")));
        assertThat(stageOf(mineId)).isEqualTo(stages.get(1).get("id"));
        browser.driver.navigate().refresh();
        browser.waitFor(card(mine));
        assertThat(browser.driver.findElement(column((String) stages.get(1).get("name"))).getText()).contains(mine);

        moveByMenu(mine, (String) stages.get(2).get("name"));
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".messages"),
                "moved to " + stages.get(2).get("name")));
        assertThat(stageOf(mineId)).isEqualTo(stages.get(2).get("id"));

        moveByMenu(theirs, (String) stages.get(1).get("name"));
        assertThat(message("You may not"))
                .isEqualTo("You may not move deal \"" + theirs + "\": it belongs to acme-manager.");
        assertThat(stageOf(theirsId)).isEqualTo(stages.get(0).get("id"));

        // someone renames the deal while the board shows the old version: the move must not overwrite it
        api.as("acme-rep", "acme.localhost").body(Map.of("name", mine + " (renamed)"))
                .patch("/api/v1/deals/" + mineId).then().statusCode(200);
        moveByMenu(mine, (String) stages.get(0).get("name"));
        assertThat(message("Someone changed")).startsWith("Someone changed deal \"" + mine + "\" meanwhile");
        assertThat(stageOf(mineId)).isEqualTo(stages.get(2).get("id"));
        browser.waitFor(card(mine + " (renamed)"));
        expectCleanScreen("pipeline after moves");
    }

    /** The numbers of one dashboard table: key → value, as the page shows them. */
    private Map<String, String> dashboardNumbers(String table) {
        Map<String, String> numbers = new java.util.LinkedHashMap<>();
        for (var row : browser.driver.findElements(By.cssSelector("#" + table + " tr"))) {
            numbers.put(row.getAttribute("data-key"), row.findElement(By.cssSelector("td")).getText());
        }
        return numbers;
    }

    @Test
    void theDashboardShowsTheReportsNumbersForWhoeverLooks() {
        String from = java.time.LocalDate.now(ZoneOffset.UTC).minusDays(60).toString();
        api.as("acme-rep", "acme.localhost").body(Map.of("lastName", "Dashboard " + unique(), "source", "web"))
                .post("/api/v1/leads").then().statusCode(201);
        for (String user : List.of("acme-admin", "acme-rep")) {
            browser.forgetEverything();
            browser.open(acme() + "/console/dashboard.xhtml?from=" + from);
            signInAtKeycloak(user);
            browser.waitFor(By.id("funnelNumbers"));
            io.restassured.path.json.JsonPath funnel = api.as(user, "acme.localhost").queryParam("from", from)
                    .get("/api/v1/reports/lead-funnel").then().statusCode(200).extract().jsonPath();
            Map<String, String> shown = dashboardNumbers("funnelNumbers");
            assertThat(shown.get("new")).as(user).isEqualTo(funnel.getString("total.leads"));
            for (String stage : List.of("contacted", "replied", "scheduled", "proposal", "closed_won")) {
                assertThat(shown.get(stage)).as(user + " " + stage).isEqualTo(funnel.getString("total.reached."
                        + stage));
            }
            io.restassured.path.json.JsonPath stages = api.as(user, "acme.localhost").queryParam("from", from)
                    .get("/api/v1/reports/time-in-stage").then().statusCode(200).extract().jsonPath();
            Map<String, String> openDeals = dashboardNumbers("stagesNumbers");
            List<Map<String, Object>> stageRows = stages.getList("rows");
            assertThat(openDeals).hasSize(stageRows.size());
            for (Map<String, Object> row : stageRows) {
                assertThat(openDeals.get(row.get("pipeline") + "/" + row.get("stage"))).isEqualTo(String.valueOf(row
                        .get("openDeals")));
            }
            io.restassured.path.json.JsonPath activities = api.as(user, "acme.localhost").queryParam("from", from)
                    .get("/api/v1/reports/activities").then().statusCode(200).extract().jsonPath();
            Map<String, String> perRep = dashboardNumbers("activitiesNumbers");
            List<Map<String, Object>> activityRows = activities.getList("rows");
            assertThat(perRep).hasSize(activityRows.size());
            activityRows.forEach(row -> assertThat(perRep.get((String) row.get("rep"))).isEqualTo(String.valueOf(row
                    .get("total"))));
            io.restassured.path.json.JsonPath email = api.as(user, "acme.localhost").queryParam("from", from)
                    .get("/api/v1/reports/email-performance").then().statusCode(200).extract().jsonPath();
            Map<String, String> rates = dashboardNumbers("emailNumbers");
            assertThat(rates.get("sent")).isEqualTo(email.getString("total.sent"));
            assertThat(rates.get("openRate")).isEqualTo(email.getString("total.openRate") == null
                    ? ""
                    : email.getString("total.openRate"));
            List<Map<String, Object>> months = api.as(user, "acme.localhost").queryParam("from", from).queryParam(
                    "groupBy", "month").get("/api/v1/reports/win-rate").then().statusCode(200).extract().path("rows");
            assertThat(dashboardNumbers("winRatesNumbers")).hasSize(months.size());
            // five charts, drawn by Chart.js on their canvases
            assertThat(browser.driver.findElements(By.cssSelector("#dashboard canvas"))).hasSize(5);
            expectCleanScreen("dashboard as " + user);
        }
        picture("dashboard");
    }

    @Test
    void aReadOnlyUserSeesTheBoardWithoutMoveControls() {
        String name = "Viewer-visible deal " + unique();
        deal("acme-rep", name);
        browser.open(acme() + "/console/pipeline.xhtml");
        signInAtKeycloak("acme-viewer");
        browser.waitFor(card(name));
        assertThat(browser.driver.findElement(card(name)).findElements(By.cssSelector("select.move-to"))).isEmpty();
        assertThat(browser.driver.findElements(By.cssSelector(".ui-draggable"))).isEmpty();
        expectCleanScreen("pipeline, read-only");
    }

    private String contact(String user, String firstName, String lastName) {
        return api.as(user, "acme.localhost").body(Map.of("firstName", firstName, "lastName", lastName, "email",
                firstName.toLowerCase() + "." + lastName.toLowerCase() + "@example.com")).post("/api/v1/contacts")
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void theContactsListSearchesAndTagsTheSelectedButOnlyWhatTheUserMayChange() {
        // letters only: one full-text token, whatever the text search configuration does with digits
        String family = "Qz" + unique().replaceAll("[0-9]", "q");
        String ada = contact("acme-rep", "Ada", family);
        String bob = contact("acme-rep", "Bob", family);
        String cy = contact("acme-manager", "Cy", family);
        String tag = "vip" + unique().replaceAll("[0-9]", "v");

        browser.open(acme() + "/console/contacts.xhtml");
        signInAtKeycloak("acme-rep");
        searchTheList(family, "3 contacts shown");
        expectCleanScreen("contacts");

        for (var row : browser.driver.findElements(By.cssSelector("#records\\:list tbody tr"))) {
            row.findElement(By
                    .cssSelector("td.ui-selection-column .ui-chkbox-box, td.ui-selection-column input[type=checkbox]"))
                    .click();
        }
        browser.driver.findElement(By.id("records:newTag")).sendKeys(tag);
        browser.driver.findElement(By.id("records:addTag")).click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".messages"),
                "2 records tagged"));
        assertThat(browser.text(By.cssSelector(".message-error"))).startsWith("1 record was left unchanged")
                .contains("Cy " + family);
        for (String id : List.of(ada, bob)) {
            assertThat(api.as("acme-rep", "acme.localhost").get("/api/v1/contacts/" + id).then().statusCode(200)
                    .extract().<List<String>>path("tags")).contains(tag);
        }
        assertThat(api.as("acme-rep", "acme.localhost").get("/api/v1/contacts/" + cy).then().statusCode(200)
                .extract().<List<String>>path("tags")).doesNotContain(tag);

        browser.driver.findElement(By.id("records:query")).clear();
        browser.driver.findElement(By.id("records:tagFilter")).sendKeys(tag);
        browser.driver.findElement(By.id("records:searchButton")).click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".shown-count"),
                "2 contacts shown"));
        assertThat(browser.text(By.id("records:list"))).contains("Ada " + family, "Bob " + family)
                .doesNotContain("Cy " + family);
        expectCleanScreen("contacts filtered by tag");
    }

    @Test
    void aReadOnlyUserSeesTheirTasksWithoutEditControls() {
        String title = "Read the board minutes " + unique();
        task("acme-admin", "acme-viewer", title, OffsetDateTime.now(ZoneOffset.UTC).minusHours(1));

        browser.open(acme() + "/");
        signInAtKeycloak("acme-viewer");

        By row = By.xpath("//tr[.//span[@class='task-title' and text()='" + title + "']]");
        browser.waitFor(row);
        assertThat(browser.driver.findElement(row).findElements(By.cssSelector("button.complete-task"))).isEmpty();
        expectCleanScreen("My day, read-only");
    }

    @Test
    void anotherTenantsUserGetsTheRefusalPageAndSignsOut() {
        browser.open(acme() + "/");
        signInAtKeycloak("globex-rep");

        assertThat(browser.text(By.tagName("h1"))).isEqualTo("This is another company's workspace");
        expectCleanScreen("refusal page", "403");
        browser.driver.findElement(By.cssSelector("form button[type=submit]")).click();
        browser.waitFor(By.id("username")); // Keycloak's session ended: it asks again
    }

    @Test
    void aSessionRenewsItsAccessTokenWithoutAskingAgain() throws InterruptedException {
        browser.open(acme() + "/");
        signInAtKeycloak("acme-rep");
        browser.waitFor(By.id("sign-out"));
        // without Keycloak's own session cookie, only the refresh token can keep the console signed in
        browser.driver.executeCdpCommand("Network.deleteCookies", Map.of("name", "KEYCLOAK_IDENTITY", "domain",
                "localhost"));
        browser.driver.executeCdpCommand("Network.deleteCookies", Map.of("name", "KEYCLOAK_SESSION", "domain",
                "localhost"));
        Thread.sleep(CrmInfrastructure.CONSOLE_TOKEN_LIFESPAN.plusSeconds(2).toMillis());

        browser.open(acme() + "/console/my-day.xhtml");
        assertThat(browser.text(By.id("signed-in-user"))).isEqualTo("Signed in as acme-rep");
        assertThat(browser.driver.getCurrentUrl()).startsWith(acme());
    }

    @Test
    void signingOutEndsTheKeycloakSessionToo() {
        browser.open(acme() + "/");
        signInAtKeycloak("acme-manager");
        browser.waitFor(By.id("sign-out"));
        // a sign-out without the session's form token (what a cross-site form would send) is refused
        Object forged = browser.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/auth/logout', {method: 'POST', body: new URLSearchParams({formToken: 'forged'}),"
                + " redirect: 'manual'}).then(r => done(r.status));");
        assertThat(((Number) forged).intValue()).isEqualTo(400);
        browser.open(acme() + "/console/my-day.xhtml");
        assertThat(browser.text(By.id("signed-in-user"))).isEqualTo("Signed in as acme-manager");
        browser.consoleErrors("/auth/logout"); // the refused fetch's 400 is logged; it is the point of the check

        browser.driver.findElement(By.id("sign-out")).click();

        browser.waitFor(By.id("username"));
        browser.open(acme() + "/console/my-day.xhtml");
        browser.waitFor(By.id("username")); // not signed in again silently by Keycloak's SSO cookie
        assertThat(browser.driver.getCurrentUrl()).startsWith(keycloak());
    }

    @Test
    void theApexServesTheOperatorConsoleToOperatorsOnly() {
        browser.open(apex() + "/");
        signInAtKeycloak("operator");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Tenants");
        assertThat(browser.text(By.id("tenantsForm:tenants"))).contains("acme", "globex");
        assertThat(browser.text(By.id("health"))).contains("database", "UP", "fsync");
        expectCleanScreen("operator tenants");

        browser.forgetEverything();
        browser.open(apex() + "/");
        signInAtKeycloak("acme-admin");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Platform operators only");
        expectCleanScreen("operator refusal", "403");
    }

    @Test
    void theApiNeverRedirectsAndTheLoginCannotBeForged() {
        int port = base.getPort();
        Response me = given().baseUri("http://127.0.0.1:" + port).header("Host", "acme.localhost:" + port)
                .redirects().follow(false).get("/api/v1/me");
        assertThat(me.statusCode()).isEqualTo(401);
        assertThat(me.contentType()).startsWith("application/problem+json");
        assertThat(me.header("Location")).isNull();

        Response root = given().baseUri("http://127.0.0.1:" + port).header("Host", "acme.localhost:" + port)
                .redirects().follow(false).get("/");
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.header("Location")).endsWith("/console/my-day.xhtml");
        Response apexRoot = given().baseUri("http://127.0.0.1:" + port).header("Host", "localhost:" + port)
                .redirects().follow(false).get("/");
        assertThat(apexRoot.header("Location")).endsWith("/console/operator/tenants.xhtml");

        Response login = given().baseUri("http://127.0.0.1:" + port).header("Host", "acme.localhost:" + port)
                .redirects().follow(false).get("/console/my-day.xhtml");
        assertThat(login.statusCode()).isEqualTo(302);
        URI authorization = URI.create(login.header("Location"));
        assertThat(authorization.toString()).startsWith(keycloak() + "/realms/crm/protocol/openid-connect/auth?");
        assertThat(authorization.getQuery()).contains("response_type=code", "client_id=crm-console",
                "code_challenge_method=S256", "redirect_uri=http://acme.localhost:" + port + "/auth/callback")
                .containsPattern("state=[A-Za-z0-9_-]{43}").containsPattern("nonce=[A-Za-z0-9_-]{43}")
                .containsPattern("code_challenge=[A-Za-z0-9_-]{43}");

        // a callback whose state this browser never began (a forged or replayed login) is refused
        Response forged = given().baseUri("http://127.0.0.1:" + port).header("Host", "acme.localhost:" + port)
                .cookie("JSESSIONID", login.cookie("JSESSIONID")).redirects().follow(false)
                .get("/auth/callback?state=forged&code=whatever");
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.contentType()).startsWith("text/html");
        assertThat(forged.asString()).contains("Sign-in did not finish").doesNotContain("Exception");

        // hosts that are no served tenant never reach Keycloak
        Response unknownTenant = given().baseUri("http://127.0.0.1:" + port).header("Host", "nosuch.localhost:"
                + port).redirects().follow(false).get("/console/my-day.xhtml");
        assertThat(unknownTenant.statusCode()).isEqualTo(404);
        Response suspended = given().baseUri("http://127.0.0.1:" + port).header("Host", "umbrella.localhost:"
                + port).redirects().follow(false).get("/console/my-day.xhtml");
        assertThat(suspended.statusCode()).isEqualTo(403);
        assertThat(suspended.asString()).contains("Workspace suspended");
    }

    // --- 360 pages ---

    private void openRecord(String kind, String id, String user) {
        browser.open(acme() + "/console/" + kind + ".xhtml?id=" + id);
        signInAtKeycloak(user);
        browser.waitFor(By.id("timeline"));
    }

    /** Opens a dialog of a 360 page and waits until its first input can be typed into. */
    private void openDialog(String button, String firstInput) {
        browser.driver.findElement(By.id(button)).click();
        browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id(firstInput)));
    }

    private String timelineText() {
        return browser.text(By.cssSelector("#timeline ol.timeline"));
    }

    /**
     * Sending from a contact's 360 page: an invalid address is refused at the field; sent, the timeline shows the
     * e-mail at once and the mail server (the suite's GreenMail) gets it once.
     */
    @Test
    void aRepSendsAnEmailFromAContactsPageAndTheMailServerGetsItOnce() {
        String family = "Mailer" + unique().replaceAll("[0-9]", "m");
        String id = contact("acme-rep", "Eve", family);
        String subject = "Renewal terms for " + family;
        openRecord("contact", id, "acme-rep");
        openDialog("openEmail", "emailForm:to");
        browser.driver.findElement(By.id("emailForm:to")).sendKeys("not-an-address");
        browser.driver.findElement(By.id("emailForm:subject")).sendKeys(subject);
        browser.driver.findElement(By.id("emailForm:body")).sendKeys("Hi Eve, here are the terms.");
        expectCleanScreen("e-mail dialog");
        browser.driver.findElement(By.id("emailForm:sendEmail")).click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#emailForm .field-error"), "To"));
        browser.driver.findElement(By.id("emailForm:to")).clear(); // empty: the contact's own address
        browser.driver.findElement(By.id("emailForm:sendEmail")).click();
        assertThat(message("E-mail queued")).startsWith("E-mail queued");
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#timeline"),
                subject));
        assertThat(timelineText()).contains("To: eve." + family.toLowerCase() + "@example.com");
        browser.waiting().until(d -> java.util.Arrays.stream(CrmInfrastructure.services().mail().greenMail()
                .getReceivedMessages()).filter(m -> {
                    try {
                        return subject.equals(m.getSubject());
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                }).count() == 1);
        expectCleanScreen("contact 360 after sending");
    }

    /**
     * The e-mail dialog's template picker: "Fill in" renders the template for this contact into subject and text
     * (the preview); sent unchanged it goes as the template (counted in its figures), and the mail server gets it.
     */
    @Test
    void aRepFillsAnEmailInFromATemplateAndSendsIt() {
        String family = "Tpl" + unique().replaceAll("[0-9]", "t");
        String id = contact("acme-rep", "Tia", family);
        String template = api.as("acme-admin", "acme.localhost").body(Map.of("name", "Offer " + unique(), "subject",
                "Offer for {{contact.firstName}} " + family, "body", "Dear {{contact.firstName}}, here it is."))
                .post("/api/v1/email-templates").then().statusCode(201).extract().path("id");
        openRecord("contact", id, "acme-rep");
        openDialog("openEmail", "emailForm:to");
        browser.driver.findElement(By.id("emailForm:fillTemplate")).click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(
                "#emailForm .field-error"), "Choose a template"));
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("emailForm:template")))
                .selectByValue(template);
        browser.driver.findElement(By.id("emailForm:fillTemplate")).click();
        browser.waiting().ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(
                ExpectedConditions.attributeToBe(By.id("emailForm:subject"), "value", "Offer for Tia " + family));
        assertThat(browser.driver.findElement(By.id("emailForm:body")).getAttribute("value"))
                .isEqualTo("Dear Tia, here it is.");
        expectCleanScreen("e-mail dialog filled in from a template");
        browser.driver.findElement(By.id("emailForm:sendEmail")).click();
        assertThat(message("E-mail queued")).startsWith("E-mail queued");
        browser.waiting().until(d -> java.util.Arrays.stream(CrmInfrastructure.services().mail().greenMail()
                .getReceivedMessages()).filter(m -> {
                    try {
                        return ("Offer for Tia " + family).equals(m.getSubject());
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                }).count() == 1);
        browser.waiting().until(d -> api.as("acme-admin", "acme.localhost").get("/api/v1/email-templates/"
                + template).then().statusCode(200).extract().jsonPath().getInt("statistics.sent") == 1);
    }

    @Test
    void aRepLogsACallAndAMeetingOnAContactAndSeesThemOnTheTimelineWithoutAReload() {
        String family = "Lovelace" + unique().replaceAll("[0-9]", "l");
        String id = contact("acme-rep", "Ada", family);
        openRecord("contact", id, "acme-rep");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Ada " + family);
        assertThat(browser.text(By.cssSelector("#timeline"))).contains("Nothing on the timeline yet.");
        expectCleanScreen("contact 360");
        // a marker that survives an Ajax update but not a page load: the timeline must grow without a reload
        ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript("window.sameDocument = true;");

        openDialog("openCall", "callForm:outcome");
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("callForm:outcome")))
                .selectByVisibleText("Connected");
        browser.driver.findElement(By.id("callForm:durationSeconds")).sendKeys("12");
        browser.driver.findElement(By.id("callForm:body")).sendKeys("Walked through the renewal terms");
        browser.driver.findElement(By.id("callForm:objections")).sendKeys("Price per seat");
        browser.driver.findElement(By.id("callForm:nextSteps")).sendKeys("Send the revised quote");
        expectCleanScreen("log-a-call dialog");
        browser.driver.findElement(By.id("callForm:logCall")).click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#timeline"),
                "Connected · 12 min"));
        assertThat(timelineText()).contains("Walked through the renewal terms", "Objections: Price per seat",
                "Next steps: Send the revised quote", "acme-rep");
        assertThat(message("Call logged")).isEqualTo("Call logged.");
        browser.waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("callForm:outcome")));

        // a meeting without a subject is refused at the field, the dialog stays open with what was typed
        openDialog("openMeeting", "meetingForm:subject");
        browser.driver.findElement(By.id("meetingForm:location")).sendKeys("Their office");
        browser.driver.findElement(By.id("meetingForm:logMeeting")).click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#meetingForm .field-error"), "Subject"));
        assertThat(browser.driver.findElement(By.id("meetingForm:subject")).isDisplayed()).isTrue();
        assertThat(browser.driver.findElement(By.id("meetingForm:location")).getAttribute("value"))
                .isEqualTo("Their office");
        expectCleanScreen("meeting dialog with a refusal");
        browser.driver.findElement(By.id("meetingForm:subject")).sendKeys("Renewal workshop");
        browser.driver.findElement(By.id("meetingForm:attendees")).sendKeys("ada@example.com, Grace Hopper");
        ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript(
                "document.getElementById('meetingForm:scheduledFor').value = '2026-12-24T10:30';");
        browser.driver.findElement(By.id("meetingForm:logMeeting")).click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#timeline"),
                "Renewal workshop at Their office"));
        assertThat(timelineText()).contains("Attendees: ada@example.com, Grace Hopper");
        assertThat((Boolean) ((org.openqa.selenium.JavascriptExecutor) browser.driver)
                .executeScript("return window.sameDocument === true;")).as("no page reload").isTrue();

        // what the API sees is what the console logged: the same boundary, the same rules
        List<Map<String, Object>> entries = api.as("acme-rep", "acme.localhost")
                .get("/api/v1/contacts/" + id + "/timeline").then().statusCode(200).extract().jsonPath()
                .getList("results");
        assertThat(entries).extracting(e -> e.get("type")).containsExactly("MEETING", "CALL");
        @SuppressWarnings("unchecked")
        Map<String, Object> call = (Map<String, Object>) entries.get(1).get("activity");
        assertThat(call).containsEntry("outcome", "Connected").containsEntry("durationSeconds", 720)
                .containsEntry("objections", "Price per seat").containsEntry("author", "acme-rep");
        @SuppressWarnings("unchecked")
        Map<String, Object> meeting = (Map<String, Object>) entries.get(0).get("activity");
        assertThat(meeting.get("scheduledFor")).isEqualTo("2026-12-24T10:30:00Z");

        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("timeline:kind")))
                .selectByVisibleText("Call");
        browser.waiting().until(ExpectedConditions.not(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#timeline"), "Renewal workshop")));
        assertThat(timelineText()).contains("Connected · 12 min");
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("timeline:kind")))
                .selectByVisibleText("Everything");
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#timeline"),
                "Renewal workshop"));
        expectCleanScreen("contact 360 with entries");
    }

    @Test
    void editingAFieldAtAStaleVersionShowsAMessageInsteadOfOverwriting() {
        String family = "Hopper" + unique().replaceAll("[0-9]", "h");
        String id = contact("acme-rep", "Grace", family);
        openRecord("contact", id, "acme-rep");

        browser.driver.findElement(By.id("fields:edit")).click();
        browser.waitFor(By.id("fields:title"));
        browser.driver.findElement(By.id("fields:title")).sendKeys("CTO");
        expectCleanScreen("contact fields in edit");
        // meanwhile someone else changes the contact through the API
        api.as("acme-rep", "acme.localhost").body(Map.of("title", "CEO")).patch("/api/v1/contacts/" + id).then()
                .statusCode(200);
        browser.driver.findElement(By.id("fields:save")).click();
        assertThat(message("Someone changed")).startsWith("Someone changed this record meanwhile");
        assertThat(api.as("acme-rep", "acme.localhost").get("/api/v1/contacts/" + id).then().statusCode(200)
                .extract().<String>path("title")).isEqualTo("CEO");
        assertThat(browser.text(By.id("fields:titleShown"))).isEqualTo("CEO");

        browser.driver.findElement(By.id("fields:edit")).click();
        browser.waitFor(By.id("fields:title"));
        browser.driver.findElement(By.id("fields:title")).clear();
        browser.driver.findElement(By.id("fields:title")).sendKeys("CTO");
        browser.driver.findElement(By.id("fields:email")).clear();
        browser.driver.findElement(By.id("fields:email")).sendKeys("not an address");
        browser.driver.findElement(By.id("fields:save")).click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#fields .field-error"), "E-mail"));
        assertThat(browser.driver.findElement(By.id("fields:title")).getAttribute("value")).isEqualTo("CTO");
        browser.driver.findElement(By.id("fields:email")).clear();
        browser.driver.findElement(By.id("fields:save")).click();
        assertThat(message("Saved")).isEqualTo("Saved.");
        Map<String, Object> stored = api.as("acme-rep", "acme.localhost").get("/api/v1/contacts/" + id).then()
                .statusCode(200).extract().jsonPath().getMap("$");
        assertThat(stored).containsEntry("title", "CTO");
        assertThat(stored.get("email")).isNull();
        browser.driver.findElement(By.cssSelector(".record-history summary")).click();
        assertThat(browser.text(By.cssSelector(".history-table"))).contains("title: CEO → CTO", "email");
    }

    @Test
    void aLeadIsConvertedFromItsPageIntoAContactAccountAndDeal() {
        String company = "Vandelay " + unique().replaceAll("[0-9]", "v");
        String leadId = api.as("acme-rep", "acme.localhost").body(Map.of("firstName", "Art", "lastName",
                "Vandelay", "company", company, "email", "art." + unique() + "@example.com", "estimatedValue",
                "5000.00", "currency", "EUR")).post("/api/v1/leads").then().statusCode(201).extract().path("id");
        openRecord("lead", leadId, "acme-rep");
        assertThat(browser.text(By.id("recordHeader"))).contains(company, "New");
        expectCleanScreen("lead 360");

        openDialog("openConvert", "convertForm:createDeal");
        browser.driver.findElement(By.id("convertForm:createDeal")).click();
        expectCleanScreen("convert dialog");
        browser.driver.findElement(By.id("convertForm:convert")).click();
        assertThat(message("Lead converted")).isEqualTo("Lead converted.");
        Map<String, Object> lead = api.as("acme-rep", "acme.localhost").get("/api/v1/leads/" + leadId).then()
                .statusCode(200).extract().jsonPath().getMap("$");
        assertThat(lead.get("convertedContactId")).isNotNull();
        assertThat(lead.get("convertedAccountId")).isNotNull();
        assertThat(lead.get("convertedDealId")).isNotNull();
        assertThat(browser.driver.findElements(By.id("openConvert"))).isEmpty();

        browser.driver.findElement(By.id("convertedDeal")).click();
        browser.waitFor(By.id("timeline"));
        assertThat(browser.text(By.tagName("h1"))).isEqualTo(company);
        assertThat(browser.text(By.id("recordHeader"))).contains("5000.00 EUR", company);
        expectCleanScreen("deal 360");
    }

    @Test
    void aDealIsLostWithAReasonAtTheVersionShownAndReopened() {
        String name = "Kramerica " + unique();
        String id = deal("acme-rep", name);
        openRecord("deal", id, "acme-rep");
        openDialog("closeForm:openLose", "loseForm:lostReason");
        browser.driver.findElement(By.id("loseForm:lose")).click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#loseForm .field-error"), "Reason"));
        browser.driver.findElement(By.id("loseForm:lostReason")).sendKeys("Budget cut");
        browser.driver.findElement(By.id("loseForm:competitor")).sendKeys("Pendant Publishing");
        browser.driver.findElement(By.id("loseForm:lose")).click();
        assertThat(message("Deal marked lost")).isEqualTo("Deal marked lost.");
        Map<String, Object> lost = api.as("acme-rep", "acme.localhost").get("/api/v1/deals/" + id).then()
                .statusCode(200).extract().jsonPath().getMap("$");
        assertThat(lost).containsEntry("status", "lost").containsEntry("lostReason", "Budget cut")
                .containsEntry("competitor", "Pendant Publishing");
        assertThat(browser.text(By.id("recordHeader"))).contains("Lost: Budget cut (competitor: Pendant Publishing)");
        assertThat(timelineText()).contains("Moved from");

        browser.driver.findElement(By.id("closeForm:reopen")).click();
        assertThat(message("Deal reopened")).isEqualTo("Deal reopened.");
        assertThat(api.as("acme-rep", "acme.localhost").get("/api/v1/deals/" + id).then().statusCode(200)
                .extract().<String>path("status")).isEqualTo("open");
        expectCleanScreen("deal 360 after reopening");
    }

    @Test
    void anotherTenantsOrAnUnknownRecordIdGivesTheNotFoundPage() {
        String globexContact = api.as("globex-rep", "globex.localhost").body(Map.of("firstName", "Hank",
                "lastName", "Scorpio")).post("/api/v1/contacts").then().statusCode(201).extract().path("id");
        browser.open(acme() + "/console/contact.xhtml?id=" + globexContact);
        signInAtKeycloak("acme-rep");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Page not found");
        assertThat(browser.driver.getPageSource()).doesNotContain("Scorpio");
        expectCleanScreen("404 for another tenant's contact", "404");
        for (String address : List.of("/console/deal.xhtml?id=" + UUID.randomUUID(), "/console/lead.xhtml?id=nope",
                "/console/account.xhtml")) {
            browser.open(acme() + address);
            assertThat(browser.text(By.tagName("h1"))).as(address).isEqualTo("Page not found");
        }
    }

    @Test
    void aReadOnlyUserSeesARecordWithoutEditOrLogControls() {
        String id = contact("acme-rep", "Viv", "Readonly" + unique().replaceAll("[0-9]", "r"));
        openRecord("contact", id, "acme-viewer");
        assertThat(browser.driver.findElements(By.id("fields:edit"))).isEmpty();
        assertThat(browser.driver.findElements(By.id("openCall"))).isEmpty();
        assertThat(browser.driver.findElements(By.id("callForm"))).isEmpty();
        expectCleanScreen("contact 360, read-only");
    }

    private By tenantRow(String slug) {
        return By.xpath("//tr[.//span[@class='tenant-slug' and text()='" + slug + "']]");
    }

    private void waitForTenantStatus(String slug, String status) {
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(
                By.xpath("//tr[.//span[@class='tenant-slug' and text()='" + slug + "']]//span[@class='tenant-status']"),
                status));
    }

    @Test
    void anOperatorProvisionsSuspendsResumesDeletesAndRestoresATenantAndFollowsTheRequests() throws Exception {
        String slug = "c" + unique().replaceAll("[^a-z0-9]", "");
        browser.open(apex() + "/");
        signInAtKeycloak("operator");
        browser.waitFor(By.id("tenantForm:slug"));

        browser.driver.findElement(By.id("tenantForm:provision")).click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#tenantForm .field-error"), "Address"));
        browser.driver.findElement(By.id("tenantForm:slug")).sendKeys(slug);
        browser.driver.findElement(By.id("tenantForm:name")).sendKeys("Console Co");
        browser.driver.findElement(By.id("tenantForm:adminEmail")).sendKeys("admin@" + slug + ".example");
        browser.driver.findElement(By.id("tenantForm:provision")).click();
        assertThat(message("Provisioning")).startsWith("Provisioning of \"" + slug + "\" requested");
        assertThat(browser.text(By.cssSelector("tr.control-request"))).contains("Provision", slug, "PENDING");

        org.tesseracrm.it.support.ControlPlaneWorker.runOnce();
        // the screen polls while a request is open: no reload
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("tr.control-request .request-status"), "SUCCEEDED"));
        waitForTenantStatus(slug, "ACTIVE");
        expectCleanScreen("operator tenants after provisioning");

        browser.clickWithin(tenantRow(slug), By.cssSelector("button.suspend-tenant"));
        assertThat(message("Suspension")).isEqualTo("Suspension of \"" + slug + "\" requested.");
        org.tesseracrm.it.support.ControlPlaneWorker.runOnce();
        waitForTenantStatus(slug, "SUSPENDED");
        assertThat(api.as("operator", "localhost").get("/api/v1/platform/tenants").then().statusCode(200)
                .extract().<String>path("find { it.slug == '" + slug + "' }.status")).isEqualTo("SUSPENDED");

        browser.clickWithin(tenantRow(slug), By.cssSelector("button.resume-tenant"));
        assertThat(message("Resumption")).isEqualTo("Resumption of \"" + slug + "\" requested.");
        org.tesseracrm.it.support.ControlPlaneWorker.runOnce();
        waitForTenantStatus(slug, "ACTIVE");
        picture("operator-tenants");
        expectCleanScreen("operator tenants after resuming");

        // deleting asks first; "Keep it" changes nothing
        browser.clickWithin(tenantRow(slug), By.cssSelector("button.delete-tenant"));
        browser.waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.confirm-no")));
        assertThat(browser.text(By.cssSelector(".ui-confirm-dialog-message"))).contains(slug, "30 days", "Restore");
        expectCleanScreen("operator tenants, delete confirmation");
        browser.driver.findElement(By.cssSelector("button.confirm-no")).click();
        browser.waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("button.confirm-no")));
        assertThat(browser.driver.findElements(By.cssSelector("tr.control-request")).stream()
                .filter(r -> r.getText().contains("Delete")).toList()).isEmpty();
        browser.clickWithin(tenantRow(slug), By.cssSelector("button.delete-tenant"));
        browser.waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.confirm-yes")))
                .click();
        assertThat(message("Deletion")).isEqualTo("Deletion of \"" + slug + "\" requested.");
        org.tesseracrm.it.support.ControlPlaneWorker.runOnce();
        waitForTenantStatus(slug, "DELETED");
        // within the grace period the tenant comes back with its data
        browser.clickWithin(tenantRow(slug), By.cssSelector("button.restore-tenant"));
        assertThat(message("Resumption")).isEqualTo("Resumption of \"" + slug + "\" requested.");
        org.tesseracrm.it.support.ControlPlaneWorker.runOnce();
        waitForTenantStatus(slug, "ACTIVE");
        expectCleanScreen("operator tenants after restoring");
    }

    private String lead(String user, String firstName, String lastName, String company) {
        return api.as(user, "acme.localhost").body(Map.of("firstName", firstName, "lastName", lastName, "company",
                company)).post("/api/v1/leads").then().statusCode(201).extract().path("id");
    }

    @Test
    void anAdminFiltersLeadsByStatusAndAssignsTheSelectedToARep() {
        String company = "Pendant" + unique().replaceAll("[0-9]", "p");
        String fresh = lead("acme-admin", "Elaine", "Benes", company);
        String contacted = lead("acme-admin", "George", "Costanza", company);
        api.as("acme-admin", "acme.localhost").body(Map.of("status", "contacted"))
                .patch("/api/v1/leads/" + contacted).then().statusCode(200);

        browser.open(acme() + "/console/leads.xhtml");
        signInAtKeycloak("acme-admin");
        browser.waitFor(By.id("records:query"));
        browser.driver.findElement(By.id("records:query")).sendKeys(company);
        browser.driver.findElement(By.id("records:searchButton")).click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".shown-count"),
                "2 leads shown"));
        // the list's form may still be replaced by the search's update: select again if it was
        browser.waiting().ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            new org.openqa.selenium.support.ui.Select(d.findElement(By.id("records:statusFilter")))
                    .selectByVisibleText("Contacted");
            return true;
        });
        browser.driver.findElement(By.id("records:searchButton")).click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".shown-count"),
                "1 lead shown"));
        assertThat(browser.text(By.id("records:list"))).contains("George Costanza", company, "Contacted")
                .doesNotContain("Elaine");
        expectCleanScreen("leads filtered by status");

        browser.driver.findElement(By.cssSelector("#records\\:list tbody tr td.ui-selection-column .ui-chkbox-box"))
                .click();
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("records:newOwner")))
                .selectByVisibleText("acme-rep");
        browser.driver.findElement(By.id("records:assign")).click();
        assertThat(message("1 record assigned")).isEqualTo("1 record assigned.");
        assertThat(api.as("acme-admin", "acme.localhost").get("/api/v1/leads/" + contacted).then()
                .statusCode(200).extract().<String>path("owner")).isEqualTo("acme-rep");
        assertThat(api.as("acme-admin", "acme.localhost").get("/api/v1/leads/" + fresh).then().statusCode(200)
                .extract().<String>path("owner")).isEqualTo("acme-admin");

        // the name links to the 360 page
        browser.driver.findElement(By.linkText("George Costanza")).click();
        browser.waitFor(By.id("timeline"));
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("George Costanza");
    }

    @Test
    void theAccountsDealsAndTasksListsShowTheTenantsRecords() {
        String name = "Monks" + unique().replaceAll("[0-9]", "m");
        String accountId = api.as("acme-rep", "acme.localhost").body(Map.of("name", name + " Cafe", "domain",
                name.toLowerCase() + ".example")).post("/api/v1/accounts").then().statusCode(201).extract().path("id");
        api.as("acme-rep", "acme.localhost").body(Map.of("name", name + " catering", "value", "800.00", "currency",
                "USD", "accountId", accountId)).post("/api/v1/deals").then().statusCode(201);
        task("acme-rep", "acme-rep", name + " follow-up", OffsetDateTime.now(ZoneOffset.UTC).plusDays(1)
                .truncatedTo(ChronoUnit.SECONDS));

        browser.open(acme() + "/console/accounts.xhtml");
        signInAtKeycloak("acme-rep");
        for (String list : List.of("accounts", "deals", "tasks")) {
            browser.open(acme() + "/console/" + list + ".xhtml");
            browser.waitFor(By.id("records:query"));
            browser.driver.findElement(By.id("records:query")).sendKeys(name);
            browser.driver.findElement(By.id("records:searchButton")).click();
            String one = "1 " + list.substring(0, list.length() - 1) + " shown";
            browser.waiting().until(ExpectedConditions.textToBe(By.cssSelector(".shown-count"), one));
            assertThat(browser.text(By.id("records:list"))).as(list).contains(name);
            expectCleanScreen(list + " list");
        }
        assertThat(browser.text(By.id("records:list"))).contains(name + " follow-up", "High", "acme-rep");

        browser.open(acme() + "/console/account.xhtml?id=" + accountId);
        browser.waitFor(By.id("timeline"));
        assertThat(browser.text(By.id("relatedDeals"))).contains(name + " catering", "800.00 USD");
        expectCleanScreen("account 360");
    }

    @Test
    void theBoardColoursCardsByTheirNextActivityMarksRottingDealsAndFiltersByTag() throws Exception {
        String board = "Board " + unique();
        String pipelineId = api.as("acme-admin", "acme.localhost").body(Map.of("name", board, "stages", List.of(
                Map.of("name", "Talk", "probability", 20, "idleDays", 7), Map.of("name", "Offer", "probability", 60),
                Map.of("name", "Won", "probability", 100, "won", true),
                Map.of("name", "Lost", "probability", 0, "lost", true)))).post("/api/v1/pipelines").then()
                .statusCode(201).extract().path("id");
        String tag = "board" + unique().replaceAll("[0-9]", "b");
        java.util.function.BiFunction<String, List<String>, String> deal = (name, tags) -> api
                .as("acme-rep", "acme.localhost").body(Map.of("name", name, "value", "100.00", "currency", "EUR",
                        "pipelineId", pipelineId, "tags", tags))
                .post("/api/v1/deals").then().statusCode(201)
                .extract().path("id");
        String late = deal.apply("Late deal", List.of(tag));
        String planned = deal.apply("Planned deal", List.of(tag));
        deal.apply("Quiet deal", List.of());
        api.as("acme-rep", "acme.localhost").body(Map.of("title", "Chase", "dueAt", OffsetDateTime.now(ZoneOffset.UTC)
                .minusDays(1).truncatedTo(ChronoUnit.SECONDS).toString(), "dealId", late)).post("/api/v1/tasks")
                .then().statusCode(201);
        api.as("acme-rep", "acme.localhost").body(Map.of("title", "Demo", "dueAt", OffsetDateTime.now(ZoneOffset.UTC)
                .plusDays(3).truncatedTo(ChronoUnit.SECONDS).toString(), "dealId", planned)).post("/api/v1/tasks")
                .then().statusCode(201);
        // the late deal has sat in its stage for 20 days (the stage allows 7)
        try (var c = java.sql.DriverManager.getConnection(CrmInfrastructure.services().database().settings()
                .jdbcUrl(), CrmInfrastructure.APP_ROLE, CrmInfrastructure.APP_PASSWORD);
                var aged = c.prepareStatement("UPDATE t_acme.deal SET stage_entered_at = now() - interval '20 days'"
                        + " WHERE id = ?::uuid")) {
            aged.setString(1, late);
            assertThat(aged.executeUpdate()).isEqualTo(1);
        }

        browser.open(acme() + "/console/pipeline.xhtml");
        signInAtKeycloak("acme-rep");
        browser.waitFor(By.id("board:pipelineSwitch"));
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("board:pipelineSwitch")))
                .selectByVisibleText(board);
        browser.waitFor(card("Quiet deal"));
        assertThat(browser.driver.findElement(card("Late deal")).getAttribute("class")).contains("next-overdue");
        assertThat(browser.text(card("Late deal"))).contains("Next activity overdue", "Rotting: 20 days idle");
        assertThat(browser.driver.findElement(card("Planned deal")).getAttribute("class")).contains("next-later");
        assertThat(browser.text(card("Planned deal"))).doesNotContain("Rotting");
        assertThat(browser.text(card("Quiet deal"))).contains("No next activity");
        expectCleanScreen("pipeline with colours and rotting");

        browser.driver.findElement(By.id("board:tagFilter")).sendKeys(tag, org.openqa.selenium.Keys.TAB);
        browser.waiting().until(ExpectedConditions.invisibilityOfElementLocated(card("Quiet deal")));
        assertThat(browser.driver.findElements(card("Late deal"))).hasSize(1);
        assertThat(browser.driver.findElements(card("Planned deal"))).hasSize(1);
    }

    private String globex() {
        return "http://globex.localhost:" + base.getPort();
    }

    @Test
    void anAdminSetsTheWorkspacesTimeZoneAndTheConsoleShowsAndReadsTimesInIt() {
        // globex: the other tests of this class read and write acme's times in UTC
        Map<String, Object> before = api.as("globex-admin", "globex.localhost").get("/api/v1/settings").then()
                .statusCode(200).extract().jsonPath().getMap("$");
        String contact = api.as("globex-admin", "globex.localhost").body(Map.of("firstName", "Kenny",
                "lastName", "Bania")).post("/api/v1/contacts").then().statusCode(201).extract().path("id");
        api.as("globex-admin", "globex.localhost").body(Map.of("outcome", "Connected", "completedAt",
                "2026-06-01T08:00:00Z")).post("/api/v1/contacts/" + contact + "/calls").then().statusCode(201);
        try {
            browser.open(globex() + "/console/settings.xhtml");
            signInAtKeycloak("globex-admin");
            browser.waitFor(By.id("settingsForm:timeZone"));
            expectCleanScreen("settings");
            new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("settingsForm:timeZone")))
                    .selectByVisibleText("Asia/Tokyo");
            browser.driver.findElement(By.id("settingsForm:save")).click();
            assertThat(message("Time zone set")).isEqualTo("Time zone set to Asia/Tokyo.");
            assertThat(api.as("globex-rep", "globex.localhost").get("/api/v1/settings").then().statusCode(200)
                    .extract().<String>path("timeZone")).isEqualTo("Asia/Tokyo");
            // a rep may read the settings but not change them
            api.as("globex-rep", "globex.localhost").body(Map.of("timeZone", "UTC", "version", 0))
                    .put("/api/v1/settings").then().statusCode(403);

            browser.open(globex() + "/console/contact.xhtml?id=" + contact);
            browser.waitFor(By.id("timeline"));
            // 08:00 UTC is 17:00 in Tokyo
            assertThat(timelineText()).contains("Jun 1, 2026, 5:00 PM");
            // a meeting typed in at 10:30 in the default zone (the workspace's) is 01:30 UTC
            openDialog("openMeeting", "meetingForm:subject");
            browser.driver.findElement(By.id("meetingForm:subject")).sendKeys("Tokyo breakfast");
            ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript(
                    "document.getElementById('meetingForm:scheduledFor').value = '2026-12-24T10:30';");
            browser.driver.findElement(By.id("meetingForm:logMeeting")).click();
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#timeline"),
                    "Tokyo breakfast"));
            List<Map<String, Object>> entries = api.as("globex-admin", "globex.localhost")
                    .get("/api/v1/contacts/" + contact + "/timeline").then().statusCode(200).extract().jsonPath()
                    .getList("results");
            @SuppressWarnings("unchecked")
            Map<String, Object> meeting = (Map<String, Object>) entries.get(0).get("activity");
            assertThat(meeting.get("scheduledFor")).isEqualTo("2026-12-24T01:30:00Z");

            api.as("globex-admin", "globex.localhost").body(Map.of("timeZone", "Mars/Olympus", "version",
                    api.as("globex-admin", "globex.localhost").get("/api/v1/settings").then().extract()
                            .<Integer>path("version")))
                    .put("/api/v1/settings").then().statusCode(400)
                    .contentType("application/problem+json");
        } finally {
            int version = api.as("globex-admin", "globex.localhost").get("/api/v1/settings").then().extract()
                    .path("version");
            api.as("globex-admin", "globex.localhost").body(Map.of("timeZone", before.get("timeZone"), "version",
                    version)).put("/api/v1/settings").then().statusCode(200);
        }
    }

    /** How far the page is wider than the window: 0 when nothing scrolls sideways. */
    private long sidewaysOverflow() {
        return (Long) ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript(
                "return Math.max(0, document.documentElement.scrollWidth - window.innerWidth);");
    }

    @Test
    void myDayTheListsAndA360PageFitAPhonesWidth() {
        String id = contact("acme-rep", "Narrow", "Phone" + unique().replaceAll("[0-9]", "n"));
        browser.open(acme() + "/console/my-day.xhtml");
        signInAtKeycloak("acme-rep");
        browser.waitFor(By.id("myday"));
        try {
            browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            for (String address : List.of("/console/my-day.xhtml", "/console/contacts.xhtml", "/console/leads.xhtml",
                    "/console/deals.xhtml", "/console/tasks.xhtml", "/console/contact.xhtml?id=" + id)) {
                browser.open(acme() + address);
                browser.waitFor(By.tagName("h1"));
                Object wide = ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript(
                        "return Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect()"
                                + ".right > window.innerWidth + 1).slice(0, 5).map(e => e.tagName + '.' + e.className"
                                + " + '#' + e.id + ' ' + Math.round(e.getBoundingClientRect().right)).join(', ');");
                assertThat(sidewaysOverflow()).as("sideways scrolling at 390 px on " + address + ": " + wide).isZero();
                if (address.startsWith("/console/contact.xhtml")) {
                    picture("contact-360-phone");
                }
            }
            expectCleanScreen("360 page at a phone's width");
        } finally {
            browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        }
    }

    @Test
    void theGlobalSearchFindsLeadsContactsAccountsAndDealsFromTheKeyboard() {
        String word = "Kramerica" + unique().replaceAll("[0-9]", "k");
        lead("acme-rep", "Cosmo", word, "Industries");
        contact("acme-rep", "Bob", word);
        api.as("acme-rep", "acme.localhost").body(Map.of("name", word + " Holdings")).post("/api/v1/accounts").then()
                .statusCode(201);
        deal("acme-rep", word + " oil tanker");

        browser.open(acme() + "/console/my-day.xhtml");
        signInAtKeycloak("acme-rep");
        browser.waitFor(By.id("myday"));
        // "/" focuses the box from anywhere outside a text field
        new org.openqa.selenium.interactions.Actions(browser.driver).sendKeys("/").perform();
        assertThat(browser.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("globalSearch");
        browser.driver.switchTo().activeElement().sendKeys(word, org.openqa.selenium.Keys.ENTER);
        browser.waitFor(By.id("searchResults"));
        assertThat(browser.text(By.id("searchResults"))).contains("Leads", "Cosmo " + word, "Contacts", "Bob " + word,
                "Accounts", word + " Holdings", "Deals", word + " oil tanker");
        expectCleanScreen("global search");
        browser.driver.findElement(By.linkText(word + " Holdings")).click();
        browser.waitFor(By.id("timeline"));
        assertThat(browser.text(By.tagName("h1"))).isEqualTo(word + " Holdings");

        // what was searched for is shown as text, never run
        browser.open(acme() + "/console/search.xhtml?q=" + java.net.URLEncoder.encode("<img src=x onerror=alert(1)>",
                java.nio.charset.StandardCharsets.UTF_8));
        assertThat(browser.text(By.cssSelector(".search-for"))).contains("<img src=x onerror=alert(1)>");
        assertThat(browser.driver.findElements(By.cssSelector("img[src=x]"))).isEmpty();
    }

    @Test
    void anAdminInvitesAColleagueDefinesACustomFieldAndSetsAStagesIdleDaysButARepMayNot() throws Exception {
        browser.open(acme() + "/console/admin/users.xhtml");
        signInAtKeycloak("acme-rep");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Administrators only");
        expectCleanScreen("admin refusal", "403");
        browser.forgetEverything();

        String email = "console-" + unique() + "@acme.example";
        browser.open(acme() + "/console/admin/users.xhtml");
        signInAtKeycloak("acme-admin");
        browser.waitFor(By.id("inviteForm:email"));
        expectCleanScreen("users");
        browser.driver.findElement(By.id("inviteForm:email")).sendKeys(email);
        browser.driver.findElement(By.id("inviteForm:firstName")).sendKeys("Newman");
        browser.driver.findElement(By.id("inviteForm:lastName")).sendKeys("Postal");
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("inviteForm:role")))
                .selectByVisibleText("read-only");
        browser.driver.findElement(By.id("inviteForm:invite")).click();
        assertThat(message("Invitation")).startsWith("Invitation to " + email + " requested");
        org.tesseracrm.it.support.ControlPlaneWorker.runOnce();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".control-request .request-status"), "SUCCEEDED"));
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("usersForm:people"),
                email));

        // a custom field, then its value on a contact's 360 page
        String name = "colour_" + unique().replaceAll("[0-9]", "c");
        browser.open(acme() + "/console/admin/custom-fields.xhtml");
        browser.waitFor(By.id("fieldForm:label"));
        browser.driver.findElement(By.id("fieldForm:label")).sendKeys("Favourite colour");
        browser.driver.findElement(By.id("fieldForm:name")).sendKeys("Not A Name");
        browser.driver.findElement(By.id("fieldForm:define")).click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#fieldForm .field-error"), "Name (API)"));
        browser.driver.findElement(By.id("fieldForm:name")).clear();
        browser.driver.findElement(By.id("fieldForm:name")).sendKeys(name);
        browser.driver.findElement(By.id("fieldForm:define")).click();
        assertThat(message("Custom field")).isEqualTo("Custom field \"Favourite colour\" defined.");
        expectCleanScreen("custom fields");
        String contactId = contact("acme-admin", "Susan", "Ross" + unique().replaceAll("[0-9]", "r"));
        try {
            browser.open(acme() + "/console/contact.xhtml?id=" + contactId);
            browser.waitFor(By.id("fields:edit"));
            browser.driver.findElement(By.id("fields:edit")).click();
            browser.waitFor(By.id("fields:custom:0:customValue"));
            browser.driver.findElement(By.id("fields:custom:0:customValue")).sendKeys("teal");
            browser.driver.findElement(By.id("fields:save")).click();
            assertThat(message("Saved")).isEqualTo("Saved.");
            assertThat(api.as("acme-admin", "acme.localhost").get("/api/v1/contacts/" + contactId).then()
                    .statusCode(200).extract().<String>path("customFields." + name)).isEqualTo("teal");
        } finally {
            browser.open(acme() + "/console/admin/custom-fields.xhtml");
            browser.waitFor(By.id("fieldsList:definitions"));
            browser.driver.findElement(By.xpath("//tr[td[text()='" + name + "']]//button")).click();
            assertThat(message("Custom field removed")).isEqualTo("Custom field removed.");
        }

        // a stage's idle days, on a pipeline of its own
        String board = "Stages " + unique();
        String pipelineId = api.as("acme-admin", "acme.localhost").body(Map.of("name", board, "stages", List.of(
                Map.of("name", "Talk", "probability", 20), Map.of("name", "Won", "probability", 100, "won", true))))
                .post("/api/v1/pipelines").then().statusCode(201).extract().path("id");
        browser.open(acme() + "/console/admin/pipelines.xhtml");
        browser.waitFor(By.id("stagesForm:pipeline"));
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("stagesForm:pipeline")))
                .selectByVisibleText(board);
        browser.waiting().ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(
                ExpectedConditions.attributeToBe(By.id("stagesForm:stages:0:name"), "value", "Talk"));
        browser.driver.findElement(By.id("stagesForm:stages:0:idleDays")).sendKeys("14");
        browser.driver.findElement(By.id("stagesForm:addStage")).click();
        browser.waitFor(By.id("stagesForm:stages:2:name"));
        browser.driver.findElement(By.id("stagesForm:stages:2:name")).sendKeys("Offer");
        browser.driver.findElement(By.id("stagesForm:stages:2:up")).click();
        browser.waiting().ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(
                ExpectedConditions.attributeToBe(By.id("stagesForm:stages:1:name"), "value", "Offer"));
        expectCleanScreen("pipelines and stages");
        browser.driver.findElement(By.id("stagesForm:save")).click();
        assertThat(message("Stages saved")).isEqualTo("Stages saved.");
        List<Map<String, Object>> stages = api.as("acme-admin", "acme.localhost").get("/api/v1/pipelines/"
                + pipelineId).then().statusCode(200).extract().jsonPath().getList("stages");
        assertThat(stages).extracting(st -> st.get("name")).containsExactly("Talk", "Offer", "Won");
        assertThat(stages.get(0).get("idleDays")).isEqualTo(14);
    }

    @Test
    void anAdminWritesScoringRulesAndThresholdsAndBuildsAWebFormWithItsSnippet() throws Exception {
        browser.open(acme() + "/console/admin/scoring.xhtml");
        signInAtKeycloak("acme-admin");
        browser.waitFor(By.id("ruleForm:name"));
        expectCleanScreen("lead scoring");

        // a rule without points is refused at its field; then a profile rule on a value no lead has
        String industry = "Console" + unique();
        String rule = "Fits " + industry;
        browser.driver.findElement(By.id("ruleForm:name")).sendKeys(rule);
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("ruleForm:field")))
                .selectByVisibleText("industry");
        browser.driver.findElement(By.id("ruleForm:value")).sendKeys(industry);
        browser.driver.findElement(By.id("ruleForm:addRule")).click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#ruleForm .field-error"), "Points"));
        Instant changed = Instant.now();
        browser.driver.findElement(By.id("ruleForm:points")).sendKeys("15");
        browser.driver.findElement(By.id("ruleForm:addRule")).click();
        assertThat(message("Scoring rule")).isEqualTo("Scoring rule \"" + rule + "\" added; leads are being rescored.");
        assertThat(browser.text(By.id("rulesList:rules"))).contains(rule, industry, "15");
        assertThat(api.as("acme-admin", "acme.localhost").get("/api/v1/scoring/rules").then().statusCode(200)
                .extract().jsonPath().getList("name")).contains(rule);
        expectCleanScreen("lead scoring with a rule");
        browser.driver.findElement(By.xpath("//tr[td[text()='" + rule + "']]//button")).click();
        assertThat(message("Scoring rule removed")).startsWith("Scoring rule removed");

        // thresholds whose grade bounds do not fall are refused; the defaults saved again are not
        browser.driver.findElement(By.id("thresholdsForm:gradeB")).clear();
        browser.driver.findElement(By.id("thresholdsForm:gradeB")).sendKeys("400");
        browser.driver.findElement(By.id("thresholdsForm:saveThresholds")).click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#thresholdsForm .field-error"), "grade bounds must fall"));
        browser.driver.findElement(By.id("thresholdsForm:gradeB")).clear();
        browser.driver.findElement(By.id("thresholdsForm:gradeB")).sendKeys("25");
        browser.driver.findElement(By.id("thresholdsForm:saveThresholds")).click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#thresholdsForm .messages"), "Thresholds saved"));
        org.tesseracrm.it.support.LeadScoringRuns.awaitSince(api, "acme", changed);

        // a web form: built, listed, its snippet posting to this tenant, then removed
        String form = "Console form " + unique();
        browser.open(acme() + "/console/admin/web-forms.xhtml");
        browser.waitFor(By.id("formBuilder:name"));
        expectCleanScreen("web forms");
        browser.driver.findElement(By.id("formBuilder:name")).sendKeys(form);
        browser.driver.findElement(By.id("formBuilder:origin")).sendKeys("not a site");
        browser.driver.findElement(By.id("formBuilder:createForm")).click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#formBuilder .field-error"), "Web site allowed"));
        browser.driver.findElement(By.id("formBuilder:origin")).clear();
        browser.driver.findElement(By.id("formBuilder:origin")).sendKeys("https://www.acme.example");
        browser.driver.findElement(By.id("formBuilder:createForm")).click();
        assertThat(message("Web form")).startsWith("Web form \"" + form + "\" created");
        browser.waitFor(By.id("snippetText"));
        String snippet = browser.driver.findElement(By.id("snippetText")).getAttribute("value");
        List<Map<String, Object>> forms = api.as("acme-admin", "acme.localhost").get("/api/v1/web-forms").then()
                .statusCode(200).extract().jsonPath().getList("$");
        Map<String, Object> created = forms.stream().filter(f -> form.equals(f.get("name"))).findFirst()
                .orElseThrow();
        assertThat(snippet).contains("<form method=\"post\" action=\"" + acme() + "/api/v1/forms/"
                + created.get("publicKey") + "/submissions\"", "name=\"email\"", "name=\"lastName\"",
                "name=\"website\"");
        assertThat(created.get("allowedOrigins")).isEqualTo(List.of("https://www.acme.example"));
        expectCleanScreen("web form with its snippet");
        browser.driver.findElement(By.xpath("//tr[td[text()='" + form + "']]//button[.//text()='Remove' or"
                + " normalize-space(.)='Remove']")).click();
        assertThat(message("Web form removed")).isEqualTo("Web form removed.");
        api.as("acme-admin", "acme.localhost").get("/api/v1/web-forms/" + created.get("id")).then().statusCode(404);

        // an assignment rule: a rule without a target is refused at its field; one to a user is listed, then removed
        String source = "console-" + unique();
        String assignment = "Console source " + source;
        browser.open(acme() + "/console/admin/assignment.xhtml");
        browser.waitFor(By.id("assignmentForm:name"));
        expectCleanScreen("assignment rules");
        browser.driver.findElement(By.id("assignmentForm:name")).sendKeys(assignment);
        browser.driver.findElement(By.id("assignmentForm:position")).sendKeys("90000");
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("assignmentForm:field")))
                .selectByVisibleText("source");
        browser.driver.findElement(By.id("assignmentForm:value")).sendKeys(source);
        browser.driver.findElement(By.id("assignmentForm:addAssignment")).click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#assignmentForm .field-error"), "exactly one of teamId"));
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("assignmentForm:user")))
                .selectByVisibleText("acme-manager");
        browser.driver.findElement(By.id("assignmentForm:addAssignment")).click();
        assertThat(message("Assignment rule")).isEqualTo("Assignment rule \"" + assignment + "\" added.");
        assertThat(browser.text(By.id("assignmentList:rules"))).contains(assignment, source, "acme-manager");
        assertThat(api.as("acme-rep", "acme.localhost").body(Map.of("lastName", "Routed", "source", source))
                .post("/api/v1/leads").then().statusCode(201).extract().<String>path("owner"))
                .isEqualTo("acme-manager");
        expectCleanScreen("assignment rules with a rule");
        browser.driver.findElement(By.xpath("//tr[td[text()='" + assignment + "']]//button")).click();
        assertThat(message("Assignment rule removed")).isEqualTo("Assignment rule removed.");
    }

    /** Waits up to 10 s for the contact's pair: duplicate checks run moments after the create's commit. */
    private void awaitQueuedPair(String contact) {
        for (int attempt = 0; attempt < 100; attempt++) {
            if (api.as("acme-viewer", "acme.localhost").queryParam("limit", 500).get("/api/v1/duplicates").then()
                    .statusCode(200).extract().jsonPath().getList("").stream().anyMatch(pair -> pair.toString()
                            .contains(contact))) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no pair of " + contact + " in the duplicates queue after 10 s");
    }

    @Test
    void aRepMergesTwoDuplicateContactsFromTheQueueAndUndoesIt() {
        String phone = "+49 30 " + (1_000_000 + Math.abs(unique().hashCode() % 8_999_999));
        String last = "Twin" + unique().replaceAll("[0-9]", "t");
        String first = api.as("acme-rep", "acme.localhost").body(Map.of("firstName", "Dana", "lastName", last,
                "phone", phone, "email", "dana." + last.toLowerCase(java.util.Locale.ROOT) + "@acme.example"))
                .post("/api/v1/contacts").then().statusCode(201).extract().path("id");
        String second = api.as("acme-rep", "acme.localhost").body(Map.of("firstName", "Dana", "lastName", last,
                "phone", phone)).post("/api/v1/contacts").then().statusCode(201).extract().path("id");
        awaitQueuedPair(second);
        browser.open(acme() + "/console/duplicates.xhtml");
        signInAtKeycloak("acme-rep");
        browser.waitFor(By.id("queue:pairs"));
        expectCleanScreen("duplicates queue");
        assertThat(browser.text(By.id("queue:pairs"))).contains(last);
        // the older contact, with the e-mail, is kept (it is "first" or "second" depending on the queue's order)
        boolean olderFirst = !browser.driver.findElements(By.xpath("//tr[td[1]//a[contains(@href, '" + first
                + "')] and td[2]//a[contains(@href, '" + second + "')]]")).isEmpty();
        String row = "//tr[td//a[contains(@href, '" + first + "')] and td//a[contains(@href, '" + second + "')]]";
        browser.driver.findElement(By.xpath(row + "//button[normalize-space(.)='" + (olderFirst
                ? "Keep first"
                : "Keep second") + "']")).click();
        assertThat(message("Dana")).isEqualTo("Dana " + last + " merged into Dana " + last + ".");
        api.as("acme-rep", "acme.localhost").get("/api/v1/contacts/" + second).then().statusCode(404);
        api.as("acme-rep", "acme.localhost").get("/api/v1/contacts/" + first).then().statusCode(200)
                .body("phone", org.hamcrest.Matchers.equalTo(phone));
        expectCleanScreen("duplicates queue after a merge");
        browser.driver.findElement(By.id("queue:undo")).click();
        assertThat(message("Merge undone")).startsWith("Merge undone");
        api.as("acme-rep", "acme.localhost").get("/api/v1/contacts/" + second).then().statusCode(200);
        api.as("acme-rep", "acme.localhost").get("/api/v1/contacts/" + first).then().statusCode(200);
        // not the same person after all: dismissed, the pair leaves the queue
        browser.driver.findElement(By.xpath(row + "//button[normalize-space(.)='Not duplicates']")).click();
        assertThat(message("Pair taken out")).isEqualTo("Pair taken out of the queue.");
        assertThat(browser.driver.findElements(By.xpath(row))).isEmpty();
    }

    @Test
    void aRepImportsACsvFileMapsAColumnFollowsTheProgressAndDownloadsTheErrorReport() throws IOException {
        String family = "Importer" + unique().replaceAll("[0-9]", "i");
        // "Kundenfamilie" is no header the guess knows: the rep maps it to the last name by hand
        Path file = Path.of("target", "console-import-" + family + ".csv");
        java.nio.file.Files.writeString(file, "Vorname;Kundenfamilie;E-Mail\n"
                + "Ada;" + family + ";ada." + family.toLowerCase(java.util.Locale.ROOT) + "@import.example\n"
                + "Ben;" + family + ";ben." + family.toLowerCase(java.util.Locale.ROOT) + "@import.example\n"
                + "Cleo;" + family + ";not-an-address\n"
                + "Dan;" + family + ";\n", java.nio.charset.StandardCharsets.UTF_8);
        browser.open(acme() + "/console/imports.xhtml");
        signInAtKeycloak("acme-rep");
        browser.waitFor(By.id("upload:file"));
        expectCleanScreen("import wizard");
        browser.driver.findElement(By.id("upload:file")).sendKeys(file.toAbsolutePath().toString());
        browser.driver.findElement(By.id("upload:send")).click();
        browser.waitFor(By.id("mapping:columns"));
        assertThat(message("File read")).startsWith("File read: 4 rows");
        expectCleanScreen("import wizard: the columns");
        var lastName = new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id(
                "mapping:columns:1:field")));
        assertThat(lastName.getFirstSelectedOption().getAttribute("value")).as("an unknown header is left out")
                .isEmpty();
        assertThat(new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id(
                "mapping:columns:2:field"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("email");
        lastName.selectByValue("lastName");
        browser.driver.findElement(By.id("mapping:start")).click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("importStatus"),
                "completed"));
        assertThat(browser.text(By.id("importCounts"))).isEqualTo(
                "4 of 4 rows read: 3 created, 0 updated, 0 skipped, 1 refused");
        expectCleanScreen("import wizard: the progress");
        Path report = browser.download(By.id("progress:errors"), Path.of("target", "downloads", family));
        String errors = java.nio.file.Files.readString(report, java.nio.charset.StandardCharsets.UTF_8);
        List<String> reportLines = errors.lines().toList();
        assertThat(reportLines).hasSize(2);
        assertThat(reportLines.get(1)).startsWith("4,").contains("email").endsWith(",Cleo," + family
                + ",not-an-address");
        List<String> imported = api.as("acme-rep", "acme.localhost").queryParam("q", family)
                .get("/api/v1/contacts").then().statusCode(200).extract().path("results.firstName");
        assertThat(imported).containsExactlyInAnyOrder("Ada", "Ben", "Dan");
        assertThat(browser.text(By.id("recentList:recent"))).contains(file.getFileName().toString())
                .contains("completed");

        // a read-only user may look but not import: the boundary refuses them as the API does
        browser.forgetEverything();
        browser.open(acme() + "/console/imports.xhtml");
        signInAtKeycloak("acme-viewer");
        browser.waitFor(By.id("upload:file"));
        assertThat(browser.driver.findElements(By.linkText("Imports"))).isEmpty();
        browser.driver.findElement(By.id("upload:file")).sendKeys(file.toAbsolutePath().toString());
        browser.driver.findElement(By.id("upload:send")).click();
        assertThat(message("Not requested")).contains("only crm-admins, sales-managers and sales-reps import");
    }

    @Test
    void aRepChoosesFieldByFieldWhichValuesAMergeKeeps() {
        String phone = "+49 40 " + (1_000_000 + Math.abs(unique().hashCode() % 8_999_999));
        String last = "Pick" + unique().replaceAll("[0-9]", "p");
        String mail = last.toLowerCase(java.util.Locale.ROOT);
        String first = api.as("acme-rep", "acme.localhost").body(Map.of("firstName", "Eva", "lastName", last,
                "phone", phone, "title", "CFO", "email", "eva." + mail + "@one.example")).post("/api/v1/contacts")
                .then().statusCode(201).extract().path("id");
        String second = api.as("acme-rep", "acme.localhost").body(Map.of("firstName", "Eva", "lastName", last,
                "phone", phone, "title", "Chief Financial Officer", "email", "eva." + mail + "@two.example"))
                .post("/api/v1/contacts").then().statusCode(201).extract().path("id");
        awaitQueuedPair(second);
        browser.open(acme() + "/console/duplicates.xhtml");
        signInAtKeycloak("acme-rep");
        browser.waitFor(By.id("queue:pairs"));
        String row = "//tr[td//a[contains(@href, '" + first + "')] and td//a[contains(@href, '" + second + "')]]";
        boolean firstOnLeft = !browser.driver.findElements(By.xpath("//tr[td[1]//a[contains(@href, '" + first
                + "')] and td[2]//a[contains(@href, '" + second + "')]]")).isEmpty();
        // keep the first contact: its e-mail stays, the second's title is chosen
        browser.driver.findElement(By.xpath(row + "//button[normalize-space(.)='" + (firstOnLeft
                ? "Keep first"
                : "Keep second") + "']")).click();
        browser.waitFor(By.id("queue:choice"));
        expectCleanScreen("duplicates queue: choosing values");
        String choice = browser.text(By.id("queue:choice"));
        assertThat(choice).contains("E-mail").contains("eva." + mail + "@one.example").contains("Title")
                .contains("Chief Financial Officer").doesNotContain("Phone");
        List<org.openqa.selenium.WebElement> legends = browser.driver.findElements(By.cssSelector(
                "#queue\\:choice legend"));
        int titleAt = legends.stream().map(org.openqa.selenium.WebElement::getText).toList().indexOf("Title");
        browser.driver.findElement(By.xpath("//input[@name='queue:choices:" + titleAt
                + ":take' and @value='merged']")).click();
        browser.driver.findElement(By.id("queue:mergeChosen")).click();
        assertThat(message("Eva")).isEqualTo("Eva " + last + " merged into Eva " + last + ".");
        api.as("acme-rep", "acme.localhost").get("/api/v1/contacts/" + second).then().statusCode(404);
        api.as("acme-rep", "acme.localhost").get("/api/v1/contacts/" + first).then().statusCode(200)
                .body("title", org.hamcrest.Matchers.equalTo("Chief Financial Officer"))
                .body("email", org.hamcrest.Matchers.equalTo("eva." + mail + "@one.example"));
        browser.driver.findElement(By.id("queue:undo")).click();
        assertThat(message("Merge undone")).startsWith("Merge undone");
        api.as("acme-rep", "acme.localhost").get("/api/v1/contacts/" + first).then().statusCode(200)
                .body("title", org.hamcrest.Matchers.equalTo("CFO"));
    }

    @Test
    void anOperatorStartsAPlatformJobAndATenantsJobAndFollowsTheirProgress() {
        browser.open(apex() + "/console/operator/jobs.xhtml");
        signInAtKeycloak("operator");
        browser.waitFor(By.id("jobsForm:startPlatform"));
        expectCleanScreen("operator jobs");
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("jobsForm:platformJob")))
                .selectByVisibleText("tenant-census");
        browser.driver.findElement(By.id("jobsForm:startPlatform")).click();
        assertThat(message("Job tenant-census started")).startsWith("Job tenant-census started (run ");
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("jobsForm:tenant")))
                .selectByVisibleText("acme");
        browser.driver.findElement(By.id("jobsForm:startTenant")).click();
        assertThat(message("Job contact-email-normalise started")).startsWith(
                "Job contact-email-normalise started (run ");
        // the screen polls while a run is active: both end COMPLETED without a reload
        By census = By
                .xpath("//tr[.//span[@class='job-name' and text()='tenant-census']][1]//span[@class='job-status']");
        By normalise = By.xpath("//tr[.//span[@class='job-name' and text()='contact-email-normalise']][1]"
                + "//span[@class='job-status']");
        browser.waiting().withTimeout(java.time.Duration.ofSeconds(60)).ignoring(
                org.openqa.selenium.StaleElementReferenceException.class).until(
                        d -> browser.text(census).equals(
                                "COMPLETED") && browser.text(normalise).equals("COMPLETED"));
        String row = browser.text(By.xpath("//tr[.//span[@class='job-name' and text()='contact-email-normalise']][1]"));
        assertThat(row).contains("acme").containsPattern("[1-9][0-9]* read");
        picture("operator-jobs");
        expectCleanScreen("operator jobs after runs");

        // the weekly report for a week the operator chooses (a past one: WeeklyReportIT counts this week's)
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("jobsForm:tenantJob")))
                .selectByVisibleText("weekly-report");
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("jobsForm:tenant")))
                .selectByVisibleText("globex");
        browser.driver.findElement(By.id("jobsForm:week")).sendKeys("2026-W99");
        browser.driver.findElement(By.id("jobsForm:startTenant")).click();
        assertThat(message("“2026-W99” is no ISO week")).contains("yyyy-Www");
        browser.driver.findElement(By.id("jobsForm:week")).clear();
        browser.driver.findElement(By.id("jobsForm:week")).sendKeys("2026-W01");
        browser.driver.findElement(By.id("jobsForm:startTenant")).click();
        assertThat(message("Job weekly-report started")).startsWith("Job weekly-report started (run ");
        By weekly = By.xpath("//tr[.//span[@class='job-name' and text()='weekly-report']][1]//span[@class="
                + "'job-status']");
        browser.waiting().withTimeout(java.time.Duration.ofSeconds(60)).ignoring(
                org.openqa.selenium.StaleElementReferenceException.class).until(
                        d -> browser.text(weekly).equals(
                                "COMPLETED"));
        assertThat(browser.text(By.xpath("//tr[.//span[@class='job-name' and text()='weekly-report']][1]")))
                .contains("globex", "week=2026-W01 sent=");
    }

    /**
     * An Ajax action on a view the server no longer has (session timed out, state tampered with) does not silently do
     * nothing: the page is loaded again at the address the browser showed, saying the action was not carried out.
     */
    @Test
    void anActionOnAnExpiredPageReloadsItWithAMessage() {
        browser.open(acme() + "/console/contacts.xhtml");
        signInAtKeycloak("acme-rep");
        browser.waitFor(By.id("records:query"));
        String address = browser.driver.getCurrentUrl();
        browser.driver.executeScript("document.querySelectorAll('input[name=\"jakarta.faces.ViewState\"]')"
                + ".forEach(function (state) { state.value = 'no-such-view:0'; });");
        browser.driver.findElement(By.id("records:query")).sendKeys("Davolio");
        browser.driver.findElement(By.id("records:searchButton")).click();
        assertThat(message("This page had expired")).contains("your last action was not carried out");
        assertThat(browser.driver.getCurrentUrl()).isEqualTo(address);
        assertThat(browser.driver.findElement(By.id("records:query")).getAttribute("value")).isEmpty();
        expectCleanScreen("contacts after an expired view");
    }

    @Test
    void anAdminCreatesChangesAndDeletesATeam() {
        String name = "Console team " + unique();
        browser.open(acme() + "/console/admin/teams.xhtml");
        signInAtKeycloak("acme-admin");
        browser.waitFor(By.id("teamForm:name"));
        browser.driver.findElement(By.id("teamForm:name")).sendKeys(name);
        // a read-only manager: the team gives nobody rights the other tests do not expect
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("teamForm:manager")))
                .selectByVisibleText("acme-viewer");
        browser.driver.findElement(By.xpath("//input[@name='teamForm:members' and @value='acme-rep']")).click();
        expectCleanScreen("teams");
        browser.driver.findElement(By.id("teamForm:save")).click();
        assertThat(message("Team")).isEqualTo("Team \"" + name + "\" saved.");
        By row = By.xpath("//tr[.//span[@class='team-name' and text()='" + name + "']]");
        assertThat(browser.text(row)).contains("acme-viewer", "acme-rep");

        browser.clickWithin(row, By.cssSelector("button.edit-team"));
        browser.waiting().ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(
                ExpectedConditions.attributeToBe(By.id("teamForm:name"), "value", name));
        browser.driver.findElement(By.xpath("//input[@name='teamForm:members' and @value='acme-rep']")).click();
        browser.driver.findElement(By.id("teamForm:save")).click();
        assertThat(message("Team")).isEqualTo("Team \"" + name + "\" saved.");
        List<Map<String, Object>> teams = api.as("acme-admin", "acme.localhost").get("/api/v1/teams").then()
                .statusCode(200).extract().jsonPath().getList("$");
        Map<String, Object> saved = teams.stream().filter(t -> name.equals(t.get("name"))).findFirst().orElseThrow();
        assertThat((List<?>) saved.get("members")).isEmpty();
        assertThat(((Number) saved.get("version")).longValue()).isPositive();

        browser.clickWithin(row, By.cssSelector("button.delete-team"));
        assertThat(message("Team \"" + name + "\" deleted")).isEqualTo("Team \"" + name + "\" deleted.");
        assertThat(api.as("acme-admin", "acme.localhost").get("/api/v1/teams").then().statusCode(200).extract()
                .jsonPath().getList("name")).doesNotContain(name);
    }

    /** The row of a data table whose {@code cellClass} element has exactly {@code text}. */
    /** Searches the list screen that is open and waits until it says how many it shows. */
    private void searchTheList(String query, String shown) {
        browser.waitFor(By.id("records:query"));
        browser.driver.findElement(By.id("records:query")).sendKeys(query);
        browser.driver.findElement(By.id("records:searchButton")).click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".shown-count"),
                shown));
    }

    /** Reloads the page until what the runner makes shows on it (at most a minute). */
    private void reloadUntilShown(By what) {
        browser.waiting().withTimeout(java.time.Duration.ofSeconds(60)).until(d -> {
            if (!d.findElements(what).isEmpty()) {
                return true;
            }
            d.navigate().refresh();
            return false;
        });
    }

    private static By rowWith(String cellClass, String text) {
        return By.xpath("//tr[.//*[contains(concat(' ', @class, ' '), ' " + cellClass + " ') and normalize-space()='"
                + text + "']]");
    }

    private void selectStepType(String label) {
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("sequenceForm:stepType")))
                .selectByVisibleText(label);
    }

    private void typeInto(String id, String text) {
        org.openqa.selenium.WebElement input = browser.driver.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    /**
     * The sequence screens: a rep builds a two-step sequence (a manual e-mail, then a call three days later), reorders
     * and is refused a bad delay; enrolls a lead from the lead's page; approves the draft the runner filled in, edited,
     * and the mail server gets it once; the sequence goes on to the call; unenrolling from the sequence's page ends it.
     */
    @Test
    void aRepBuildsASequenceEnrollsALeadFromItsPageAndApprovesTheDraftItFilledIn() {
        String name = "Console sequence " + unique();
        String family = "Seq" + unique().replaceAll("[0-9]", "s");
        String lead = api.as("acme-rep", "acme.localhost").body(Map.of("firstName", "Sid", "lastName", family,
                "company", "Sidco", "email", "sid." + family.toLowerCase() + "@example.com")).post("/api/v1/leads")
                .then().statusCode(201).extract().path("id");

        browser.open(acme() + "/console/sequences.xhtml");
        signInAtKeycloak("acme-rep");
        browser.waitFor(By.id("sequencesForm:name"));
        expectCleanScreen("sequences");
        // a sequence has a step: without one it is refused, with the first step it opens its page
        browser.driver.findElement(By.id("sequencesForm:name")).sendKeys(name);
        browser.driver.findElement(By.id("sequencesForm:create")).click();
        assertThat(message("steps")).contains("steps");
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("sequencesForm:stepType")))
                .selectByVisibleText("Manual e-mail (draft to approve)");
        typeInto("sequencesForm:subject", "Hello {{lead.firstName}}");
        typeInto("sequencesForm:body", "A note for {{lead.company}}.");
        browser.driver.findElement(By.id("sequencesForm:create")).click();
        browser.waitFor(By.id("sequenceForm:saveStep"));
        String sequence = java.net.URI.create(browser.driver.getCurrentUrl()).getQuery().replace("id=", "");

        selectStepType("Call");
        typeInto("sequenceForm:delayDays", "3");
        typeInto("sequenceForm:title", "Call Sid");
        browser.driver.findElement(By.id("sequenceForm:saveStep")).click();
        browser.waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("tr.sequence-step"), 2));
        expectCleanScreen("sequence editor");

        // the call first, then back: the steps keep their ids (the API shows the same two)
        browser.clickWithin(rowWith("step-what", "Call Sid"), By.cssSelector("button.step-up"));
        assertThat(message("Step moved")).isEqualTo("Step moved.");
        browser.waiting().until(ExpectedConditions.textToBe(By.cssSelector("tr.sequence-step .step-what"),
                "Call Sid"));
        browser.clickWithin(rowWith("step-what", "Call Sid"), By.cssSelector("button.step-down"));
        browser.waiting().until(ExpectedConditions.textToBe(By.cssSelector("tr.sequence-step .step-what"),
                "Hello {{lead.firstName}}"));
        // a delay the boundary refuses is shown, and nothing changes
        selectStepType("Task");
        typeInto("sequenceForm:delayDays", "400");
        typeInto("sequenceForm:title", "Too late");
        browser.driver.findElement(By.id("sequenceForm:saveStep")).click();
        assertThat(message("steps[2].delayDays")).contains("steps[2].delayDays");
        var saved = api.as("acme-rep", "acme.localhost").get("/api/v1/sequences/" + sequence).then().statusCode(200)
                .extract().jsonPath();
        assertThat(saved.getList("steps.type")).containsExactly("EMAIL_MANUAL", "CALL");
        assertThat(saved.getList("steps.delayDays")).containsExactly(0, 3);

        // enrolled from the lead's page
        browser.open(acme() + "/console/lead.xhtml?id=" + lead);
        browser.waitFor(By.id("sequencesSection:enroll"));
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("sequencesSection:sequence")))
                .selectByVisibleText(name);
        browser.driver.findElement(By.id("sequencesSection:enroll")).click();
        assertThat(message("Enrolled")).startsWith("Enrolled");
        assertThat(browser.text(rowWith("enrollment-sequence", name))).contains("Active", "1 of 2");
        expectCleanScreen("lead 360 with its sequences");

        // the runner fills the draft in for the rep (sequence-run every 2 s here)
        By draft = By.xpath("//section[contains(@class,'email-draft')][.//a[normalize-space()='Sid " + family
                + "']]");
        browser.open(acme() + "/console/drafts.xhtml");
        reloadUntilShown(draft);
        org.openqa.selenium.WebElement subject = browser.driver.findElement(draft).findElement(By.cssSelector(
                "input.draft-subject"));
        assertThat(subject.getAttribute("value")).isEqualTo("Hello Sid");
        assertThat(browser.driver.findElement(draft).findElement(By.cssSelector("textarea.draft-body"))
                .getAttribute("value")).isEqualTo("A note for Sidco.");
        expectCleanScreen("drafts to approve");
        subject.clear();
        subject.sendKeys("Hello Sid, about Sidco");
        browser.clickWithin(draft, By.cssSelector("button.send-draft"));
        assertThat(message("E-mail to")).isEqualTo("E-mail to Sid " + family + " queued.");
        browser.waiting().until(d -> java.util.Arrays.stream(CrmInfrastructure.services().mail().greenMail()
                .getReceivedMessages()).filter(m -> {
                    try {
                        return "Hello Sid, about Sidco".equals(m.getSubject());
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                }).count() == 1);

        // on to the call; unenrolled from the sequence's page
        browser.open(acme() + "/console/sequence.xhtml?id=" + sequence);
        By person = rowWith("enrollment-record", "Sid " + family);
        browser.waiting().until(d -> browser.text(person).contains("2 of 2"));
        browser.clickWithin(person, By.cssSelector("button.unenroll-enrollment"));
        assertThat(message("Unenrolled")).startsWith("Unenrolled Sid " + family);
        assertThat(browser.text(person)).contains("Exited", "unenrolled");
        assertThat(api.as("acme-rep", "acme.localhost").get("/api/v1/sequences/" + sequence + "/enrollments").then()
                .statusCode(200).extract().jsonPath().getList("exitReason")).containsExactly("unenrolled");
        expectCleanScreen("sequence with its people");
    }

    /** A task a sequence step created shows in My day with its sequence and step, linking to the sequence. */
    @Test
    void myDayNamesTheSequenceStepATaskCameFrom() {
        String name = "My day sequence " + unique();
        String title = "Send the brochure " + unique();
        String sequence = api.as("acme-rep", "acme.localhost").body(Map.of("name", name, "steps", List.of(Map.of(
                "type", "TASK", "title", title)))).post("/api/v1/sequences").then().statusCode(201).extract()
                .path("id");
        String family = "Daywalker" + unique().replaceAll("[0-9]", "d");
        String lead = api.as("acme-rep", "acme.localhost").body(Map.of("lastName", family, "email", family
                .toLowerCase() + "@example.com")).post("/api/v1/leads").then().statusCode(201).extract().path("id");
        api.as("acme-rep", "acme.localhost").body(Map.of("leadIds", List.of(lead))).post("/api/v1/sequences/"
                + sequence + "/enrollments").then().statusCode(200).body("enrolled.size()",
                        org.hamcrest.Matchers.equalTo(1));

        browser.open(acme() + "/console/my-day.xhtml");
        signInAtKeycloak("acme-rep");
        By row = rowWith("task-title", title);
        reloadUntilShown(row); // sequence-run every 2 s here
        org.openqa.selenium.WebElement origin = browser.driver.findElement(row).findElement(By.cssSelector(
                "a.task-sequence"));
        assertThat(origin.getText()).isEqualTo("Sequence " + name + ", step 1");
        assertThat(origin.getAttribute("href")).endsWith("/console/sequence.xhtml?id=" + sequence);
        expectCleanScreen("my day with a sequence task");
    }

    /** Bulk enrolling from the leads list: the selected are enrolled, those that cannot be are named with why. */
    @Test
    void aRepEnrollsTheSelectedLeadsFromTheListInASequence() {
        String family = "Bulk" + unique().replaceAll("[0-9]", "b");
        String name = "Bulk sequence " + unique();
        api.as("acme-rep", "acme.localhost").body(Map.of("name", name, "steps", List.of(Map.of("type", "TASK",
                "delayDays", 5, "title", "Check in")))).post("/api/v1/sequences").then().statusCode(201);
        String ann = api.as("acme-rep", "acme.localhost").body(Map.of("firstName", "Ann", "lastName", family,
                "email", "ann." + family.toLowerCase() + "@example.com")).post("/api/v1/leads").then().statusCode(201)
                .extract().path("id");
        api.as("acme-rep", "acme.localhost").body(Map.of("firstName", "Ben", "lastName", family, "email", "ben."
                + family.toLowerCase() + "@example.com")).post("/api/v1/leads").then().statusCode(201);
        lead("acme-rep", "Cal", family, "No Mail Inc"); // no address: cannot be enrolled

        browser.open(acme() + "/console/leads.xhtml");
        signInAtKeycloak("acme-rep");
        searchTheList(family, "3 leads shown");
        for (int i = 1; i <= 3; i++) { // found again each time: a selection may redraw the table
            browser.clickWithin(By.cssSelector("#records\\:list tbody tr:nth-child(" + i + ")"), By.cssSelector(
                    "td.ui-selection-column .ui-chkbox-box, td.ui-selection-column input[type=checkbox]"));
        }
        browser.waiting().until(d -> d.findElements(By.cssSelector("#records\\:list tbody tr.ui-state-highlight"))
                .size() == 3);
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("records:enrollIn")))
                .selectByVisibleText(name);
        expectCleanScreen("leads with the enroll action");
        browser.driver.findElement(By.id("records:enrollSelected")).click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".messages"),
                "2 records enrolled"));
        assertThat(browser.text(By.cssSelector(".message-warn"))).startsWith("1 record was not enrolled")
                .contains("Cal " + family + " (no e-mail address)");
        assertThat(api.as("acme-rep", "acme.localhost").queryParam("leadId", ann).get("/api/v1/enrollments").then()
                .statusCode(200).extract().jsonPath().getList("status")).containsExactly("active");
    }

    @Test
    void aReadOnlyUserSeesSequencesWithoutEditControlsAndHasNoDrafts() {
        String sequence = api.as("acme-rep", "acme.localhost").body(Map.of("name", "Viewed " + unique(), "steps",
                List.of(Map.of("type", "TASK", "delayDays", 5, "title", "Look")))).post("/api/v1/sequences").then()
                .statusCode(201).extract().path("id");
        browser.open(acme() + "/console/sequence.xhtml?id=" + sequence);
        signInAtKeycloak("acme-viewer");
        browser.waitFor(By.cssSelector("tr.sequence-step"));
        assertThat(browser.driver.findElements(By.id("sequenceForm:saveStep"))).isEmpty();
        assertThat(browser.driver.findElements(By.cssSelector("button.remove-step"))).isEmpty();
        assertThat(browser.driver.findElements(By.linkText("Drafts"))).isEmpty();
        expectCleanScreen("sequence, read-only");
        browser.open(acme() + "/console/sequences.xhtml");
        browser.waitFor(By.cssSelector("tr.sequence-row"));
        assertThat(browser.driver.findElements(By.id("sequencesForm:create"))).isEmpty();
        // an id that is no sequence is the console's 404 page
        browser.open(acme() + "/console/sequence.xhtml?id=" + UUID.randomUUID());
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Page not found");
    }
}
