package org.tesseracrm.it.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.tesseracrm.it.support.CrmWebTest;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Tasks over HTTP: CRUD with ETag/If-Match, recurring completion, who may do what, bad input, lead timelines. */
class TasksIT extends CrmWebTest {

    private static final String ACME = "acme.localhost";

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private Response create(String user, Map<String, Object> body) {
        return api.as(user, ACME).body(body).post("/api/v1/tasks");
    }

    private String task(String user, Map<String, Object> body) {
        return create(user, body).then().statusCode(201).extract().path("id");
    }

    private static OffsetDateTime at(JsonPath json, String path) {
        String text = json.getString(path);
        return text == null ? null : OffsetDateTime.parse(text);
    }

    @Test
    void completingARecurringTaskMakesTheNextOnTheSeriesSchedule() {
        String id = task("acme-rep", Map.of("title", "Month-end report " + unique(), "dueAt", "2024-01-31T09:00:00Z",
                "priority", "high", "recurrence", Map.of("frequency", "monthly", "interval", 1)));
        JsonPath first = api.as("acme-rep", ACME).post("/api/v1/tasks/" + id + "/complete").then().statusCode(200)
                .extract().jsonPath();
        assertThat(first.getString("completed.id")).isEqualTo(id);
        assertThat(first.getString("completed.status")).isEqualTo("completed");
        assertThat(at(first, "completed.completedAt")).isNotNull();
        // the 31st in a leap February is the 29th; the series keeps its day after that
        assertThat(at(first, "next.dueAt")).isEqualTo(OffsetDateTime.parse("2024-02-29T09:00:00Z"));
        assertThat(first.getString("next.previousTaskId")).isEqualTo(id);
        assertThat(first.getString("next.status")).isEqualTo("pending");
        assertThat(first.getString("next.priority")).isEqualTo("high");
        assertThat(first.getString("next.assignee")).isEqualTo("acme-rep");
        assertThat(first.getString("next.recurrence.frequency")).isEqualTo("monthly");
        String next = first.getString("next.id");
        JsonPath second = api.as("acme-rep", ACME).post("/api/v1/tasks/" + next + "/complete").then()
                .statusCode(200).extract().jsonPath();
        assertThat(at(second, "next.dueAt")).isEqualTo(OffsetDateTime.parse("2024-03-31T09:00:00Z"));
        api.as("acme-rep", ACME).get("/api/v1/tasks/" + second.getString("next.id")).then().statusCode(200);

        // every 2 weeks until a date: the series ends when the next would be after it
        String weekly = task("acme-rep", Map.of("title", "Stand-up", "dueAt", "2025-03-03T08:00:00+01:00",
                "recurrence", Map.of("frequency", "weekly", "interval", 2, "until", "2025-03-20")));
        JsonPath w = api.as("acme-rep", ACME).post("/api/v1/tasks/" + weekly + "/complete").then().statusCode(200)
                .extract().jsonPath();
        assertThat(at(w, "next.dueAt")).isEqualTo(OffsetDateTime.parse("2025-03-17T07:00:00Z"));
        api.as("acme-rep", ACME).post("/api/v1/tasks/" + w.getString("next.id") + "/complete").then()
                .statusCode(200).body("next", nullValue());

        // a one-off task completes once
        String once = task("acme-rep", Map.of("title", "Once"));
        api.as("acme-rep", ACME).post("/api/v1/tasks/" + once + "/complete").then().statusCode(200)
                .body("next", nullValue()).body("completed.status", equalTo("completed"));
        api.as("acme-rep", ACME).post("/api/v1/tasks/" + once + "/complete").then().statusCode(409);
        api.as("acme-rep", ACME).get("/api/v1/tasks/" + once + "/history").then().statusCode(200)
                .body("[0].changes.status.after", equalTo("completed")).body("[1].action", equalTo("create"));
    }

