package org.tesseracrm.it.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.CookieHandler;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tesseracrm.cli.CliContext;
import org.tesseracrm.cli.Tessera;
import org.tesseracrm.it.support.CrmInfrastructure;
import org.tesseracrm.it.support.CrmWebTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.path.json.JsonPath;
import picocli.CommandLine;

/**
 * The sales CLI ({@code crm-cli}, docs/cli.md) run in-process against the real server and Keycloak: each command's
 * answer is compared with what the API says, through the same tenant host; exit codes and problems as documented;
 * the device grant approved through Keycloak's own pages with plain form posts, as a person's browser would.
 */
class CliIT extends CrmWebTest {

    private static final String ACME = "acme.localhost";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path config;
    private String run;

    /** What one command printed and returned. */
    record Run(int code, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    @BeforeEach
    void freshConfiguration() throws IOException {
        Path work = Files.createDirectories(Path.of(System.getProperty("crm.work.dir", "target")));
        config = Files.createTempDirectory(work, "cli-config");
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    private String server() {
        return "http://" + ACME + ":" + base.getPort();
    }

    private Run cli(String... args) {
        return cli(config, args);
    }

    private static Run cli(Path configDirectory, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = Tessera.commandLine(CliContext.of(configDirectory.resolve("tessera-crm")));
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        int code = line.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private void loginAs(String user) {
        Run login = cli("login", "--server", server(), "--user", user, "--password", "demo");
        assertThat(login.code()).as(login.err()).isZero();
        assertThat(login.out()).contains("Logged in to " + server() + " as " + user);
    }

    private String lead(String firstName, String lastName, String email) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("firstName", firstName);
        body.put("lastName", lastName);
        body.put("company", "Cli " + run);
        if (email != null) {
            body.put("email", email);
        }
        return api.as("acme-rep", ACME).body(body).post("/api/v1/leads").then().statusCode(201).extract().path("id");
    }

    private static List<String> ids(JsonNode rows, String key) {
        List<String> ids = new ArrayList<>();
        rows.forEach(row -> ids.add(row.path(key).asText()));
        return ids;
    }

    @Test
    void listProspectsFiltersByStatusAsTheApiDoes() throws Exception {
        loginAs("acme-rep");
        String name = "Cliprospect" + run;
        String first = lead("Ann", name, null);
        String second = lead("Bob", name, null);
        String contacted = lead("Cid", name, null);
        api.as("acme-rep", ACME).body(Map.of("status", "contacted")).patch("/api/v1/leads/" + contacted).then()
                .statusCode(200);

        Run mine = cli("list", "prospects", "--status", "new", "-q", name, "--json");
        assertThat(mine.code()).as(mine.err()).isZero();
        assertThat(ids(mine.json(), "id")).containsExactly(second, first);
        assertThat(ids(mine.json(), "status")).containsOnly("new");
        Run both = cli("list", "prospects", "--status", "new,contacted", "-q", name, "--json");
        assertThat(ids(both.json(), "id")).containsExactlyInAnyOrder(first, second, contacted);

        // the whole tenant's newest new leads, page size and order as the API gives them
        Run tenNew = cli("list", "prospects", "--status", "new", "--limit", "10", "--json");
        List<String> fromApi = api.as("acme-rep", ACME).queryParam("status", "new").queryParam("sort", "-createdAt")
                .queryParam("limit", 10).get("/api/v1/leads").then().statusCode(200).extract().jsonPath()
                .getList("results.id");
        assertThat(ids(tenNew.json(), "id")).isEqualTo(fromApi).hasSizeBetween(2, 10);

        Run table = cli("list", "prospects", "--status", "new", "-q", name);
        System.out.println("[cli] tessera list prospects --status new -q " + name + "\n" + table.out());
        assertThat(table.out().lines().findFirst().orElseThrow()).startsWith("ID").contains("NAME", "STATUS");
        assertThat(table.out()).contains("Ann " + name).contains(first);
        Run wrongStatus = cli("list", "prospects", "--status", "hot");
        assertThat(wrongStatus.code()).isEqualTo(2);
        assertThat(wrongStatus.err()).contains("unknown status").contains("closed-won");
    }

    @Test
    void jsonAndCsvCarryTheSameRows() throws Exception {
        loginAs("acme-rep");
        String name = "Cliformat" + run;
        lead("Dee, \"the\" first", name, "dee-" + run + "@example.com");
        lead("=SUM(A1)", name, null);
        Run json = cli("list", "prospects", "-q", name, "--json");
        Run csv = cli("list", "prospects", "-q", name, "--csv");
        assertThat(csv.code()).isZero();
        List<List<String>> rows = csv(csv.out());
        List<String> header = rows.get(0);
        assertThat(header).startsWith("id", "name", "company", "email", "status");
        assertThat(rows).hasSize(3);
        JsonNode objects = json.json();
        for (int i = 0; i < objects.size(); i++) {
            List<String> row = rows.get(i + 1);
            assertThat(row.get(header.indexOf("id"))).isEqualTo(objects.get(i).get("id").asText());
            assertThat(row.get(header.indexOf("email"))).isEqualTo(objects.get(i).path("email").asText(""));
            assertThat(row.get(header.indexOf("score"))).isEqualTo(objects.get(i).get("score").asText());
        }
        assertThat(objects.get(1).get("name").asText()).isEqualTo("Dee, \"the\" first " + name);
        assertThat(rows.get(2).get(1)).isEqualTo("Dee, \"the\" first " + name);
        // a cell a spreadsheet would run is disarmed in CSV, and whole in JSON
        assertThat(rows.get(1).get(1)).isEqualTo("'=SUM(A1) " + name);
        assertThat(objects.get(0).get("name").asText()).isEqualTo("=SUM(A1) " + name);
        assertThat(cli("list", "prospects", "--json", "--csv").code()).isEqualTo(2);
    }

    @Test
    void aCallLoggedByTheCliIsInTheApiAndInListCalls() throws Exception {
        loginAs("acme-rep");
        String email = "royal-" + run + "@plumbing.example";
        String lead = lead("Daniel", "Royal " + run, email);
        Run logged = cli("create", "call", "--prospect", email, "--outcome", "interested", "--objections",
                "cost, timeline", "--notes", "Very interested in grid analysis", "--next-steps", "Send proposal",
                "--duration", "25m", "--json");
        assertThat(logged.code()).as(logged.err()).isZero();
        String callId = logged.json().get("id").asText();

        JsonPath timeline = api.as("acme-rep", ACME).queryParam("types", "CALL")
                .get("/api/v1/leads/" + lead + "/timeline").then().statusCode(200).extract().jsonPath();
        assertThat(timeline.getList("results.activity.id")).containsExactly(callId);
        assertThat(timeline.getString("results[0].activity.outcome")).isEqualTo("Interested");
        assertThat(timeline.getString("results[0].activity.objections")).isEqualTo("cost, timeline");
        assertThat(timeline.getString("results[0].activity.body")).isEqualTo("Very interested in grid analysis");
        assertThat(timeline.getString("results[0].activity.nextSteps")).isEqualTo("Send proposal");
        assertThat(timeline.getInt("results[0].activity.durationSeconds")).isEqualTo(1500);
        JsonPath afterCall = api.as("acme-rep", ACME).get("/api/v1/leads/" + lead).then().statusCode(200).extract()
                .jsonPath();
        assertThat(afterCall.getInt("callsCompleted")).isEqualTo(1);
        assertThat(afterCall.getString("status")).isEqualTo("contacted");

        // a planned one, by id, is pending; the call that took place is completed
        OffsetDateTime tomorrow = OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).truncatedTo(ChronoUnit.MINUTES);
        Run planned = cli("create", "call", "--prospect", lead, "--scheduled-for", tomorrow.toString(),
                "--subject", "Proposal walk-through " + run);
        assertThat(planned.code()).as(planned.err()).isZero();
        assertThat(planned.out()).startsWith("Planned a call with Daniel Royal " + run);
        Run pending = cli("list", "calls", "--status", "pending", "--limit", "1000", "--json");
        assertThat(pending.code()).as(pending.err()).isZero();
        JsonNode mine = null;
        for (JsonNode call : pending.json()) {
            assertThat(call.get("status").asText()).isIn("pending", "overdue");
            if (call.get("leadId").asText().equals(lead)) {
                mine = call;
            }
        }
        assertThat(mine).as(pending.out()).isNotNull();
        assertThat(mine.get("subject").asText()).isEqualTo("Proposal walk-through " + run);
        assertThat(OffsetDateTime.parse(mine.get("at").asText()).toInstant()).isEqualTo(tomorrow.toInstant());
        assertThat(ids(pending.json(), "activityId")).doesNotContain(callId);
        Run completed = cli("list", "calls", "--status", "completed", "--limit", "1000", "--csv");
        assertThat(completed.out()).contains(callId).contains("Interested");
        Run table = cli("list", "calls");
        System.out.println("[cli] tessera list calls\n" + table.out());
        assertThat(table.out()).contains("Daniel Royal").contains("pending");
    }

    @Test
    void badInputIsAUsageErrorAndAnUnknownProspectIsNotFound() {
        loginAs("acme-rep");
        Run badOutcome = cli("create", "call", "--prospect", "x@example.com", "--outcome", "keen");
        assertThat(badOutcome.code()).isEqualTo(2);
        assertThat(badOutcome.err()).contains("unknown outcome 'keen'").contains("interested", "no-answer",
                "meeting-booked", "not-interested");
        assertThat(cli("create", "call", "--prospect", "x@example.com", "--outcome", "interested", "--duration",
                "forever").code()).isEqualTo(2);
        assertThat(cli("create", "call", "--outcome", "interested").code()).isEqualTo(2);
        assertThat(cli("list", "emails", "--status", "read").code()).isEqualTo(2);

        Run unknown = cli("create", "call", "--prospect", "nobody-" + run + "@example.com", "--outcome",
                "no-answer");
        assertThat(unknown.code()).isEqualTo(4);
        assertThat(unknown.err()).contains("No prospect with the address nobody-" + run + "@example.com");
        Run unknownId = cli("create", "call", "--prospect", UUID.randomUUID().toString(), "--outcome", "busy");
        assertThat(unknownId.code()).isEqualTo(4);
    }

    @Test
    void aViewerLoggingACallGetsTheServersProblem() {
        String email = "viewer-" + run + "@example.com";
        String lead = lead("Vera", "Viewed " + run, email);
        loginAs("acme-viewer");
        Run refused = cli("create", "call", "--prospect", email, "--outcome", "connected");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("tessera: 403").contains("correlation id");
        assertThat(api.as("acme-rep", ACME).queryParam("types", "CALL").get("/api/v1/leads/" + lead + "/timeline")
                .then().statusCode(200).extract().jsonPath().getList("results")).isEmpty();
    }

    @Test
    void loginLogoutAndTokensOnDisk() throws Exception {
        Run before = cli("list", "prospects");
        assertThat(before.code()).isEqualTo(3);
        assertThat(before.err()).contains("Not logged in");
        assertThat(cli("login", "--server", server(), "--user", "acme-rep", "--password", "wrong").code())
                .isEqualTo(3);

        loginAs("acme-manager");
        Path file = config.resolve("tessera-crm/credentials.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        JsonNode stored = JSON.readTree(file.toFile());
        assertThat(stored.get("issuer").asText()).isEqualTo(CrmInfrastructure.services().keycloak().issuer());
        assertThat(stored.get("username").asText()).isEqualTo("acme-manager");
        Run whoami = cli("whoami");
        assertThat(whoami.out()).contains("acme-manager").contains("tenant acme").contains("sales-manager");
        assertThat(whoami.out() + whoami.err()).doesNotContain(stored.get("accessToken").asText())
                .doesNotContain(stored.get("refreshToken").asText());

        // an expired access token is renewed with the refresh token
        ((com.fasterxml.jackson.databind.node.ObjectNode) stored).put("accessTokenExpiresAt", Instant.now()
                .minusSeconds(60).toString());
        JSON.writeValue(file.toFile(), stored);
        assertThat(cli("whoami").code()).isZero();
        JsonNode renewed = JSON.readTree(file.toFile());
        assertThat(renewed.get("accessToken").asText()).isNotEqualTo(stored.get("accessToken").asText());
        assertThat(Instant.parse(renewed.get("accessTokenExpiresAt").asText())).isAfter(Instant.now());

        // an offline token (a person should not log in every half hour), revoked at logout
        assertThat(renewed.hasNonNull("refreshTokenExpiresAt")).as(renewed.path("refreshTokenExpiresAt").toString())
                .isFalse();
        String refreshToken = renewed.get("refreshToken").asText();
        assertThat(refreshWorks(refreshToken)).isTrue();
        Run logout = cli("logout");
        assertThat(logout.out()).contains("Logged out.");
        assertThat(logout.err()).isEmpty();
        assertThat(file).doesNotExist();
        assertThat(refreshWorks(refreshToken)).isFalse();
        assertThat(cli("whoami").code()).isEqualTo(3);

        // a token the server refuses and no refresh token to fall back on: not logged in
        loginAs("acme-manager");
        JsonNode again = JSON.readTree(file.toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) again).put("accessToken", "not-a-token")
                .putNull("refreshToken");
        JSON.writeValue(file.toFile(), again);
        Run refused = cli("whoami");
        assertThat(refused.code()).isEqualTo(3);
        assertThat(refused.err()).contains("tessera login again");
        assertThat(cli("logout").out()).contains("Logged out.");
        assertThat(file).doesNotExist();
        assertThat(cli("whoami").code()).isEqualTo(3);
    }

    @Test
    void theExecutableJarRunsTheSameCommands() throws Exception {
        loginAs("acme-rep");
        Path jar = Path.of(System.getProperty("user.dir")).resolve("../crm-cli/target/crm-cli.jar").normalize();
        assertThat(jar).exists();
        String name = "Clijar" + run;
        lead("Jay", name, null);
        // the jar finds the credentials where XDG_CONFIG_HOME says: here the test's directory
        ProcessBuilder inConfig = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toString(), "list", "prospects", "-q", name, "--json");
        inConfig.environment().put("XDG_CONFIG_HOME", config.toString());
        Process listed = inConfig.start();
        String out = new String(listed.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(listed.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(listed.waitFor()).as(err).isZero();
        assertThat(JSON.readTree(out)).isEqualTo(cli("list", "prospects", "-q", name, "--json").json());
        assertThat(JSON.readTree(out)).hasSize(1);

        ProcessBuilder usage = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "create", "call", "--prospect", "x@example.com", "--outcome", "keen");
        usage.environment().put("XDG_CONFIG_HOME", config.toString());
        Process refused = usage.redirectErrorStream(true).start();
        String said = new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(refused.waitFor()).isEqualTo(2);
        assertThat(said).contains("unknown outcome 'keen'");
    }

    @Test
    void anotherTenantsLoginIsRefusedAndNotKept() {
        Run refused = cli("login", "--server", server(), "--user", "globex-rep", "--password", "demo");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("tessera: 403");
        assertThat(config.resolve("tessera-crm/credentials.json")).doesNotExist();
    }

    @Test
    void aNewLoginEndsThePreviousOne() throws Exception {
        loginAs("acme-rep");
        Path file = config.resolve("tessera-crm/credentials.json");
        String first = JSON.readTree(file.toFile()).get("refreshToken").asText();
        loginAs("acme-manager");
        assertThat(JSON.readTree(file.toFile()).get("username").asText()).isEqualTo("acme-manager");
        assertThat(refreshWorks(first)).isFalse();
        assertThat(cli("whoami").out()).contains("acme-manager");
    }

    /** Whether the realm still renews tokens with this refresh token (and so its session lives). */
    private static boolean refreshWorks(String refreshToken) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                CrmInfrastructure.services().keycloak().tokenUrl())).header("Content-Type",
                        "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=refresh_token&client_id=crm-cli&refresh_token=" + URLEncoder.encode(
                                refreshToken, StandardCharsets.UTF_8)))
                .build(),
                HttpResponse.BodyHandlers
                        .ofString());
        return answer.statusCode() == 200;
    }

    @Test
    void listEmailsShowsWhatPeopleOpened() throws Exception {
        loginAs("acme-rep");
        String email = "opener-" + run + "@example.com";
        String lead = lead("Olga", "Opener " + run, email);
        String other = lead("Nils", "Never " + run, "never-" + run + "@example.com");
        JsonPath sent = sendAndAwait(lead, "Your grid report " + run);
        sendAndAwait(other, "Nothing to see " + run);
        Matcher pixel = Pattern.compile("<img src=\"([^\"]+/t/o/[^\"]+)\"").matcher(sent.getString("htmlBody"));
        assertThat(pixel.find()).isTrue();
        // a person's open: after the machine window (1 s in this suite), with a browser's user agent
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), OffsetDateTime.parse(sent.getString("sentAt"))
                .toInstant().plusMillis(1500)).toMillis()));
        api.on(ACME).header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " Chrome/131.0 Safari/537.36").get(URI.create(pixel.group(1)).getRawPath()).then().statusCode(200);

        Run opened = cli("list", "emails", "--status", "opened", "--limit", "1000", "--json");
        assertThat(opened.code()).as(opened.err()).isZero();
        JsonNode mine = null;
        for (JsonNode row : opened.json()) {
            assertThat(row.get("opens").asInt()).isPositive();
            if (row.get("leadId").asText().equals(lead)) {
                mine = row;
            }
        }
        assertThat(mine).as(opened.out()).isNotNull();
        assertThat(mine.get("activityId").asText()).isEqualTo(sent.getString("activityId"));
        assertThat(mine.get("subject").asText()).isEqualTo("Your grid report " + run);
        assertThat(mine.get("to").get(0).asText()).isEqualTo(email);
        assertThat(mine.get("opens").asInt()).isEqualTo(1);
        assertThat(ids(opened.json(), "leadId")).doesNotContain(other);
        Run all = cli("list", "emails", "--limit", "1000", "--csv");
        assertThat(all.out()).contains("Nothing to see " + run).contains("Your grid report " + run);
        Run replied = cli("list", "emails", "--status", "replied", "--limit", "1000", "--json");
        assertThat(ids(replied.json(), "leadId")).doesNotContain(lead, other);
    }

    @Test
    void theWeekReportIsTheApis() throws Exception {
        loginAs("acme-rep");
        String email = "weekly-" + run + "@example.com";
        lead("Wanda", "Weekly " + run, email);
        assertThat(cli("create", "call", "--prospect", email, "--outcome", "meeting-booked", "--duration", "12:30")
                .code()).isZero();
        assertThat(cli("create", "call", "--prospect", email, "--scheduled-for", OffsetDateTime.now(ZoneOffset.UTC)
                .plusMinutes(5).toString()).code()).isZero();

        Run json = cli("report", "week", "--json");
        assertThat(json.code()).as(json.err()).isZero();
        JsonNode fromApi = JSON.readTree(api.as("acme-rep", ACME).get("/api/v1/reports/week").then().statusCode(200)
                .extract().asString());
        assertThat(json.json()).isEqualTo(fromApi);
        assertThat(fromApi.get("callsCompleted").asLong()).isPositive();
        String week = fromApi.get("week").asText();

        Run table = cli("report", "week");
        System.out.println("[cli] tessera report week\n" + table.out());
        assertThat(table.out()).contains("WEEK " + week + " SALES REPORT").contains("Emails Sent:")
                .contains("Email Open Rate:").contains("Email Reply Rate:").contains("Calls Scheduled:")
                .contains("Deals Closed:").contains("Calls Completed:     " + fromApi.get("callsCompleted").asLong());

        Run csv = cli("report", "week", "--week", week, "--csv");
        List<List<String>> rows = csv(csv.out());
        assertThat(rows).hasSize(2);
        for (String field : List.of("week", "emailsSent", "callsScheduled", "callsCompleted", "callsPending",
                "dealsWon", "newLeads")) {
            assertThat(rows.get(1).get(rows.get(0).indexOf(field))).as(field).isEqualTo(fromApi.get(field).asText());
        }
        JsonNode earlier = JSON.readTree(api.as("acme-rep", ACME).queryParam("week", "2026-W01")
                .get("/api/v1/reports/week").then().statusCode(200).extract().asString());
        assertThat(cli("report", "week", "--week", "2026-W01", "--json").json()).isEqualTo(earlier);
        assertThat(cli("report", "week", "--week", "48").code()).isEqualTo(2);
        Run noSuchWeek = cli("report", "week", "--week", "2026-W60");
        assertThat(noSuchWeek.code()).isEqualTo(1);
        assertThat(noSuchWeek.err()).contains("tessera: 400");
    }

    private JsonPath sendAndAwait(String lead, String subject) throws InterruptedException {
        String id = api.as("acme-rep", ACME).body(Map.of("subject", subject, "body", "Hi, see https://example.com/r"))
                .post("/api/v1/leads/" + lead + "/outgoing-emails").then().statusCode(202).extract().path("id");
        Instant deadline = Instant.now().plusSeconds(20);
        JsonPath email = null;
        while (Instant.now().isBefore(deadline)) {
            email = api.as("acme-rep", ACME).get("/api/v1/outgoing-emails/" + id).then().statusCode(200).extract()
                    .jsonPath();
            if (email.getString("state").equals("sent")) {
                return email;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("e-mail " + id + " not sent: " + email.prettify());
    }

    @Test
    void theDeviceGrantLogsAPersonInThroughTheirBrowser() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = Tessera.commandLine(CliContext.of(config.resolve("tessera-crm")));
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        CompletableFuture<Integer> login = CompletableFuture.supplyAsync(() -> line.execute("login", "--server",
                server()));

        Pattern code = Pattern.compile("^ {4}(\\S+)$", Pattern.MULTILINE);
        Pattern address = Pattern.compile("open (http\\S+) in a browser");
        Instant deadline = Instant.now().plusSeconds(30);
        Matcher printed = code.matcher("");
        while (Instant.now().isBefore(deadline) && !login.isDone()) {
            printed = code.matcher(out.toString());
            if (printed.find()) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(login.isDone()).as(out + "\n" + err).isFalse();
        String userCode = printed.group(1);
        Matcher verification = address.matcher(out.toString());
        assertThat(verification.find()).isTrue();
        assertThat(verification.group(1)).isEqualTo(CrmInfrastructure.services().keycloak().issuer() + "/device");
        assertThat(out.toString()).contains("Waiting for you to approve");

        String finalPage = approveInBrowser(verification.group(1), userCode, "acme-rep", "demo");
        assertThat(finalPage).containsIgnoringCase("success");
        assertThat(login.get(60, TimeUnit.SECONDS)).as(out + "\n" + err).isZero();
        System.out.println("[cli] tessera login --server " + server() + "\n" + out);
        assertThat(out.toString()).contains("Logged in to " + server() + " as acme-rep (tenant acme");
        Run whoami = cli("whoami");
        assertThat(whoami.out()).contains("acme-rep");
        assertThat(out.toString() + err).doesNotContain(JSON.readTree(config.resolve("tessera-crm/credentials.json")
                .toFile()).get("accessToken").asText());
    }

    /**
     * What a person does in the browser: the device page, the code, Keycloak's login form, the grant if Keycloak asks
     * for one. Plain form posts with cookies; each form's action and hidden fields are read from the page.
     */
    private static String approveInBrowser(String deviceUri, String userCode, String user, String password)
            throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new BrowserCookies())
                .followRedirects(HttpClient.Redirect.ALWAYS).version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> page = browser.send(asBrowser(URI.create(deviceUri)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (!page.body().contains("<form")) {
            // the page that asks for the code, when the realm cannot show it: the complete address carries the code
            System.out.println("[cli] " + deviceUri + " answered " + page.statusCode() + ": " + page.body());
            page = browser.send(asBrowser(URI.create(deviceUri + "?user_code=" + URLEncoder.encode(userCode,
                    StandardCharsets.UTF_8))).GET().build(), HttpResponse.BodyHandlers.ofString());
        }
        StringBuilder trail = new StringBuilder();
        for (int step = 0; step < 6; step++) {
            String html = page.body();
            trail.append("\n--- ").append(page.statusCode()).append(' ').append(page.uri()).append('\n').append(html);
            if (html.toLowerCase().contains("device login successful") || html.contains("kc-page-title")
                    && html.toLowerCase().contains("success")) {
                return html;
            }
            if (!html.contains("<form")) {
                throw new AssertionError("no form; the pages were:" + trail);
            }
            Form form = Form.first(html, page.uri());
            trail.append("\n>>> POST ").append(form.action()).append(' ').append(form.hidden());
            Map<String, String> fields = new LinkedHashMap<>(form.hidden());
            if (html.contains("name=\"device_user_code\"")) {
                fields.put("device_user_code", userCode);
            } else if (html.contains("name=\"password\"")) {
                fields.put("username", user);
                fields.put("password", password);
            } else if (html.contains("name=\"accept\"")) {
                fields.put("accept", "Yes");
            } else {
                throw new AssertionError("unexpected page at " + page.uri() + ":\n" + html);
            }
            page = browser.send(asBrowser(form.action()).header("Content-Type",
                    "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form(fields)))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }
        throw new AssertionError("no success page: " + page.body());
    }

    /**
     * A browser's cookie jar for the one Keycloak host. With java.net's CookieManager Keycloak's login cookies did not
     * come back over http (the login ended in "cookie_not_found"); a browser sends them, and so does this jar.
     */
    private static final class BrowserCookies extends CookieHandler {
        private final Map<String, String> jar = new LinkedHashMap<>();

        @Override
        public synchronized Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) {
            if (jar.isEmpty()) {
                return Map.of();
            }
            List<String> pairs = new ArrayList<>();
            jar.forEach((name, value) -> pairs.add(name + "=" + value));
            return Map.of("Cookie", List.of(String.join("; ", pairs)));
        }

        @Override
        public synchronized void put(URI uri, Map<String, List<String>> headers) {
            headers.forEach((header, values) -> {
                if (header != null && header.equalsIgnoreCase("set-cookie")) {
                    for (String cookie : values) {
                        String pair = cookie.split(";", 2)[0];
                        int eq = pair.indexOf('=');
                        String name = pair.substring(0, eq).strip();
                        if (cookie.toLowerCase().contains("max-age=0")) {
                            jar.remove(name);
                        } else {
                            jar.put(name, pair.substring(eq + 1).strip());
                        }
                    }
                }
            });
        }
    }

    /**
     * Keycloak serves the device page's form post and the device authorization request on one path, and tells them
     * apart by what the client accepts: a browser asks for HTML.
     */
    private static HttpRequest.Builder asBrowser(URI uri) {
        return HttpRequest.newBuilder(uri).header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36");
    }

    private record Form(URI action, Map<String, String> hidden) {
        private static final Pattern FORM = Pattern.compile("<form[^>]*action=\"([^\"]+)\"[^>]*>(.*?)</form>",
                Pattern.DOTALL);
        private static final Pattern HIDDEN = Pattern.compile("<input[^>]*type=\"hidden\"[^>]*>");
        private static final Pattern NAME = Pattern.compile("name=\"([^\"]+)\"");
        private static final Pattern VALUE = Pattern.compile("value=\"([^\"]*)\"");

        static Form first(String html, URI page) {
            Matcher form = FORM.matcher(html);
            if (!form.find()) {
                throw new AssertionError("no form at " + page + ":\n" + html);
            }
            Map<String, String> hidden = new LinkedHashMap<>();
            Matcher input = HIDDEN.matcher(form.group(2));
            while (input.find()) {
                Matcher name = NAME.matcher(input.group());
                Matcher value = VALUE.matcher(input.group());
                if (name.find()) {
                    hidden.put(name.group(1), value.find() ? unescape(value.group(1)) : "");
                }
            }
            return new Form(page.resolve(unescape(form.group(1))), hidden);
        }

        private static String unescape(String html) {
            return html.replace("&amp;", "&").replace("&#61;", "=").replace("&quot;", "\"");
        }
    }

    private static String form(Map<String, String> fields) {
        List<String> pairs = new ArrayList<>();
        fields.forEach((k, v) -> pairs.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v,
                StandardCharsets.UTF_8)));
        return String.join("&", pairs);
    }

    /** RFC 4180, as the CLI writes it. */
    private static List<List<String>> csv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        return rows;
    }
}
