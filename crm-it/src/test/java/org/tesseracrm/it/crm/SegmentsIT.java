package org.tesseracrm.it.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.tesseracrm.it.support.CrmInfrastructure;
import org.tesseracrm.it.support.CrmWebTest;

import io.restassured.response.Response;

/**
 * Segments (docs/segments.md) against the real database: rules over contact, account, engagement and deal facts;
 * refreshes that record every entry and exit; the segment as a list filter; static segments; bad rules; roles and
 * tenants; the {@code segment-refresh} job and its schedule. Every test tags its records with a tag of its own, so
 * the counts do not depend on what other suites wrote.
 */
class SegmentsIT extends CrmWebTest {

    private static final String ACME = "acme.localhost";

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private String account(String name, String industry) {
        return api.as("acme-rep", ACME).body(Map.of("name", name, "industry", industry)).post("/api/v1/accounts")
                .then().statusCode(201).extract().path("id");
    }

    private String contact(String lastName, List<String> tags, String accountId, String title) {
        Map<String, Object> body = new HashMap<>(Map.of("lastName", lastName, "tags", tags));
        if (accountId != null) {
            body.put("accountId", accountId);
        }
        if (title != null) {
            body.put("title", title);
        }
        return api.as("acme-rep", ACME).body(body).post("/api/v1/contacts").then().statusCode(201).extract()
                .path("id");
    }

    private void retag(String contact, List<String> tags, String accountId) {
        Map<String, Object> body = new HashMap<>(Map.of("tags", tags));
        if (accountId != null) {
            body.put("accountId", accountId);
        }
        api.as("acme-rep", ACME).body(body).patch("/api/v1/contacts/" + contact).then().statusCode(200);
    }

    private static Map<String, Object> condition(String field, String operator, Object value) {
        return Map.of("field", field, "operator", operator, "value", value);
    }

