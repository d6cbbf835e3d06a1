package org.tesseracrm.it.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.tesseracrm.it.support.CrmInfrastructure;
import org.tesseracrm.it.support.CrmWebTest;

import io.restassured.path.json.JsonPath;
import jakarta.mail.internet.MimeMessage;

/**
 * Sending e-mail from the CRM against a real SMTP server (GreenMail, started by the suite): the EMAIL activity and
 * the outbox row are written together, the dispatcher sends each once with the row's Message-ID, an Idempotency-Key
 * retry sends nothing more, refused input writes nothing, and while the mail server is away e-mails wait and go out
 * once it is back.
 */
class OutgoingEmailsIT extends CrmWebTest {

    private static final String ACME = "acme.localhost";
    private static final Duration SENT_WITHIN = Duration.ofSeconds(20);

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private String contact(String user, String lastName, String email) {
        Map<String, Object> body = email == null
                ? Map.of("lastName", lastName)
                : Map.of("lastName", lastName, "email", email);
        return api.as(user, ACME).body(body).post("/api/v1/contacts").then().statusCode(201).extract().path("id");
    }

    private JsonPath awaitState(String id, String state, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        JsonPath last = null;
        while (Instant.now().isBefore(deadline)) {
            last = api.as("acme-rep", ACME).get("/api/v1/outgoing-emails/" + id).then().statusCode(200).extract()
                    .jsonPath();
            if (state.equals(last.getString("state"))) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("e-mail " + id + " not " + state + " within " + within + ": " + last.prettify());
    }

    private static List<MimeMessage> received(String messageId) {
        return Messages.received(messageId);
    }

    private static long outboxRows(String subject) throws Exception {
        var db = CrmInfrastructure.services().database().settings();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), CrmInfrastructure.OWNER_ROLE,
                CrmInfrastructure.OWNER_PASSWORD);
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM t_acme.mail_outbox WHERE subject = ?")) {
            s.setString(1, subject);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    @Test
    void aRepSendsToTheirContactAndItArrivesOnceWithItsMessageId() throws Exception {
        String email = "nancy." + unique() + "@northwind.example";
        String contact = contact("acme-rep", "Davolio", email);
        String subject = "Your proposal " + unique();

        JsonPath queued = api.as("acme-rep", ACME)
                .body(Map.of("subject", subject, "body", "Hi Nancy,\n\nattached: the proposal."))
                .post("/api/v1/contacts/" + contact + "/outgoing-emails").then().statusCode(202)
                .header("Location", containsString("/api/v1/outgoing-emails/")).body("state", equalTo("queued"))
                .body("to[0]", equalTo(email)).body("from", equalTo("acme-rep@acme.example.com"))
                .body("messageId", matchesPattern("<[0-9a-f-]{36}@[a-z.-]+>")).extract().jsonPath();
        String id = queued.getString("id");

        JsonPath sent = awaitState(id, "sent", SENT_WITHIN);
        assertThat(sent.getString("sentAt")).isNotNull();
        assertThat(sent.getInt("attempts")).isEqualTo(1);
        List<MimeMessage> arrived = received(queued.getString("messageId"));
        assertThat(arrived).hasSize(1);
        assertThat(arrived.get(0).getSubject()).isEqualTo(subject);
        assertThat(arrived.get(0).getFrom()[0].toString()).isEqualTo("acme-rep@acme.example.com");
        assertThat(arrived.get(0).getAllRecipients()[0].toString()).isEqualTo(email);
        assertThat(Messages.text(arrived.get(0)))
                .isEqualTo("Hi Nancy,\n\nattached: the proposal.");

        // on the contact's timeline, with the state the dispatcher wrote
        api.as("acme-rep", ACME).get("/api/v1/activities/" + queued.getString("activityId")).then().statusCode(200)
                .body("type", equalTo("EMAIL")).body("subject", equalTo(subject))
                .body("metadata.emailState", equalTo("sent")).body("metadata.direction", equalTo("outbound"))
                .body("contactId", equalTo(contact));
        api.as("acme-viewer", ACME).get("/api/v1/outgoing-emails/" + id).then().statusCode(200);
    }

