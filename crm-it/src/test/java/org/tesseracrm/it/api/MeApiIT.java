package org.tesseracrm.it.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.tesseracrm.it.support.Api;
import org.tesseracrm.it.support.CrmInfrastructure;
import org.tesseracrm.it.support.CrmWebTest;

/**
 * The identity chain end to end: a real Keycloak token, the tenant from the host, the app on Payara Micro and
 * PostgreSQL behind it. Requests go to loopback with the tenant's host name in the Host header, as a browser on
 * {@code acme.localhost} would send it.
 */
class MeApiIT extends CrmWebTest {

    @Test
    void tenantUserSeesHerselfHerTenantAndRoles() throws Exception {
        api.on("acme.localhost").auth().oauth2(Api.token("acme-rep")).get("/api/v1/me").then().statusCode(200)
                .body("user", equalTo("acme-rep")).body("tenant", equalTo("acme"))
                .body("roles", equalTo(java.util.List.of("sales-rep")));
    }

    @Test
    void noTokenIsUnauthorizedAsProblemJson() {
        api.on("acme.localhost").get("/api/v1/me").then().statusCode(401)
                .contentType("application/problem+json").body("status", equalTo(401))
                .body("type", containsString("unauthenticated")).body("correlationId", org.hamcrest.Matchers
                        .notNullValue());
    }

    @Test
    void forgedOrGarbageTokenIsUnauthorized() throws Exception {
        String real = Api.token("acme-rep");
        String[] parts = real.split("\\.");
        // same header and payload, signature of another token: must not verify
        String forged = parts[0] + "." + parts[1] + "." + Api.token("acme-admin").split("\\.")[2];
        api.on("acme.localhost").auth().oauth2(forged).get("/api/v1/me").then().statusCode(401);
        api.on("acme.localhost").auth().oauth2("not-a-jwt").get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void tokensOfAnotherIssuerOrForAnotherAudienceAreUnauthorized() throws Exception {
        var keycloak = CrmInfrastructure.services().keycloak();
        // realm master: another issuer, other signing keys
        String otherIssuer = keycloak.passwordGrantToken("master", "admin-cli", "admin",
                CrmInfrastructure.KEYCLOAK_ADMIN_PASSWORD);
        api.on("acme.localhost").auth().oauth2(otherIssuer).get("/api/v1/me").then().statusCode(401);
        // realm crm, same user, but through a client without the crm-api audience
        String otherAudience = keycloak.passwordGrantToken("crm", "admin-cli", "acme-rep", "demo");
        api.on("acme.localhost").auth().oauth2(otherAudience).get("/api/v1/me").then().statusCode(401);
    }

    @Test
    @SuppressWarnings("unchecked")
    void anExpiredTokenIsUnauthorized() throws Exception {
        var keycloak = CrmInfrastructure.services().keycloak();
        String admin = keycloak.passwordGrantToken("master", "admin-cli", "admin",
                CrmInfrastructure.KEYCLOAK_ADMIN_PASSWORD);
        // a copy of the CLI client whose access tokens live 5 seconds
        String clientId = "crm-cli-short-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> cli = given().baseUri(keycloak.baseUrl()).auth().oauth2(admin)
                .queryParam("clientId", "crm-cli")
                .get("/admin/realms/crm/clients").then().statusCode(200).extract().jsonPath()
                .<String, Object>getMap("[0]");
        Map<String, Object> copy = new HashMap<>(cli);
        copy.remove("id");
        copy.remove("name");
        copy.put("clientId", clientId);
        // mapper ids are unique across the realm: let Keycloak give the copies new ones
        List<Map<String, Object>> mappers = new ArrayList<>();
        for (Map<String, Object> mapper : (List<Map<String, Object>>) cli.getOrDefault("protocolMappers", List
                .of())) {
            Map<String, Object> mapperCopy = new HashMap<>(mapper);
            mapperCopy.remove("id");
            mappers.add(mapperCopy);
        }
        copy.put("protocolMappers", mappers);
        Map<String, Object> attributes = new HashMap<>((Map<String, Object>) cli.getOrDefault("attributes",
                Map.of()));
        attributes.put("access.token.lifespan", "5");
        copy.put("attributes", attributes);
        given().baseUri(keycloak.baseUrl()).auth().oauth2(admin).contentType("application/json").body(copy)
                .post("/admin/realms/crm/clients").then().statusCode(201);
        String shortLived = keycloak.passwordGrantToken("crm", clientId, "acme-rep", "demo");
        api.on("acme.localhost").auth().oauth2(shortLived).get("/api/v1/me").then().statusCode(200);
        // bounded wait: expiry plus whatever clock skew the server allows
        Instant deadline = Instant.now().plusSeconds(120);
        int status = 200;
        while (status == 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(2000);
            status = api.on("acme.localhost").auth().oauth2(shortLived).get("/api/v1/me").statusCode();
        }
        assertThat(status).isEqualTo(401);
    }

    @Test
    void tokenOfOneTenantIsRefusedOnAnotherTenantsHost() throws Exception {
        api.on("globex.localhost").auth().oauth2(Api.token("acme-admin")).get("/api/v1/me").then().statusCode(403)
                .contentType("application/problem+json").body("type", containsString("tenant-mismatch"));
        api.on("acme.localhost").auth().oauth2(Api.token("globex-rep")).get("/api/v1/me").then().statusCode(403);
    }

    @Test
    void platformOperatorHasNoTenantDataAccess() throws Exception {
        String operator = Api.token("operator");
        // a token without a tenant claim is no credential for tenant data
        api.on("acme.localhost").auth().oauth2(operator).get("/api/v1/me").then().statusCode(401)
                .body("type", containsString("token-without-tenant"));
        api.on("localhost").auth().oauth2(operator).get("/api/v1/me").then().statusCode(200)
                .body("tenant", nullValue()).body("roles", hasItems("platform-operator"));
    }

    @Test
    void unknownTenantIsNotFoundAndSuspendedTenantIsRefusedClearly() throws Exception {
        api.on("nosuchtenant.localhost").get("/api/v1/me").then().statusCode(404)
                .contentType("application/problem+json").body("type", containsString("unknown-tenant"));
        api.on("evil.example.com").get("/api/v1/me").then().statusCode(404);
        // umbrella is suspended; its users get a clear answer, not a generic error
        api.on("umbrella.localhost").get("/api/v1/me").then().statusCode(403)
                .body("type", containsString("tenant-suspended"));
    }

    @Test
    void readinessChecksDatabaseAndTokenKeys() {
        String body = api.on("acme.localhost").get("/health/ready").then().statusCode(200)
                .body("status", equalTo("UP")).extract().asString();
        assertThat(body).contains("\"database\"").contains("\"token-keys\"");
    }

    @Test
    void metricsAreExposed() {
        api.on("localhost").get("/metrics").then().statusCode(200).body(containsString("mp_scope=\"base\""));
    }

    @Test
    void openApiDescribesTheApi() {
        api.on("localhost").get("/openapi").then().statusCode(200).body(containsString("/api/v1/me"));
    }
}
