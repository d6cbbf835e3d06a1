package org.tesseracrm.it.ear;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.zip.ZipFile;

import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tesseracrm.dev.PayaraBootCommands;
import org.tesseracrm.it.support.CrmInfrastructure;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The EAR is real: {@code crm-ear.ear} deploys on a full Payara Server 6 against the same real PostgreSQL and Keycloak
 * as the other integration tests ({@link CrmInfrastructure}), serves an authenticated tenant request, health and
 * OpenAPI, and undeploys cleanly.
 *
 * <p>
 * Where the endpoints live: Payara Server serves MicroProfile Health ({@code /health}, {@code /health/ready}) and
 * OpenAPI ({@code /openapi}) itself, as system web modules on the HTTP listener (virtual server {@code server}), not on
 * the admin port. Both are enabled by default in 6.2025.10 ({@code get-microprofile-healthcheck-configuration} and
 * {@code get-openapi-configuration} print {@code Enabled true}, security disabled), so no
 * {@code set-microprofile-healthcheck-configuration} is needed. The application sits at context root {@code /}, but
 * the servlet container maps a request to the longest matching context path, so {@code /health} and {@code /openapi}
 * still reach Payara's modules. (Payara's separate "HealthCheck service" with notifiers is unrelated and stays off.)
 *
 * <p>
 * Run with {@code mvn -pl crm-it verify -Dit.test=EarOnPayaraServerIT}; needs the system properties
 * {@code crm.dist.dir} (crm-ear.ear, payara.zip) and {@code crm.work.dir} that crm-it's failsafe configuration sets.
 * {@code -Dcrm.payara.java.home=...} picks the JDK for asadmin and the server (default: the JDK running the tests).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(CrmInfrastructure.class)
class EarOnPayaraServerIT {

    private static final String APP = "crm-ear";

    private static Path dist;
    private static PayaraServer server;
    private static long suiteStart;
    private static long logAtDeploy;
    private static java.sql.Timestamp deployedAt;

    @BeforeAll
    static void startServerAndDeploy() {
        suiteStart = System.nanoTime();
        dist = requiredDir("crm.dist.dir");
        Path work = requiredDir("crm.work.dir").resolve("payara-server");
        Path javaHome = Paths.get(System.getProperty("crm.payara.java.home", System.getProperty("java.home")));
        // the batch pool is the server's, so the server needs the driver (the EAR's own copy is not visible to it)
        server = new PayaraServer(dist.resolve("payara.zip"), work, javaHome).withDomainLibrary(postgresDriverJar());

        time("start (unzip, domain, start-domain)", server::start);
        System.out.println("[payara] domain " + PayaraServer.DOMAIN + ": http " + server.httpPort() + ", admin "
                + server.adminPort() + ", java " + javaHome);
        // Set before deploying: Payara caches MicroProfile Config values (60 s by default), and the datasource
        // definition resolves ${MPCONFIG=crm.db.url} when the application deploys (Payara Server also logs the
        // persistence unit in at deployment, so the database must be there).
        var services = CrmInfrastructure.services();
        server.systemProperties(Map.of( //
                "crm.db.url", services.database().settings().jdbcUrl(), //
                "crm.db.user", CrmInfrastructure.APP_ROLE, //
                "crm.db.password", CrmInfrastructure.APP_PASSWORD, //
                "mp.jwt.verify.issuer", services.keycloak().issuer(), //
                "mp.jwt.verify.publickey.location", services.keycloak().jwksUrl(), //
                "crm.base-domain", "localhost", //
                "crm.sequences.run-interval", "PT5S")); // so that the schedule is seen running within the test
        time("batch job repository pool", EarOnPayaraServerIT::configureBatchRepository);
        // the batch runtime reads its configuration when the server starts: on a new domain it otherwise keeps its
        // default repository (H2, in the timer database; seen in CI, where every domain is new)
        time("restart for the batch configuration", () -> {
            server.stop();
            server.start();
        });
        logAtDeploy = server.serverLogLength();
        deployedAt = new java.sql.Timestamp(System.currentTimeMillis());
        time("deploy", () -> server.deploy(dist.resolve("crm-ear.ear"), APP));
    }