    @Test
    void aRetryWithTheSameIdempotencyKeySendsNothingMore() throws Exception {
        String contact = contact("acme-rep", "Fuller", "andrew." + unique() + "@northwind.example");
        String subject = "Follow-up " + unique();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("subject", subject, "body", "Checking in.");
        String first = api.as("acme-rep", ACME).header("Idempotency-Key", key).body(body)
                .post("/api/v1/contacts/" + contact + "/outgoing-emails").then().statusCode(202).extract().path("id");
        String retried = api.as("acme-rep", ACME).header("Idempotency-Key", key).body(body)
                .post("/api/v1/contacts/" + contact + "/outgoing-emails").then().statusCode(202)
                .header("Idempotent-Replayed", "true").extract().path("id");
        assertThat(retried).isEqualTo(first);
        String messageId = awaitState(first, "sent", SENT_WITHIN).getString("messageId");
        Thread.sleep(1500); // a few more dispatcher rounds
        assertThat(received(messageId)).hasSize(1);
        assertThat(outboxRows(subject)).isEqualTo(1);
    }

    @Test
    void aLeadsOwnAddressIsTheDefaultAndItsCounterMoves() throws Exception {
        String email = "grace." + unique() + "@cobalt.example";
        String lead = api.as("acme-rep", ACME).body(Map.of("lastName", "Hopper", "email", email))
                .post("/api/v1/leads").then().statusCode(201).extract().path("id");
        String id = api.as("acme-rep", ACME).body(Map.of("subject", "Hello " + unique(), "body", "Hi Grace",
                "cc", List.of("manager@acme.example.com"))).post("/api/v1/leads/" + lead + "/outgoing-emails")
                .then().statusCode(202).body("to[0]", equalTo(email)).extract().path("id");
        String messageId = awaitState(id, "sent", SENT_WITHIN).getString("messageId");
        assertThat(received(messageId)).hasSize(2); // the lead and the cc
        api.as("acme-rep", ACME).get("/api/v1/leads/" + lead).then().statusCode(200).body("emailsSent", equalTo(1));
    }