    @Test
    void createReadUpdateDeleteRestoreWithETag() {
        String title = "Call back " + unique();
        Response created = create("acme-rep", Map.of("title", title, "dueAt", "2030-05-01T10:00:00Z"));
        created.then().statusCode(201).body("assignee", equalTo("acme-rep")).body("status", equalTo("pending"))
                .body("priority", equalTo("medium")).body("recurrence", nullValue()).body("version", equalTo(1));
        String id = created.path("id");
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        api.as("acme-rep", ACME).header("If-Match", "\"1\"").body(Map.of("priority", "urgent"))
                .patch("/api/v1/tasks/" + id).then().statusCode(200).body("priority", equalTo("urgent"))
                .body("title", equalTo(title)).body("dueAt", notNullValue()).header("ETag", "\"2\"");
        api.as("acme-rep", ACME).header("If-Match", "\"1\"").body(Map.of("title", "Lost"))
                .patch("/api/v1/tasks/" + id).then().statusCode(412);
        api.as("acme-rep", ACME).header("If-Match", "\"1\"").post("/api/v1/tasks/" + id + "/complete").then()
                .statusCode(412);
        List<String> mine = api.as("acme-viewer", ACME).queryParam("assignee", "acme-rep")
                .queryParam("priority", "urgent").queryParam("dueAt.gte", "2030-05-01").queryParam("limit", 200)
                .queryParam("sort", "-createdAt").get("/api/v1/tasks").then().statusCode(200).extract()
                .path("results.id");
        assertThat(mine).contains(id);
        api.as("acme-rep", ACME).delete("/api/v1/tasks/" + id).then().statusCode(204);
        api.as("acme-rep", ACME).get("/api/v1/tasks/" + id).then().statusCode(404);
        api.as("acme-rep", ACME).post("/api/v1/tasks/" + id + "/restore").then().statusCode(200)
                .body("deletedAt", nullValue());
        api.as("acme-rep", ACME).get("/api/v1/tasks/" + id + "/history").then().statusCode(200)
                .body("action", equalTo(List.of("restore", "delete", "update", "create")));
    }

    @Test
    void rolesDecideWhoChangesWhichTask() {
        String repsTask = task("acme-rep", Map.of("title", "Rep's"));
        String adminsTask = task("acme-admin", Map.of("title", "Admin's"));
        api.as("acme-viewer", ACME).get("/api/v1/tasks/" + repsTask).then().statusCode(200);
        api.as("acme-viewer", ACME).body(Map.of("title", "X")).post("/api/v1/tasks").then().statusCode(403);
        api.as("acme-viewer", ACME).body(Map.of("title", "X")).patch("/api/v1/tasks/" + repsTask).then()
                .statusCode(403);
        api.as("acme-viewer", ACME).post("/api/v1/tasks/" + repsTask + "/complete").then().statusCode(403);
        api.as("acme-viewer", ACME).delete("/api/v1/tasks/" + repsTask).then().statusCode(403);
        // the assignee is the owner: a rep changes tasks assigned to it only, and assigns only to itself
        api.as("acme-rep", ACME).body(Map.of("title", "X")).patch("/api/v1/tasks/" + adminsTask).then()
                .statusCode(403).body("type", equalTo("https://tessera-crm.org/problems/not-your-record"));
        api.as("acme-rep", ACME).post("/api/v1/tasks/" + adminsTask + "/complete").then().statusCode(403);
        api.as("acme-rep", ACME).delete("/api/v1/tasks/" + adminsTask).then().statusCode(403);
        api.as("acme-rep", ACME).body(Map.of("title", "Gift", "assignee", "acme-admin")).post("/api/v1/tasks").then()
                .statusCode(403);
        // an admin assigns to the rep, who may then complete it
        String assigned = task("acme-admin", Map.of("title", "For the rep", "assignee", "acme-rep"));
        api.as("acme-rep", ACME).post("/api/v1/tasks/" + assigned + "/complete").then().statusCode(200);
        // other tenant, no token
        api.on(ACME).get("/api/v1/tasks").then().statusCode(401);
        api.as("globex-rep", ACME).get("/api/v1/tasks/" + repsTask).then().statusCode(403);
        api.as("globex-rep", "globex.localhost").get("/api/v1/tasks/" + repsTask).then().statusCode(404);
        api.as("globex-rep", "globex.localhost").post("/api/v1/tasks/" + repsTask + "/complete").then()
                .statusCode(404);
    }

