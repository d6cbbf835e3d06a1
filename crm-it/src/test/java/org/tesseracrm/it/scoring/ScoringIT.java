package org.tesseracrm.it.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tesseracrm.it.support.LeadScoringRuns;
import org.tesseracrm.it.support.CrmWebTest;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Lead scoring (docs/scoring.md) on the real server: profile points and grades from the rules' conditions,
 * engagement points from logged calls, the decay computed by the {@code lead-scoring} job against a controlled clock
 * ({@code asOf}), qualification that only moves forward, rescoring of existing leads after a rule change, the score
 * history on the timeline, and the rules' checks and access. Profile rules match only this suite's leads (by a
 * unique industry); every rule is deleted and the thresholds restored after each test, and the test waits until the
 * rescoring runs its changes started have ended, so suites after it find the tenant as it was.
 */
class ScoringIT extends CrmWebTest {

    private static final String ACME = "acme.localhost";
    private static final List<String> ENDED = List.of("COMPLETED", "FAILED", "ABANDONED", "STOPPED");

    private final List<String> rules = new ArrayList<>();
    private boolean settingsChanged;

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private String rule(Map<String, Object> body) {
        String id = api.as("acme-admin", ACME).body(body).post("/api/v1/scoring/rules").then().statusCode(201)
                .extract().path("id");
        rules.add(id);
        return id;
    }

    private static Map<String, Object> industry(String industry) {
        return Map.of("all", List.of(Map.of("field", "industry", "value", industry)));
    }

    private void thresholds(int halfLifeDays, int gradeA, int gradeB, int gradeC, int mql, int sql) {
        int version = api.as("acme-admin", ACME).get("/api/v1/scoring/settings").then().statusCode(200).extract()
                .path("version");
        Map<String, Object> settings = new HashMap<>(Map.of("halfLifeDays", halfLifeDays, "gradeA", gradeA,
                "gradeB", gradeB, "gradeC", gradeC, "mqlThreshold", mql, "sqlThreshold", sql));
        settings.put("version", version);
        api.as("acme-admin", ACME).body(settings).put("/api/v1/scoring/settings").then().statusCode(200);
        settingsChanged = true;
    }

    private JsonPath lead(String id) {
        return api.as("acme-admin", ACME).get("/api/v1/leads/" + id).then().statusCode(200).extract().jsonPath();
    }

    /** Runs lead-scoring for acme as of {@code asOf} and waits for it to complete. */
    private void scoreAsOf(OffsetDateTime asOf) throws InterruptedException {
        Response started = api.as("acme-admin", ACME).queryParam("asOf", asOf.toString())
                .post("/api/v1/jobs/lead-scoring/executions");
        started.then().statusCode(202);
        String path = URI.create(started.header("Location")).getPath();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        Response run;
        do {
            Thread.sleep(200);
            run = api.as("acme-admin", ACME).get(path);
        } while (!ENDED.contains(run.<String>path("status")) && Instant.now().isBefore(deadline));
        assertThat(run.<String>path("status")).as(run.asString()).isEqualTo("COMPLETED");
        assertThat(run.<String>path("exitStatus")).as(run.asString()).startsWith("scored=");
    }

    private void awaitRescoring(Instant since) throws InterruptedException {
        LeadScoringRuns.awaitSince(api, "acme", since);
    }

    @AfterEach
    void removeRules() throws InterruptedException {
        if (rules.isEmpty() && !settingsChanged) {
            return;
        }
        Instant since = Instant.now();
        for (String id : rules) {
            api.as("acme-admin", ACME).delete("/api/v1/scoring/rules/" + id);
        }
        rules.clear();
        if (settingsChanged) {
            thresholds(30, 40, 25, 10, 50, 100);
            settingsChanged = false;
        }
        awaitRescoring(since);
    }

    @Test
    void profileAndEngagementPointsDecayWithTheHalfLifeAndQualificationOnlyMovesForward() throws Exception {
        String fits = "scoring-" + unique();
        Instant since = Instant.now();
        thresholds(10, 30, 20, 10, 20, 60);
        rule(Map.of("name", "Fits " + fits, "kind", "profile", "conditions", industry(fits), "points", 30));
        rule(Map.of("name", "Calls " + fits, "kind", "engagement", "event", "call_completed", "points", 40));
        awaitRescoring(since);

        // created: profile points at once, grade A (30 ≥ gradeA), marketing-qualified (30 ≥ 20)
        JsonPath created = api.as("acme-rep", ACME)
                .body(Map.of("lastName", "Fit " + fits, "industry", fits, "source", fits))
                .post("/api/v1/leads").then().statusCode(201).extract().jsonPath();
        String id = created.getString("id");
        assertThat(created.getInt("score")).isEqualTo(30);
        assertThat(created.getInt("profileScore")).isEqualTo(30);
        assertThat(created.getString("grade")).isEqualTo("A");
        assertThat(created.getString("qualification")).isEqualTo("mql");
        JsonPath other = api.as("acme-rep", ACME).body(Map.of("lastName", "Misfit " + fits, "industry", "other"))
                .post("/api/v1/leads").then().statusCode(201).extract().jsonPath();
        assertThat(other.getInt("score")).isZero();
        assertThat(other.getString("grade")).isEqualTo("D");
        assertThat(other.getString("qualification")).isNull();

        // a completed call: 40 engagement points, 70 in all, sales-qualified; the ETag follows the new version
        OffsetDateTime callAt = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1);
        api.as("acme-rep", ACME).body(Map.of("completedAt", callAt.toString(), "outcome", "Connected"))
                .post("/api/v1/leads/" + id + "/calls").then().statusCode(201);
        JsonPath called = lead(id);
        assertThat(called.getInt("engagementScore")).isEqualTo(40);
        assertThat(called.getInt("score")).isEqualTo(70);
        assertThat(called.getString("qualification")).isEqualTo("sql");
        assertThat(called.getLong("version")).isGreaterThan(created.getLong("version"));