    @Test
    void refusedInputIsAClearErrorAndWritesNothing() throws Exception {
        String subject = "Refused " + unique();
        String contact = contact("acme-rep", "Refused", "refused." + unique() + "@example.com");
        String withoutAddress = contact("acme-rep", "Nomail", null);
        String path = "/api/v1/contacts/" + contact + "/outgoing-emails";
        api.as("acme-rep", ACME).body(Map.of("body", "no subject")).post(path).then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("subject"));
        api.as("acme-rep", ACME).body(Map.of("subject", subject, "body", "x", "to", List.of("not an address")))
                .post(path).then().statusCode(400).body("detail", containsString("to[0]"));
        api.as("acme-rep", ACME).body(Map.of("subject", subject + "\r\nBcc: victim@example.com", "body", "x"))
                .post(path).then().statusCode(400).body("detail", containsString("subject"));
        api.as("acme-rep", ACME).body(Map.of("subject", subject + "\u0000", "body", "x")).post(path).then()
                .statusCode(400);
        api.as("acme-rep", ACME).body(Map.of("subject", subject, "body", "x", "bcc", List.of("a@b.example")))
                .post(path).then().statusCode(400).body("detail", containsString("bcc"));
        api.as("acme-rep", ACME).body(Map.of("subject", subject, "body", "x"))
                .post("/api/v1/contacts/" + withoutAddress + "/outgoing-emails").then().statusCode(400)
                .body("detail", containsString("no e-mail address"));
        api.as("acme-rep", ACME).body(Map.of("subject", subject, "body", "x"))
                .post("/api/v1/contacts/" + UUID.randomUUID() + "/outgoing-emails").then().statusCode(404);
        api.as("acme-viewer", ACME).body(Map.of("subject", subject, "body", "x")).post(path).then()
                .statusCode(403).contentType("application/problem+json");
        // another tenant's contact is not there at all
        api.as("globex-rep", "globex.localhost").body(Map.of("subject", subject, "body", "x")).post(path).then()
                .statusCode(404);
        api.as("globex-rep", "globex.localhost").get("/api/v1/outgoing-emails/" + UUID.randomUUID()).then()
                .statusCode(404);
        api.as("acme-rep", ACME).get("/api/v1/outgoing-emails/not-a-uuid").then().statusCode(404);
        assertThat(outboxRows(subject)).isZero();
        assertThat(outboxRows(subject + "\r\nBcc: victim@example.com")).isZero();
    }

    /**
     * Templates: admins and managers write them (a rep may not; a duplicate name is a 409; an unclosed section or a
     * partial is refused); the preview fills in the record's, its account's and the sender's fields with fallbacks
     * for empty ones; sending with a template sends the filled-in text; a stale replace is a 409.
     */
    @Test
    void templatesFillInMergeFieldsForPreviewAndSending() throws Exception {
        String name = "First touch " + unique();
        Map<String, Object> template = Map.of("name", name, "subject",
                "Hello {{contact.firstName}} at {{account.name}}",
                "body", "Hi {{#contact.firstName}}{{contact.firstName}}{{/contact.firstName}}"
                        + "{{^contact.firstName}}there{{/contact.firstName}},\n\nBest, {{sender.name}}"
                        + " <{{sender.email}}>{{unknown.field}}");
        api.as("acme-rep", ACME).body(template).post("/api/v1/email-templates").then().statusCode(403);
        JsonPath created = api.as("acme-manager", ACME).body(template).post("/api/v1/email-templates").then()
                .statusCode(201).body("name", equalTo(name)).extract().jsonPath();
        String id = created.getString("id");
        api.as("acme-admin", ACME).body(template).post("/api/v1/email-templates").then().statusCode(409)
                .contentType("application/problem+json");
        api.as("acme-admin", ACME).body(Map.of("name", name + " bad", "subject", "Hi", "body",
                "{{#contact.firstName}} never closed")).post("/api/v1/email-templates").then().statusCode(400)
                .body("detail", containsString("body"));
        api.as("acme-admin", ACME).body(Map.of("name", name + " partial", "subject", "Hi", "body",
                "{{> /etc/passwd}}")).post("/api/v1/email-templates").then().statusCode(400)
                .body("detail", containsString("partials"));

        String account = api.as("acme-rep", ACME).body(Map.of("name", "Northwind " + unique())).post("/api/v1/accounts")
                .then().statusCode(201).extract().path("id");
        String accountName = api.as("acme-rep", ACME).get("/api/v1/accounts/" + account).then().extract().path("name");
        String email = "kim." + unique() + "@contoso.example";
        String named = api.as("acme-rep", ACME).body(Map.of("firstName", "Kim", "lastName", "Abercrombie", "email",
                email, "accountId", account)).post("/api/v1/contacts").then().statusCode(201).extract().path("id");
        String unnamed = contact("acme-rep", "Nameless", "nameless." + unique() + "@example.com");
        api.as("acme-rep", ACME).body(Map.of("contactId", named)).post("/api/v1/email-templates/" + id + "/preview")
                .then().statusCode(200).body("subject", equalTo("Hello Kim at " + accountName))
                .body("body", equalTo("Hi Kim,\n\nBest, Rita Rep <acme-rep@acme.example.com>"));
        api.as("acme-rep", ACME).body(Map.of("contactId", unnamed)).post("/api/v1/email-templates/" + id + "/preview")
                .then().statusCode(200).body("body", containsString("Hi there,"));
        api.as("acme-rep", ACME).body(Map.of()).post("/api/v1/email-templates/" + id + "/preview").then()
                .statusCode(400);

        String sent = api.as("acme-rep", ACME).body(Map.of("templateId", id))
                .post("/api/v1/contacts/" + named + "/outgoing-emails").then().statusCode(202)
                .body("subject", equalTo("Hello Kim at " + accountName)).extract().path("id");
        String messageId = awaitState(sent, "sent", SENT_WITHIN).getString("messageId");
        List<MimeMessage> arrived = received(messageId);
        assertThat(arrived).hasSize(1);
        assertThat(Messages.text(arrived.get(0)))
                .isEqualTo("Hi Kim,\n\nBest, Rita Rep <acme-rep@acme.example.com>");
        api.as("acme-rep", ACME).body(Map.of("templateId", id, "subject", "Both"))
                .post("/api/v1/contacts/" + named + "/outgoing-emails").then().statusCode(400)
                .body("detail", containsString("templateId"));
        api.as("acme-rep", ACME).body(Map.of("templateId", UUID.randomUUID().toString()))
                .post("/api/v1/contacts/" + named + "/outgoing-emails").then().statusCode(400)
                .body("detail", containsString("templateId"));

        api.as("acme-viewer", ACME).get("/api/v1/email-templates/" + id).then().statusCode(200)
                .body("statistics.sent", equalTo(1)).body("statistics.failed", equalTo(0));
        api.as("acme-viewer", ACME).get("/api/v1/email-templates").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.statistics.sent", equalTo(1));
        long version = created.getLong("version");
        api.as("acme-admin", ACME).body(Map.of("name", name, "subject", "Changed", "body", "Changed", "version",
                version)).put("/api/v1/email-templates/" + id).then().statusCode(200);
        api.as("acme-admin", ACME).body(Map.of("name", name, "subject", "Lost", "body", "Lost", "version", version))
                .put("/api/v1/email-templates/" + id).then().statusCode(409);
        api.as("acme-admin", ACME).delete("/api/v1/email-templates/" + id).then().statusCode(204);
        api.as("acme-rep", ACME).get("/api/v1/outgoing-emails/" + sent).then().statusCode(200)
                .body("subject", equalTo("Hello Kim at " + accountName));
        api.as("globex-rep", "globex.localhost").get("/api/v1/email-templates/" + id).then().statusCode(404);
    }

    /**
     * The mail server goes away: what is sent meanwhile waits in the outbox (retried with its error recorded) and goes
     * out exactly once after the server is back, with no restart of the app.
     */
    @Test
    void whileTheMailServerIsAwayEmailsWaitAndThenGoOutOnce() throws Exception {
        String contact = contact("acme-rep", "Patient", "patient." + unique() + "@example.com");
        var services = CrmInfrastructure.services();
        services.stopMail();
        List<String> ids;
        Instant back;
        try {
            ids = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ids.add(api.as("acme-rep", ACME).body(Map.of("subject", "During the outage " + i + " " + unique(),
                        "body", "Queued while the server was down")).post("/api/v1/contacts/" + contact
                                + "/outgoing-emails")
                        .then().statusCode(202).extract().path("id"));
            }
            // the dispatcher tries (every 0.5 s, retry delay 1 s doubling) and records why it could not send
            Instant deadline = Instant.now().plusSeconds(15);
            JsonPath waiting;
            do {
                Thread.sleep(300);
                waiting = api.as("acme-rep", ACME).get("/api/v1/outgoing-emails/" + ids.get(0)).then()
                        .statusCode(200).extract().jsonPath();
            } while (waiting.getInt("attempts") < 1 && Instant.now().isBefore(deadline));
            assertThat(waiting.getString("state")).isEqualTo("queued");
            assertThat(waiting.getInt("attempts")).isPositive();
            assertThat(waiting.getString("lastError")).isNotBlank();
        } finally {
            services.startMail();
            back = Instant.now();
        }
        for (String id : ids) {
            String messageId = awaitState(id, "sent", Duration.ofSeconds(60)).getString("messageId");
            assertThat(received(messageId)).as("copies of " + messageId).hasSize(1);
        }
        System.out.printf("[mail] 5 e-mails queued while SMTP was down; all sent once, the last %.1f s after the"
                + " server was back%n", Duration.between(back, Instant.now()).toMillis() / 1000.0);
    }
}
