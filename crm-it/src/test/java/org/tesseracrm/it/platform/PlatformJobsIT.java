package org.tesseracrm.it.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.File;
import java.net.URL;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tesseracrm.it.support.CrmInfrastructure;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A platform batch job run for real: started and watched by an operator through the API on the apex host, executed by
 * Payara's batch runtime, with its job repository in schema {@code batch}.
 */
@RunAsClient
@ExtendWith(CrmInfrastructure.class)
@ExtendWith(ArquillianExtension.class)
class PlatformJobsIT {

    private static final String CENSUS = "/api/v1/platform/jobs/tenant-census/executions";

    @Deployment(testable = false)
    static WebArchive app() {
        return ShrinkWrap.createFromZipFile(WebArchive.class,
                new File(System.getProperty("crm.dist.dir"), "crm-web.war"));
    }

    @ArquillianResource
    URL base;

    private RequestSpecification on(String host) {
        return given().baseUri("http://127.0.0.1:" + base.getPort()).header("Host", host + ":" + base.getPort());
    }

    private static String token(String user) throws Exception {
        return CrmInfrastructure.services().keycloak().passwordGrantToken(user, "demo");
    }

    @Test
    void operatorRunsTheCensusAndTheJobRepositoryIsInSchemaBatch() throws Exception {
        String operator = token("operator");
        Response started = on("localhost").auth().oauth2(operator).post(CENSUS);
        started.then().statusCode(202).body("job", equalTo("tenant-census"));
        String location = started.header("Location");
        assertThat(location).contains("/api/v1/platform/jobs/executions/");

        String path = java.net.URI.create(location).getPath();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        String status;
        Response run;
        do {
            Thread.sleep(250);
            run = on("localhost").auth().oauth2(operator).get(path);
            run.then().statusCode(200);
            status = run.path("status");
        } while (!List.of("COMPLETED", "FAILED", "ABANDONED").contains(status) && Instant.now().isBefore(deadline));

        assertThat(status).isEqualTo("COMPLETED");
        // umbrella is suspended: platform jobs act on active tenants only; each sample tenant has 5 contacts
        assertThat(run.<String>path("exitStatus")).isEqualTo("acme=5 globex=5");

        try (Connection c = CrmInfrastructure.services().database().superuserConnection()) {
            assertThat(tables(c, "batch")).as("job repository tables in schema batch").isNotEmpty();
            assertThat(tables(c, "public")).as("nothing may land in public").isEmpty();
        }
    }

    @Test
    void onlyOperatorsOnTheApexHostMayStartJobs() throws Exception {
        on("localhost").post(CENSUS).then().statusCode(401);
        on("localhost").auth().oauth2(token("acme-admin")).post(CENSUS).then().statusCode(403);
        // the platform API does not exist on a tenant's host, whoever asks
        on("acme.localhost").auth().oauth2(token("operator")).post(CENSUS).then().statusCode(404);
        on("acme.localhost").auth().oauth2(token("acme-admin")).post(CENSUS).then().statusCode(404);
    }

    @Test
    void unknownJobsAndRunsAreNotFound() throws Exception {
        String operator = token("operator");
        on("localhost").auth().oauth2(operator).post("/api/v1/platform/jobs/no-such-job/executions").then()
                .statusCode(404).contentType("application/problem+json");
        on("localhost").auth().oauth2(operator).get("/api/v1/platform/jobs/executions/987654321").then()
                .statusCode(404);
        on("localhost").auth().oauth2(operator).get("/api/v1/platform/jobs/executions/not-a-number").then()
                .statusCode(404);
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
