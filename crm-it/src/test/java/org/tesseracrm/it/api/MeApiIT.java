package org.tesseracrm.it.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import java.io.File;
import java.net.URL;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tesseracrm.it.support.CrmInfrastructure;

import io.restassured.specification.RequestSpecification;

/**
 * The identity chain end to end: a real Keycloak token, the tenant from the host, the app on Payara Micro and
 * PostgreSQL behind it. Requests go to loopback with the tenant's host name in the Host header, as a browser on
 * {@code acme.localhost} would send it.
 */
@RunAsClient
@ExtendWith(CrmInfrastructure.class)
@ExtendWith(ArquillianExtension.class)
class MeApiIT {

    @Deployment(testable = false)
    static WebArchive app() {
        return ShrinkWrap.createFromZipFile(WebArchive.class,
                new File(System.getProperty("crm.dist.dir"), "crm-web.war"));
    }

    @ArquillianResource
    URL base;

    private int port;

    @BeforeEach
    void port() {
        port = base.getPort();
    }

    private RequestSpecification on(String host) {
        return given().baseUri("http://127.0.0.1:" + port).header("Host", host + ":" + port);
    }

    private static String token(String user) throws Exception {
        return CrmInfrastructure.services().keycloak().passwordGrantToken(user, "demo");
    }

    @Test
    void tenantUserSeesHerselfHerTenantAndRoles() throws Exception {
        on("acme.localhost").auth().oauth2(token("acme-rep")).get("/api/v1/me").then().statusCode(200)
                .body("user", equalTo("acme-rep")).body("tenant", equalTo("acme"))
                .body("roles", equalTo(java.util.List.of("sales-rep")));
    }

    @Test
    void noTokenIsUnauthorizedAsProblemJson() {
        on("acme.localhost").get("/api/v1/me").then().statusCode(401)
                .contentType("application/problem+json").body("status", equalTo(401))
                .body("type", containsString("unauthenticated")).body("correlationId", org.hamcrest.Matchers
                        .notNullValue());
    }

    @Test
    void forgedOrGarbageTokenIsUnauthorized() throws Exception {
        String real = token("acme-rep");
        String[] parts = real.split("\\.");
        // same header and payload, signature of another token: must not verify
        String forged = parts[0] + "." + parts[1] + "." + token("acme-admin").split("\\.")[2];
        on("acme.localhost").auth().oauth2(forged).get("/api/v1/me").then().statusCode(401);
        on("acme.localhost").auth().oauth2("not-a-jwt").get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void tokenOfOneTenantIsRefusedOnAnotherTenantsHost() throws Exception {
        on("globex.localhost").auth().oauth2(token("acme-admin")).get("/api/v1/me").then().statusCode(403)
                .contentType("application/problem+json").body("type", containsString("tenant-mismatch"));
        on("acme.localhost").auth().oauth2(token("globex-rep")).get("/api/v1/me").then().statusCode(403);
    }

    @Test
    void platformOperatorHasNoTenantDataAccess() throws Exception {
        String operator = token("operator");
        on("acme.localhost").auth().oauth2(operator).get("/api/v1/me").then().statusCode(403);
        on("localhost").auth().oauth2(operator).get("/api/v1/me").then().statusCode(200)
                .body("tenant", nullValue()).body("roles", hasItems("platform-operator"));
    }

    @Test
    void unknownTenantIsNotFoundAndSuspendedTenantIsRefusedClearly() throws Exception {
        on("nosuchtenant.localhost").get("/api/v1/me").then().statusCode(404)
                .contentType("application/problem+json").body("type", containsString("unknown-tenant"));
        on("evil.example.com").get("/api/v1/me").then().statusCode(404);
        // umbrella is suspended; its users get a clear answer, not a generic error
        on("umbrella.localhost").get("/api/v1/me").then().statusCode(403)
                .body("type", containsString("tenant-suspended"));
    }

    @Test
    void readinessChecksDatabaseAndTokenKeys() {
        String body = on("acme.localhost").get("/health/ready").then().statusCode(200)
                .body("status", equalTo("UP")).extract().asString();
        assertThat(body).contains("\"database\"").contains("\"token-keys\"");
    }

    @Test
    void metricsAreExposed() {
        on("localhost").get("/metrics").then().statusCode(200).body(containsString("mp_scope=\"base\""));
    }

    @Test
    void openApiDescribesTheApi() {
        on("localhost").get("/openapi").then().statusCode(200).body(containsString("/api/v1/me"));
    }
}