    private Response create(String user, String name, String objectType, Object rules) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "objectType", objectType));
        if (rules != null) {
            body.put("rules", rules);
        }
        return api.as(user, ACME).body(body).post("/api/v1/segments");
    }

    private Set<String> listed(String segment) {
        List<String> ids = api.as("acme-viewer", ACME).queryParam("segment", segment).queryParam("limit", 200)
                .get("/api/v1/contacts").then().statusCode(200).extract().path("results.id");
        return new HashSet<>(ids);
    }

    /** The members as the database holds them, read past the API. */
    private static Set<String> members(String segment) throws Exception {
        try (Connection c = CrmInfrastructure.services().controlPlane().connect();
                PreparedStatement s = c.prepareStatement("SELECT record_id FROM t_acme.segment_member WHERE"
                        + " segment_id = ?")) {
            s.setObject(1, UUID.fromString(segment));
            Set<String> ids = new HashSet<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        }
    }

    private long preview(Object rules) {
        return ((Number) api.as("acme-viewer", ACME).body(Map.of("objectType", "contact", "rules", rules))
                .post("/api/v1/segments/preview").then().statusCode(200).extract().path("count")).longValue();
    }

    @Test
    void rulesSelectWhatTheySayAndRefreshesRecordEveryEntryAndExit() throws Exception {
        String tag = "seg-" + unique();
        String software = account("Seg Soft " + tag, "Software");
        String retail = account("Seg Shop " + tag, "Retail");
        String vipSoftware = contact("Segment " + tag + " one", List.of(tag, "vip"), software, null);
        String caller = contact("Segment " + tag + " two", List.of(tag), retail, "CTO");
        String dealMaker = contact("Segment " + tag + " three", List.of(tag), retail, null);
        String later = contact("Segment " + tag + " four", List.of(tag), null, null);
        String untagged = contact("Segment " + tag + " five", List.of("vip"), software, null);
        api.as("acme-rep", ACME).body(Map.of("completedAt", OffsetDateTime.now(ZoneOffset.UTC).toString(), "outcome",
                "Connected", "durationSeconds", 60)).post("/api/v1/contacts/" + caller + "/calls").then()
                .statusCode(201);
        api.as("acme-rep", ACME).body(Map.of("name", "Seg deal " + tag, "value", 500, "currency", "EUR", "contactId",
                dealMaker)).post("/api/v1/deals").then().statusCode(201);

        // tagged AND (VIP at a software company OR a call in the last 30 days OR an open deal)
        Map<String, Object> rules = Map.of("all", List.of(condition("tags", "has", tag), Map.of("any", List.of(
                Map.of("all", List.of(condition("tags", "has", "vip"), condition("account.industry", "eq",
                        "Software"))),
                Map.of("field", "calls", "operator", "gte", "value", 1, "withinDays", 30),
                condition("openDeals", "gte", 1)))));
        assertThat(preview(rules)).isEqualTo(3);
        Response created = create("acme-rep", "Engaged " + tag, "contact", rules);
        created.then().statusCode(201).body("kind", equalTo("dynamic")).body("size", equalTo(3))
                .body("owner", equalTo("acme-rep"));
        String segment = created.path("id");
        Set<String> expected = Set.of(vipSoftware, caller, dealMaker);
        assertThat(listed(segment)).isEqualTo(expected);
        assertThat(members(segment)).isEqualTo(expected);
        assertThat(listed(segment)).doesNotContain(later, untagged);
        List<String> entered = api.as("acme-viewer", ACME).get("/api/v1/segments/" + segment + "/changes").then()
                .statusCode(200).extract().path("findAll { it.change == 'entered' }.recordId");
        assertThat(entered).containsExactlyInAnyOrderElementsOf(expected);

        // one leaves (no longer VIP), one joins (now VIP at the software company): a refresh applies both
        retag(vipSoftware, List.of(tag), null);
        retag(later, List.of(tag, "vip"), software);
        api.as("acme-rep", ACME).post("/api/v1/segments/" + segment + "/refresh").then().statusCode(200)
                .body("size", equalTo(3));
        Set<String> now = Set.of(caller, dealMaker, later);
        assertThat(listed(segment)).isEqualTo(now);
        assertThat(members(segment)).isEqualTo(now);
        // whichever refresh saw it (this one or the schedule's), each change is recorded once, with its time
        List<Map<String, Object>> changes = api.as("acme-viewer", ACME).get("/api/v1/segments/" + segment
                + "/changes").then().statusCode(200).extract().path("");
        assertThat(changes).filteredOn(c -> c.get("recordId").equals(vipSoftware)).extracting(c -> c.get("change"))
                .containsExactly("exited", "entered");
        assertThat(changes).filteredOn(c -> c.get("recordId").equals(later)).extracting(c -> c.get("change"))
                .containsExactly("entered");
        List<Integer> sizes = api.as("acme-viewer", ACME).get("/api/v1/segments/" + segment + "/sizes").then()
                .statusCode(200).extract().path("size");
        assertThat(sizes).hasSizeGreaterThanOrEqualTo(2).allMatch(size -> size == 3);

        // the preview agrees with the stored members, and operators mean what they say
        assertThat(preview(rules)).isEqualTo(3);
        // neq keeps those without a value: every tagged contact but the CTO
        assertThat(preview(Map.of("all", List.of(condition("tags", "has", tag), condition("title", "neq", "cto")))))
                .as("text compares as typed").isEqualTo(4);
        assertThat(preview(Map.of("all", List.of(condition("tags", "has", tag), condition("title", "neq", "CTO")))))
                .isEqualTo(3);
        // a % in a value is a percent sign, not a wildcard
        assertThat(preview(Map.of("all", List.of(condition("tags", "has", tag), condition("lastName", "contains",
                "%"))))).isZero();
        assertThat(preview(Map.of("all", List.of(condition("tags", "has", tag), condition("lastName", "startswith",
                "segment " + tag))))).isEqualTo(4);
        assertThat(preview(Map.of("all", List.of(condition("tags", "has", tag), condition("createdAt", "gte",
                "now-1h"))))).isEqualTo(4);
        assertThat(preview(Map.of("all", List.of(condition("tags", "has", tag), condition("createdAt", "lt",
                "now-1d"))))).isZero();
        assertThat(preview(Map.of("all", List.of(condition("tags", "has", tag), condition("accountId", "exists",
                false))))).isZero();
        assertThat(preview(Map.of("all", List.of(condition("tags", "has", tag), Map.of("field", "tags", "operator",
                "none", "values", List.of("vip")))))).isEqualTo(3);
        // a value that looks like SQL is just a value
        assertThat(preview(Map.of("all", List.of(condition("tags", "has", tag), condition("email", "eq",
                "x' OR '1'='1"))))).isZero();

        // a segment of a segment: its members as of that segment's last refresh, and VIP
        Response nested = create("acme-rep", "Engaged VIPs " + tag, "contact", Map.of("all", List.of(Map.of("field",
                "segment", "operator", "in", "values", List.of(segment)), condition("tags", "has", "vip"))));
        nested.then().statusCode(201).body("size", equalTo(1));
        assertThat(listed(nested.path("id"))).containsExactly(later);
        api.as("acme-rep", ACME).delete("/api/v1/segments/" + segment).then().statusCode(409)
                .contentType(startsWith("application/problem+json"));
        api.as("acme-rep", ACME).delete("/api/v1/segments/" + nested.<String>path("id")).then().statusCode(204);
        api.as("acme-rep", ACME).delete("/api/v1/segments/" + segment).then().statusCode(204);
        api.as("acme-viewer", ACME).get("/api/v1/segments/" + segment).then().statusCode(404);
        assertThat(members(segment)).isEmpty();
    }

    @Test
    void everyOperatorOnEveryKindOfField() {
        String tag = "sego-" + unique();
        String suffix = unique().replaceAll("[^a-z]", "x");
        Map<String, String> kinds = Map.of("n", "number", "b", "boolean", "d", "date", "c", "choice", "t", "text");
        List<String> definitions = new ArrayList<>();
        kinds.forEach((key, type) -> {
            Map<String, Object> body = new HashMap<>(Map.of("objectType", "contact", "name", "seg" + key + "_"
                    + suffix, "label", "Segment " + key, "fieldType", type));
            if (type.equals("choice")) {
                body.put("choices", List.of("A", "B"));
            }
            definitions.add(api.as("acme-admin", ACME).body(body).post("/api/v1/custom-fields").then()
                    .statusCode(201).extract().path("id"));
        });
        String n = "custom.segn_" + suffix;
        String b = "custom.segb_" + suffix;
        String d = "custom.segd_" + suffix;
        String c = "custom.segc_" + suffix;
        String t = "custom.segt_" + suffix;
        api.as("acme-rep", ACME).body(Map.of("lastName", "Op " + tag + " one", "email", "K1-" + tag + "@Example.com",
                "title", "CEO", "tags", List.of(tag), "customFields", Map.of("segn_" + suffix, 10, "segb_" + suffix,
                        true, "segd_" + suffix, "2026-01-15", "segc_" + suffix, "A", "segt_" + suffix, "north")))
                .post("/api/v1/contacts").then().statusCode(201);
        api.as("acme-rep", ACME).body(Map.of("lastName", "Op " + tag + " two", "title", "CTO", "tags", List.of(tag),
                "customFields", Map.of("segn_" + suffix, 20, "segb_" + suffix, false, "segd_" + suffix,
                        "2026-06-01", "segc_" + suffix, "B", "segt_" + suffix, "south")))
                .post("/api/v1/contacts")
                .then().statusCode(201);
        api.as("acme-rep", ACME).body(Map.of("lastName", "Op " + tag + " three", "tags", List.of(tag)))
                .post("/api/v1/contacts").then().statusCode(201);
        List<String> fields = api.as("acme-viewer", ACME).queryParam("objectType", "contact")
                .get("/api/v1/segments/fields").then().statusCode(200).extract().path("fields");
        assertThat(fields).contains(n, b, d, c, t, "account.tags", "emailsReplied", "dealStage", "segment");

        String random = UUID.randomUUID().toString();
        Object[][] cases = {
                {n, "eq", 10, 1}, {n, "neq", 10, 2}, {n, "lt", 15, 1}, {n, "lte", 20, 2}, {n, "gt", 10, 1},
                {n, "gte", 10, 2}, {n, "exists", true, 2}, {n, "exists", false, 1},
                {b, "eq", true, 1}, {b, "eq", false, 1}, {b, "exists", false, 1},
                {d, "lt", "2026-03-01", 1}, {d, "gte", "2026-01-15", 2}, {d, "eq", "2026-06-01", 1},
                {d, "neq", "2026-06-01", 2},
                {c, "eq", "A", 1}, {c, "neq", "A", 2}, {c, "exists", true, 2},
                {t, "contains", "ORT", 1}, {t, "startswith", "so", 1}, {t, "eq", "North", 0}, {t, "eq", "north", 1},
                {"title", "neq", "CEO", 2}, {"title", "exists", false, 1},
                {"email", "eq", "k1-" + tag + "@example.COM", 1}, {"email", "exists", true, 1},
                {"tags", "exists", true, 3}, {"activities", "eq", 0, 3}, {"activities", "gt", 0, 0},
                {"emailsSent", "eq", 0, 3}, {"emailsOpened", "lte", 0, 3}, {"emailsReplied", "neq", 0, 0},
                {"openDeals", "lt", 1, 3}, {"wonDeals", "eq", 0, 3}, {"wonValue", "lt", 1, 3},
                {"lastContactAt", "exists", false, 3}, {"createdAt", "lte", "now", 3},
                {"createdAt", "gt", "now+1h", 0}, {"updatedAt", "gte", "now-2w", 3},
                {"accountId", "eq", random, 0}, {"accountId", "exists", false, 3}, {"account.tags", "exists", false, 3},
                {"account.name", "exists", false, 3}};
        for (Object[] test : cases) {
            Map<String, Object> rules = Map.of("all", List.of(condition("tags", "has", tag), condition((String) test[0],
                    (String) test[1], test[2])));
            assertThat(preview(rules)).as(test[0] + " " + test[1] + " " + test[2]).isEqualTo(((Integer) test[3])
                    .longValue());
        }
        Object[][] multiple = {
                {c, "in", List.of("A", "B"), 2}, {t, "in", List.of("north", "south"), 2},
                {"title", "in", List.of("CEO", "CTO"), 2}, {"tags", "in", List.of(tag, "other"), 3},
                {"tags", "has", List.of(tag, "other"), 0}, {"tags", "none", List.of("other"), 3},
                {"dealStage", "in", List.of(random), 0}, {"dealStage", "none", List.of(random), 3},
                {"accountId", "in", List.of(random), 0}, {"account.tags", "none", List.of("x"), 3},
                {"account.tags", "in", List.of("x"), 0}};
        for (Object[] test : multiple) {
            Map<String, Object> rules = Map.of("all", List.of(condition("tags", "has", tag), Map.of("field", test[0],
                    "operator", test[1], "values", test[2])));
            assertThat(preview(rules)).as(test[0] + " " + test[1] + " " + test[2]).isEqualTo(((Integer) test[3])
                    .longValue());
        }
        // OR inside AND inside OR
        assertThat(preview(Map.of("all", List.of(condition("tags", "has", tag), Map.of("any", List.of(condition(n,
                "eq", 10), condition("title", "eq", "CTO"))))))).isEqualTo(2);
        assertThat(preview(Map.of("any", List.of(Map.of("all", List.of(condition("tags", "has", tag), condition(n,
                "gt", 15))), Map.of("all", List.of(condition("tags", "has", tag), condition(b, "eq", true)))))))
                .isEqualTo(2);
        // values that do not fit the field
        for (Object[] wrong : new Object[][]{{c, "eq", "Z"}, {n, "eq", "ten"}, {b, "eq", "yes"}, {d, "lt",
                "2026-02-30"}, {n, "contains", "1"}, {"emailsSent", "withinDays", 1}, {"tags", "eq", "x"}}) {
            api.as("acme-viewer", ACME).body(Map.of("objectType", "contact", "rules", Map.of("all", List.of(
                    condition((String) wrong[0], (String) wrong[1], wrong[2]))))).post("/api/v1/segments/preview")
                    .then().statusCode(400).contentType(startsWith("application/problem+json"));
        }
        definitions.forEach(id -> api.as("acme-admin", ACME).delete("/api/v1/custom-fields/" + id).then()
                .statusCode(204));
    }

    @Test
    void leadSegmentsUseLeadFields() {
        String tag = "segl-" + unique();
        for (int score : List.of(10, 60, 90)) {
            api.as("acme-rep", ACME).body(Map.of("lastName", "Lead " + tag + " " + score, "tags", List.of(tag),
                    "score", score, "priority", score > 50 ? "hot" : "cold")).post("/api/v1/leads").then()
                    .statusCode(201);
        }
        Map<String, Object> rules = Map.of("all", List.of(condition("tags", "has", tag), condition("score", "gte",
                50), condition("status", "eq", "new")));
        api.as("acme-viewer", ACME).body(Map.of("objectType", "lead", "rules", rules))
                .post("/api/v1/segments/preview").then().statusCode(200).body("count", equalTo(2))
                .body("records.size()", equalTo(2));
        String segment = create("acme-manager", "Hot leads " + tag, "lead", rules).then().statusCode(201)
                .body("size", equalTo(2)).extract().path("id");
        List<Integer> scores = api.as("acme-rep", ACME).queryParam("segment", segment).get("/api/v1/leads").then()
                .statusCode(200).extract().path("results.score");
        assertThat(scores).containsExactlyInAnyOrder(60, 90);
        // contact fields do not exist on leads
        api.as("acme-viewer", ACME).body(Map.of("objectType", "lead", "rules", Map.of("all", List.of(condition(
                "account.industry", "eq", "Software"))))).post("/api/v1/segments/preview").then().statusCode(400)
                .body("detail", org.hamcrest.Matchers.containsString("rules.all[0].field"));
        api.as("acme-viewer", ACME).body(Map.of("objectType", "lead", "rules", Map.of("all", List.of(condition(
                "status", "eq", "maybe"))))).post("/api/v1/segments/preview").then().statusCode(400);
    }

    @Test
    void badRulesAreRefusedWithAProblemAndSaveNothing() {
        int before = api.as("acme-viewer", ACME).get("/api/v1/segments").then().statusCode(200).extract()
                .path("size()");
        String deep = "{\"any\": [".repeat(3000) + "{\"field\": \"email\", \"value\": \"x\"}" + "]}".repeat(3000);
        List<String> bodies = new ArrayList<>(List.of(
                "{\"name\": \"Bad\", \"objectType\": \"contact\", \"rules\": {\"all\": [{\"field\": \"nope\","
                        + " \"value\": 1}]}}",
                "{\"name\": \"Bad\", \"objectType\": \"contact\", \"rules\": {\"all\": [{\"field\": \"email) OR 1=1"
                        + " --\", \"value\": 1}]}}",
                "{\"name\": \"Bad\", \"objectType\": \"contact\", \"rules\": {\"all\": [{\"field\": \"tags\","
                        + " \"operator\": \"gte\", \"value\": \"a\"}]}}",
                "{\"name\": \"Bad\", \"objectType\": \"contact\", \"rules\": {\"all\": [{\"field\": \"createdAt\","
                        + " \"operator\": \"gte\", \"value\": \"yesterday\"}]}}",
                "{\"name\": \"Bad\", \"objectType\": \"contact\", \"rules\": {\"all\": [{\"field\": \"createdAt\","
                        + " \"operator\": \"gte\", \"value\": \"+999999999-01-01T00:00:00Z\"}]}}",
                "{\"name\": \"Bad\", \"objectType\": \"contact\", \"rules\": {\"all\": [{\"field\": \"email\","
                        + " \"withinDays\": 3, \"value\": \"a\"}]}}",
                "{\"name\": \"Bad\", \"objectType\": \"contact\", \"rules\": {\"all\": [{\"field\": \"calls\","
                        + " \"operator\": \"gte\", \"value\": 1, \"withinDays\": 0}]}}",
                "{\"name\": \"Bad\", \"objectType\": \"contact\", \"rules\": {\"all\": [{\"field\": \"email\","
                        + " \"value\": \"a\\u0000b\"}]}}",
                "{\"name\": \"Bad\", \"objectType\": \"contact\", \"rules\": {\"all\": [{\"field\": \"segment\","
                        + " \"operator\": \"in\", \"values\": [\"" + UUID.randomUUID() + "\"]}]}}",
                "{\"name\": \"Bad\", \"objectType\": \"contact\", \"rules\": {\"all\": []}}",
                "{\"name\": \"Bad\", \"objectType\": \"contact\", \"rules\": {\"field\": \"email\", \"value\": \"a\"}}",
                "{\"name\": \"Bad\", \"objectType\": \"contact\", \"rules\": {\"all\": [{\"field\": \"email\","
                        + " \"value\": \"a\", \"sql\": \"1\"}]}}",
                "{\"name\": \"Bad\", \"objectType\": \"deal\", \"rules\": {\"all\": [{\"field\": \"email\","
                        + " \"value\": \"a\"}]}}",
                "{\"name\": \"Bad\", \"objectType\": \"contact\", \"rules\": {\"all\": [{\"field\": \"email\","
                        + " \"value\": \"a\"}]}} trailing",
                "{\"objectType\": \"contact\", \"rules\": {\"all\": [{\"field\": \"email\", \"value\": \"a\"}]}}",
                "{\"name\": \"Bad\", \"objectType\": \"contact\", \"rules\": " + deep + "}",
                "{\"name\": \"Bad\", \"objectType\": \"contact\", \"rules\": {\"all\": [{\"field\": \"email\","
                        + " \"value\": \"" + "x".repeat(1_000_000) + "\"}]}}",
                "[]"));
        for (int i = 0; i < 6; i++) {
            // six levels of groups: one more than allowed
            bodies.add("{\"name\": \"Bad\", \"objectType\": \"contact\", \"rules\": " + "{\"all\": [".repeat(6)
                    + "{\"field\": \"email\", \"value\": \"a\"}" + "]}".repeat(6) + "}");
        }
        for (String body : bodies) {
            api.as("acme-rep", ACME).body(body).post("/api/v1/segments").then().statusCode(400)
                    .contentType(startsWith("application/problem+json"));
        }
        api.as("acme-rep", ACME).contentType("text/plain").body("{}").post("/api/v1/segments").then()
                .statusCode(415);
        int after = api.as("acme-viewer", ACME).get("/api/v1/segments").then().statusCode(200).extract()
                .path("size()");
        assertThat(after).isEqualTo(before);
        // the list filter checks its value too
        api.as("acme-viewer", ACME).queryParam("segment", "not-an-id").get("/api/v1/contacts").then()
                .statusCode(400);
        api.as("acme-viewer", ACME).queryParam("segment.gt", UUID.randomUUID().toString()).get("/api/v1/contacts")
                .then().statusCode(400);
    }

    @Test
    void staticSegmentsRolesAndTenants() {
        String tag = "segs-" + unique();
        String one = contact("Static " + tag + " one", List.of(tag), null, null);
        String two = contact("Static " + tag + " two", List.of(tag), null, null);
        String lead = api.as("acme-rep", ACME).body(Map.of("lastName", "Static lead " + tag)).post("/api/v1/leads")
                .then().statusCode(201).extract().path("id");
        Response created = create("acme-rep", "Hand-picked " + tag, "contact", null);
        created.then().statusCode(201).body("kind", equalTo("static")).body("size", equalTo(0));
        String segment = created.path("id");
        String members = "/api/v1/segments/" + segment + "/members";
        api.as("acme-rep", ACME).body(Map.of("ids", List.of(one, two))).post(members).then().statusCode(200)
                .body("size", equalTo(2)).body("entered", equalTo(2));
        // a lead is no contact: refused, and nothing of the call is kept
        api.as("acme-rep", ACME).body(Map.of("ids", List.of(one, lead))).post(members).then().statusCode(400);
        api.as("acme-rep", ACME).body(Map.of("ids", List.of("x"))).post(members).then().statusCode(400);
        api.as("acme-rep", ACME).body(Map.of("ids", List.of(two))).post(members + "/remove").then().statusCode(200)
                .body("size", equalTo(1)).body("exited", equalTo(1));
        assertThat(listed(segment)).containsExactly(one);
        api.as("acme-rep", ACME).post("/api/v1/segments/" + segment + "/refresh").then().statusCode(409);

        // a dynamic segment's members are its rules' business
        String dynamic = create("acme-manager", "Managed " + tag, "contact", Map.of("all", List.of(condition("tags",
                "has", tag)))).then().statusCode(201).body("size", equalTo(2)).extract().path("id");
        api.as("acme-manager", ACME).body(Map.of("ids", List.of(one))).post("/api/v1/segments/" + dynamic
                + "/members").then().statusCode(409);

        // roles: the viewer reads and previews, never writes; a rep cannot change a manager's segment
        api.as("acme-viewer", ACME).get("/api/v1/segments/" + dynamic).then().statusCode(200);
        create("acme-viewer", "Viewer's " + tag, "contact", null).then().statusCode(403);
        api.as("acme-viewer", ACME).post("/api/v1/segments/" + dynamic + "/refresh").then().statusCode(403);
        long version = ((Number) api.as("acme-rep", ACME).get("/api/v1/segments/" + dynamic).path("version"))
                .longValue();
        Map<String, Object> rename = Map.of("name", "Renamed " + tag, "rules", Map.of("all", List.of(condition(
                "tags", "has", tag))), "version", version);
        api.as("acme-rep", ACME).body(rename).put("/api/v1/segments/" + dynamic).then().statusCode(403);
        api.as("acme-rep", ACME).delete("/api/v1/segments/" + dynamic).then().statusCode(403);
        api.as("acme-admin", ACME).body(rename).put("/api/v1/segments/" + dynamic).then().statusCode(200)
                .body("name", equalTo("Renamed " + tag));
        api.as("acme-admin", ACME).body(rename).put("/api/v1/segments/" + dynamic).then().statusCode(412);
        create("acme-rep", "renamed " + tag.toUpperCase(), "contact", null).then().statusCode(409);

        // another tenant neither sees nor reaches it
        api.as("globex-admin", "globex.localhost").get("/api/v1/segments/" + dynamic).then().statusCode(404);
        api.as("globex-admin", ACME).get("/api/v1/segments/" + dynamic).then().statusCode(403);
        api.on(ACME).get("/api/v1/segments").then().statusCode(401);
        api.as("acme-admin", "localhost").get("/api/v1/segments").then().statusCode(
                org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.greaterThanOrEqualTo(400),
                        org.hamcrest.Matchers.lessThan(500)));
        api.as("acme-viewer", ACME).get("/api/v1/segments/" + dynamic + ";x=1").then().statusCode(404);
    }

    @Test
    void bulkActionsChangeWhatTheCallerMayChangeAndTheExportIsSafeToOpen() {
        String tag = "segb-" + unique();
        List<String> ids = new ArrayList<>();
        for (String user : List.of("acme-rep", "acme-rep", "acme-admin")) {
            ids.add(api.as(user, ACME).body(Map.of("lastName", "Bulk " + tag + " " + ids.size(), "email", "bulk"
                    + ids.size() + "-" + tag + "@example.com", "tags", List.of(tag))).post("/api/v1/contacts").then()
                    .statusCode(201).extract().path("id"));
        }
        String formula = "=HYPERLINK(\"http://evil.example\",\"x\")";
        ids.add(api.as("acme-rep", ACME).body(Map.of("lastName", formula, "email", "bulk3-" + tag + "@example.com",
                "tags", List.of(tag))).post("/api/v1/contacts").then().statusCode(201).extract().path("id"));
        String segment = create("acme-rep", "Bulk " + tag, "contact", Map.of("all", List.of(condition("tags", "has",
                tag)))).then().statusCode(201).body("size", equalTo(4)).extract().path("id");

        // a rep changes their own members; the admin's contact is skipped and named
        api.as("acme-rep", ACME).body(Map.of("add", List.of("Bulk-" + tag))).post("/api/v1/segments/" + segment
                + "/tags").then().statusCode(200).body("changed", equalTo(3)).body("skipped.size()", equalTo(1))
                .body("skipped[0].recordId", equalTo(ids.get(2)))
                .body("skipped[0].reason", startsWith("not-your-record"));
        List<String> tagged = api.as("acme-viewer", ACME).queryParam("tags", "bulk-" + tag).get("/api/v1/contacts")
                .then().statusCode(200).extract().path("results.id");
        assertThat(tagged).containsExactlyInAnyOrder(ids.get(0), ids.get(1), ids.get(3));
        api.as("acme-viewer", ACME).body(Map.of("add", List.of("x"))).post("/api/v1/segments/" + segment + "/tags")
                .then().statusCode(403);
        api.as("acme-rep", ACME).body(Map.of("add", List.of("same"), "remove", List.of("SAME")))
                .post("/api/v1/segments/" + segment + "/tags").then().statusCode(400);
        api.as("acme-rep", ACME).body(Map.of()).post("/api/v1/segments/" + segment + "/tags").then().statusCode(400);

        // owners: a rep gives records to nobody else; an admin reassigns them all
        api.as("acme-rep", ACME).body(Map.of("owner", "acme-manager")).post("/api/v1/segments/" + segment
                + "/owner").then().statusCode(403).body("detail", org.hamcrest.Matchers.containsString("assign"));
        api.as("acme-admin", ACME).body(Map.of("owner", "nobody-" + tag)).post("/api/v1/segments/" + segment
                + "/owner").then().statusCode(400);
        api.as("acme-admin", ACME).body(Map.of("owner", "acme-manager")).post("/api/v1/segments/" + segment
                + "/owner").then().statusCode(200).body("changed", equalTo(4)).body("skipped.size()", equalTo(0));
        List<String> owners = api.as("acme-viewer", ACME).queryParam("segment", segment).get("/api/v1/contacts")
                .then().statusCode(200).extract().path("results.owner");
        assertThat(owners).hasSize(4).containsOnly("acme-manager");

        // enroll the members in a sequence, by the rules of enrolling
        String sequence = api.as("acme-admin", ACME).body(Map.of("name", "Bulk " + tag, "steps", List.of(Map.of(
                "type", "TASK", "delayDays", 3, "title", "Follow up")))).post("/api/v1/sequences").then()
                .statusCode(201).extract().path("id");
        List<String> enrolled = api.as("acme-admin", ACME).body(Map.of("sequenceId", sequence))
                .post("/api/v1/segments/" + segment + "/enrollments").then().statusCode(200).extract()
                .path("enrolled.contactId");
        assertThat(enrolled).containsExactlyInAnyOrderElementsOf(ids);
        api.as("acme-admin", ACME).body(Map.of("sequenceId", "nope")).post("/api/v1/segments/" + segment
                + "/enrollments").then().statusCode(400);

        // the export: a header, one line per member, formulas neutralised
        Response export = api.as("acme-viewer", ACME).accept("text/csv").get("/api/v1/segments/" + segment
                + "/export");
        export.then().statusCode(200).contentType(startsWith("text/csv"));
        List<String> lines = export.asString().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).startsWith("id,firstName,lastName,email");
        assertThat(lines.subList(1, 5)).allMatch(line -> ids.contains(line.substring(0, 36)));
        assertThat(lines).anyMatch(line -> line.contains("\"'=HYPERLINK(\"\"http://evil.example\"\""));
        assertThat(lines).noneMatch(line -> line.contains(",=HYPERLINK"));
        api.as("acme-viewer", ACME).accept("application/json").get("/api/v1/segments/" + segment + "/export")
                .then().statusCode(406).contentType(startsWith("application/problem+json"));
        api.as("globex-admin", "globex.localhost").get("/api/v1/segments/" + segment + "/export").then()
                .statusCode(404);
    }

    @Test
    void theRefreshJobAndItsScheduleKeepDynamicSegmentsCurrent() throws Exception {
        String tag = "segj-" + unique();
        String first = contact("Job " + tag + " one", List.of(tag), null, null);
        String second = contact("Job " + tag + " two", List.of(), null, null);
        String third = contact("Job " + tag + " three", List.of(), null, null);
        String segment = create("acme-rep", "Job " + tag, "contact", Map.of("all", List.of(condition("tags", "has",
                tag)))).then().statusCode(201).body("size", equalTo(1)).extract().path("id");

        // on demand: an admin starts the tenant job
        retag(second, List.of(tag), null);
        Response started = api.as("acme-admin", ACME).post("/api/v1/jobs/segment-refresh/executions");
        started.then().statusCode(202).body("job", equalTo("segment-refresh"));
        String path = URI.create(started.header("Location")).getPath();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        Response run;
        do {
            Thread.sleep(250);
            run = api.as("acme-admin", ACME).get(path);
        } while (!List.of("COMPLETED", "FAILED", "ABANDONED", "STOPPED").contains(run.<String>path("status"))
                && Instant.now().isBefore(deadline));
        assertThat(run.<String>path("status")).isEqualTo("COMPLETED");
        assertThat(run.<String>path("exitStatus")).startsWith("refreshed=");
        assertThat(members(segment)).containsExactlyInAnyOrder(first, second);
        api.as("acme-rep", ACME).post("/api/v1/jobs/segment-refresh/executions").then().statusCode(403);

        // scheduled: nobody asks, and the segment still catches up (crm.segments.refresh-interval is 5 s here)
        retag(third, List.of(tag), null);
        deadline = Instant.now().plus(Duration.ofSeconds(40));
        while (!members(segment).contains(third) && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
        assertThat(members(segment)).containsExactlyInAnyOrder(first, second, third);
        api.as("acme-viewer", ACME).get("/api/v1/segments/" + segment).then().body("size", equalTo(3));
    }
}
