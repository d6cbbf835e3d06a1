package org.tesseracrm.it.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.tesseracrm.it.support.CrmInfrastructure;
import org.tesseracrm.it.support.CrmWebTest;

import io.restassured.path.json.JsonPath;

/**
 * GDPR requests (docs/privacy.md) on the real server: the export holds every kind of row about a person, as JSON and
 * as CSV with formulas neutralised; the erasure leaves nothing that names them anywhere in the tenant's schema (every
 * table scanned, row by row, for the person's unique token), takes them out of segments and sequences, keeps their
 * address suppressed as a hash only, and is recorded and audited; only crm-admins may ask, each tenant for its own.
 */
class PrivacyIT extends CrmWebTest {

    private static final String ACME = "acme.localhost";

    /** Rows of any table in the tenant's schema whose text holds {@code token} (case-insensitive). */
    private static Map<String, Long> rowsHolding(String token) throws Exception {
        Map<String, Long> found = new java.util.TreeMap<>();
        try (Connection c = CrmInfrastructure.services().database().superuserConnection();
                Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema ="
                    + " 't_acme' AND table_type = 'BASE TABLE'")) {
                while (r.next()) {
                    tables.add(r.getString(1));
                }
            }
            assertThat(tables).contains("contact", "lead", "activity", "audit_log", "mail_outbox", "import_row");
            for (String table : tables) {
                try (PreparedStatement q = c.prepareStatement("SELECT count(*) FROM t_acme.\"" + table + "\" t"
                        + " WHERE strpos(lower(t::text), ?) > 0")) {
                    q.setString(1, token.toLowerCase(java.util.Locale.ROOT));
                    try (ResultSet r = q.executeQuery()) {
                        r.next();
                        if (r.getLong(1) > 0) {
                            found.put(table, r.getLong(1));
                        }
                    }
                }
            }
        }
        return found;
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(
                StandardCharsets.UTF_8)));
    }

    @Test
    void anExportHoldsEverythingAndAnErasureLeavesNothingFindable() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String person = "erasable" + tag;
        String email = "jo." + person + "@privacy.example";
        // the segment names a tag, not the person: the tag goes with the erasure, the segment stays
        String vip = "vip" + UUID.randomUUID().toString().substring(0, 8);
        String contact = api.as("acme-rep", ACME).body(Map.of("firstName", "Jo", "lastName", "Zed " + person,
                "email", email, "phone", "+49 30 5550" + (tag.hashCode() & 0xfff), "title", "Buyer " + person,
                "tags", List.of(vip))).post("/api/v1/contacts").then().statusCode(201).extract().path("id");
        api.as("acme-rep", ACME).body(Map.of("body", "=HYPERLINK(\"http://evil.example\") met " + person))
                .post("/api/v1/contacts/" + contact + "/notes").then().statusCode(201);
        api.as("acme-rep", ACME).body(Map.of("completedAt", OffsetDateTime.now(ZoneOffset.UTC).toString(), "outcome",
                "Connected", "nextSteps", "Send " + person + " the offer"))
                .post("/api/v1/contacts/" + contact + "/calls").then().statusCode(201);
        api.as("acme-rep", ACME).body(Map.of("title", "Call " + person, "contactId", contact)).post("/api/v1/tasks")
                .then().statusCode(201);
        String lead = api.as("acme-rep", ACME).body(Map.of("lastName", person, "email", email.toUpperCase(
                java.util.Locale.ROOT), "company", "Co " + person)).post("/api/v1/leads").then().statusCode(201)
                .extract().path("id");
        api.as("acme-rep", ACME).body(Map.of("body", "Lead note on " + person)).post("/api/v1/leads/" + lead
                + "/notes").then().statusCode(201);
        String segment = api.as("acme-admin", ACME).body(Map.of("name", "Privacy " + UUID.randomUUID(), "objectType",
                "contact", "rules", Map.of("all", List.of(Map.of("field", "tags", "operator", "has", "value",
                        vip)))))
                .post("/api/v1/segments").then().statusCode(201).extract().path("id");
        api.as("acme-admin", ACME).post("/api/v1/segments/" + segment + "/refresh").then().statusCode(200);
        api.as("acme-admin", ACME).body(Map.of("address", email)).post("/api/v1/email-suppressions").then()
                .statusCode(201);
        // a second request of the same writes: its replayable response names the person
        api.as("acme-rep", ACME).header("Idempotency-Key", "privacy-" + tag).body(Map.of("body", "Again " + person))
                .post("/api/v1/contacts/" + contact + "/notes").then().statusCode(201);

        // only crm-admins ask
        for (String user : List.of("acme-rep", "acme-manager", "acme-viewer")) {
            api.as(user, ACME).body(Map.of("email", email)).post("/api/v1/privacy/exports").then().statusCode(403);
            api.as(user, ACME).body(Map.of("email", email)).post("/api/v1/privacy/erasures").then().statusCode(403);
        }
        api.as("acme-admin", "localhost").body(Map.of("email", email)).post("/api/v1/privacy/exports").then()
                .statusCode(404);
        for (Map<String, Object> bad : List.of(Map.<String, Object>of(), Map.<String, Object>of("email", "nobody"),
                Map.<String, Object>of("contactIds", List.of("not-an-id")), Map.<String, Object>of("email", email,
                        "name", "x"))) {
            api.as("acme-admin", ACME).body(bad).post("/api/v1/privacy/erasures").then().statusCode(400)
                    .contentType("application/problem+json");
        }

        // the export: every kind of row, found by the address in any case
        JsonPath export = api.as("acme-admin", ACME).body(Map.of("email", email.toUpperCase(java.util.Locale.ROOT)))
                .post("/api/v1/privacy/exports").then().statusCode(200).extract().jsonPath();
        assertThat(export.getList("contacts.id")).containsExactly(contact);
        assertThat(export.getList("contacts.email")).containsExactly(email);
        assertThat(export.getList("leads.id")).containsExactly(lead);
        assertThat(export.getList("activities")).hasSize(4);
        assertThat(export.getList("tasks.title")).containsExactly("Call " + person);
        assertThat(export.getList("segmentMemberships.segmentId")).containsExactly(segment);
        assertThat(export.getList("suppression.address")).containsExactly(email);
        assertThat(export.getList("history").size()).isGreaterThanOrEqualTo(6);
        String csv = api.as("acme-admin", ACME).body(Map.of("email", email)).post("/api/v1/privacy/exports/csv")
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        assertThat(csv).startsWith("section,recordId,field,value").contains("contacts," + contact + ",email," + email)
                .contains("'=HYPERLINK").doesNotContain(",=HYPERLINK").doesNotContain(",\"=HYPERLINK");

        // another tenant erasing the address touches nothing here
        api.as("globex-admin", "globex.localhost").body(Map.of("email", email)).post("/api/v1/privacy/erasures")
                .then().statusCode(200).body("counts.contacts", equalTo(0));
        assertThat(rowsHolding(person)).containsKeys("contact", "lead", "activity", "task", "audit_log");

        // the erasure
        JsonPath erased = api.as("acme-admin", ACME).body(Map.of("email", email)).post("/api/v1/privacy/erasures")
                .then().statusCode(200).extract().jsonPath();
        assertThat(erased.getInt("counts.contacts")).isEqualTo(1);
        assertThat(erased.getInt("counts.leads")).isEqualTo(1);
        assertThat(erased.getInt("counts.activities")).isEqualTo(4);
        assertThat(erased.getInt("counts.segmentMemberships")).isEqualTo(1);
        assertThat(rowsHolding(person)).as("rows still naming the person").isEmpty();
        assertThat(rowsHolding(email)).isEmpty();

        // nothing findable by search, list or filter
        assertThat(api.as("acme-admin", ACME).queryParam("q", person).get("/api/v1/contacts").then().statusCode(200)
                .extract().jsonPath().getList("results")).isEmpty();
        assertThat(api.as("acme-admin", ACME).queryParam("q", person).get("/api/v1/leads").then().statusCode(200)
                .extract().jsonPath().getList("results")).isEmpty();
        assertThat(api.as("acme-admin", ACME).queryParam("email", email).get("/api/v1/contacts").then()
                .statusCode(200).extract().jsonPath().getList("results")).isEmpty();
        api.as("acme-admin", ACME).get("/api/v1/contacts/" + contact).then().statusCode(404);
        assertThat(api.as("acme-admin", ACME).queryParam("segment", segment).get("/api/v1/contacts").then()
                .statusCode(200).extract().jsonPath().getList("results")).isEmpty();

        // the address stays suppressed, as a hash only: a new contact with it is never e-mailed
        api.as("acme-admin", ACME).get("/api/v1/email-suppressions/" + email).then().statusCode(404);
        try (Connection c = CrmInfrastructure.services().database().superuserConnection();
                PreparedStatement q = c.prepareStatement("SELECT count(*) FROM t_acme.email_suppression_hash WHERE"
                        + " address_hash = ?")) {
            q.setString(1, sha256(email));
            try (ResultSet r = q.executeQuery()) {
                r.next();
                assertThat(r.getLong(1)).isEqualTo(1);
            }
        }
        String again = api.as("acme-rep", ACME).body(Map.of("lastName", "Returning", "email", email))
                .post("/api/v1/contacts").then().statusCode(201).extract().path("id");
        api.as("acme-rep", ACME).body(Map.of("subject", "Hello", "body", "News."))
                .post("/api/v1/contacts/" + again + "/outgoing-emails").then().statusCode(409)
                .body("detail", containsString("suppression"));
        api.as("acme-rep", ACME).delete("/api/v1/contacts/" + again).then().statusCode(204);

        // recorded without the address, and audited on each record
        List<Map<String, Object>> requests = api.as("acme-admin", ACME).get("/api/v1/privacy/requests").then()
                .statusCode(200).extract().jsonPath().getList("$");
        assertThat(requests.get(0)).containsEntry("kind", "erasure").containsEntry("subjectHash", sha256(email))
                .containsEntry("requestedBy", "acme-admin");
        assertThat(requests).anySatisfy(r -> assertThat(r).containsEntry("kind", "export"));
        assertThat(requests.toString()).doesNotContain(email);
        try (Connection c = CrmInfrastructure.services().database().superuserConnection();
                PreparedStatement q = c.prepareStatement("SELECT action FROM t_acme.audit_log WHERE object_id = ?"
                        + " ORDER BY seq DESC LIMIT 1")) {
            q.setObject(1, UUID.fromString(contact));
            try (ResultSet r = q.executeQuery()) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo("erase");
            }
        }
    }
}
