package org.tesseracrm.it.mail;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tesseracrm.it.support.CrmWebTest;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.mail.internet.MimeMessage;

/**
 * SendGrid's Event Webhook on acme's host, signed with a key pair the test makes (ECDSA P-256 over the timestamp
 * header and the raw body, as SendGrid signs): delivered, a person's open, an Apple privacy-proxy open, a click and a
 * bounce are applied to the e-mail named by the {@code crm_outbox_id} custom argument the dispatcher put into the
 * message; a replayed batch adds nothing; unsigned, tampered, stale and foreign requests are refused and change
 * nothing; a batch of 1,000 events is applied and timed.
 */
class SendGridWebhookIT extends CrmWebTest {

    private static final String ACME = "acme.localhost";
    private static final Duration WITHIN = Duration.ofSeconds(20);

    private KeyPair keys;

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private long settingsVersion() {
        return api.as("acme-admin", ACME).get("/api/v1/mail-settings").then().statusCode(200).extract()
                .jsonPath().getLong("version");
    }

    /** Sets the key and keeps the rest of acme's settings as they are (a PUT replaces them all). */
    private void useKey(String key) {
        JsonPath current = api.as("acme-admin", ACME).get("/api/v1/mail-settings").then().statusCode(200).extract()
                .jsonPath();
        Map<String, Object> body = new HashMap<>();
        body.put("senderName", current.getString("senderName"));
        body.put("senderAddress", current.getString("senderAddress"));
        Map<String, Object> smtp = current.getMap("smtp");
        if (smtp != null) {
            Map<String, Object> server = new HashMap<>(smtp);
            server.remove("passwordSet");
            body.put("smtp", server);
        }
        body.put("sendgridWebhookKey", key);
        body.put("version", current.getLong("version"));
        api.as("acme-admin", ACME).body(body).put("/api/v1/mail-settings").then().statusCode(200)
                .body("sendgridWebhookKey", equalTo(key));
    }

    @BeforeEach
    void acmeReceivesSignedEvents() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        keys = generator.generateKeyPair();
        useKey(Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
    }

    @AfterEach
    void noMoreEvents() {
        useKey(null);
    }

    private JsonPath sentEmail() throws InterruptedException {
        String contact = api.as("acme-rep", ACME).body(Map.of("lastName", "Hook", "email", "hook." + unique()
                + "@events.example")).post("/api/v1/contacts").then().statusCode(201).extract().path("id");
        String id = api.as("acme-rep", ACME).body(Map.of("subject", "Events " + unique(), "body",
                "See https://example.com/demo")).post("/api/v1/contacts/" + contact + "/outgoing-emails").then()
                .statusCode(202).extract().path("id");
        Instant deadline = Instant.now().plus(WITHIN);
        while (Instant.now().isBefore(deadline)) {
            JsonPath email = api.as("acme-rep", ACME).get("/api/v1/outgoing-emails/" + id).then().extract().jsonPath();
            if ("sent".equals(email.getString("state"))) {
                return email;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("e-mail " + id + " not sent");
    }

    private static Map<String, Object> event(String kind, String outboxId, Map<String, Object> more) {
        Map<String, Object> event = new HashMap<>(more);
        event.put("event", kind);
        event.put("sg_event_id", "evt-" + UUID.randomUUID());
        event.put("crm_outbox_id", outboxId);
        event.put("timestamp", Instant.now().getEpochSecond());
        event.put("email", "hook@events.example");
        return event;
    }

    private Response post(String host, String body, String timestamp, String signature) {
        var request = given().baseUri("http://127.0.0.1:" + base.getPort()).header("Host", host + ":"
                + base.getPort()).contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8));
        if (timestamp != null) {
            request.header("X-Twilio-Email-Event-Webhook-Timestamp", timestamp);
        }
        if (signature != null) {
            request.header("X-Twilio-Email-Event-Webhook-Signature", signature);
        }
        return request.post("/webhooks/sendgrid");
    }