    @Test
    void badInputIsA400NeverA500() {
        String id = task("acme-rep", Map.of("title", "Target"));
        create("acme-rep", Map.of("title", "X", "colour", "red")).then().statusCode(400);
        create("acme-rep", Map.of()).then().statusCode(400);
        create("acme-rep", Map.of("title", "X", "priority", "critical")).then().statusCode(400);
        create("acme-rep", Map.of("title", "X", "dueAt", "tomorrow")).then().statusCode(400);
        create("acme-rep", Map.of("title", "X", "recurrence", Map.of("frequency", "weekly"))).then().statusCode(400);
        create("acme-rep", Map.of("title", "X", "dueAt", "2030-01-01T00:00:00Z", "recurrence",
                Map.of("frequency", "yearly"))).then().statusCode(400);
        create("acme-rep", Map.of("title", "X", "dueAt", "2030-01-01T00:00:00Z", "recurrence",
                Map.of("frequency", "daily", "interval", 0))).then().statusCode(400);
        create("acme-rep", Map.of("title", "X", "dueAt", "2030-01-01T00:00:00Z", "recurrence",
                Map.of("frequency", "daily", "every", 2))).then().statusCode(400);
        create("acme-rep", Map.of("title", "X", "recurrence", "weekly")).then().statusCode(400);
        for (String link : List.of("leadId", "contactId", "accountId", "dealId")) {
            create("acme-rep", Map.of("title", "X", link, UUID.randomUUID().toString())).then().statusCode(400);
        }
        api.as("acme-rep", ACME).body(Map.of("status", "completed")).patch("/api/v1/tasks/" + id).then()
                .statusCode(400);
        api.as("acme-rep", ACME).queryParam("after", "garbage").get("/api/v1/tasks").then().statusCode(400);
        api.as("acme-rep", ACME).queryParam("status", "done").get("/api/v1/tasks").then().statusCode(400);
        api.as("acme-rep", ACME).queryParam("sort", "dueAt").get("/api/v1/tasks").then().statusCode(400);
        api.as("acme-rep", ACME).queryParam("dealId", "nope").get("/api/v1/tasks").then().statusCode(400);
        api.as("acme-rep", ACME).body(Map.of("sort", "title")).post("/api/v1/tasks/search").then().statusCode(400);
    }

    @Test
    void tasksShowOnTheLeadTimeline() {
        String leadId = api.as("acme-rep", ACME).body(Map.of("lastName", "Lumbergh" + unique())).post("/api/v1/leads")
                .then().statusCode(201).extract().path("id");
        String undated = task("acme-rep", Map.of("title", "Research", "leadId", leadId));
        String dated = task("acme-rep", Map.of("title", "Follow up", "leadId", leadId, "dueAt",
                "2099-12-01T09:00:00Z"));
        String deleted = task("acme-rep", Map.of("title", "Gone", "leadId", leadId));
        api.as("acme-rep", ACME).delete("/api/v1/tasks/" + deleted).then().statusCode(204);
        JsonPath timeline = api.as("acme-rep", ACME).queryParam("types", "TASK")
                .get("/api/v1/leads/" + leadId + "/timeline").then().statusCode(200).extract().jsonPath();
        assertThat(timeline.getList("results.id")).containsExactly(dated, undated);
        assertThat(timeline.getString("results[0].kind")).isEqualTo("task");
        assertThat(timeline.getString("results[0].task.title")).isEqualTo("Follow up");
        assertThat(at(timeline, "results[0].at")).isEqualTo(OffsetDateTime.parse("2099-12-01T09:00:00Z"));
        List<String> filtered = api.as("acme-rep", ACME).queryParam("leadId", leadId).get("/api/v1/tasks").then()
                .statusCode(200).extract().path("results.id");
        assertThat(filtered).containsExactlyInAnyOrder(dated, undated);
    }
}
