package org.tesseracrm.it.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.tesseracrm.it.support.CrmWebTest;

import io.restassured.specification.RequestSpecification;

/**
 * Tenant isolation over every record endpoint of the CRM core: globex's token on acme's host is refused (403) for
 * every method, and on globex's own host acme's ids name nothing (404) — for reads and for writes, which change
 * nothing in acme.
 */
class IsolationIT extends CrmWebTest {

    private static final String ACME = "acme.localhost";
    private static final String GLOBEX = "globex.localhost";

    /** One call: method, path, body (null for none). */
    private record Call(String method, String path, Map<String, Object> body) {
    }

    @Test
    void anotherTenantNeitherReachesNorFindsAnyRecord() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String contact = create("/api/v1/contacts", Map.of("lastName", "Iso" + unique));
        String account = create("/api/v1/accounts", Map.of("name", "Iso " + unique));
        String lead = create("/api/v1/leads", Map.of("lastName", "Iso" + unique));
        String deal = create("/api/v1/deals", Map.of("name", "Iso " + unique, "value", 10, "currency", "EUR"));
        String task = create("/api/v1/tasks", Map.of("title", "Iso " + unique));
        String pipeline = api.as("acme-admin", ACME).get("/api/v1/pipelines").then().statusCode(200).extract()
                .path("[0].id");
        String team = create("/api/v1/teams", Map.of("name", "Iso " + unique));

        List<Call> calls = new ArrayList<>();
        for (String[] record : new String[][]{{"contacts", contact, "lastName"}, {"accounts", account, "name"},
                {"leads", lead, "lastName"}, {"deals", deal, "name"}, {"tasks", task, "title"}}) {
            String base = "/api/v1/" + record[0] + "/" + record[1];
            calls.add(new Call("GET", base, null));
            calls.add(new Call("GET", base + "/history", null));
            calls.add(new Call("PATCH", base, Map.of(record[2], "Renamed by another tenant")));
            calls.add(new Call("DELETE", base, null));
            calls.add(new Call("POST", base + "/restore", null));
            if (!record[0].equals("tasks")) {
                calls.add(new Call("GET", base + "/timeline", null));
                calls.add(new Call("POST", base + "/notes", Map.of("body", "foreign note")));
                calls.add(new Call("POST", base + "/calls", Map.of("outcome", "Connected")));
            }
        }
        calls.add(new Call("GET", "/api/v1/contacts/" + contact + "/account-roles", null));
        calls.add(new Call("PUT", "/api/v1/contacts/" + contact + "/account-roles", Map.of("roles", List.of())));
        calls.add(new Call("GET", "/api/v1/accounts/" + account + "/contact-roles", null));
        calls.add(new Call("POST", "/api/v1/leads/" + lead + "/conversion", Map.of()));
        calls.add(new Call("POST", "/api/v1/deals/" + deal + "/win", Map.of()));
        calls.add(new Call("POST", "/api/v1/deals/" + deal + "/lose", Map.of("reason", "x")));
        calls.add(new Call("GET", "/api/v1/deals/" + deal + "/stage-history", null));
        calls.add(new Call("POST", "/api/v1/tasks/" + task + "/complete", Map.of()));
        calls.add(new Call("GET", "/api/v1/pipelines/" + pipeline + "/stats", null));
        calls.add(new Call("GET", "/api/v1/teams/" + team, null));
        String activity = api.as("acme-admin", ACME).body(Map.of("body", "acme only"))
                .post("/api/v1/contacts/" + contact + "/notes").then().statusCode(201).extract().path("id");
        calls.add(new Call("GET", "/api/v1/activities/" + activity, null));
        calls.add(new Call("PATCH", "/api/v1/activities/" + activity, Map.of("body", "changed by another tenant")));
        calls.add(new Call("DELETE", "/api/v1/activities/" + activity, null));

        for (Call call : calls) {
            int onAcme = send(api.as("globex-admin", ACME), call);
            assertThat(onAcme).as("globex token on acme: %s %s", call.method(), call.path()).isEqualTo(403);
            int onGlobex = send(api.as("globex-admin", GLOBEX), call);
            // pipeline ids are per tenant too: globex has its own default pipeline with another id
            assertThat(onGlobex).as("acme id on globex: %s %s", call.method(), call.path()).isEqualTo(404);
        }
        // acme's records are untouched: version 1, not deleted, no foreign activity
        for (String path : List.of("/api/v1/contacts/" + contact, "/api/v1/accounts/" + account,
                "/api/v1/leads/" + lead, "/api/v1/deals/" + deal, "/api/v1/tasks/" + task)) {
            assertThat(api.as("acme-admin", ACME).get(path).then().statusCode(200).extract().<Integer>path(
                    "version")).as(path).isEqualTo(1);
        }
        assertThat(api.as("acme-admin", ACME).get("/api/v1/contacts/" + contact + "/timeline").then()
                .statusCode(200).extract().<List<String>>path("results.id")).containsExactly(activity);
        assertThat(api.as("acme-admin", ACME).get("/api/v1/activities/" + activity).then().statusCode(200).extract()
                .<String>path("body")).isEqualTo("acme only");
        // lists on globex's host never show acme's records
        for (String list : List.of("contacts", "accounts", "leads", "deals", "tasks")) {
            List<String> ids = api.as("globex-admin", GLOBEX).queryParam("limit", 200).get("/api/v1/" + list)
                    .then().statusCode(200).extract().path("results.id");
            assertThat(ids).doesNotContain(contact, account, lead, deal, task);
        }
    }

    /** The workspace's settings are one row per tenant schema: another tenant neither reads nor changes acme's. */
    @Test
    void anotherTenantNeitherReadsNorChangesTheSettings() {
        Map<String, Object> before = api.as("acme-admin", ACME).get("/api/v1/settings").then().statusCode(200)
                .extract().jsonPath().getMap("$");
        api.as("globex-admin", ACME).get("/api/v1/settings").then().statusCode(403);
        api.as("globex-admin", ACME).body(Map.of("timeZone", "Asia/Tokyo", "version", before.get("version")))
                .put("/api/v1/settings").then().statusCode(403);
        // acme's read-only user and sales rep read but may not change them either
        api.as("acme-viewer", ACME).body(Map.of("timeZone", "Asia/Tokyo", "version", before.get("version")))
                .put("/api/v1/settings").then().statusCode(403);
        api.as("acme-rep", ACME).get("/api/v1/settings").then().statusCode(200);
        assertThat(api.as("acme-admin", ACME).get("/api/v1/settings").then().statusCode(200).extract().jsonPath()
                .getMap("$")).isEqualTo(before);
    }

    private String create(String path, Map<String, Object> body) {
        return api.as("acme-admin", ACME).body(body).post(path).then().statusCode(201).extract().path("id");
    }

    private static int send(RequestSpecification request, Call call) {
        if (call.body() != null) {
            request.body(call.body());
        }
        return request.request(call.method(), call.path()).statusCode();
    }
}