    /**
     * The same server-level batch pool as Payara Micro's boot commands ({@link PayaraBootCommands#postBoot}): the job
     * repository in schema {@code batch}, with the healing settings. The domain is reused between runs and the
     * database port may have moved, so an existing pool is replaced.
     */
    private static void configureBatchRepository() {
        if (server.remote("list-jdbc-resources").output().contains(PayaraBootCommands.BATCH_RESOURCE)) {
            server.remote("delete-jdbc-resource", PayaraBootCommands.BATCH_RESOURCE);
        }
        if (server.remote("list-jdbc-connection-pools").output().contains(PayaraBootCommands.BATCH_POOL)) {
            server.remote("delete-jdbc-connection-pool", PayaraBootCommands.BATCH_POOL);
        }
        var database = CrmInfrastructure.services().database().settings();
        for (String line : PayaraBootCommands.postBoot("localhost", database.port(), database.database(),
                CrmInfrastructure.APP_ROLE,
                CrmInfrastructure.APP_PASSWORD)) {
            server.remote(line.split(" ")); // boot-file lines: one subcommand, options without spaces
        }
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            time("stop-domain", server::stop);
        }
        System.out.printf("[payara] EarOnPayaraServerIT took %.1f s%n", (System.nanoTime() - suiteStart) / 1e9);
    }

    @Test
    @Order(1)
    void earHasSkinnyWarEjbModuleAndSharedLibraries() throws IOException {
        try (ZipFile ear = new ZipFile(dist.resolve("crm-ear.ear").toFile())) {
            List<String> entries = ear.stream().map(e -> e.getName()).toList();
            assertThat(entries).contains("crm-web.war", "crm-ejb.jar", "META-INF/application.xml");
            assertThat(entries).anyMatch(e -> e.matches("lib/postgresql[^/]*\\.jar"))
                    .noneMatch(e -> e.matches("lib/crm-batch[^/]*\\.jar"));

            String applicationXml = read(ear, "META-INF/application.xml");
            assertThat(applicationXml).contains("<web-uri>crm-web.war</web-uri>", "<context-root>/</context-root>",
                    "<ejb>crm-ejb.jar</ejb>", "<library-directory>lib</library-directory>");

            try (JarInputStream war = new JarInputStream(ear.getInputStream(ear.getEntry("crm-web.war")))) {
                assertThat(war.getManifest().getMainAttributes().getValue("Class-Path")).isNull();
                List<String> bundled = new java.util.ArrayList<>();
                for (JarEntry entry; (entry = war.getNextJarEntry()) != null;) {
                    if (entry.getName().matches("WEB-INF/lib/.+\\.jar")) {
                        bundled.add(entry.getName());
                    }
                }
                // skinny: the shared jars (crm-ejb, the driver) are the EAR's; crm-batch stays in the WAR, whose
                // class loader sees the EJB module (the EAR's lib/ class loader would not); web-only libraries
                // (Bucket4j for the rate limits, nimbus-jose-jwt for tokens, PrimeFaces for the console, FileUpload for
                // CSV uploads) stay in the WAR too
                assertThat(bundled).anyMatch(jar -> jar.matches("WEB-INF/lib/crm-batch[^/]*\\.jar"))
                        .noneMatch(jar -> jar.matches("WEB-INF/lib/(crm-ejb|postgresql)[^/]*\\.jar"))
                        .allMatch(jar -> jar
                                .matches(
                                        "WEB-INF/lib/(crm-batch|bucket4j|nimbus-jose-jwt|primefaces|commons-fileupload2)[^/]*\\.jar"));
            }
        }
    }

    @Test
    @Order(2)
    void meWithoutTokenIsAProblem401() {
        Response response = http().get("/api/v1/me");

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonPath problem = response.jsonPath();
        assertThat(problem.getInt("status")).isEqualTo(401);
        assertThat(problem.getString("type")).endsWith("/unauthenticated");
        assertThat(problem.getString("correlationId")).isNotBlank();
    }

    @Test
    @Order(2)
    void openApiServesTheBuiltContract() {
        Response response = http().accept("application/json").get("/openapi");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.asString()).contains("/api/v1/me", "Tessera CRM API", "getMe", "ContactPage")
                .doesNotContain("\"endpoints\"");
    }

    @Test
    @Order(2)
    void pathsNothingServesAreProblemsNotHtml() {
        for (String path : List.of("/nope", "/api/v2/contacts", "/WEB-INF/web.xml")) {
            Response response = http().header("Host", "acme.localhost:" + server.httpPort()).get(path);

            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.contentType()).as(path).startsWith("application/problem+json");
        }
        Response badHost = http().header("Host", "acme.localhost, globex.localhost").get("/api/v1/me");
        assertThat(badHost.statusCode()).isEqualTo(400);
        assertThat(badHost.contentType()).startsWith("application/problem+json");
    }

    @Test
    @Order(2)
    void readinessIsUpWithDatabaseAndTokenKeys() {
        Response response = http().get("/health/ready");

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        JsonPath health = response.jsonPath();
        assertThat(health.getString("status")).isEqualTo("UP");
        assertThat(health.getList("checks.name", String.class)).contains("database", "token-keys");
    }

    @Test
    @Order(2)
    void tenantUserIsServedThroughTheEar() throws Exception {
        String token = CrmInfrastructure.services().keycloak().passwordGrantToken("acme-rep", "demo");
        Response response = http().header("Host", "acme.localhost:" + server.httpPort()).auth().oauth2(token)
                .get("/api/v1/me");

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(response.jsonPath().getString("tenant")).isEqualTo("acme");
        assertThat(response.jsonPath().getList("roles", String.class)).containsExactly("sales-rep");
    }

    @Test
    @Order(2)
    void batchJobsKeepTheirRepositoryInPostgres() throws Exception {
        long run = runNormaliseJob();

        List<String> statuses = new java.util.ArrayList<>();
        try (Connection c = CrmInfrastructure.services().database().superuserConnection()) {
            List<String> prefixes = repositoryPrefixes(c);
            System.out.println("[payara] job repositories in schema batch, by table prefix: " + prefixes.stream()
                    .map(prefix -> "'" + prefix + "'").toList());
            for (String prefix : prefixes) {
                try (PreparedStatement s = c.prepareStatement("SELECT j.name, e.batchstatus FROM batch." + prefix
                        + "executioninstancedata e JOIN batch." + prefix + "jobinstancedata j ON j.jobinstanceid ="
                        + " e.jobinstanceid WHERE e.jobexecid = ? AND e.createtime > ?")) {
                    s.setLong(1, run);
                    s.setTimestamp(2, deployedAt);
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            statuses.add(r.getString(1) + " " + r.getString(2));
                        }
                    }
                }
            }
        }
        assertThat(statuses).as("run " + run + " in PostgreSQL's batch schema").contains(
                "contact-email-normalise COMPLETED");
    }

    /**
     * What runs by itself runs in the EAR too: the sequence schedule starts {@code sequence-run} on its own (every 5 s
     * here), and no background task fails for want of the application's naming context, as they all did while they
     * started with the EJB module ("ComponentId is null").
     */
    @Test
    @Order(3)
    void backgroundWorkRunsAsPartOfTheApplication() throws Exception {
        int completed = 0;
        for (int poll = 0; poll < 60 && completed == 0; poll++) { // bounded: at most ~30 s
            try (Connection c = CrmInfrastructure.services().database().superuserConnection()) {
                for (String prefix : repositoryPrefixes(c)) {
                    try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM batch." + prefix
                            + "executioninstancedata e JOIN batch." + prefix + "jobinstancedata j ON j.jobinstanceid"
                            + " = e.jobinstanceid WHERE j.name = 'sequence-run' AND e.batchstatus = 'COMPLETED'"
                            + " AND e.createtime > ?")) {
                        s.setTimestamp(1, deployedAt);
                        try (ResultSet r = s.executeQuery()) {
                            r.next();
                            completed += r.getInt(1);
                        }
                    }
                }
            }
            if (completed == 0) {
                Thread.sleep(500);
            }
        }
        assertThat(completed).as("sequence-run runs the schedule started since the deploy").isPositive();

        String log = server.serverLogSince(logAtDeploy);
        assertThat(log).doesNotContain("ComponentId is null");
        assertThat(log.lines().filter(line -> line.contains("[SEVERE]") && line.contains("[org.tesseracrm")))
                .as("errors logged by the application").isEmpty();
    }

    /**
     * Issue 8 on the EAR: every connection of the application's datasource and of the batch pool is terminated (what a
     * PostgreSQL restart or failover does to pooled connections); the next requests are served without a restart and
     * a batch job runs to completion on the healed batch pool.
     */
    @Test
    @Order(4)
    void poolsHealAfterEveryConnectionIsTerminated() throws Exception {
        String token = CrmInfrastructure.services().keycloak().passwordGrantToken("acme-rep", "demo");
        assertThat(listContacts(token).statusCode()).isEqualTo(200); // the pool holds connections now
        runNormaliseJob(); // and so does the batch pool

        int terminated;
        try (Connection c = CrmInfrastructure.services().database().superuserConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE usename = '" + CrmInfrastructure.APP_ROLE + "'")) {
            r.next();
            terminated = r.getInt(1);
        }
        long killedAt = System.nanoTime();
        Map<Integer, Integer> statuses = new TreeMap<>();
        long servedAfterMillis = -1;
        for (int attempt = 0; attempt < 100 && servedAfterMillis < 0; attempt++) { // bounded: at most ~30 s
            Response response = listContacts(token);
            statuses.merge(response.statusCode(), 1, Integer::sum);
            assertThat(response.contentType()).as("response " + response.statusCode()).doesNotContain("html");
            assertThat(response.statusCode()).as(response.asString()).isIn(200, 503);
            if (response.statusCode() == 200) {
                servedAfterMillis = Duration.ofNanos(System.nanoTime() - killedAt).toMillis();
            } else {
                Thread.sleep(300);
            }
        }
        long jobStart = System.nanoTime();
        runNormaliseJob();
        System.out.printf("[payara] EAR: %d data-plane connections terminated; a contact list served again after %d ms"
                + " (responses meanwhile %s); a batch job ran to COMPLETED %.1f s later%n", terminated,
                servedAfterMillis, statuses, Duration.ofNanos(System.nanoTime() - jobStart).toMillis() / 1000.0);

        assertThat(terminated).as("connections of the EAR's pools").isPositive();
        assertThat(servedAfterMillis).as("ms until served again").isBetween(0L, 5_000L);
    }

    @Test
    @Order(5)
    void undeploys() {
        time("undeploy", () -> server.undeploy(APP));

        assertThat(server.isDeployed(APP)).isFalse();
        // nothing of the application answers any more: no problem+json from its mappers
        Response response = http().get("/api/v1/me");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.contentType()).doesNotContain("problem+json");
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    /**
     * The prefixes of the job repositories in schema {@code batch}: the batch runtime prefixes the table names it
     * creates (Payara Micro with {@code jbatch}, see ExecutionHeartbeats), and the Micro tests of the same build may
     * have made theirs before this server made its own.
     */
    private static List<String> repositoryPrefixes(Connection c) throws Exception {
        List<String> prefixes = new java.util.ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT table_name FROM information_schema.tables WHERE"
                + " table_schema = 'batch' AND table_name LIKE '%jobinstancedata'")) {
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String table = r.getString(1);
                    prefixes.add(table.substring(0, table.length() - "jobinstancedata".length()));
                }
            }
        }
        assertThat(prefixes).as("job repositories").isNotEmpty();
        return prefixes;
    }

    private static Path postgresDriverJar() {
        try {
            return Paths.get(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response listContacts(String token) {
        return http().header("Host", "acme.localhost:" + server.httpPort()).auth().oauth2(token)
                .get("/api/v1/contacts?limit=1");
    }

    /** Starts {@code contact-email-normalise} for acme through the EAR and waits (at most 60 s) until it ends. */
    private static long runNormaliseJob() throws Exception {
        String token = CrmInfrastructure.services().keycloak().passwordGrantToken("acme-admin", "demo");
        String host = "acme.localhost:" + server.httpPort();
        Response started = http().header("Host", host).auth().oauth2(token)
                .post("/api/v1/jobs/contact-email-normalise/executions");
        assertThat(started.statusCode()).as(started.asString()).isEqualTo(202);
        long id = Long.parseLong(started.jsonPath().getString("id"));
        String status = "";
        for (int poll = 0; poll < 120
                && !List.of("COMPLETED", "FAILED", "ABANDONED", "STOPPED").contains(status); poll++) {
            Thread.sleep(500);
            status = http().header("Host", host).auth().oauth2(token).get("/api/v1/jobs/executions/" + id).jsonPath()
                    .getString("status");
        }
        assertThat(status).as("run " + id).isEqualTo("COMPLETED");
        return id;
    }

    /** Requests to the apex host {@code localhost} (crm.base-domain), with bounded connect and read times. */
    private static RequestSpecification http() {
        RestAssuredConfig config = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.connection.timeout", 10_000).setParam("http.socket.timeout", 60_000));
        return given().config(config).baseUri("http://localhost").port(server.httpPort()).redirects().follow(false);
    }

    private static String read(ZipFile zip, String name) throws IOException {
        try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Path requiredDir(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set (crm-it's failsafe sets it)");
        }
        Path dir = Paths.get(value);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot use " + property + "=" + value, e);
        }
    }

    private static void time(String what, Runnable action) {
        long start = System.nanoTime();
        try {
            action.run();
        } finally {
            System.out.printf("[payara] %s: %.1f s%n", what, Duration.ofNanos(System.nanoTime() - start).toMillis()
                    / 1000.0);
        }
    }
}
