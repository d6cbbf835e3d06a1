package org.tesseracrm.it.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.tesseracrm.it.support.CrmInfrastructure;
import org.tesseracrm.it.support.CrmWebTest;

import io.restassured.response.Response;

/** Leads: the funnel moved by logged engagement, counters, follow-ups, timelines and their cost in SQL statements. */
class LeadsIT extends CrmWebTest {

    private static final String ACME = "acme.localhost";

    private String createLead(String user) {
        return api.as(user, ACME).body(Map.of("firstName", "Peter", "lastName", "Gibbons" + UUID.randomUUID()
                .toString().substring(0, 6), "company", "Initech", "priority", "hot", "estimatedValue", 12000,
                "currency", "EUR")).post("/api/v1/leads").then().statusCode(201).body("status", equalTo("new"))
                .extract().path("id");
    }

    @Test
    void loggingEngagementMovesTheFunnelTheWayARepExpects() {
        String lead = createLead("acme-rep");
        String inTwoDays = OffsetDateTime.now(ZoneOffset.UTC).plusDays(2).withNano(0).toString();
        // a planned call: counted as scheduled, becomes the next follow-up, status stays new
        api.as("acme-rep", ACME).body(Map.of("scheduledFor", inTwoDays, "subject", "Intro call"))
                .post("/api/v1/leads/" + lead + "/calls").then().statusCode(201).body("type", equalTo("CALL"));
        api.as("acme-rep", ACME).get("/api/v1/leads/" + lead).then().body("status", equalTo("new"))
                .body("callsScheduled", equalTo(1)).body("callsCompleted", equalTo(0))
                .body("nextFollowUpAt", notNullValue());
        // a completed call counts and marks the lead contacted
        api.as("acme-rep", ACME).body(Map.of("completedAt", OffsetDateTime.now(ZoneOffset.UTC).toString(), "outcome",
                "Connected", "durationSeconds", 320, "objections", "Budget", "nextSteps", "Send proposal"))
                .post("/api/v1/leads/" + lead + "/calls").then().statusCode(201).body("outcome", equalTo("Connected"));
        api.as("acme-rep", ACME).get("/api/v1/leads/" + lead).then().body("status", equalTo("contacted"))
                .body("callsCompleted", equalTo(1)).body("lastContactAt", notNullValue());
        // the prospect writes back: replied; an outbound e-mail counts as sent
        api.as("acme-rep", ACME).body(Map.of("subject", "Proposal", "to", List.of("peter@initech.example")))
                .post("/api/v1/leads/" + lead + "/emails").then().statusCode(201);
        api.as("acme-rep", ACME).body(Map.of("subject", "Re: Proposal", "direction", "inbound"))
                .post("/api/v1/leads/" + lead + "/emails").then().statusCode(201);
        api.as("acme-rep", ACME).get("/api/v1/leads/" + lead).then().body("status", equalTo("replied"))
                .body("emailsSent", equalTo(1));
        // a meeting in the future: scheduled
        api.as("acme-rep", ACME).body(Map.of("subject", "Demo", "scheduledFor", inTwoDays, "durationSeconds", 3600,
                "location", "Initech HQ", "attendees", List.of(Map.of("name", "Peter", "email",
                        "peter@initech.example")),
                "timeZone", "Europe/Berlin"))
                .post("/api/v1/leads/" + lead + "/meetings").then().statusCode(201)
                .body("metadata.timeZone", equalTo("Europe/Berlin"));
        api.as("acme-rep", ACME).get("/api/v1/leads/" + lead).then().body("status", equalTo("scheduled"));
        api.as("acme-rep", ACME).body(Map.of("body", "Decision maker is Lumbergh"))
                .post("/api/v1/leads/" + lead + "/notes").then().statusCode(201);

        // the timeline: newest first, activities and the three status changes, filterable
        Response timeline = api.as("acme-viewer", ACME).queryParam("limit", 100)
                .get("/api/v1/leads/" + lead + "/timeline");
        timeline.then().statusCode(200);
        List<String> kinds = timeline.path("results.kind");
        assertThat(kinds.stream().filter("activity"::equals)).hasSize(6);
        assertThat(kinds.stream().filter("status_change"::equals)).hasSize(3);
        List<String> at = timeline.path("results.at");
        List<OffsetDateTime> times = at.stream().map(OffsetDateTime::parse).toList();
        assertThat(times).isSortedAccordingTo((a, b) -> b.compareTo(a));
        api.as("acme-rep", ACME).queryParam("types", "CALL").get("/api/v1/leads/" + lead + "/timeline").then()
                .body("results.type", equalTo(List.of("CALL", "CALL")));
        api.as("acme-rep", ACME).queryParam("types", "STATUS_CHANGE").get("/api/v1/leads/" + lead + "/timeline")
                .then().body("results.toStatus", equalTo(List.of("scheduled", "replied", "contacted")));
        api.as("acme-rep", ACME).queryParam("q", "lumbergh").get("/api/v1/leads/" + lead + "/timeline").then()
                .body("results.activity.type", equalTo(List.of("NOTE")));
        // the audit history shows the counters moving
        api.as("acme-rep", ACME).get("/api/v1/leads/" + lead + "/history").then().statusCode(200)
                .body("action[-1]", equalTo("create"));
    }

