package org.tesseracrm.it.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.tesseracrm.it.support.CrmWebTest;

import io.restassured.response.Response;

/** Contacts over HTTP: CRUD, ETag/If-Match, history, soft delete, paging, filters, search, batch, idempotency. */
class ContactsIT extends CrmWebTest {

    private static final String ACME = "acme.localhost";

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private Response create(String user, Map<String, Object> body) {
        return api.as(user, ACME).body(body).post("/api/v1/contacts");
    }

    private String createContact(String user, String lastName) {
        return create(user, Map.of("lastName", lastName, "email", lastName.toLowerCase() + "@example.com")).then()
                .statusCode(201).extract().path("id");
    }

    @Test
    void createReadUpdateWithETagAndHistory() {
        String tag = "t" + unique();
        Response created = create("acme-rep", Map.of("firstName", "Nancy", "lastName", "Davolio" + tag, "email",
                "Nancy." + tag + "@Northwind.example", "tags", List.of("vip", tag)));
        created.then().statusCode(201).body("owner", equalTo("acme-rep")).body("email",
                equalTo("nancy." + tag + "@northwind.example")).body("version", equalTo(1));
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/api/v1/contacts/" + id);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");

        Response read = api.as("acme-viewer", ACME).get("/api/v1/contacts/" + id);
        read.then().statusCode(200).body("tags", equalTo(List.of("vip", tag)));
        assertThat(read.header("ETag")).isEqualTo("\"1\"");

        api.as("acme-rep", ACME).header("If-Match", "\"1\"").body(Map.of("title", "Buyer"))
                .patch("/api/v1/contacts/" + id).then().statusCode(200).body("title", equalTo("Buyer"))
                .body("firstName", equalTo("Nancy")).body("version", equalTo(2)).header("ETag", "\"2\"");
        // a stale If-Match loses nothing: 412 and the record is unchanged
        api.as("acme-rep", ACME).header("If-Match", "\"1\"").body(Map.of("title", "Lost update"))
                .patch("/api/v1/contacts/" + id).then().statusCode(412)
                .body("type", equalTo("https://tessera-crm.org/problems/stale-version"));
        api.as("acme-rep", ACME).get("/api/v1/contacts/" + id).then().body("title", equalTo("Buyer"));

