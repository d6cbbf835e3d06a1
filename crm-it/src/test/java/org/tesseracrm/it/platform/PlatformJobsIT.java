package org.tesseracrm.it.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tesseracrm.it.support.Api;
import org.tesseracrm.it.support.CrmInfrastructure;
import org.tesseracrm.it.support.CrmWebTest;

import io.restassured.response.Response;

/**
 * A platform batch job run for real: started and watched by an operator through the API on the apex host, executed by
 * Payara's batch runtime, with its job repository in schema {@code batch}.
 */
class PlatformJobsIT extends CrmWebTest {

    private static final String CENSUS = "/api/v1/platform/jobs/tenant-census/executions";

    @Test
    void operatorRunsTheCensusAndTheJobRepositoryIsInSchemaBatch() throws Exception {
        String operator = Api.token("operator");
        Response started = api.on("localhost").auth().oauth2(operator).post(CENSUS);
        started.then().statusCode(202).body("job", equalTo("tenant-census"));
        String location = started.header("Location");
        assertThat(location).contains("/api/v1/platform/jobs/executions/");

        String path = java.net.URI.create(location).getPath();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        String status;
        Response run;
        do {
            Thread.sleep(250);
            run = api.on("localhost").auth().oauth2(operator).get(path);
            run.then().statusCode(200);
            status = run.path("status");
        } while (!List.of("COMPLETED", "FAILED", "ABANDONED").contains(status) && Instant.now().isBefore(deadline));

        assertThat(status).isEqualTo("COMPLETED");
        // umbrella is suspended: platform jobs act on active tenants only (other tests add contacts, so count now)
        assertThat(run.<String>path("exitStatus")).isEqualTo("acme=" + contacts("t_acme") + " globex="
                + contacts("t_globex"));

        // the operators' list of every job's runs has it, newest first, with no tenant (a platform job)
        String id = run.path("id");
        List<Map<String, Object>> runs = api.on("localhost").auth().oauth2(operator).get(
                "/api/v1/platform/jobs/executions?limit=200").then().statusCode(200).extract().jsonPath().getList("");
        assertThat(runs).anySatisfy(r -> {
            assertThat(r).containsEntry("id", id).containsEntry("job", "tenant-census").containsEntry("status",
                    "COMPLETED");
            assertThat(r.get("tenant")).isNull();
        });
        assertThat(runs.stream().map(r -> r.get("createdAt").toString()).toList()).as("newest first")
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        // a completed run is not restarted
        api.on("localhost").auth().oauth2(operator).post("/api/v1/platform/jobs/executions/" + id + "/restart")
                .then().statusCode(409).contentType("application/problem+json");

        try (Connection c = CrmInfrastructure.services().database().superuserConnection()) {
            assertThat(tables(c, "batch")).as("job repository tables in schema batch").isNotEmpty();
            assertThat(tables(c, "public")).as("nothing may land in public").isEmpty();
        }
    }

    @Test
    void onlyOperatorsOnTheApexHostMayStartJobs() throws Exception {
        api.on("localhost").post(CENSUS).then().statusCode(401);
        api.on("localhost").auth().oauth2(Api.token("acme-admin")).post(CENSUS).then().statusCode(403);
        // the platform API does not exist on a tenant's host, whoever asks
        api.on("acme.localhost").auth().oauth2(Api.token("operator")).post(CENSUS).then().statusCode(404);
        api.on("acme.localhost").auth().oauth2(Api.token("acme-admin")).post(CENSUS).then().statusCode(404);
        // nor list or restart runs
        api.on("localhost").get("/api/v1/platform/jobs/executions").then().statusCode(401);
        api.on("localhost").auth().oauth2(Api.token("acme-admin")).get("/api/v1/platform/jobs/executions").then()
                .statusCode(403);
        api.on("localhost").auth().oauth2(Api.token("acme-admin")).post("/api/v1/platform/jobs/executions/1/restart")
                .then().statusCode(403);
        api.on("acme.localhost").auth().oauth2(Api.token("operator")).get("/api/v1/platform/jobs/executions").then()
                .statusCode(404);
    }

    @Test
    void unknownJobsAndRunsAreNotFound() throws Exception {
        String operator = Api.token("operator");
        api.on("localhost").auth().oauth2(operator).post("/api/v1/platform/jobs/no-such-job/executions").then()
                .statusCode(404).contentType("application/problem+json");
        api.on("localhost").auth().oauth2(operator).get("/api/v1/platform/jobs/executions/987654321").then()
                .statusCode(404);
        api.on("localhost").auth().oauth2(operator).get("/api/v1/platform/jobs/executions/not-a-number").then()
                .statusCode(404);
        api.on("localhost").auth().oauth2(operator).post("/api/v1/platform/jobs/executions/987654321/restart").then()
                .statusCode(404).contentType("application/problem+json");
        for (String limit : List.of("0", "201", "ten", "-1")) {
            api.on("localhost").auth().oauth2(operator).get("/api/v1/platform/jobs/executions?limit=" + limit).then()
                    .statusCode(400).contentType("application/problem+json");
        }
    }

    private static long contacts(String schema) throws Exception {
        try (Connection c = CrmInfrastructure.services().controlPlane().connect();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM " + schema + ".contact")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static List<String> tables(Connection c, String schema) throws Exception {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema + "'")) {
            while (r.next()) {
                names.add(r.getString(1));
            }
        }
        return names;
    }
}