    private String sign(String timestamp, String body) throws Exception {
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(keys.getPrivate());
        signer.update((timestamp + body).getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(signer.sign());
    }

    private Response signedPost(String body) throws Exception {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        return post(ACME, body, timestamp, sign(timestamp, body));
    }

    private static String json(List<Map<String, Object>> events) {
        return new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(events).toString();
    }

    @Test
    void signedEventsMoveTheEmailOnceAndReplaysAddNothing() throws Exception {
        JsonPath email = sentEmail();
        String id = email.getString("id");
        MimeMessage message = Messages.received(email.getString("messageId")).get(0);
        assertThat(message.getHeader("X-SMTPAPI", null)).isEqualTo("{\"unique_args\":{\"crm_outbox_id\":\"" + id
                + "\"}}");

        // events within the machine window (1 s here) of sending would be a machine's; SendGrid's timestamps are
        // whole seconds: report them two seconds later
        Thread.sleep(2200);
        String browser = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36";
        String body = json(List.of(
                event("processed", id, Map.of()),
                event("delivered", id, Map.of("response", "250 OK")),
                event("open", id, Map.of("useragent", "Mozilla/5.0", "sg_machine_open", true)),
                event("open", id, Map.of("useragent", browser, "sg_machine_open", false)),
                event("click", id, Map.of("useragent", browser, "url", "https://example.com/demo")),
                event("open", UUID.randomUUID().toString(), Map.of()),
                event("unheard-of", id, Map.of()),
                Map.of("event", "open", "crm_outbox_id", id)));
        signedPost(body).then().statusCode(200).body("applied", equalTo(5)).body("duplicates", equalTo(0))
                .body("ignored", equalTo(3));
        signedPost(body).then().statusCode(200).body("applied", equalTo(0)).body("duplicates", equalTo(5));

        JsonPath after = api.as("acme-rep", ACME).get("/api/v1/outgoing-emails/" + id).then().extract().jsonPath();
        assertThat(after.getInt("engagement.openCount")).isEqualTo(1);
        assertThat(after.getInt("engagement.machineOpenCount")).isEqualTo(1);
        assertThat(after.getInt("engagement.clickCount")).isEqualTo(1);
        api.as("acme-rep", ACME).get("/api/v1/activities/" + email.getString("activityId")).then()
                .body("metadata.emailState", equalTo("clicked")).body("metadata.deliveredAt",
                        org.hamcrest.Matchers.notNullValue());
        assertThat(api.as("acme-rep", ACME).get("/api/v1/outgoing-emails/" + id + "/events").then().extract()
                .jsonPath().getList("kind")).containsExactly("processed", "delivered", "open", "open", "click");

        // a bounce from the provider suppresses the address like one from the mailbox
        String bounce = json(List.of(event("bounce", id, Map.of("type", "bounce", "status", "5.1.1", "reason",
                "550 5.1.1 The email account that you tried to reach does not exist", "email",
                after.getString("to[0]")))));
        signedPost(bounce).then().statusCode(200).body("applied", equalTo(1));
        api.as("acme-rep", ACME).get("/api/v1/email-suppressions/" + after.getString("to[0]")).then()
                .statusCode(200).body("reason", equalTo("hard-bounce")).body("createdBy", equalTo("sendgrid"));
        api.as("acme-admin", ACME).delete("/api/v1/email-suppressions/" + after.getString("to[0]")).then()
                .statusCode(204);
    }

    @Test
    void unsignedTamperedStaleAndForeignRequestsAreRefusedAndChangeNothing() throws Exception {
        JsonPath email = sentEmail();
        String id = email.getString("id");
        String body = json(List.of(event("open", id, Map.of("useragent", "Mozilla/5.0 (X11) Firefox/133.0"))));
        String now = Long.toString(Instant.now().getEpochSecond());
        String stale = Long.toString(Instant.now().minus(Duration.ofMinutes(6)).getEpochSecond());
        String signature = sign(now, body);

        post(ACME, body, null, null).then().statusCode(403).contentType(containsString("problem+json"));
        post(ACME, body, now, null).then().statusCode(403);
        post(ACME, body.replace("X11", "X12"), now, signature).then().statusCode(403)
                .body("detail", containsString("does not match"));
        post(ACME, body, now, "not base64!").then().statusCode(403);
        post(ACME, body, stale, sign(stale, body)).then().statusCode(403).body("detail", containsString("older"));
        post(ACME, body, "soon", signature).then().statusCode(403);
        // globex has no key; the apex has no tenant
        post("globex.localhost", body, now, signature).then().statusCode(404);
        post("localhost", body, now, signature).then().statusCode(404);
        // not JSON, nested too deep, not an array: 400 once signed
        for (String bad : List.of("{\"event\": \"open\"}", "[" + "[".repeat(5000) + "]".repeat(5000) + "]",
                "[1, 2] trailing", "\u0000")) {
            signedPost(bad).then().statusCode(400).contentType(containsString("problem+json"));
        }
        assertThat(api.as("acme-rep", ACME).get("/api/v1/outgoing-emails/" + id + "/events").then().extract()
                .jsonPath().getList("kind")).isEmpty();
        // a key that is not one is refused when it is set
        Map<String, Object> bad = new HashMap<>(Map.of("sendgridWebhookKey", "bm90IGEga2V5", "version",
                settingsVersion()));
        api.as("acme-admin", ACME).body(bad).put("/api/v1/mail-settings").then().statusCode(400);
    }

    @Test
    void aBatchOfAThousandEventsIsAppliedAndTimed() throws Exception {
        JsonPath email = sentEmail();
        String id = email.getString("id");
        Thread.sleep(2200); // past the machine window (whole-second timestamps)
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            events.add(event(i % 2 == 0 ? "open" : "click", id, Map.of("useragent", "Mozilla/5.0 (Macintosh)"
                    + " AppleWebKit/605 Safari/605", "url", "https://example.com/" + i)));
        }
        String body = json(events);
        Instant start = Instant.now();
        signedPost(body).then().statusCode(200).body("applied", equalTo(1000));
        long first = Duration.between(start, Instant.now()).toMillis();
        start = Instant.now();
        signedPost(body).then().statusCode(200).body("applied", equalTo(0)).body("duplicates", equalTo(1000));
        long replay = Duration.between(start, Instant.now()).toMillis();
        System.out.println("[webhook] 1000-event batch applied in " + first + " ms, replayed (adds nothing) in "
                + replay + " ms");
        assertThat(api.as("acme-rep", ACME).get("/api/v1/outgoing-emails/" + id).then().extract().jsonPath()
                .getInt("engagement.clickCount")).isEqualTo(500);
    }
}
