package org.tesseracrm.it.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.tesseracrm.it.support.CrmWebTest;

import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;

/**
 * Deals and pipelines over HTTP: CRUD with ETag/If-Match, stage moves with their history, win/lose/reopen, pipeline
 * figures, engagements and the timeline, who may do what, and bad input that must be a 400, never a 500.
 */
class DealsIT extends CrmWebTest {

    private static final String ACME = "acme.localhost";

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A fresh pipeline: Qualify (10), Propose (50), Won, Lost; returns [pipelineId, qualify, propose, won, lost]. */
    private List<String> pipeline() {
        Response created = api.as("acme-admin", ACME)
                .body(Map.of("name", "P " + unique(), "stages",
                        List.of(Map.of("name", "Qualify", "probability", 10),
                                Map.of("name", "Propose", "probability", 50),
                                Map.of("name", "Won", "probability", 100, "won", true),
                                Map.of("name", "Lost", "probability", 0, "lost", true))))
                .post("/api/v1/pipelines");
        created.then().statusCode(201).body("stages.size()", equalTo(4)).body("defaultPipeline", equalTo(false));
        List<String> stageIds = created.path("stages.id");
        return List.of(created.path("id"), stageIds.get(0), stageIds.get(1), stageIds.get(2), stageIds.get(3));
    }

    private Response createDeal(String user, Map<String, Object> body) {
        return api.as(user, ACME).body(body).post("/api/v1/deals");
    }