        // the clock moved on: one half-life halves the call's points; three leave an eighth
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        scoreAsOf(now.plusDays(10));
        JsonPath tenDays = lead(id);
        assertThat(tenDays.getInt("engagementScore")).isEqualTo(20);
        assertThat(tenDays.getInt("score")).isEqualTo(50);
        assertThat(tenDays.getString("qualification")).as("qualification never moves back").isEqualTo("sql");
        scoreAsOf(now.plusDays(30));
        JsonPath thirtyDays = lead(id);
        assertThat(thirtyDays.getInt("engagementScore")).isEqualTo(5);
        assertThat(thirtyDays.getInt("score")).isEqualTo(35);
        assertThat(thirtyDays.getString("grade")).isEqualTo("A");
        // a clock before the call leaves it out
        scoreAsOf(callAt.minusHours(1));
        assertThat(lead(id).getInt("score")).isEqualTo(30);

        // the history on the timeline, newest first: each move with its reason
        List<Map<String, Object>> history = api.as("acme-rep", ACME).queryParam("types", "SCORE_CHANGE")
                .get("/api/v1/leads/" + id + "/timeline").then().statusCode(200).extract().jsonPath()
                .getList("results");
        assertThat(history).extracting(e -> e.get("type")).containsOnly("SCORE_CHANGE");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> moves = history.stream().map(e -> (Map<String, Object>) e.get("score")).toList();
        assertThat(moves).extracting(m -> m.get("reason")).contains("lead", "engagement", "recalculation");
        assertThat(moves).anySatisfy(m -> {
            assertThat(m.get("fromScore")).isEqualTo(0);
            assertThat(m.get("toScore")).isEqualTo(30);
            assertThat(m.get("toGrade")).isEqualTo("A");
            assertThat(m.get("toQualification")).isEqualTo("mql");
        });
        assertThat(moves).anySatisfy(m -> {
            assertThat(m.get("fromScore")).isEqualTo(30);
            assertThat(m.get("toScore")).isEqualTo(70);
            assertThat(m.get("reason")).isEqualTo("engagement");
        });
        assertThat(moves).anySatisfy(m -> {
            assertThat(m.get("fromScore")).isEqualTo(70);
            assertThat(m.get("toScore")).isEqualTo(50);
            assertThat(m.get("reason")).isEqualTo("recalculation");
        });
        // lists filter by grade and qualification
        List<String> graded = api.as("acme-admin", ACME).queryParam("grade", "A").queryParam("limit", 100)
                .queryParam("source", fits).get("/api/v1/leads").then().statusCode(200).extract().jsonPath()
                .getList("results.id");
        assertThat(graded).contains(id);
    }

    @Test
    void aNewRuleRescoresTheLeadsThatExistAlready() throws Exception {
        String late = "late-" + unique();
        String id = api.as("acme-rep", ACME).body(Map.of("lastName", "Early " + late, "industry", late))
                .post("/api/v1/leads").then().statusCode(201).extract().path("id");
        assertThat(lead(id).getString("grade")).isNull();
        Instant since = Instant.now();
        String rule = rule(Map.of("name", "Late " + late, "kind", "profile", "conditions", industry(late),
                "points", 25));
        awaitRescoring(since);
        JsonPath rescored = lead(id);
        assertThat(rescored.getInt("score")).isEqualTo(25);
        assertThat(rescored.getString("grade")).isEqualTo("B");
        assertThat(api.as("acme-rep", ACME).queryParam("types", "SCORE_CHANGE").get("/api/v1/leads/" + id
                + "/timeline").then().statusCode(200).extract().jsonPath().getList("results.score.reason"))
                .containsExactly("rules");

        // changed to a penalty: the same leads go below zero, grade D
        int version = api.as("acme-admin", ACME).get("/api/v1/scoring/rules/" + rule).then().statusCode(200)
                .extract().path("version");
        Instant changed = Instant.now();
        api.as("acme-admin", ACME).body(Map.of("name", "Late " + late, "kind", "profile", "conditions",
                industry(late), "points", -15, "version", version)).put("/api/v1/scoring/rules/" + rule).then()
                .statusCode(200);
        awaitRescoring(changed);
        assertThat(lead(id).getInt("score")).isEqualTo(-15);
        assertThat(lead(id).getString("grade")).isEqualTo("D");
    }

    @Test
    void rulesAreCheckedAndOnlyAdminsWriteThem() {
        String tag = unique();
        Map<String, Object> good = Map.of("name", "Opens " + tag, "kind", "engagement", "event", "email_opened",
                "points", 2);
        List<Map<String, Object>> bad = List.of(
                Map.of("name", "No kind " + tag, "event", "email_opened", "points", 2),
                Map.of("name", "No conditions " + tag, "kind", "profile", "points", 2),
                Map.of("name", "Both " + tag, "kind", "engagement", "event", "email_opened", "conditions",
                        industry("x"), "points", 2),
                Map.of("name", "Unknown event " + tag, "kind", "engagement", "event", "email_printed", "points", 2),
                Map.of("name", "Zero " + tag, "kind", "engagement", "event", "email_opened", "points", 0),
                Map.of("name", "Huge " + tag, "kind", "engagement", "event", "email_opened", "points", 5000),
                Map.of("name", "Bad field " + tag, "kind", "profile", "conditions", industry("x"), "points", 2,
                        "decays", false),
                Map.of("name", "Bad condition " + tag, "kind", "profile", "conditions", Map.of("all", List.of(
                        Map.of("field", "no_such_field", "value", "x"))), "points", 2),
                Map.of("name", "Unknown " + tag, "kind", "engagement", "event", "email_opened", "points", 2,
                        "weight", 3));
        for (Map<String, Object> body : bad) {
            api.as("acme-admin", ACME).body(body).post("/api/v1/scoring/rules").then().statusCode(400)
                    .contentType("application/problem+json");
        }
        api.as("acme-rep", ACME).get("/api/v1/scoring/rules").then().statusCode(403);
        api.as("acme-manager", ACME).get("/api/v1/scoring/rules").then().statusCode(200);
        api.as("acme-manager", ACME).body(good).post("/api/v1/scoring/rules").then().statusCode(403);
        api.as("acme-viewer", ACME).get("/api/v1/scoring/settings").then().statusCode(403);
        String id = rule(good);
        api.as("acme-admin", ACME).body(good).post("/api/v1/scoring/rules").then().statusCode(409);
        api.as("acme-admin", ACME).body(Map.of("name", "Opens " + tag, "kind", "engagement", "event",
                "email_opened", "points", 3, "version", 99)).put("/api/v1/scoring/rules/" + id).then()
                .statusCode(412);
        // another tenant does not see it; the apex has no tenant rules
        api.as("globex-admin", "globex.localhost").get("/api/v1/scoring/rules/" + id).then().statusCode(404);
        api.as("acme-admin", "localhost").get("/api/v1/scoring/rules").then().statusCode(404);

        // thresholds: bounds must fall, sql above mql, the version read
        int version = api.as("acme-admin", ACME).get("/api/v1/scoring/settings").then().statusCode(200).extract()
                .path("version");
        api.as("acme-admin", ACME).body(Map.of("halfLifeDays", 30, "gradeA", 10, "gradeB", 25, "gradeC", 5,
                "mqlThreshold", 50, "sqlThreshold", 100, "version", version)).put("/api/v1/scoring/settings").then()
                .statusCode(400);
        api.as("acme-admin", ACME).body(Map.of("halfLifeDays", 30, "gradeA", 40, "gradeB", 25, "gradeC", 10,
                "mqlThreshold", 50, "sqlThreshold", 50, "version", version)).put("/api/v1/scoring/settings").then()
                .statusCode(400);
        api.as("acme-admin", ACME).body(Map.of("halfLifeDays", 0, "gradeA", 40, "gradeB", 25, "gradeC", 10,
                "mqlThreshold", 50, "sqlThreshold", 100, "version", version)).put("/api/v1/scoring/settings").then()
                .statusCode(400);
        api.as("acme-admin", ACME).body(Map.of("halfLifeDays", 30, "gradeA", 40, "gradeB", 25, "gradeC", 10,
                "mqlThreshold", 50, "sqlThreshold", 100, "version", version + 7)).put("/api/v1/scoring/settings")
                .then().statusCode(412);
        api.as("acme-manager", ACME).body(Map.of("halfLifeDays", 30, "gradeA", 40, "gradeB", 25, "gradeC", 10,
                "mqlThreshold", 50, "sqlThreshold", 100, "version", version)).put("/api/v1/scoring/settings").then()
                .statusCode(403);

        // the job's clock must be a date-time within ten years
        for (String asOf : List.of("yesterday", "2026-13-01T00:00:00Z", "1970-01-01T00:00:00Z")) {
            api.as("acme-admin", ACME).queryParam("asOf", asOf).post("/api/v1/jobs/lead-scoring/executions").then()
                    .statusCode(400).contentType("application/problem+json");
        }
        api.as("acme-admin", ACME).queryParam("asOf", "2026-12-01T00:00:00Z")
                .post("/api/v1/jobs/weekly-report/executions").then().statusCode(400);
    }
}
