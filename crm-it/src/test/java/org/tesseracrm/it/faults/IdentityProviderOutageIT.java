package org.tesseracrm.it.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.tesseracrm.it.support.CrmInfrastructure;
import org.tesseracrm.it.support.CrmWebTest;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Keycloak away: tokens issued before keep verifying (MP-JWT's cached keys), so the API keeps serving reads and
 * writes; readiness stays UP and says the identity provider is unreachable; new tokens cannot be had until Keycloak is
 * back, and then they work.
 */
class IdentityProviderOutageIT extends CrmWebTest {

    private static final int REQUESTS = 50;

    @Test
    void issuedTokensKeepWorkingWhileKeycloakIsAway() throws Exception {
        var services = CrmInfrastructure.services();
        String token = services.keycloak().passwordGrantToken("acme-rep", "demo");
        api.on("acme.localhost").auth().oauth2(token).get("/api/v1/me").then().statusCode(200); // keys now cached
        api.on("localhost").get("/health/ready").then().statusCode(200); // as an orchestrator polls it

        long stoppedAt = System.nanoTime();
        services.stopKeycloak();
        Map<Integer, Integer> statuses = new TreeMap<>();
        try {
            for (int n = 0; n < REQUESTS; n++) {
                Response response = n % 2 == 0
                        ? api.on("acme.localhost").auth().oauth2(token).get("/api/v1/me")
                        : api.on("acme.localhost").auth().oauth2(token).body(Map.of("lastName", "Kc-away-" + n))
                                .post("/api/v1/contacts");
                statuses.merge(response.statusCode(), 1, Integer::sum);
            }
            Response ready = api.on("localhost").get("/health/ready");
            JsonPath keys = ready.jsonPath().setRootPath("checks.find { it.name == 'token-keys' }");
            System.out.printf("[faults] keycloak away: %d API calls with a token issued before: %s; readiness %d,"
                    + " token-keys %s (%s)%n", REQUESTS, statuses, ready.statusCode(), keys.getString("status"),
                    keys.getString("data.keys"));
            assertThat(statuses).as("every call served with the cached keys").containsOnlyKeys(200, 201);
            assertThat(ready.statusCode()).as("still ready: verification works").isEqualTo(200);
            assertThat(keys.getString("data.identityProvider")).isEqualTo("unreachable");
            assertThatThrownBy(() -> services.keycloak().passwordGrantToken("acme-rep", "demo"))
                    .as("no new logins while Keycloak is away").isInstanceOf(java.io.IOException.class);
        } finally {
            services.startKeycloak();
        }
        System.out.printf("[faults] keycloak back after %.1f s (stop + start)%n", (System.nanoTime() - stoppedAt)
                / 1e9);

        String fresh = services.keycloak().passwordGrantToken("acme-rep", "demo");
        api.on("acme.localhost").auth().oauth2(fresh).get("/api/v1/me").then().statusCode(200).body("user", equalTo(
                "acme-rep"));
        Response ready = api.on("localhost").get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.jsonPath().getString("checks.find { it.name == 'token-keys' }.data.identityProvider"))
                .isEqualTo("reachable");
    }
}
