package org.tesseracrm.it.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.tesseracrm.it.support.CrmInfrastructure;
import org.tesseracrm.it.support.CrmWebTest;

/**
 * Lead assignment rules (docs/assignment.md) on the real server: round-robin in turn within a team, fair when leads
 * arrive at once, reps at their workload cap skipped, a rule with nobody left passing the lead to the next rule,
 * every assignment audited on the lead; and the rules' own checks and access. Each test's rules match only its own
 * leads (by source), so other suites' leads in the shared tenant are never assigned by them.
 */
class AssignmentIT extends CrmWebTest {

    private static final String ACME = "acme.localhost";

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** Active people of the tenant's user mirror (they own leads; they need not sign in). */
    private static List<String> people(String tag, int count) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = CrmInfrastructure.services().controlPlane().connect();
                PreparedStatement s = c.prepareStatement("INSERT INTO t_acme.app_user (username, email, role, status,"
                        + " created_by) VALUES (?, ?, 'sales-rep', 'ACTIVE', 'assignment-it')")) {
            for (int i = 0; i < count; i++) {
                String name = "rr-" + tag + "-" + (char) ('a' + i);
                s.setString(1, name);
                s.setString(2, name + "@assign.example");
                s.executeUpdate();
                names.add(name);
            }
        }
        return names;
    }

    private String team(String tag, List<String> members) {
        return api.as("acme-admin", ACME).body(Map.of("name", "Round robin " + tag, "members", members))
                .post("/api/v1/teams").then().statusCode(201).extract().path("id");
    }

    private String rule(Map<String, Object> body) {
        return api.as("acme-admin", ACME).body(body).post("/api/v1/assignment-rules").then().statusCode(201)
                .extract().path("id");
    }

    private static Map<String, Object> source(String source) {
        return Map.of("all", List.of(Map.of("field", "source", "value", source)));
    }

    /** A new lead without an owner: its id and the owner it was given. */
    private Map<String, String> lead(String source) {
        var created = api.as("acme-rep", ACME).body(Map.of("lastName", "Lead " + unique(), "source", source))
                .post("/api/v1/leads").then().statusCode(201).extract();
        return Map.of("id", created.path("id"), "owner", created.path("owner"));
    }

    private String leadOwner(String source) {
        return lead(source).get("owner");
    }

    private void deleteRules(String... ids) {
        for (String id : ids) {
            api.as("acme-admin", ACME).delete("/api/v1/assignment-rules/" + id);
        }
    }

    @Test
    void leadsGoToTeamMembersInTurnUnderTheirCapAndThenToTheNextRule() throws Exception {
        String tag = unique();
        String source = "rr-" + tag;
        List<String> reps = people(tag, 3);
        String team = team(tag, reps);
        String roundRobin = rule(Map.of("name", "Team " + tag, "position", 10, "conditions", source(source),
                "teamId", team, "openLeadCap", 3));
        String fallback = rule(Map.of("name", "Fallback " + tag, "position", 20, "conditions", source(source),
                "username", "acme-manager"));
        try {
            List<String> owners = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                Map<String, String> lead = lead(source);
                owners.add(lead.get("owner"));
                ids.add(lead.get("id"));
            }
            // in user name order, each in turn, three times
            assertThat(owners).containsExactly(reps.get(0), reps.get(1), reps.get(2), reps.get(0), reps.get(1),
                    reps.get(2), reps.get(0), reps.get(1), reps.get(2));
            // everyone has 3 open leads: the team rule has nobody left, the next rule takes it
            assertThat(leadOwner(source)).isEqualTo("acme-manager");
            // a closed lead no longer counts against its owner's cap
            api.as("acme-admin", ACME).body(Map.of("status", "closed_lost")).patch("/api/v1/leads/" + ids.get(1))
                    .then().statusCode(200);
            assertThat(leadOwner(source)).isEqualTo(reps.get(1));

            // an owner named in the request wins; a lead the rules do not match stays the creator's
            assertThat(api.as("acme-rep", ACME).body(Map.of("lastName", "Own " + tag, "source", source, "owner",
                    "acme-rep")).post("/api/v1/leads").then().statusCode(201).extract().path("owner").toString())
                    .isEqualTo("acme-rep");
            assertThat(leadOwner("other-" + tag)).isEqualTo("acme-rep");

            // the assignment is in the lead's history, naming the rule
            List<Map<String, Object>> history = api.as("acme-admin", ACME).get("/api/v1/leads/" + ids.get(0)
                    + "/history").then().statusCode(200).extract().jsonPath().getList("");
            assertThat(history).anySatisfy(entry -> {
                assertThat(entry.get("action")).isEqualTo("assign");
                assertThat(String.valueOf(entry.get("changes"))).contains(reps.get(0)).contains("Team " + tag);
            });
        } finally {
            deleteRules(roundRobin, fallback);
        }
    }

    @Test
    void leadsArrivingAtOnceAreSharedEvenly() throws Exception {
        String tag = unique();
        String source = "rr-" + tag;
        List<String> reps = people(tag, 3);
        String rule = rule(Map.of("name", "Concurrent " + tag, "position", 10, "conditions", source(source),
                "teamId", team(tag, reps)));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<String>> created = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                created.add(pool.submit(() -> leadOwner(source)));
            }
            Map<String, Integer> perRep = new HashMap<>();
            for (Future<String> owner : created) {
                perRep.merge(owner.get(60, TimeUnit.SECONDS), 1, Integer::sum);
            }
            assertThat(perRep).containsExactlyInAnyOrderEntriesOf(Map.of(reps.get(0), 4, reps.get(1), 4, reps.get(2),
                    4));
        } finally {
            pool.shutdownNow();
            deleteRules(rule);
        }
    }

    @Test
    void rulesAreCheckedAndOnlyAdminsWriteThem() throws Exception {
        String tag = unique();
        List<String> reps = people(tag, 1);
        String team = team(tag, reps);
        Map<String, Object> valid = Map.of("name", "Checked " + tag, "position", 5, "conditions", source("c-" + tag),
                "teamId", team);
        api.as("acme-rep", ACME).body(valid).post("/api/v1/assignment-rules").then().statusCode(403);
        api.as("acme-manager", ACME).body(valid).post("/api/v1/assignment-rules").then().statusCode(403);
        api.as("acme-rep", ACME).get("/api/v1/assignment-rules").then().statusCode(403);
        api.on(ACME).get("/api/v1/assignment-rules").then().statusCode(401);
        for (Map<String, ?> wrong : List.<Map<String, ?>>of(
                Map.of("name", "Bad " + tag, "position", 5, "conditions", Map.of("all", List.of(Map.of("field",
                        "nonsense", "value", "x"))), "teamId", team),
                Map.of("name", "Bad " + tag, "position", 5, "teamId", team, "username", "acme-rep"),
                Map.of("name", "Bad " + tag, "position", 5),
                Map.of("name", "Bad " + tag, "position", 5, "teamId", UUID.randomUUID().toString()),
                Map.of("name", "Bad " + tag, "position", 5, "username", "nobody-" + tag),
                Map.of("name", "Bad " + tag, "position", -1, "username", "acme-rep"),
                Map.of("name", "Bad " + tag, "position", 5, "username", "acme-rep", "openLeadCap", 0),
                Map.of("name", "Bad " + tag, "position", 5, "username", "acme-rep", "extra", 1))) {
            api.as("acme-admin", ACME).body(wrong).post("/api/v1/assignment-rules").then().statusCode(400)
                    .contentType("application/problem+json");
        }
        String id = rule(valid);
        try {
            api.as("acme-admin", ACME).body(valid).post("/api/v1/assignment-rules").then().statusCode(409);
            api.as("acme-manager", ACME).get("/api/v1/assignment-rules/" + id).then().statusCode(200);
            assertThat(api.as("acme-manager", ACME).get("/api/v1/assignment-rules").then().statusCode(200).extract()
                    .jsonPath().getList("id")).contains(id);
            // the team cannot go while a rule gives it leads
            api.as("acme-admin", ACME).delete("/api/v1/teams/" + team).then().statusCode(409);
            Map<String, Object> replaced = new HashMap<>(valid);
            replaced.put("username", "acme-rep");
            replaced.remove("teamId");
            replaced.put("version", api.as("acme-admin", ACME).get("/api/v1/assignment-rules/" + id).then()
                    .extract().path("version"));
            replaced.put("active", false);
            api.as("acme-admin", ACME).body(replaced).put("/api/v1/assignment-rules/" + id).then().statusCode(200);
            api.as("acme-admin", ACME).body(replaced).put("/api/v1/assignment-rules/" + id).then().statusCode(412);
            // another tenant, the apex host and matrix parameters do not reach it
            api.as("globex-admin", "globex.localhost").get("/api/v1/assignment-rules/" + id).then().statusCode(404);
            api.as("acme-admin", "localhost").get("/api/v1/assignment-rules/" + id).then().statusCode(404);
            api.as("acme-admin", ACME).get("/api/v1/assignment-rules;x=1/" + id).then()
                    .statusCode(org.hamcrest.Matchers.oneOf(400, 404))
                    .contentType("application/problem+json");
        } finally {
            deleteRules(id);
        }
        api.as("acme-admin", ACME).delete("/api/v1/teams/" + team).then().statusCode(204);
    }
}
