package org.tesseracrm.it.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tesseracrm.it.support.CrmInfrastructure;
import org.tesseracrm.it.support.CrmWebTest;
import org.tesseracrm.it.support.ReadMailboxes;

import com.icegreen.greenmail.user.GreenMailUser;

import io.restassured.path.json.JsonPath;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * Replies and bounces read from a real IMAP mailbox (GreenMail's): acme-manager's mailbox is read every second here.
 * A reply matched by In-Reply-To (also from another address of the same person) becomes an inbound EMAIL activity,
 * moves the lead to {@code replied} and the sent e-mail to {@code replied}; an out-of-office answer is noted and
 * changes nothing else; an RFC 3464 hard bounce marks the e-mail bounced and suppresses the address; a message that
 * answers nothing of ours is left alone; reading the mailbox again from the start ingests nothing twice.
 */
class RepliesAndBouncesIT extends CrmWebTest {

    private static final String ACME = "acme.localhost";
    private static final Duration WITHIN = Duration.ofSeconds(30);

    private String mailbox;
    private String managerAddress;

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    @BeforeEach
    void readTheManagersMailbox() {
        ReadMailboxes.ReadMailbox read = ReadMailboxes.setUp(api, "acme-manager", Map.of());
        mailbox = read.id();
        managerAddress = read.address();
        api.as("acme-admin", ACME).get("/api/v1/mailboxes/" + mailbox).then().statusCode(200)
                .body("imap.passwordSet", equalTo(true)).body("imap.folder", equalTo("INBOX"));
    }

    @AfterEach
    void removeTheMailbox() {
        ReadMailboxes.remove(api, new ReadMailboxes.ReadMailbox(mailbox, managerAddress));
    }

    private String lead(String email) {
        return api.as("acme-manager", ACME).body(Map.of("lastName", "Prospect " + unique(), "company", "Initech",
                "email", email, "owner", "acme-manager")).post("/api/v1/leads").then().statusCode(201).extract()
                .path("id");
    }

    /** Sends from acme-manager to the lead and waits until it left: its Message-ID and activity. */
    private JsonPath sent(String lead, String subject) throws InterruptedException {
        String id = api.as("acme-manager", ACME).body(Map.of("subject", subject, "body", "Shall we talk?"))
                .post("/api/v1/leads/" + lead + "/outgoing-emails").then().statusCode(202).extract().path("id");
        return await("e-mail " + id + " sent", () -> api.as("acme-manager", ACME).get("/api/v1/outgoing-emails/"
                + id).then().extract().jsonPath(), e -> "sent".equals(e.getString("state")));
    }

    private static JsonPath await(String what, java.util.function.Supplier<JsonPath> read,
            Predicate<JsonPath> done) throws InterruptedException {
        Instant deadline = Instant.now().plus(WITHIN);
        JsonPath last = null;
        while (Instant.now().isBefore(deadline)) {
            last = read.get();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(what + " not within " + WITHIN + ": " + (last == null ? "" : last.prettify()));
    }

    private JsonPath activity(String id) {
        return api.as("acme-manager", ACME).get("/api/v1/activities/" + id).then().statusCode(200).extract()
                .jsonPath();
    }

    private JsonPath leadOf(String id) {
        return api.as("acme-manager", ACME).get("/api/v1/leads/" + id).then().statusCode(200).extract().jsonPath();
    }

    private List<Map<String, Object>> inboundEmails(String lead) {
        return api.as("acme-manager", ACME).queryParam("types", "EMAIL").get("/api/v1/leads/" + lead + "/timeline")
                .then().statusCode(200).extract().jsonPath().getList("results.activity.findAll {"
                        + " it?.metadata?.direction == 'inbound' }");
    }

    /** Puts a message into acme-manager's mailbox as the mail server would. */
    private void deliver(String raw) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
        GreenMailUser user = CrmInfrastructure.services().mail().greenMail().getUserManager()
                .getUserByEmail(managerAddress);
        user.deliver(message);
    }

    @Test
    void aReplyFromAnotherAddressOfThePersonMovesTheLeadToRepliedOnce() throws Exception {
        String lead = lead("pat." + unique() + "@initech.example");
        JsonPath email = sent(lead, "Your TPS reports " + unique());
        Instant replied = Instant.now();
        deliver("From: Pat Private <pat.private." + unique() + "@home.example>\n"
                + "To: " + managerAddress + "\n"
                + "Subject: Re: " + email.getString("subject") + "\n"
                + "Message-ID: <reply-" + unique() + "@home.example>\n"
                + "In-Reply-To: " + email.getString("messageId") + "\n"
                + "References: " + email.getString("messageId") + "\n"
                + "Date: Thu, 03 Dec 2026 10:00:00 +0000\n"
                + "Content-Type: text/plain; charset=UTF-8\n\n"
                + "Sounds good, call me on Tuesday.\n\nOn Wed, 2 Dec 2026, Mia wrote:\n> Shall we talk?\n");

        JsonPath moved = await("lead replied", () -> leadOf(lead), l -> "replied".equals(l.getString("status")));
        System.out.println("reply in the mailbox to lead replied: " + Duration.between(replied, Instant.now())
                .toMillis() + " ms (poll interval 1 s)");
        assertThat(moved.getInt("emailsReplied")).isEqualTo(1);
        assertThat(moved.getString("lastContactAt")).isNotNull();
        JsonPath outgoing = activity(email.getString("activityId"));
        assertThat(outgoing.getString("metadata.emailState")).isEqualTo("replied");
        assertThat(outgoing.getString("metadata.replyText")).isEqualTo("Sounds good, call me on Tuesday.");
        List<Map<String, Object>> inbound = inboundEmails(lead);
        assertThat(inbound).hasSize(1);
        assertThat(inbound.get(0).get("body")).isEqualTo("Sounds good, call me on Tuesday.");

        // the bookmark lost (a poller that died before it committed, a new instance): nothing is read twice
        var db = CrmInfrastructure.services().database().settings();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), CrmInfrastructure.OWNER_ROLE,
                CrmInfrastructure.OWNER_PASSWORD)) {
            assertThat(c.createStatement().executeUpdate("UPDATE t_acme.mailbox SET imap_last_uid = 0 WHERE id = '"
                    + mailbox + "'")).isEqualTo(1);
        }
        await("mailbox read again", () -> api.as("acme-admin", ACME).get("/api/v1/mailboxes/" + mailbox).then()
                .extract().jsonPath(), m -> m.getString("imap.polledAt") != null);
        Thread.sleep(3000); // several rounds
        assertThat(inboundEmails(lead)).hasSize(1);
        assertThat(leadOf(lead).getInt("emailsReplied")).isEqualTo(1);
    }

    @Test
    void anOutOfOfficeAnswerIsNotedAndChangesNothingElse() throws Exception {
        String lead = lead("away." + unique() + "@initech.example");
        JsonPath email = sent(lead, "Quick question " + unique());
        deliver("From: away@initech.example\nTo: " + managerAddress + "\nSubject: Automatic reply: Out of office\n"
                + "Auto-Submitted: auto-replied\nIn-Reply-To: " + email.getString("messageId") + "\n"
                + "Message-ID: <ooo-" + unique() + "@initech.example>\n\nI am away until Monday.\n");
        await("auto-reply noted", () -> activity(email.getString("activityId")),
                a -> a.getString("metadata.autoReplyAt") != null);
        assertThat(activity(email.getString("activityId")).getString("metadata.emailState")).isEqualTo("sent");
        assertThat(leadOf(lead).getString("status")).isEqualTo("contacted");
        assertThat(inboundEmails(lead)).isEmpty();
    }

    @Test
    void aHardBounceMarksTheEmailAndSuppressesTheAddress() throws Exception {
        String address = "gone." + unique() + "@initech.example";
        String lead = lead(address);
        JsonPath email = sent(lead, "Hello " + unique());
        String boundary = "dsn-" + unique();
        deliver("From: MAILER-DAEMON@mx.initech.example\nTo: " + managerAddress + "\n"
                + "Subject: Undelivered Mail Returned to Sender\nMessage-ID: <dsn-" + unique() + "@mx.example>\n"
                + "MIME-Version: 1.0\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"" + boundary + "\"\n\n"
                + "--" + boundary + "\nContent-Type: text/plain\n\nYour message could not be delivered.\n\n"
                + "--" + boundary + "\nContent-Type: message/delivery-status\n\n"
                + "Reporting-MTA: dns; mx.initech.example\n\nFinal-Recipient: rfc822; " + address + "\n"
                + "Action: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 user unknown\n\n"
                + "--" + boundary + "\nContent-Type: text/rfc822-headers\n\n"
                + "Message-ID: " + email.getString("messageId") + "\nSubject: " + email.getString("subject") + "\n\n"
                + "--" + boundary + "--\n");
        JsonPath bounced = await("bounced", () -> activity(email.getString("activityId")),
                a -> "bounced".equals(a.getString("metadata.emailState")));
        assertThat(bounced.getString("metadata.bounceStatus")).isEqualTo("5.1.1");
        assertThat(bounced.getString("metadata.bounceDiagnostic")).contains("user unknown");
        assertThat(leadOf(lead).getInt("emailsBounced")).isEqualTo(1);
        api.as("acme-manager", ACME).get("/api/v1/email-suppressions/" + address).then().statusCode(200)
                .body("reason", equalTo("hard-bounce")).body("outgoingEmailId", equalTo(email.getString("id")));
        api.as("acme-manager", ACME).body(Map.of("subject", "Again", "body", "Hi"))
                .post("/api/v1/leads/" + lead + "/outgoing-emails").then().statusCode(409)
                .body("detail", containsString(address));
        api.as("acme-admin", ACME).delete("/api/v1/email-suppressions/" + address).then().statusCode(204);
    }

    @Test
    void aMessageThatAnswersNothingOfOursIsLeftAlone() throws Exception {
        String lead = lead("news." + unique() + "@initech.example");
        JsonPath email = sent(lead, "Offer " + unique());
        deliver("From: newsletter@vendor.example\nTo: " + managerAddress + "\nSubject: Our news\n"
                + "Message-ID: <news-" + unique() + "@vendor.example>\nIn-Reply-To: <not-ours@vendor.example>\n\n"
                + "News.\n");
        await("mailbox read", () -> api.as("acme-admin", ACME).get("/api/v1/mailboxes/" + mailbox).then().extract()
                .jsonPath(), m -> m.getString("imap.polledAt") != null);
        Thread.sleep(2500);
        assertThat(activity(email.getString("activityId")).getString("metadata.emailState")).isEqualTo("sent");
        assertThat(inboundEmails(lead)).isEmpty();
        api.as("acme-admin", ACME).get("/api/v1/mailboxes/" + mailbox).then().body("imap.error",
                org.hamcrest.Matchers.nullValue());
    }
}
