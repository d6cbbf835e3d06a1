package org.tesseracrm.it.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

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