    private String deal(String user, String pipelineId, String value, String currency) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "Deal " + unique(), "value", new BigDecimal(value),
                "currency", currency));
        if (pipelineId != null) {
            body.put("pipelineId", pipelineId);
        }
        return createDeal(user, body).then().statusCode(201).extract().path("id");
    }

    private static BigDecimal decimal(JsonPath json, String path) {
        return new BigDecimal(json.getString(path));
    }

    private String etag(String user, String dealId) {
        return api.as(user, ACME).get("/api/v1/deals/" + dealId).then().statusCode(200).extract().header("ETag");
    }

    @Test
    void createReadUpdateDeleteRestoreWithETagAndHistory() {
        String tag = "t" + unique();
        Response created = createDeal("acme-rep", Map.of("name", "Initech " + tag, "value", 1200.5, "currency", "eur",
                "tags", List.of("Q3", tag), "expectedCloseDate", "2026-06-30", "priority", "high"));
        created.then().statusCode(201).body("owner", equalTo("acme-rep")).body("status", equalTo("open"))
                .body("currency", equalTo("EUR")).body("probability", equalTo(10)).body("priority", equalTo("high"))
                .body("expectedCloseDate", equalTo("2026-06-30")).body("tags", equalTo(List.of("q3", tag)))
                .body("version", equalTo(1));
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/api/v1/deals/" + id);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        // it starts in the default pipeline's first open stage
        String defaultPipeline = api.as("acme-viewer", ACME).get("/api/v1/pipelines").then().statusCode(200)
                .extract().jsonPath().getString("find { it.defaultPipeline }.id");
        assertThat((String) created.path("pipelineId")).isEqualTo(defaultPipeline);

        api.as("acme-rep", ACME).header("If-Match", "\"1\"").body(Map.of("description", "Renewal"))
                .patch("/api/v1/deals/" + id).then().statusCode(200).body("description", equalTo("Renewal"))
                .body("name", equalTo("Initech " + tag)).body("priority", equalTo("high"))
                .body("version", equalTo(2)).header("ETag", "\"2\"");
        api.as("acme-rep", ACME).header("If-Match", "\"1\"").body(Map.of("description", "Lost update"))
                .patch("/api/v1/deals/" + id).then().statusCode(412)
                .body("type", equalTo("https://tessera-crm.org/problems/stale-version"));
        api.as("acme-rep", ACME).get("/api/v1/deals/" + id).then().body("description", equalTo("Renewal"));

        // filters and sort by value
        List<String> found = api.as("acme-viewer", ACME).queryParam("tags", tag).queryParam("owner", "acme-rep")
                .queryParam("value.gte", "1200").queryParam("sort", "-value").get("/api/v1/deals").then()
                .statusCode(200).extract().path("results.id");
        assertThat(found).containsExactly(id);
        api.as("acme-viewer", ACME)
                .body(Map.of("filterGroups", List.of(Map.of("filters", List.of(
                        Map.of("field", "tags", "operator", "has", "value", tag),
                        Map.of("field", "expectedCloseDate", "operator", "lte", "value", "2026-06-30"))))))
                .post("/api/v1/deals/search").then().statusCode(200).body("results.id", equalTo(List.of(id)));

        api.as("acme-rep", ACME).delete("/api/v1/deals/" + id).then().statusCode(204);
        api.as("acme-rep", ACME).get("/api/v1/deals/" + id).then().statusCode(404);
        api.as("acme-rep", ACME).post("/api/v1/deals/" + id + "/restore").then().statusCode(200)
                .body("deletedAt", nullValue());
        api.as("acme-rep", ACME).get("/api/v1/deals/" + id + "/history").then().statusCode(200)
                .body("action", equalTo(List.of("restore", "delete", "update", "create")))
                .body("[2].changes.description.after", equalTo("Renewal")).body("[2].changedBy", equalTo("acme-rep"));
    }

    @Test
    void stageMovesWinLoseReopenKeepTheirHistory() {
        List<String> p = pipeline();
        String id = deal("acme-rep", p.get(0), "1000", "EUR");
        api.as("acme-rep", ACME).get("/api/v1/deals/" + id).then().body("stageId", equalTo(p.get(1)))
                .body("probability", equalTo(10));

        api.as("acme-rep", ACME).header("If-Match", etag("acme-rep", id)).body(Map.of("stageId", p.get(2)))
                .post("/api/v1/deals/" + id + "/stage").then().statusCode(200).body("stageId", equalTo(p.get(2)))
                .body("probability", equalTo(50)).body("status", equalTo("open"));
        // winning with a stale version loses nothing
        api.as("acme-rep", ACME).header("If-Match", "\"1\"").post("/api/v1/deals/" + id + "/win").then()
                .statusCode(412).body("type", equalTo("https://tessera-crm.org/problems/stale-version"));
        api.as("acme-rep", ACME).header("If-Match", etag("acme-rep", id)).post("/api/v1/deals/" + id + "/win")
                .then().statusCode(200).body("status", equalTo("won")).body("stageId", equalTo(p.get(3)))
                .body("probability", equalTo(100)).body("closedAt", notNullValue());
        api.as("acme-rep", ACME).body(Map.of()).post("/api/v1/deals/" + id + "/reopen").then().statusCode(200)
                .body("status", equalTo("open")).body("stageId", equalTo(p.get(2))).body("closedAt", nullValue());
        // losing needs a reason; a stale version is refused before anything changes
        api.as("acme-rep", ACME).body(Map.of("competitor", "Globex")).post("/api/v1/deals/" + id + "/lose").then()
                .statusCode(400);
        api.as("acme-rep", ACME).header("If-Match", "\"2\"").body(Map.of("reason", "Price"))
                .post("/api/v1/deals/" + id + "/lose").then().statusCode(412);
        api.as("acme-rep", ACME).header("If-Match", etag("acme-rep", id))
                .body(Map.of("reason", "Price", "competitor", "Globex")).post("/api/v1/deals/" + id + "/lose").then()
                .statusCode(200).body("status", equalTo("lost")).body("lostReason", equalTo("Price"))
                .body("competitor", equalTo("Globex")).body("probability", equalTo(0));
        // a lost stage through /stage, a stage of another pipeline, the stage it is in
        String defaultStage = api.as("acme-rep", ACME).get("/api/v1/pipelines").then().extract().jsonPath()
                .getString("find { it.defaultPipeline }.stages[0].id");
        api.as("acme-rep", ACME).body(Map.of("stageId", defaultStage)).post("/api/v1/deals/" + id + "/stage").then()
                .statusCode(400).body("type", equalTo("https://tessera-crm.org/problems/invalid-input"));
        api.as("acme-rep", ACME).body(Map.of("stageId", p.get(1))).post("/api/v1/deals/" + id + "/stage").then()
                .statusCode(200).body("status", equalTo("open")).body("lostReason", nullValue());
        api.as("acme-rep", ACME).body(Map.of("stageId", p.get(1))).post("/api/v1/deals/" + id + "/stage").then()
                .statusCode(409).body("type", equalTo("https://tessera-crm.org/problems/same-stage"));
        api.as("acme-rep", ACME).body(Map.of("stageId", p.get(4))).post("/api/v1/deals/" + id + "/stage").then()
                .statusCode(400);

        JsonPath history = api.as("acme-viewer", ACME).get("/api/v1/deals/" + id + "/stage-history").then()
                .statusCode(200).extract().jsonPath();
        assertThat(history.getList("toStage")).containsExactly("Qualify", "Propose", "Won", "Propose", "Lost",
                "Qualify");
        assertThat(history.getList("fromStage")).containsExactly(null, "Qualify", "Propose", "Won", "Propose",
                "Lost");
        assertThat(history.getList("toStatus")).containsExactly("open", "open", "won", "open", "lost", "open");
        assertThat(history.getString("[1].fromStageId")).isEqualTo(p.get(1));
        assertThat(history.getString("[1].changedBy")).isEqualTo("acme-rep");
        assertThat(history.getLong("[1].timeInPreviousStageSeconds")).isGreaterThanOrEqualTo(0);
        // the audit log has each move too
        api.as("acme-rep", ACME).get("/api/v1/deals/" + id + "/history").then().statusCode(200)
                .body("[0].changes.stageId.after", equalTo(p.get(1)))
                .body("[1].changes.status.after", equalTo("lost"))
                .body("[1].changes.lostReason.after", equalTo("Price"));
    }

    @Test
    void pipelineFiguresAreExact() {
        List<String> p = pipeline();
        String pipelineId = p.get(0);
        deal("acme-rep", pipelineId, "1000", "EUR");
        createDeal("acme-rep", Map.of("name", "Set " + unique(), "value", 500, "currency", "EUR", "probability", 40,
                "pipelineId", pipelineId)).then().statusCode(201).body("probability", equalTo(40))
                .body("probabilitySet", equalTo(true));
        createDeal("acme-rep", Map.of("name", "Dollars " + unique(), "value", 200, "currency", "USD", "pipelineId",
                pipelineId, "stageId", p.get(2))).then().statusCode(201);
        String won = deal("acme-rep", pipelineId, "300", "EUR");
        api.as("acme-rep", ACME).post("/api/v1/deals/" + won + "/win").then().statusCode(200);
        String lost = deal("acme-rep", pipelineId, "100", "EUR");
        api.as("acme-rep", ACME).body(Map.of("reason", "Timing")).post("/api/v1/deals/" + lost + "/lose").then()
                .statusCode(200);
        // a deleted deal does not count
        String deleted = deal("acme-rep", pipelineId, "9999", "EUR");
        api.as("acme-rep", ACME).delete("/api/v1/deals/" + deleted).then().statusCode(204);

        JsonPath stats = api.as("acme-viewer", ACME).get("/api/v1/pipelines/" + pipelineId + "/stats").then()
                .statusCode(200).extract().jsonPath(JsonPathConfig.jsonPathConfig()
                        .numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
        assertThat(stats.getString("pipelineId")).isEqualTo(pipelineId);
        assertThat(stats.getList("stages.name")).containsExactly("Qualify", "Propose", "Won", "Lost");
        assertThat(stats.getList("stages.deals").stream().map(Object::toString)).containsExactly("2", "1", "1", "1");
        // Qualify: 1000 + 500 EUR; weighted 1000 × 10% + 500 × 40% = 300
        assertThat(decimal(stats, "stages[0].value.EUR")).isEqualByComparingTo("1500");
        assertThat(decimal(stats, "stages[0].weightedValue.EUR")).isEqualByComparingTo("300");
        assertThat(stats.getMap("stages[0].value")).containsOnlyKeys("EUR");
        // Propose: 200 USD at 50%
        assertThat(decimal(stats, "stages[1].value.USD")).isEqualByComparingTo("200");
        assertThat(decimal(stats, "stages[1].weightedValue.USD")).isEqualByComparingTo("100");
        assertThat(stats.getMap("stages[1].value")).containsOnlyKeys("USD");
        assertThat(decimal(stats, "stages[2].value.EUR")).isEqualByComparingTo("300");
        assertThat(decimal(stats, "stages[2].weightedValue.EUR")).isEqualByComparingTo("300");
        assertThat(decimal(stats, "stages[3].value.EUR")).isEqualByComparingTo("100");
        assertThat(decimal(stats, "stages[3].weightedValue.EUR")).isEqualByComparingTo("0");
        assertThat(stats.getLong("won")).isEqualTo(1);
        assertThat(stats.getLong("lost")).isEqualTo(1);
        assertThat(decimal(stats, "winRate")).isEqualByComparingTo("0.5");
        // two deals left Qualify (won, lost); none has left Propose
        assertThat(decimal(stats, "stages[0].averageSecondsInStage")).isNotNull()
                .isGreaterThanOrEqualTo(BigDecimal.ZERO);
        assertThat(stats.<Object>get("stages[1].averageSecondsInStage")).isNull();
    }

    @Test
    void pipelinesAreChangedByAdminsOnly() {
        List<String> p = pipeline();
        String id = p.get(0);
        for (String user : List.of("acme-manager", "acme-rep", "acme-viewer")) {
            api.as(user, ACME).get("/api/v1/pipelines/" + id).then().statusCode(200);
            api.as(user, ACME).get("/api/v1/pipelines/" + id + "/stats").then().statusCode(200);
            api.as(user, ACME).body(Map.of("name", "X" + unique(), "stages", List.of(Map.of("name", "A",
                    "probability", 1)))).post("/api/v1/pipelines").then().statusCode(403);
            api.as(user, ACME).body(Map.of("name", "X")).patch("/api/v1/pipelines/" + id).then().statusCode(403);
            api.as(user, ACME).delete("/api/v1/pipelines/" + id).then().statusCode(403);
        }
        String renamed = "Renamed " + unique();
        api.as("acme-admin", ACME).header("If-Match", "\"0\"").body(Map.of("name", renamed))
                .patch("/api/v1/pipelines/" + id).then().statusCode(412);
        String etag = api.as("acme-admin", ACME).get("/api/v1/pipelines/" + id).then().extract().header("ETag");
        api.as("acme-admin", ACME).header("If-Match", etag).body(Map.of("name", renamed))
                .patch("/api/v1/pipelines/" + id).then().statusCode(200).body("name", equalTo(renamed))
                .body("stages.size()", equalTo(4));
        // a stage that holds a deal cannot go; a pipeline with deals cannot be deleted
        deal("acme-rep", id, "10", "EUR");
        api.as("acme-admin", ACME).body(Map.of("stages", List.of(Map.of("name", "Only", "probability", 5))))
                .patch("/api/v1/pipelines/" + id).then().statusCode(409);
        api.as("acme-admin", ACME).delete("/api/v1/pipelines/" + id).then().statusCode(409);
        List<String> empty = pipeline();
        api.as("acme-admin", ACME).delete("/api/v1/pipelines/" + empty.get(0)).then().statusCode(204);
        api.as("acme-admin", ACME).get("/api/v1/pipelines/" + empty.get(0)).then().statusCode(404);
        api.as("acme-admin", ACME).body(Map.of("name", "Bad " + unique(), "stages", List.of(Map.of("name", "A"))))
                .post("/api/v1/pipelines").then().statusCode(400);
    }

    @Test
    void rolesDecideWhoChangesWhichDeal() {
        String repsDeal = deal("acme-rep", null, "100", "EUR");
        String adminsDeal = deal("acme-admin", null, "100", "EUR");
        // read-only reads but never writes
        api.as("acme-viewer", ACME).get("/api/v1/deals/" + repsDeal).then().statusCode(200);
        api.as("acme-viewer", ACME).body(Map.of("name", "X", "currency", "EUR")).post("/api/v1/deals").then()
                .statusCode(403);
        api.as("acme-viewer", ACME).body(Map.of("name", "X")).patch("/api/v1/deals/" + repsDeal).then()
                .statusCode(403);
        api.as("acme-viewer", ACME).delete("/api/v1/deals/" + repsDeal).then().statusCode(403);
        api.as("acme-viewer", ACME).post("/api/v1/deals/" + repsDeal + "/win").then().statusCode(403);
        api.as("acme-viewer", ACME).body(Map.of("subject", "x")).post("/api/v1/deals/" + repsDeal + "/notes").then()
                .statusCode(403);
        // a rep changes its own deals only and cannot give one away
        api.as("acme-rep", ACME).body(Map.of("name", "X")).patch("/api/v1/deals/" + adminsDeal).then()
                .statusCode(403).body("type", equalTo("https://tessera-crm.org/problems/not-your-record"));
        api.as("acme-rep", ACME).post("/api/v1/deals/" + adminsDeal + "/win").then().statusCode(403);
        api.as("acme-rep", ACME).body(Map.of("reason", "x")).post("/api/v1/deals/" + adminsDeal + "/lose").then()
                .statusCode(403);
        api.as("acme-rep", ACME).delete("/api/v1/deals/" + adminsDeal).then().statusCode(403);
        api.as("acme-rep", ACME).body(Map.of("subject", "x")).post("/api/v1/deals/" + adminsDeal + "/notes").then()
                .statusCode(403);
        api.as("acme-rep", ACME).body(Map.of("name", "Gift", "currency", "EUR", "owner", "acme-admin"))
                .post("/api/v1/deals").then().statusCode(403);
        api.as("acme-rep", ACME).get("/api/v1/deals/" + adminsDeal).then().statusCode(200).body("version",
                equalTo(1));
        // an admin changes anything and may reassign
        api.as("acme-admin", ACME).body(Map.of("owner", "acme-manager")).patch("/api/v1/deals/" + repsDeal).then()
                .statusCode(200).body("owner", equalTo("acme-manager"));
        // no token, another tenant, the operator
        api.on(ACME).get("/api/v1/deals").then().statusCode(401);
        api.as("globex-rep", ACME).get("/api/v1/deals/" + repsDeal).then().statusCode(403);
        api.as("globex-rep", ACME).get("/api/v1/pipelines").then().statusCode(403);
        api.as("operator", ACME).get("/api/v1/deals").then().statusCode(401);
        api.as("globex-rep", "globex.localhost").get("/api/v1/deals/" + repsDeal).then().statusCode(404);
        api.as("globex-rep", "globex.localhost").post("/api/v1/deals/" + repsDeal + "/win").then().statusCode(404);
        List<String> globexIds = api.as("globex-rep", "globex.localhost").queryParam("limit", 200)
                .get("/api/v1/deals").then().statusCode(200).extract().path("results.id");
        assertThat(globexIds).doesNotContain(repsDeal, adminsDeal);
    }

    @Test
    void badInputIsA400NeverA500() {
        String id = deal("acme-rep", null, "100", "EUR");
        List<String> other = pipeline();
        Map<String, Object> unknownField = Map.of("name", "X", "currency", "EUR", "colour", "red");
        createDeal("acme-rep", unknownField).then().statusCode(400)
                .body("type", equalTo("https://tessera-crm.org/problems/invalid-input"));
        createDeal("acme-rep", Map.of("name", "X", "currency", "EUR", "priority", "urgent")).then().statusCode(400);
        createDeal("acme-rep", Map.of("name", "X", "currency", "EUR", "value", "lots")).then().statusCode(400);
        createDeal("acme-rep", Map.of("name", "X", "currency", "EUR", "value", -1)).then().statusCode(400);
        createDeal("acme-rep", Map.of("name", "X", "currency", "EUR", "value", 1.234)).then().statusCode(400);
        createDeal("acme-rep", Map.of("name", "X")).then().statusCode(400);
        createDeal("acme-rep", Map.of("name", "X", "currency", "XYZ")).then().statusCode(400);
        createDeal("acme-rep", Map.of("name", "X", "currency", "EUR", "probability", 101)).then().statusCode(400);
        createDeal("acme-rep", Map.of("name", "X", "currency", "EUR", "expectedCloseDate", "30/06/2026")).then()
                .statusCode(400);
        createDeal("acme-rep", Map.of("name", "X", "currency", "EUR", "accountId", UUID.randomUUID().toString()))
                .then().statusCode(400);
        createDeal("acme-rep", Map.of("name", "X", "currency", "EUR", "contactId", UUID.randomUUID().toString()))
                .then().statusCode(400);
        createDeal("acme-rep", Map.of("name", "X", "currency", "EUR", "accountId", "not-a-uuid")).then()
                .statusCode(400);
        // a stage of another pipeline, or a won stage, to start in
        createDeal("acme-rep", Map.of("name", "X", "currency", "EUR", "stageId", other.get(1))).then()
                .statusCode(400);
        createDeal("acme-rep", Map.of("name", "X", "currency", "EUR", "pipelineId", other.get(0), "stageId",
                other.get(3))).then().statusCode(400);
        createDeal("acme-rep", Map.of("name", "X", "currency", "EUR", "pipelineId", UUID.randomUUID().toString()))
                .then().statusCode(404);
        api.as("acme-rep", ACME).body(Map.of("stageId", other.get(2))).post("/api/v1/deals/" + id + "/stage").then()
                .statusCode(400);
        api.as("acme-rep", ACME).body(Map.of()).post("/api/v1/deals/" + id + "/stage").then().statusCode(400);
        api.as("acme-rep", ACME).body(Map.of("stageId", other.get(2), "force", true))
                .post("/api/v1/deals/" + id + "/stage").then().statusCode(400);
        api.as("acme-rep", ACME).body(Map.of("stageId", other.get(2))).patch("/api/v1/deals/" + id).then()
                .statusCode(400);
        api.as("acme-rep", ACME).contentType("application/json").body("{\"name\": ").patch("/api/v1/deals/" + id)
                .then().statusCode(400);
        api.as("acme-rep", ACME).body(List.of("x")).patch("/api/v1/deals/" + id).then().statusCode(400);
        api.as("acme-rep", ACME).body(Map.of("name", "")).patch("/api/v1/deals/" + id).then().statusCode(400);
        api.as("acme-rep", ACME).body(Map.of("reason", "x".repeat(501))).post("/api/v1/deals/" + id + "/lose").then()
                .statusCode(400);
        // lists: malformed cursors, unknown fields, bad values, unsortable fields
        // garbage, a cursor with a bad id, one of the right shape whose value is no time, one of another sort
        String badValue = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("c1|createdAt|a|" + UUID.randomUUID() + "|not-a-time")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String otherSort = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("c1|value|a|" + UUID.randomUUID() + "|1").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (String after : List.of("garbage", "YzF8Y3JlYXRlZEF0fGF8bm90LWEtdXVpZHx4", "%%%", badValue, otherSort)) {
            api.as("acme-rep", ACME).queryParam("after", after).get("/api/v1/deals").then().statusCode(400);
        }
        api.as("acme-rep", ACME).queryParam("colour", "red").get("/api/v1/deals").then().statusCode(400);
        api.as("acme-rep", ACME).queryParam("status", "pending").get("/api/v1/deals").then().statusCode(400);
        api.as("acme-rep", ACME).queryParam("value.gt", "lots").get("/api/v1/deals").then().statusCode(400);
        api.as("acme-rep", ACME).queryParam("expectedCloseDate.lt", "soon").get("/api/v1/deals").then()
                .statusCode(400);
        api.as("acme-rep", ACME).queryParam("stageId", "x").get("/api/v1/deals").then().statusCode(400);
        api.as("acme-rep", ACME).queryParam("sort", "expectedCloseDate").get("/api/v1/deals").then()
                .statusCode(400);
        api.as("acme-rep", ACME).queryParam("limit", "0").get("/api/v1/deals").then().statusCode(400);
        api.as("acme-rep", ACME).body(Map.of("filterGroups", List.of(Map.of("filters", List.of(Map.of("field",
                "name", "value", "x")))))).post("/api/v1/deals/search").then().statusCode(400);
        api.as("acme-rep", ACME).get("/api/v1/deals/not-a-uuid").then().statusCode(404);
        api.as("acme-rep", ACME).queryParam("types", "BOGUS").get("/api/v1/deals/" + id + "/timeline").then()
                .statusCode(400);
        api.as("acme-rep", ACME).queryParam("after", "garbage").get("/api/v1/deals/" + id + "/timeline").then()
                .statusCode(400);
    }

    @Test
    void listsPageThroughWithoutDuplicates() {
        String tag = "p" + unique();
        Set<String> made = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            made.add(createDeal("acme-rep", Map.of("name", "Paged " + i, "currency", "EUR", "value", 100 + i % 2,
                    "tags", List.of(tag))).then().statusCode(201).extract().path("id"));
        }
        for (String sort : List.of("createdAt", "-value", "updatedAt")) {
            Set<String> seen = new HashSet<>();
            String after = null;
            do {
                var request = api.as("acme-rep", ACME).queryParam("tags", tag).queryParam("limit", 2)
                        .queryParam("sort", sort);
                if (after != null) {
                    request.queryParam("after", after);
                }
                JsonPath page = request.get("/api/v1/deals").then().statusCode(200).extract().jsonPath();
                for (String id : page.<String>getList("results.id")) {
                    assertThat(seen.add(id)).as("seen once: " + id).isTrue();
                }
                after = page.getString("paging.next.after");
            } while (after != null);
            assertThat(seen).isEqualTo(made);
        }
    }

    @Test
    void timelineShowsStageChangesCallsAndTasks() {
        String tag = unique();
        String accountId = api.as("acme-rep", ACME).body(Map.of("name", "Initech " + tag)).post("/api/v1/accounts")
                .then().statusCode(201).extract().path("id");
        String contactId = api.as("acme-rep", ACME)
                .body(Map.of("lastName", "Gibbons" + tag, "accountId", accountId)).post("/api/v1/contacts").then()
                .statusCode(201).extract().path("id");
        List<String> p = pipeline();
        String id = createDeal("acme-rep", Map.of("name", "Timeline " + tag, "currency", "EUR", "pipelineId",
                p.get(0), "accountId", accountId, "contactId", contactId)).then().statusCode(201)
                .body("accountId", equalTo(accountId)).body("contactId", equalTo(contactId)).extract().path("id");
        api.as("acme-rep", ACME).body(Map.of("stageId", p.get(2))).post("/api/v1/deals/" + id + "/stage").then()
                .statusCode(200);
        String callId = api.as("acme-rep", ACME)
                .body(Map.of("subject", "Discovery " + tag, "outcome", "Connected", "completedAt",
                        "2020-01-01T10:00:00Z"))
                .post("/api/v1/deals/" + id + "/calls").then().statusCode(201).body("dealId", equalTo(id))
                .body("accountId", equalTo(accountId)).body("contactId", equalTo(contactId)).extract().path("id");
        String taskId = api.as("acme-rep", ACME)
                .body(Map.of("title", "Send proposal", "dealId", id, "dueAt", "2099-01-01T09:00:00Z"))
                .post("/api/v1/tasks").then().statusCode(201).extract().path("id");

        JsonPath timeline = api.as("acme-viewer", ACME).get("/api/v1/deals/" + id + "/timeline").then()
                .statusCode(200).extract().jsonPath();
        // newest first: the task due in 2099, the two stage changes of today, the call of 2020
        assertThat(timeline.getList("results.kind")).containsExactly("task", "stage_change", "stage_change",
                "activity");
        assertThat(timeline.getString("results[0].id")).isEqualTo(taskId);
        assertThat(timeline.getString("results[0].task.title")).isEqualTo("Send proposal");
        assertThat(timeline.getString("results[1].fromStage")).isEqualTo("Qualify");
        assertThat(timeline.getString("results[1].toStage")).isEqualTo("Propose");
        assertThat(timeline.getString("results[1].toStageId")).isEqualTo(p.get(2));
        assertThat(timeline.getString("results[1].type")).isEqualTo("STAGE_CHANGE");
        assertThat(timeline.getString("results[2].fromStage")).isNull();
        assertThat(timeline.getString("results[2].toStage")).isEqualTo("Qualify");
        assertThat(timeline.getString("results[3].id")).isEqualTo(callId);
        assertThat(timeline.getString("results[3].type")).isEqualTo("CALL");

        // paging one entry at a time sees each once, in the same order
        List<String> paged = new java.util.ArrayList<>();
        String after = null;
        do {
            var request = api.as("acme-rep", ACME).queryParam("limit", 1);
            if (after != null) {
                request.queryParam("after", after);
            }
            JsonPath page = request.get("/api/v1/deals/" + id + "/timeline").then().statusCode(200).extract()
                    .jsonPath();
            paged.addAll(page.getList("results.id"));
            after = page.getString("paging.next.after");
        } while (after != null);
        assertThat(paged).isEqualTo(timeline.getList("results.id"));

        api.as("acme-rep", ACME).queryParam("types", "STAGE_CHANGE").get("/api/v1/deals/" + id + "/timeline").then()
                .statusCode(200).body("results.kind", equalTo(List.of("stage_change", "stage_change")));
        api.as("acme-rep", ACME).queryParam("types", "CALL,TASK").get("/api/v1/deals/" + id + "/timeline").then()
                .statusCode(200).body("results.id", equalTo(List.of(taskId, callId)));
        // the call and the task show on the contact's and the account's timelines too
        for (String path : List.of("/api/v1/contacts/" + contactId, "/api/v1/accounts/" + accountId)) {
            List<String> ids = api.as("acme-rep", ACME).get(path + "/timeline").then().statusCode(200).extract()
                    .path("results.id");
            assertThat(ids).contains(callId);
        }
    }
}
