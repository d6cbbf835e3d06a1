package org.tesseracrm.it.duplicate;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.tesseracrm.it.support.CrmInfrastructure;
import org.tesseracrm.it.support.CrmWebTest;

import io.restassured.path.json.JsonPath;

/**
 * Duplicate contacts (docs/duplicates.md) on the real server and database: detection by e-mail, by phone written
 * differently and by a misspelt name (pg_trgm); the queue filled by creates; a merge that moves activities, tasks,
 * deals, roles and segment memberships to the survivor; and its undo, after which every row involved is exactly as
 * before the merge (compared as whole rows in SQL).
 */
class DuplicatesIT extends CrmWebTest {

    private static final String ACME = "acme.localhost";

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private String contact(Map<String, Object> fields) {
        return api.as("acme-rep", ACME).body(fields).post("/api/v1/contacts").then().statusCode(201).extract()
                .path("id");
    }

    private List<Map<String, Object>> check(Map<String, Object> probe) {
        return api.as("acme-viewer", ACME).body(probe).post("/api/v1/duplicates/check").then().statusCode(200)
                .extract().jsonPath().getList("");
    }

    @Test
    void aPersonIsFoundByEmailByPhoneWrittenOtherwiseAndByAMisspeltName() {
        String tag = unique();
        String nancy = contact(Map.of("firstName", "Nancy", "lastName", "Miller" + tag, "email", "nancy." + tag
                + "@dup.example", "phone", "+49 (0)30 1234-567"));
        assertThat(check(Map.of("lastName", "Someone", "email", "NANCY." + tag + "@DUP.EXAMPLE")))
                .anySatisfy(c -> {
                    assertThat(c.get("id")).isEqualTo(nancy);
                    assertThat(c.get("score")).isEqualTo("1.000");
                    assertThat(String.valueOf(c.get("reasons"))).contains("email");
                });
        assertThat(check(Map.of("lastName", "Other", "phone", "0049 30 1234567"))).anySatisfy(c -> {
            assertThat(c.get("id")).isEqualTo(nancy);
            assertThat(String.valueOf(c.get("reasons"))).contains("phone");
        });
        assertThat(check(Map.of("firstName", "Nancy", "lastName", "Miler" + tag))).anySatisfy(c -> {
            assertThat(c.get("id")).isEqualTo(nancy);
            assertThat(String.valueOf(c.get("reasons"))).isEqualTo("[name]");
        });
        assertThat(check(Map.of("firstName", "Zebulon", "lastName", "Quarks" + unique()))).isEmpty();
        // a contact's own likes leave itself out
        assertThat(api.as("acme-viewer", ACME).get("/api/v1/duplicates/contacts/" + nancy).then().statusCode(200)
                .extract().jsonPath().getList("id")).doesNotContain(nancy);
        api.as("acme-viewer", ACME).body(Map.of("lastName", "x", "unknown", 1)).post("/api/v1/duplicates/check")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aCreatedContactWithAKnownPhoneEntersTheQueueUntilDismissed() throws InterruptedException {
        String tag = unique();
        String first = contact(Map.of("lastName", "Queue" + tag, "phone", "+1 415 555 " + tag.substring(0, 4)
                .replaceAll("[^0-9]", "7")));
        String second = contact(Map.of("lastName", "Other" + unique(), "phone", "+1 (415) 555-" + tag.substring(0,
                4).replaceAll("[^0-9]", "7")));
        Map<String, Object> pair = queuedPair(second);
        assertThat(ids(pair)).containsExactlyInAnyOrder(first, second);
        assertThat(String.valueOf(pair.get("reasons"))).contains("phone");
        api.as("acme-viewer", ACME).post("/api/v1/duplicates/pairs/" + pair.get("id") + "/dismiss").then()
                .statusCode(403);
        api.as("acme-rep", ACME).post("/api/v1/duplicates/pairs/" + pair.get("id") + "/dismiss").then().statusCode(204);
        api.as("acme-rep", ACME).post("/api/v1/duplicates/pairs/" + pair.get("id") + "/dismiss").then().statusCode(409);
        api.as("globex-admin", "globex.localhost").post("/api/v1/duplicates/pairs/" + pair.get("id") + "/dismiss")
                .then()
                .statusCode(404);
    }

    /**
     * The open pair of this contact, once its duplicate check has run: the check runs moments after the create's
     * commit (docs/duplicates.md), so the queue is read again for up to 10 s. Either contact of a pair may be its
     * record: the one whose check ran second finds the pair there already.
     */
    private Map<String, Object> queuedPair(String record) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            List<Map<String, Object>> queue = api.as("acme-viewer", ACME).queryParam("limit", 500).get(
                    "/api/v1/duplicates").then().statusCode(200).extract().jsonPath().getList("");
            var pair = queue.stream().filter(p -> ids(p).contains(record)).findFirst();
            if (pair.isPresent()) {
                return pair.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no open pair of " + record + " in the queue after 10 s");
    }

    private static java.util.Set<Object> ids(Map<String, Object> pair) {
        return java.util.Set.of(((Map<?, ?>) pair.get("record")).get("id"), ((Map<?, ?>) pair.get("duplicate"))
                .get("id"));
    }

    @Test
    void aCheckQueuedBeforeACrashIsMadeByTheNextDrain() throws Exception {
        String phone = "+1 212 555 " + String.format("%04d", new java.util.Random().nextInt(10_000));
        String first = contact(Map.of("lastName", "Crash" + unique(), "phone", phone));
        String second = contact(Map.of("lastName", "Other" + unique(), "phone", phone));
        queuedPair(second);
        // the state a crash right after the second create's commit leaves: the contact written, its check queued,
        // the pair not yet found
        try (Connection c = CrmInfrastructure.services().controlPlane().connect();
                PreparedStatement forget = c.prepareStatement("DELETE FROM t_acme.duplicate_pair WHERE record_id ="
                        + " ?::uuid OR duplicate_id = ?::uuid");
                PreparedStatement requeue = c.prepareStatement("INSERT INTO t_acme.duplicate_check (contact_id,"
                        + " queued_at) VALUES (?::uuid, now() - interval '1 minute')")) {
            forget.setString(1, second);
            forget.setString(2, second);
            assertThat(forget.executeUpdate()).isEqualTo(1);
            requeue.setString(1, second);
            requeue.executeUpdate();
        }
        // the next create in the tenant drains the queue, oldest first
        contact(Map.of("lastName", "Unrelated" + unique()));
        assertThat(ids(queuedPair(second))).containsExactlyInAnyOrder(first, second);
        try (Connection c = CrmInfrastructure.services().controlPlane().connect();
                PreparedStatement left = c.prepareStatement("SELECT count(*) FROM t_acme.duplicate_check WHERE"
                        + " contact_id = ?::uuid")) {
            left.setString(1, second);
            try (ResultSet r = left.executeQuery()) {
                r.next();
                assertThat(r.getInt(1)).isZero();
            }
        }
    }

    /** Every row a merge of these two contacts touches, whole, in a fixed order. */
    private static List<String> rows(String survivor, String merged) throws Exception {
        List<String> rows = new ArrayList<>();
        String[] queries = {
                "SELECT to_jsonb(c)::text FROM t_acme.contact c WHERE id IN (?::uuid, ?::uuid) ORDER BY id",
                "SELECT to_jsonb(a)::text FROM t_acme.activity a WHERE contact_id IN (?::uuid, ?::uuid) ORDER BY id",
                "SELECT to_jsonb(t)::text FROM t_acme.task t WHERE contact_id IN (?::uuid, ?::uuid) ORDER BY id",
                "SELECT to_jsonb(d)::text FROM t_acme.deal d WHERE contact_id IN (?::uuid, ?::uuid) ORDER BY id",
                "SELECT to_jsonb(r)::text FROM t_acme.contact_role r WHERE contact_id IN (?::uuid, ?::uuid)"
                        + " ORDER BY contact_id, account_id, role",
                "SELECT to_jsonb(m)::text FROM t_acme.segment_member m WHERE record_id IN (?::uuid, ?::uuid)"
                        + " ORDER BY segment_id, record_id"};
        try (Connection c = CrmInfrastructure.services().controlPlane().connect()) {
            for (String query : queries) {
                try (PreparedStatement s = c.prepareStatement(query)) {
                    s.setString(1, survivor);
                    s.setString(2, merged);
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            rows.add(r.getString(1));
                        }
                    }
                }
            }
        }
        return rows;
    }

    @Test
    void aMergeMovesEverythingToTheSurvivorAndItsUndoPutsEveryRowBackExactly() throws Exception {
        String tag = unique();
        String account = api.as("acme-rep", ACME).body(Map.of("name", "Merge Co " + tag)).post("/api/v1/accounts")
                .then().statusCode(201).extract().path("id");
        String other = api.as("acme-rep", ACME).body(Map.of("name", "Board Co " + tag)).post("/api/v1/accounts")
                .then().statusCode(201).extract().path("id");
        String survivor = contact(Map.of("firstName", "Sam", "lastName", "Survivor" + tag, "email", "sam." + tag
                + "@merge.example", "tags", List.of(tag, "keep")));
        String merged = contact(Map.of("firstName", "Samuel", "lastName", "Survivor" + tag, "email", "samuel." + tag
                + "@merge.example", "phone", "+44 20 7946 0" + (100 + (int) (Math.random() * 800)), "title", "CFO",
                "tags", List.of(tag, "moved")));
        api.as("acme-rep", ACME).body(Map.of("outcome", "Connected", "durationSeconds", 60)).post("/api/v1/contacts/"
                + merged + "/calls").then().statusCode(201);
        api.as("acme-rep", ACME).body(Map.of("title", "Follow up " + tag, "contactId", merged, "dueAt",
                java.time.OffsetDateTime.now().plusDays(2).toString())).post("/api/v1/tasks")
                .then().statusCode(201);
        api.as("acme-rep", ACME).body(Map.of("name", "Deal " + tag, "contactId", merged, "value", 1000, "currency",
                "EUR")).post("/api/v1/deals").then().statusCode(201);
        api.as("acme-rep", ACME).body(Map.of("roles", List.of(Map.of("accountId", account, "role", "Champion"),
                Map.of("accountId", other, "role", "Board member")))).put("/api/v1/contacts/" + merged
                        + "/account-roles")
                .then().statusCode(200);
        api.as("acme-rep", ACME).body(Map.of("roles", List.of(Map.of("accountId", account, "role", "Champion"))))
                .put("/api/v1/contacts/" + survivor + "/account-roles").then().statusCode(200);
        String segment = api.as("acme-rep", ACME).body(Map.of("name", "Merge " + tag, "objectType", "contact"))
                .post("/api/v1/segments").then().statusCode(201).extract().path("id");
        api.as("acme-rep", ACME).body(Map.of("ids", List.of(merged))).post("/api/v1/segments/" + segment
                + "/members").then().statusCode(200);
        List<String> before = rows(survivor, merged);

        // a viewer may not merge; a field from the wrong side or an unknown one is refused
        api.as("acme-viewer", ACME).body(Map.of("survivorId", survivor, "mergedId", merged)).post(
                "/api/v1/contact-merges").then().statusCode(403);
        api.as("acme-rep", ACME).body(Map.of("survivorId", survivor, "mergedId", merged, "take", Map.of("email",
                "both"))).post("/api/v1/contact-merges").then().statusCode(400);
        api.as("acme-rep", ACME).body(Map.of("survivorId", survivor, "mergedId", survivor)).post(
                "/api/v1/contact-merges").then().statusCode(400);
        assertThat(rows(survivor, merged)).isEqualTo(before);

        JsonPath merge = api.as("acme-rep", ACME).body(Map.of("survivorId", survivor, "mergedId", merged, "take",
                Map.of("email", "merged"))).post("/api/v1/contact-merges").then().statusCode(201).extract()
                .jsonPath();
        assertThat(merge.getInt("moved.activity")).isEqualTo(1);
        assertThat(merge.getInt("moved.task")).isEqualTo(1);
        assertThat(merge.getInt("moved.deal")).isEqualTo(1);
        assertThat(merge.getInt("moved.contact_role")).isEqualTo(1); // Champion at the account it had already
        assertThat(merge.getInt("moved.segment_member")).isEqualTo(1);
        JsonPath now = api.as("acme-rep", ACME).get("/api/v1/contacts/" + survivor).then().statusCode(200)
                .extract().jsonPath();
        assertThat(now.getString("email")).isEqualTo("samuel." + tag + "@merge.example");
        assertThat(now.getString("firstName")).isEqualTo("Sam");
        assertThat(now.getString("title")).isEqualTo("CFO");
        assertThat(now.getList("tags")).containsExactlyInAnyOrder(tag, "keep", "moved");
        api.as("acme-rep", ACME).get("/api/v1/contacts/" + merged).then().statusCode(404);
        assertThat(api.as("acme-rep", ACME).get("/api/v1/contacts/" + survivor + "/account-roles").then()
                .statusCode(200).extract().jsonPath().getList("role")).containsExactlyInAnyOrder("Champion",
                        "Board member");
        assertThat(api.as("acme-rep", ACME).get("/api/v1/contacts/" + survivor + "/history").then().statusCode(200)
                .extract().jsonPath().getList("action")).first().isEqualTo("update");

        // another tenant does not see it; the undo puts every row back exactly, once
        api.as("globex-admin", "globex.localhost").post("/api/v1/contact-merges/" + merge.getString("id")
                + "/undo").then().statusCode(404);
        JsonPath undone = api.as("acme-rep", ACME).post("/api/v1/contact-merges/" + merge.getString("id") + "/undo")
                .then().statusCode(200).extract().jsonPath();
        assertThat(undone.getString("undoneBy")).isEqualTo("acme-rep");
        assertThat(rows(survivor, merged)).isEqualTo(before);
        api.as("acme-rep", ACME).post("/api/v1/contact-merges/" + merge.getString("id") + "/undo").then()
                .statusCode(409);
        api.as("acme-rep", ACME).get("/api/v1/contacts/" + merged).then().statusCode(200);
        assertThat(api.as("acme-rep", ACME).queryParam("contactId", merged).get("/api/v1/contact-merges").then()
                .statusCode(200).extract().jsonPath().getList("id")).containsExactly(merge.getString("id"));
    }

    @Test
    void anUndoIsRefusedOnceTheSurvivorChangedAfterTheMerge() {
        String tag = unique();
        String survivor = contact(Map.of("lastName", "Keeper" + tag));
        String merged = contact(Map.of("lastName", "Gone" + tag, "title", "CTO"));
        String merge = api.as("acme-rep", ACME).body(Map.of("survivorId", survivor, "mergedId", merged)).post(
                "/api/v1/contact-merges").then().statusCode(201).extract().path("id");
        api.as("acme-rep", ACME).body(Map.of("title", "CEO")).patch("/api/v1/contacts/" + survivor).then()
                .statusCode(200);
        api.as("acme-rep", ACME).post("/api/v1/contact-merges/" + merge + "/undo").then().statusCode(409)
                .contentType("application/problem+json");
    }
}