    @Test
    void engagementIsCheckedPerTypeAndByOwner() {
        String lead = createLead("acme-admin");
        api.as("acme-rep", ACME).body(Map.of("outcome", "Connected")).post("/api/v1/leads/" + lead + "/calls")
                .then().statusCode(403);
        api.as("acme-viewer", ACME).body(Map.of("body", "x")).post("/api/v1/leads/" + lead + "/notes").then()
                .statusCode(403);
        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("outcome", "Maybe"), Map.of(),
                Map.of("outcome", "Connected", "durationSeconds", -5), Map.of("outcome", "Connected", "unknown", 1),
                Map.of("outcome", "Connected", "completedAt", "yesterday"),
                Map.of("outcome", "Connected", "recordingUrl", "javascript:alert(1)"))) {
            api.as("acme-admin", ACME).body(bad).post("/api/v1/leads/" + lead + "/calls").then().statusCode(400);
        }
        api.as("acme-admin", ACME).body(Map.of("scheduledFor", "2030-01-01T10:00:00Z"))
                .post("/api/v1/leads/" + lead + "/meetings").then().statusCode(400); // subject missing
        api.as("acme-admin", ACME).body(Map.of("subject", "x")).post("/api/v1/leads/" + lead + "/notes").then()
                .statusCode(400); // body missing
        api.as("acme-admin", ACME).body(Map.of("subject", "x", "to", List.of("not-an-address")))
                .post("/api/v1/leads/" + lead + "/emails").then().statusCode(400);
        api.as("acme-admin", ACME).get("/api/v1/leads/" + lead).then().body("callsCompleted", equalTo(0))
                .body("status", equalTo("new"));
        api.as("acme-admin", ACME).get("/api/v1/leads/" + lead + "/timeline").then().body("results.size()",
                equalTo(0));
        api.as("globex-rep", "globex.localhost").get("/api/v1/leads/" + lead + "/timeline").then().statusCode(404);
        api.as("acme-admin", ACME).queryParam("after", "garbage").get("/api/v1/leads/" + lead + "/timeline").then()
                .statusCode(400);
        api.as("acme-admin", ACME).queryParam("types", "FAX").get("/api/v1/leads/" + lead + "/timeline").then()
                .statusCode(400);
    }

    @Test
    void timelineOfAThousandActivitiesIsAFewStatementsPerPage() throws Exception {
        String contact = api.as("acme-rep", ACME).body(Map.of("lastName", "Busy" + UUID.randomUUID()))
                .post("/api/v1/contacts").then().statusCode(201).extract().path("id");
        try (Connection c = DriverManager.getConnection(CrmInfrastructure.services().database().settings()
                .jdbcUrl(), CrmInfrastructure.APP_ROLE, CrmInfrastructure.APP_PASSWORD);
                PreparedStatement insert = c.prepareStatement("INSERT INTO t_acme.activity (type, subject, body,"
                        + " outcome, occurred_at, completed_at, contact_id, author, created_by) VALUES (?, ?, ?, ?,"
                        + " ?, ?, ?::uuid, 'acme-rep', 'acme-rep')")) {
            OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusDays(30);
            for (int i = 0; i < 1000; i++) {
                boolean call = i % 2 == 0;
                OffsetDateTime at = start.plusMinutes(i * 7L).plusSeconds(i % 3 == 0 ? 0 : 1);
                insert.setString(1, call ? "CALL" : "NOTE");
                insert.setString(2, "Touch " + i);
                insert.setString(3, "Conversation number " + i);
                insert.setString(4, call ? "Connected" : null);
                insert.setObject(5, at);
                insert.setObject(6, at);
                insert.setString(7, contact);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        Response first = api.as("acme-rep", ACME).queryParam("limit", 100)
                .get("/api/v1/contacts/" + contact + "/timeline");
        first.then().statusCode(200).body("results.size()", equalTo(100));
        int statements = Integer.parseInt(first.header("X-SQL-Statements"));
        System.out.printf("timeline of a contact with 1000 activities, page of 100: %d SQL statements%n",
                statements);
        assertThat(statements).isLessThanOrEqualTo(5);

        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            var request = api.as("acme-rep", ACME).queryParam("limit", 100);
            if (after != null) {
                request.queryParam("after", after);
            }
            Response page = request.get("/api/v1/contacts/" + contact + "/timeline");
            page.then().statusCode(200);
            assertThat(Integer.parseInt(page.header("X-SQL-Statements"))).isLessThanOrEqualTo(5);
            seen.addAll(page.path("results.id"));
            after = page.path("paging.next.after");
            pages++;
        } while (after != null && pages < 20);
        assertThat(seen).hasSize(1000);
        assertThat(new HashSet<>(seen)).hasSize(1000);
        assertThat(pages).isEqualTo(10);
        api.as("acme-rep", ACME).queryParam("types", "NOTE").queryParam("limit", 100)
                .get("/api/v1/contacts/" + contact + "/timeline").then()
                .body("results.activity.type", org.hamcrest.Matchers.everyItem(equalTo("NOTE")));
        api.as("acme-rep", ACME).queryParam("q", "Touch 999").get("/api/v1/contacts/" + contact + "/timeline")
                .then().body("results[0].activity.subject", equalTo("Touch 999"));
    }

    @Test
    void leadsAreUpsertedInBatchesByExternalIdOrEmail() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Map<String, Object>> inputs = List.of(Map.of("externalId", "web-" + run + "-1", "lastName", "One",
                "source", "web"), Map.of("externalId", "web-" + run + "-2", "lastName", "Two"));
        api.as("acme-rep", ACME).body(Map.of("idProperty", "externalId", "inputs", inputs))
                .post("/api/v1/leads/batch/upsert").then().statusCode(200)
                .body("results.action", equalTo(List.of("created", "created")));
        api.as("acme-rep", ACME).body(Map.of("idProperty", "externalId", "inputs", List.of(Map.of("externalId",
                "web-" + run + "-2", "priority", "hot"),
                Map.of("externalId", "web-" + run + "-3", "lastName",
                        "Three"))))
                .post("/api/v1/leads/batch/upsert").then().statusCode(200)
                .body("results.action", equalTo(List.of("updated", "created")))
                .body("results[0].record.lastName", equalTo("Two")).body("results[0].record.priority",
                        equalTo("hot"));
        // one bad input: nothing of the batch is written
        api.as("acme-rep", ACME).body(Map.of("idProperty", "externalId", "inputs", List.of(Map.of("externalId",
                "web-" + run + "-4", "lastName", "Four"),
                Map.of("externalId", "web-" + run + "-5", "lastName",
                        "Five", "priority", "boiling"))))
                .post("/api/v1/leads/batch/upsert").then().statusCode(400)
                .body("errors[0].field", equalTo("inputs[1].priority"));
        api.as("acme-rep", ACME).queryParam("externalId", "web-" + run + "-4").get("/api/v1/leads").then()
                .body("results.size()", equalTo(0));
        api.as("acme-viewer", ACME).body(Map.of("inputs", List.of(Map.of("lastName", "X"))))
                .post("/api/v1/leads/batch/create").then().statusCode(403);
    }

    @Test
    void aLoggedActivityIsCorrectedDeletedAndRestoredByItsAuthor() {
        String lead = createLead("acme-rep");
        Response logged = api.as("acme-rep", ACME).body(Map.of("outcome", "No answer"))
                .post("/api/v1/leads/" + lead + "/calls");
        logged.then().statusCode(201);
        String activity = logged.path("id");
        assertThat(logged.header("Location")).endsWith("/api/v1/activities/" + activity);
        api.as("acme-viewer", ACME).get("/api/v1/activities/" + activity).then().statusCode(200)
                .header("ETag", "\"1\"").body("outcome", equalTo("No answer"));
        api.as("acme-rep", ACME).header("If-Match", "\"1\"").body(Map.of("outcome", "Voicemail", "nextSteps",
                "Call Monday")).patch("/api/v1/activities/" + activity).then().statusCode(200)
                .body("outcome", equalTo("Voicemail")).header("ETag", "\"2\"");
        api.as("acme-rep", ACME).header("If-Match", "\"1\"").body(Map.of("outcome", "Connected"))
                .patch("/api/v1/activities/" + activity).then().statusCode(412);
        api.as("acme-rep", ACME).body(Map.of("outcome", "Sometimes")).patch("/api/v1/activities/" + activity).then()
                .statusCode(400);
        api.as("acme-admin", ACME).body(Map.of("type", "NOTE")).patch("/api/v1/activities/" + activity).then()
                .statusCode(400);
        // another rep's activity is not this rep's to change; a manager of the author's team or an admin may
        String adminsLead = createLead("acme-admin");
        String adminsCall = api.as("acme-admin", ACME).body(Map.of("outcome", "Busy"))
                .post("/api/v1/leads/" + adminsLead + "/calls").then().statusCode(201).extract().path("id");
        api.as("acme-rep", ACME).delete("/api/v1/activities/" + adminsCall).then().statusCode(403);
        api.as("acme-rep", ACME).delete("/api/v1/activities/" + activity).then().statusCode(204);
        api.as("acme-rep", ACME).get("/api/v1/activities/" + activity).then().statusCode(404);
        api.as("acme-rep", ACME).queryParam("types", "CALL").get("/api/v1/leads/" + lead + "/timeline").then()
                .body("results.size()", equalTo(0));
        api.as("acme-rep", ACME).post("/api/v1/activities/" + activity + "/restore").then().statusCode(200);
        api.as("acme-rep", ACME).queryParam("types", "CALL").get("/api/v1/leads/" + lead + "/timeline").then()
                .body("results.id", equalTo(List.of(activity)));
        api.as("acme-rep", ACME).get("/api/v1/activities/" + activity + "/history").then()
                .body("action", equalTo(List.of("restore", "delete", "update", "create")))
                .body("[2].changes.outcome.after", equalTo("Voicemail"));
        api.as("globex-rep", "globex.localhost").get("/api/v1/activities/" + activity).then().statusCode(404);
    }
}
