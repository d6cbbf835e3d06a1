package org.tesseracrm.it.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.tesseracrm.it.support.Api;
import org.tesseracrm.it.support.CrmInfrastructure;
import org.tesseracrm.it.support.CrmWebTest;

import io.restassured.response.Response;

/** Teams: role cells, tenant isolation in both directions, optimistic locking, bad input, concurrency. */
class TeamsIT extends CrmWebTest {

    private static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    private String createAcmeTeam(String name) {
        return api.as("acme-admin", "acme.localhost")
                .body(Map.of("name", name, "managerUsername", "acme-manager", "members", List.of("acme-rep")))
                .post("/api/v1/teams").then().statusCode(201).extract().path("id");
    }

    @Test
    void adminCreatesTeamAndEveryRoleOfTheTenantReadsIt() {
        String name = unique("Field sales");
        Response created = api.as("acme-admin", "acme.localhost")
                .body(Map.of("name", name, "managerUsername", "acme-manager", "members", List.of("acme-rep")))
                .post("/api/v1/teams");
        created.then().statusCode(201).body("name", equalTo(name)).body("createdBy", equalTo("acme-admin"))
                .body("members", equalTo(List.of("acme-rep"))).body("version", equalTo(1));
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/api/v1/teams/" + id);

        for (String user : List.of("acme-admin", "acme-manager", "acme-rep", "acme-viewer")) {
            api.as(user, "acme.localhost").get("/api/v1/teams/" + id).then().statusCode(200)
                    .body("managerUsername", equalTo("acme-manager"));
        }
    }

    @Test
    void onlyCrmAdminsChangeTeams() {
        String id = createAcmeTeam(unique("Inside sales"));
        for (String user : List.of("acme-manager", "acme-rep", "acme-viewer")) {
            api.as(user, "acme.localhost").body(Map.of("name", unique("x"))).post("/api/v1/teams").then()
                    .statusCode(403);
            api.as(user, "acme.localhost").body(Map.of("name", "renamed", "version", 0))
                    .put("/api/v1/teams/" + id).then().statusCode(403);
            api.as(user, "acme.localhost").delete("/api/v1/teams/" + id).then().statusCode(403);
        }
        api.on("acme.localhost").get("/api/v1/teams").then().statusCode(401);
        // a platform operator never sees tenant data
        api.as("operator", "acme.localhost").get("/api/v1/teams").then().statusCode(401);
        api.as("acme-admin", "acme.localhost").delete("/api/v1/teams/" + id).then().statusCode(204);
        api.as("acme-admin", "acme.localhost").get("/api/v1/teams/" + id).then().statusCode(404);
    }

    @Test
    void anotherTenantNeitherReachesNorSeesTheTeam() {
        String name = unique("Acme only");
        String id = createAcmeTeam(name);
        // globex's token on acme's host: refused whatever the role
        api.as("globex-rep", "acme.localhost").get("/api/v1/teams/" + id).then().statusCode(403);
        api.as("globex-rep", "acme.localhost").get("/api/v1/teams").then().statusCode(403);
        // acme's id asked for on globex's host, by globex: does not exist there
        api.as("globex-rep", "globex.localhost").get("/api/v1/teams/" + id).then().statusCode(404);
        assertThat(api.as("globex-rep", "globex.localhost").get("/api/v1/teams").then().statusCode(200).extract()
                .<List<String>>path("name")).doesNotContain(name);
    }

    @Test
    void staleVersionAndDuplicateNameAreConflicts() {
        String name = unique("Renewals");
        String id = createAcmeTeam(name);
        api.as("acme-admin", "acme.localhost").body(Map.of("name", name + " EMEA", "version", 1, "members",
                List.of("acme-rep", "acme-viewer"))).put("/api/v1/teams/" + id).then().statusCode(200)
                .body("version", equalTo(2)).body("members", equalTo(List.of("acme-rep", "acme-viewer")));
        api.as("acme-admin", "acme.localhost").body(Map.of("name", name + " APAC", "version", 1))
                .put("/api/v1/teams/" + id).then().statusCode(409).body("type", containsString("stale-version"));
        String other = unique("Other");
        createAcmeTeam(other);
        api.as("acme-admin", "acme.localhost").body(Map.of("name", other.toUpperCase()))
                .post("/api/v1/teams").then().statusCode(409).body("type", containsString("duplicate-team-name"));
    }