        api.as("acme-rep", ACME).get("/api/v1/contacts/" + id + "/history").then().statusCode(200)
                .body("[0].action", equalTo("update")).body("[0].changedBy", equalTo("acme-rep"))
                .body("[0].changes.title.before", equalTo(null)).body("[0].changes.title.after", equalTo("Buyer"))
                .body("[1].action", equalTo("create"));
    }

    @Test
    void softDeleteAndRestore() {
        String id = createContact("acme-rep", "Deleted" + unique());
        api.as("acme-rep", ACME).delete("/api/v1/contacts/" + id).then().statusCode(204);
        api.as("acme-rep", ACME).get("/api/v1/contacts/" + id).then().statusCode(404);
        List<String> deleted = api.as("acme-rep", ACME).queryParam("deleted", "true").queryParam("limit", 200)
                .queryParam("sort", "-updatedAt").get("/api/v1/contacts").then().statusCode(200).extract()
                .path("results.id");
        assertThat(deleted).contains(id);
        api.as("acme-rep", ACME).post("/api/v1/contacts/" + id + "/restore").then().statusCode(200)
                .body("deletedAt", equalTo(null));
        api.as("acme-rep", ACME).get("/api/v1/contacts/" + id).then().statusCode(200);
        api.as("acme-rep", ACME).get("/api/v1/contacts/" + id + "/history").then()
                .body("action", equalTo(List.of("restore", "delete", "create")));
    }

    @Test
    void rolesDecideWhoChangesWhat() {
        String repsContact = createContact("acme-rep", "Owned" + unique());
        String adminsContact = createContact("acme-admin", "Admins" + unique());
        // read-only reads but never writes
        api.as("acme-viewer", ACME).get("/api/v1/contacts/" + repsContact).then().statusCode(200);
        api.as("acme-viewer", ACME).body(Map.of("lastName", "X")).post("/api/v1/contacts").then().statusCode(403);
        api.as("acme-viewer", ACME).body(Map.of("title", "X")).patch("/api/v1/contacts/" + repsContact).then()
                .statusCode(403);
        api.as("acme-viewer", ACME).delete("/api/v1/contacts/" + repsContact).then().statusCode(403);
        // a rep changes its own records only, and cannot give a record to someone else
        api.as("acme-rep", ACME).body(Map.of("title", "X")).patch("/api/v1/contacts/" + adminsContact).then()
                .statusCode(403).body("type", equalTo("https://tessera-crm.org/problems/not-your-record"));
        api.as("acme-rep", ACME).delete("/api/v1/contacts/" + adminsContact).then().statusCode(403);
        api.as("acme-rep", ACME).body(Map.of("lastName", "Gift", "owner", "acme-admin"))
                .post("/api/v1/contacts").then().statusCode(403);
        // an admin changes anything and may reassign
        api.as("acme-admin", ACME).body(Map.of("owner", "acme-manager")).patch("/api/v1/contacts/" + repsContact)
                .then().statusCode(200).body("owner", equalTo("acme-manager"));
        // no token, another tenant's token, the operator
        api.on(ACME).get("/api/v1/contacts").then().statusCode(401);
        api.as("globex-rep", ACME).get("/api/v1/contacts/" + repsContact).then().statusCode(403);
        api.as("operator", ACME).get("/api/v1/contacts").then().statusCode(401);
        // on its own host, globex does not see acme's record at all
        api.as("globex-rep", "globex.localhost").get("/api/v1/contacts/" + repsContact).then().statusCode(404);
        List<String> globexIds = api.as("globex-rep", "globex.localhost").queryParam("limit", 200)
                .get("/api/v1/contacts").then().statusCode(200).extract().path("results.id");
        assertThat(globexIds).doesNotContain(repsContact, adminsContact);
    }

    @Test
    void managerChangesRecordsOfTheTeamsItManages() {
        String team = "Team " + unique();
        String teamId = api.as("acme-admin", ACME)
                .body(Map.of("name", team, "managerUsername", "acme-manager", "members", List.of("acme-rep")))
                .post("/api/v1/teams").then().statusCode(201).extract().path("id");
        String repsContact = createContact("acme-rep", "Teamed" + unique());
        api.as("acme-manager", ACME).body(Map.of("title", "Changed by manager"))
                .patch("/api/v1/contacts/" + repsContact).then().statusCode(200);
        String adminsContact = createContact("acme-admin", "NotTeamed" + unique());
        api.as("acme-manager", ACME).body(Map.of("title", "X")).patch("/api/v1/contacts/" + adminsContact).then()
                .statusCode(403);
        api.as("acme-admin", ACME).delete("/api/v1/teams/" + teamId).then().statusCode(204);
        api.as("acme-manager", ACME).body(Map.of("title", "After the team is gone"))
                .patch("/api/v1/contacts/" + repsContact).then().statusCode(403);
    }

    @Test
    void pagingThroughAChangingListShowsEveryRowOnce() {
        String tag = "page" + unique();
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 25; i++) {
            expected.add(create("acme-rep", Map.of("lastName", "Pager" + i, "tags", List.of(tag))).then()
                    .statusCode(201).extract().path("id"));
        }
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            var request = api.as("acme-rep", ACME).queryParam("tags", tag).queryParam("limit", 7);
            if (after != null) {
                request.queryParam("after", after);
            }
            Response page = request.get("/api/v1/contacts");
            page.then().statusCode(200);
            seen.addAll(page.path("results.id"));
            after = page.path("paging.next.after");
            if (pages == 1) {
                // while paging: a new row arrives and a seen one is deleted
                expected.add(create("acme-rep", Map.of("lastName", "Late", "tags", List.of(tag))).then()
                        .statusCode(201).extract().path("id"));
                api.as("acme-rep", ACME).delete("/api/v1/contacts/" + seen.get(0)).then().statusCode(204);
            }
            pages++;
        } while (after != null && pages < 20);
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(new HashSet<>(seen)).isEqualTo(expected);
        assertThat(pages).isEqualTo(4);
    }

    @Test
    void filtersSortAndSearch() {
        String tag = "f" + unique();
        String a = create("acme-rep", Map.of("lastName", "Zeta" + tag, "tags", List.of(tag, "hot"))).path("id");
        String b = create("acme-admin", Map.of("lastName", "Alpha" + tag, "tags", List.of(tag), "email",
                "alpha." + tag + "@initech.example")).path("id");
        api.as("acme-rep", ACME).queryParam("tags", tag).queryParam("sort", "lastName").get("/api/v1/contacts")
                .then().statusCode(200).body("results.id", equalTo(List.of(b, a)));
        api.as("acme-rep", ACME).queryParam("tags", tag).queryParam("owner", "acme-rep").get("/api/v1/contacts")
                .then().body("results.id", equalTo(List.of(a)));
        api.as("acme-rep", ACME).queryParam("tags", tag).queryParam("createdAt.gte", "2000-01-01")
                .queryParam("sort", "-createdAt").get("/api/v1/contacts").then()
                .body("results.id", equalTo(List.of(b, a)));
        // OR of two groups, AND within one
        Map<String, Object> search = Map.of("filterGroups", List.of(
                Map.of("filters", List.of(Map.of("field", "tags", "operator", "has", "value", tag),
                        Map.of("field", "owner", "value", "acme-admin"))),
                Map.of("filters", List.of(Map.of("field", "tags", "operator", "has", "values", List.of(tag, "hot"))))),
                "sort", "lastName");
        api.as("acme-rep", ACME).body(search).post("/api/v1/contacts/search").then().statusCode(200)
                .body("results.id", equalTo(List.of(b, a)));
        // full text: prefix of a name, part of an e-mail
        api.as("acme-rep", ACME).body(Map.of("query", "Alpha" + tag.substring(0, 4))).post("/api/v1/contacts/search")
                .then()
                .statusCode(200).body("results.id", equalTo(List.of(b)));
        api.as("acme-rep", ACME).body(Map.of("query", "alpha." + tag + "@initech")).post("/api/v1/contacts/search")
                .then().statusCode(200).body("results.id", hasItem(b));
    }

    @Test
    void batchUpsertByEmailCreatesThenUpdates() {
        String domain = unique() + ".example";
        List<Map<String, Object>> inputs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            inputs.add(Map.of("email", "p" + i + "@" + domain, "lastName", "Person" + i));
        }
        api.as("acme-rep", ACME).body(Map.of("idProperty", "email", "inputs", inputs))
                .post("/api/v1/contacts/batch/upsert").then().statusCode(200)
                .body("results.action", equalTo(List.of("created", "created", "created")));
        inputs.set(1, Map.of("email", "P1@" + domain.toUpperCase(), "lastName", "Renamed"));
        inputs.add(Map.of("email", "p3@" + domain, "lastName", "Person3"));
        Response second = api.as("acme-rep", ACME).body(Map.of("idProperty", "email", "inputs", inputs))
                .post("/api/v1/contacts/batch/upsert");
        second.then().statusCode(200).body("results.action", equalTo(List.of("updated", "updated", "updated",
                "created"))).body("results[1].record.lastName", equalTo("Renamed"));
        api.as("acme-rep", ACME).queryParam("email", "p1@" + domain).get("/api/v1/contacts").then()
                .body("results.size()", equalTo(1)).body("results[0].lastName", equalTo("Renamed"));
    }

    @Test
    void batchWithOneBadRecordWritesNothing() {
        String domain = unique() + ".example";
        List<Map<String, Object>> inputs = List.of(Map.of("email", "ok@" + domain, "lastName", "Fine"),
                Map.of("email", "not-an-email", "lastName", "Broken"));
        api.as("acme-rep", ACME).body(Map.of("idProperty", "email", "inputs", inputs))
                .post("/api/v1/contacts/batch/upsert").then().statusCode(400)
                .body("errors[0].field", equalTo("inputs[1].email"));
        api.as("acme-rep", ACME).queryParam("email", "ok@" + domain).get("/api/v1/contacts").then()
                .body("results.size()", equalTo(0));
        api.as("acme-rep", ACME).body(Map.of("inputs", List.of(Map.of("lastName", "A", "email", "a@" + domain),
                Map.of("lastName", "B", "email", "a@" + domain)))).post("/api/v1/contacts/batch/create").then()
                .statusCode(409);
        api.as("acme-rep", ACME).queryParam("email", "a@" + domain).get("/api/v1/contacts").then()
                .body("results.size()", equalTo(0));
    }

    @Test
    void idempotencyKeyReplaysTheFirstResponse() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("lastName", "Once" + unique());
        Response first = api.as("acme-rep", ACME).header("Idempotency-Key", key).body(body).post("/api/v1/contacts");
        first.then().statusCode(201);
        Response retry = api.as("acme-rep", ACME).header("Idempotency-Key", key).body(body).post("/api/v1/contacts");
        retry.then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(first.path("id")));
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        // the same key with another body is refused, and writes nothing
        api.as("acme-rep", ACME).header("Idempotency-Key", key).body(Map.of("lastName", "Other"))
                .post("/api/v1/contacts").then().statusCode(422)
                .body("type", equalTo("https://tessera-crm.org/problems/idempotency-key-reused"));
        // another user's identical key is another key
        api.as("acme-admin", ACME).header("Idempotency-Key", key).body(body).post("/api/v1/contacts").then()
                .statusCode(201).body("id", org.hamcrest.Matchers.not(equalTo(first.path("id"))));
    }

    @Test
    void badInputIsA4xxAndWritesNothing() {
        String marker = "Bad" + unique();
        List<Object[]> cases = List.of(new Object[]{"{\"lastName\": 42}", 400},
                new Object[]{"{\"lastName\": \"" + marker + "\", \"unknownField\": 1}", 400},
                new Object[]{"{\"lastName\": \"" + marker + "\", \"tags\": \"notalist\"}", 400},
                new Object[]{"{\"lastName\": \"" + marker + "\", \"accountId\": \"nope\"}", 400},
                new Object[]{"{\"lastName\": \"" + marker + "\", \"accountId\": \"" + UUID.randomUUID() + "\"}",
                        400},
                new Object[]{"{\"lastName\": \"" + marker + "\", \"customFields\": {\"undefined\": 1}}", 400},
                new Object[]{"{\"lastName\": \"" + marker + "\", \"email\": \"x@\"}", 400},
                new Object[]{"{\"lastName\": \"" + marker + "\"", 400}, new Object[]{"[]", 400},
                new Object[]{"{\"lastName\": \"" + "x".repeat(201) + "\"}", 400},
                new Object[]{"{\"lastName\": \"" + marker + "\", \"tags\": [\"" + "y".repeat(60) + "\"]}", 400},
                new Object[]{"{\"lastName\": \"" + "z".repeat(3 * 1024 * 1024) + "\"}", 413});
        for (Object[] c : cases) {
            Response response = api.as("acme-rep", ACME).body((String) c[0]).post("/api/v1/contacts");
            assertThat(response.statusCode()).as(((String) c[0]).substring(0, Math.min(80, ((String) c[0])
                    .length()))).isEqualTo(c[1]);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        api.as("acme-rep", ACME).body(Map.of("query", marker)).post("/api/v1/contacts/search").then()
                .statusCode(200).body("results.size()", equalTo(0));
    }

    @Test
    void hostileListParametersNeverReachSql() {
        Map<String, String> hostile = new LinkedHashMap<>();
        hostile.put("owner' OR '1'='1", "x");
        hostile.put("sort", "lastName; DROP TABLE contact");
        hostile.put("createdAt.gte", "2026-01-01'); DELETE FROM contact; --");
        hostile.put("limit", "100000");
        hostile.put("after", "not-a-cursor");
        hostile.put("createdAt.like", "x");
        for (Map.Entry<String, String> parameter : hostile.entrySet()) {
            api.as("acme-rep", ACME).queryParam(parameter.getKey(), parameter.getValue()).get("/api/v1/contacts")
                    .then().statusCode(400).contentType(startsWith("application/problem+json"));
        }
        // values are data, not SQL: an injection attempt in a value simply matches nothing
        api.as("acme-rep", ACME).queryParam("owner", "x' OR '1'='1").get("/api/v1/contacts").then()
                .statusCode(200).body("results.size()", equalTo(0));
        for (String query : List.of("'); DROP TABLE contact; --", "a & | ! ( ) :* <->", "\\", "%_%")) {
            api.as("acme-rep", ACME).body(Map.of("query", query)).post("/api/v1/contacts/search").then()
                    .statusCode(org.hamcrest.Matchers.oneOf(200, 400));
        }
        api.as("acme-rep", ACME).body(Map.of("filterGroups", List.of(Map.of("filters",
                List.of(Map.of("field", "email) OR 1=1 --", "value", "x")))))).post("/api/v1/contacts/search").then()
                .statusCode(400);
        api.as("acme-rep", ACME).get("/api/v1/contacts").then().statusCode(200);
    }

    @Test
    void openApiDocumentsTheEndpointsTheirBodiesAndTheirErrors() {
        String document = api.on("localhost").accept("application/json").get("/openapi").then().statusCode(200)
                .extract().asString();
        assertThat(document).contains("/api/v1/contacts/{id}/calls", "/api/v1/leads/{id}/timeline",
                "/api/v1/contacts/batch/upsert", "\"ContactInput\"", "\"CallInput\"", "\"Problem\"",
                "application/problem+json", "\"412\"");
    }
}
