package org.tesseracrm.it.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.tesseracrm.it.support.CrmInfrastructure;
import org.tesseracrm.it.support.CrmWebTest;

import io.restassured.response.Response;

/** A job run for one tenant changes only that tenant's schema, and only that tenant sees the run. */
class TenantJobsIT extends CrmWebTest {

    private static final String NORMALISE = "/api/v1/jobs/contact-email-normalise/executions";

    @Test
    void jobForOneTenantTouchesOnlyItsSchema() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String messy = "  Mixed.Case-" + marker + "@Example.COM ";
        try (Connection c = CrmInfrastructure.services().controlPlane().connect(); Statement s = c.createStatement()) {
            for (String schema : List.of("t_acme", "t_globex")) {
                s.executeUpdate("INSERT INTO " + schema + ".contact (last_name, email, created_by) VALUES ('Messy', '"
                        + messy + "', 'it')");
            }
        }

        Response started = api.as("acme-admin", "acme.localhost").post(NORMALISE);
        started.then().statusCode(202).body("job", equalTo("contact-email-normalise"));
        String path = URI.create(started.header("Location")).getPath();
        Response run = awaitEnd(path);
        assertThat(run.<String>path("status")).isEqualTo("COMPLETED");
        assertThat(run.<String>path("exitStatus")).startsWith("changed=").isNotEqualTo("changed=0");

        assertThat(email("t_acme", marker)).isEqualTo("mixed.case-" + marker + "@example.com");
        assertThat(email("t_globex", marker)).as("the other tenant's contact is untouched").isEqualTo(messy);

        // the run is acme's: globex's admin cannot see or restart it, on their host or on acme's
        api.as("globex-admin", "globex.localhost").get(path).then().statusCode(404);
        api.as("globex-admin", "acme.localhost").get(path).then().statusCode(403);
        api.as("globex-admin", "globex.localhost").post(path + "/restart").then().statusCode(404);
        api.as("globex-admin", "acme.localhost").post(path + "/restart").then().statusCode(403);
        // only admins restart, and a completed run cannot be restarted
        api.as("acme-rep", "acme.localhost").post(path + "/restart").then().statusCode(403);
        api.on("acme.localhost").post(path + "/restart").then().statusCode(401);
        api.as("acme-admin", "acme.localhost").post(path + "/restart").then().statusCode(409)
                .contentType("application/problem+json");
        api.as("acme-admin", "acme.localhost").post("/api/v1/jobs/executions/999999999/restart").then()
                .statusCode(404);
        api.as("acme-admin", "acme.localhost").post("/api/v1/jobs/executions/x;y=1/restart").then().statusCode(404);
    }

    @Test
    void onlyTenantAdminsStartTenantJobs() {
        for (String user : List.of("acme-manager", "acme-rep", "acme-viewer")) {
            api.as(user, "acme.localhost").post(NORMALISE).then().statusCode(403);
        }
        api.on("acme.localhost").post(NORMALISE).then().statusCode(401);
        api.as("operator", "acme.localhost").post(NORMALISE).then().statusCode(401);
        api.as("acme-admin", "acme.localhost").post("/api/v1/jobs/tenant-census/executions").then().statusCode(404);
        api.as("acme-admin", "acme.localhost").get("/api/v1/jobs/executions/999999999").then().statusCode(404);
    }

    private Response awaitEnd(String path) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        Response run;
        do {
            Thread.sleep(250);
            run = api.as("acme-admin", "acme.localhost").get(path);
            run.then().statusCode(200);
        } while (!List.of("COMPLETED", "FAILED", "ABANDONED", "STOPPED").contains(run.<String>path("status"))
                && Instant.now().isBefore(deadline));
        return run;
    }

    private static String email(String schema, String marker) throws Exception {
        try (Connection c = CrmInfrastructure.services().controlPlane().connect();
                PreparedStatement s = c
                        .prepareStatement("SELECT email FROM " + schema + ".contact WHERE lower(email) LIKE ?")) {
            s.setString(1, "%" + marker + "%");
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                return r.getString(1);
            }
        }
    }
}