    @Test
    void badInputIsAClearClientErrorAndWritesNothing() {
        var admin = api.as("acme-admin", "acme.localhost");
        int before = api.as("acme-admin", "acme.localhost").get("/api/v1/teams").then().extract().path("size()");
        api.as("acme-admin", "acme.localhost").body(Map.of("name", "")).post("/api/v1/teams").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("name"));
        api.as("acme-admin", "acme.localhost").body(Map.of("name", "x".repeat(101))).post("/api/v1/teams").then()
                .statusCode(400);
        api.as("acme-admin", "acme.localhost").body(Map.of("name", unique("Bad member"), "members",
                List.of("'; DROP TABLE team; --"))).post("/api/v1/teams").then().statusCode(400);
        // manager and members are people of the tenant: nobody, or another tenant's user, is a 400 naming the field
        api.as("acme-admin", "acme.localhost").body(Map.of("name", unique("Stranger"), "members",
                List.of("acme-rep", "globex-rep"))).post("/api/v1/teams").then().statusCode(400)
                .body("detail", containsString("members"));
        api.as("acme-admin", "acme.localhost").body(Map.of("name", unique("Stranger"), "managerUsername",
                "nobody-at-all")).post("/api/v1/teams").then().statusCode(400)
                .body("detail", containsString("managerUsername"));
        api.as("acme-admin", "acme.localhost").body("{\"name\": ").post("/api/v1/teams").then().statusCode(400)
                .contentType("application/problem+json");
        api.as("acme-admin", "acme.localhost").body("{\"name\": \"x\", \"members\": 5}").post("/api/v1/teams").then()
                .statusCode(400);
        api.as("acme-admin", "acme.localhost").body("").post("/api/v1/teams").then().statusCode(400);
        admin.body(Map.of("name", "no version")).put("/api/v1/teams/" + UUID.randomUUID()).then().statusCode(400);
        api.as("acme-admin", "acme.localhost").get("/api/v1/teams/not-a-uuid").then().statusCode(404);
        int after = api.as("acme-admin", "acme.localhost").get("/api/v1/teams").then().extract().path("size()");
        assertThat(after).isEqualTo(before);
    }

    /**
     * Threads interleave two tenants' writes and reads (teams with their member collection, a relationship) on the
     * same server; no tenant ever sees the other's rows, through the API or in the database.
     */
    @Test
    void concurrentTenantsNeverSeeEachOthersRows() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Callable<List<String>>> work = new ArrayList<>();
        for (int thread = 0; thread < 6; thread++) {
            String tenant = thread % 2 == 0 ? "acme" : "globex";
            String admin = tenant + "-admin";
            int t = thread;
            work.add(() -> {
                List<String> foreign = new ArrayList<>();
                for (int i = 0; i < 10; i++) { // bounded: 60 writes and 60 reads in all, 30 per tenant
                    api.as(admin, tenant + ".localhost").body(Map.of("name", tenant + " " + run + " " + t + "-" + i,
                            "members", List.of(tenant + "-rep"))).post("/api/v1/teams").then()
                            .statusCode(201);
                    List<Map<String, Object>> seen = api.as(admin, tenant + ".localhost").get("/api/v1/teams")
                            .then().statusCode(200).extract().path("$");
                    for (Map<String, Object> team : seen) {
                        String name = (String) team.get("name");
                        if (name.startsWith(tenant.equals("acme") ? "globex " : "acme ")) {
                            foreign.add(tenant + " saw " + name);
                        }
                        if (team.get("members").toString().contains(tenant.equals("acme") ? "globex-" : "acme-")) {
                            foreign.add(tenant + " saw members " + team.get("members"));
                        }
                    }
                }
                return foreign;
            });
        }
        List<String> foreign = new ArrayList<>();
        for (Future<List<String>> result : pool.invokeAll(work, 3, TimeUnit.MINUTES)) {
            foreign.addAll(result.get());
        }
        pool.shutdown();
        assertThat(foreign).isEmpty();

        try (Connection c = CrmInfrastructure.services().controlPlane().connect();
                Statement s = c.createStatement();
                ResultSet misplaced = s.executeQuery("SELECT"
                        + " (SELECT count(*) FROM t_globex.team WHERE name LIKE 'acme %')"
                        + " + (SELECT count(*) FROM t_globex.team_member WHERE username LIKE 'acme-%')"
                        + " + (SELECT count(*) FROM t_acme.team WHERE name LIKE 'globex %')"
                        + " + (SELECT count(*) FROM t_acme.team_member WHERE username LIKE 'globex-%')")) {
            misplaced.next();
            assertThat(misplaced.getLong(1)).as("rows in the other tenant's schema").isZero();
        }
        try (Connection c = CrmInfrastructure.services().controlPlane().connect();
                Statement s = c.createStatement();
                ResultSet acme = s.executeQuery("SELECT count(*) FROM t_acme.team WHERE name LIKE 'acme " + run
                        + " %'")) {
            acme.next();
            assertThat(acme.getLong(1)).isEqualTo(30);
        }
        try (Connection c = CrmInfrastructure.services().controlPlane().connect();
                Statement s = c.createStatement();
                ResultSet globex = s
                        .executeQuery("SELECT count(*) FROM t_globex.team_member m JOIN t_globex.team t"
                                + " ON t.id = m.team_id WHERE m.username = 'globex-rep' AND t.name LIKE 'globex "
                                + run + " %'")) {
            globex.next();
            assertThat(globex.getLong(1)).isEqualTo(30);
        }
    }
}
