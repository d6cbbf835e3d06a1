package org.tesseracrm.it.api;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tesseracrm.it.support.CrmInfrastructure;
import org.tesseracrm.it.support.CrmWebTest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rate limits from the registry's plans: globex is put on the small "trial" plan (client burst 20), bursts past it
 * and gets 429 problems with Retry-After, while acme on "standard" is not slowed at all.
 */
class RateLimitsIT extends CrmWebTest {

    @AfterEach
    void standardAgain() throws Exception {
        plan("globex", "standard");
    }

    @Test
    void aBurstBeyondThePlanIs429WithRetryAfterAndAnotherTenantIsNotSlowed() throws Exception {
        plan("globex", "trial");
        Thread.sleep(1500); // the app caches the registry for crm.tenant-cache.ttl (1 s in these tests)

        Map<Integer, Integer> globex = new TreeMap<>();
        Map<Integer, Integer> acme = new TreeMap<>();
        List<Response> refused = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Response g = api.as("globex-rep", "globex.localhost").get("/api/v1/me");
            globex.merge(g.statusCode(), 1, Integer::sum);
            if (g.statusCode() == 429) {
                refused.add(g);
            }
            Response a = api.as("acme-rep", "acme.localhost").get("/api/v1/me");
            acme.merge(a.statusCode(), 1, Integer::sum);
            assertThat(a.header("RateLimit-Policy")).isNotNull();
        }
        System.out.printf("[rate-limits] 40 requests each: globex (trial) %s, acme (standard) %s%n", globex, acme);

        // the client burst of the trial plan is 20; refills at 2 a second, so a few more get through meanwhile
        assertThat(globex.getOrDefault(200, 0)).isBetween(20, 30);
        assertThat(globex.getOrDefault(429, 0)).isGreaterThanOrEqualTo(10);
        assertThat(acme).containsOnlyKeys(200);
        Response first = refused.get(0);
        assertThat(first.contentType()).startsWith("application/problem+json");
        assertThat(first.jsonPath().getString("type")).endsWith("/rate-limited");
        assertThat(Integer.parseInt(first.header("Retry-After"))).isBetween(1, 60);
        assertThat(first.header("RateLimit-Policy")).isEqualTo("\"client\";q=120;w=60");
        assertThat(first.header("RateLimit")).startsWith("\"client\";r=0;t=");

        // after Retry-After the client may go on
        Thread.sleep(Integer.parseInt(first.header("Retry-After")) * 1000L);
        Response again = api.as("globex-rep", "globex.localhost").get("/api/v1/me");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.header("RateLimit")).matches("\"(client|tenant)\";r=[0-9]+;t=[0-9]+");
    }

    private static void plan(String tenant, String plan) throws Exception {
        try (Connection c = CrmInfrastructure.services().database().superuserConnection();
                PreparedStatement update = c.prepareStatement("UPDATE platform.tenant SET plan = ? WHERE slug = ?")) {
            update.setString(1, plan);
            update.setString(2, tenant);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
