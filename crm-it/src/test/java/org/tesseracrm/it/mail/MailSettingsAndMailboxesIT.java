package org.tesseracrm.it.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.tesseracrm.it.support.CrmInfrastructure;
import org.tesseracrm.it.support.CrmWebTest;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.restassured.path.json.JsonPath;
import jakarta.mail.internet.MimeMessage;

/**
 * A tenant's own SMTP server and its users' mailboxes, against real SMTP servers: the suite's GreenMail is the
 * platform's server, and this test starts a second one that requires the tenant's credentials. The stored password
 * is used (a wrong one is refused by the server) and never shown: not in the API, not in the database in clear, not
 * in the server's log. A mailbox gives its user's e-mails their name and signature, and paces them: a minimum gap
 * between two, and an hourly cap that holds the rest back instead of dropping them.
 */
class MailSettingsAndMailboxesIT extends CrmWebTest {

    private static final String ACME = "acme.localhost";
    private static final Duration SETTLED_WITHIN = Duration.ofSeconds(20);

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private JsonPath awaitSettled(String id) throws InterruptedException {
        Instant deadline = Instant.now().plus(SETTLED_WITHIN);
        JsonPath last = null;
        while (Instant.now().isBefore(deadline)) {
            last = api.as("acme-admin", ACME).get("/api/v1/outgoing-emails/" + id).then().statusCode(200).extract()
                    .jsonPath();
            String state = last.getString("state");
            if (state.equals("sent") || state.equals("failed")) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("e-mail " + id + " not settled within " + SETTLED_WITHIN + ": " + last.prettify());
    }

    /** The e-mail once an attempt was refused (it stays queued for the next one). */
    private JsonPath awaitRefused(String id) throws InterruptedException {
        Instant deadline = Instant.now().plus(SETTLED_WITHIN);
        JsonPath last = null;
        while (Instant.now().isBefore(deadline)) {
            last = api.as("acme-admin", ACME).get("/api/v1/outgoing-emails/" + id).then().statusCode(200).extract()
                    .jsonPath();
            if (last.getString("lastError") != null) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("e-mail " + id + " not refused within " + SETTLED_WITHIN + ": " + last.prettify());
    }

    private String send(String user, String contact, String subject) {
        return api.as(user, ACME).body(Map.of("subject", subject, "body", "Hello."))
                .post("/api/v1/contacts/" + contact + "/outgoing-emails").then().statusCode(202).extract().path("id");
    }

    private String contact(String email) {
        return api.as("acme-admin", ACME).body(Map.of("lastName", "Mailer", "email", email, "owner", "acme-manager"))
                .post("/api/v1/contacts").then().statusCode(201).extract().path("id");
    }

    private long settingsVersion() {
        return api.as("acme-admin", ACME).get("/api/v1/mail-settings").then().statusCode(200).extract()
                .jsonPath().getLong("version");
    }

    private void useSmtp(Map<String, Object> smtp) {
        Map<String, Object> body = new HashMap<>();
        body.put("senderName", "Acme Sales");
        body.put("senderAddress", "sales@acme.example.com");
        body.put("smtp", smtp);
        body.put("version", settingsVersion());
        api.as("acme-admin", ACME).body(body).put("/api/v1/mail-settings").then().statusCode(200);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aTenantsOwnServerSendsWithItsStoredPasswordWhichNeverShows() throws Exception {
        String password = "smtp-pass-" + unique();
        int port = freePort();
        GreenMail tenantServer = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("crm@acme.example.com", "acme-crm",
                        password));
        tenantServer.start();
        String contact = contact("own." + unique() + "@northwind.example");
        try {
            api.as("acme-rep", ACME).get("/api/v1/mail-settings").then().statusCode(403);
            api.as("acme-admin", ACME).get("/api/v1/mail-settings").then().statusCode(200)
                    .body("smtp", nullValue()).body("passwordsStorable", equalTo(true));

            // a wrong password first: the tenant's server refuses it, so the stored credentials are what is used;
            // the e-mail waits (an admin fixes credentials) and goes out with the right ones
            useSmtp(Map.of("host", "127.0.0.1", "port", port, "security", "none", "username", "acme-crm",
                    "password", "wrong-" + password));
            String waiting = send("acme-admin", contact, "Wrong password first " + unique());
            JsonPath refused = awaitRefused(waiting);
            assertThat(refused.getString("state")).isEqualTo("queued");
            assertThat(refused.getString("lastError")).contains("535");

            useSmtp(Map.of("host", "127.0.0.1", "port", port, "security", "none", "username", "acme-crm",
                    "password", password));
            String response = api.as("acme-admin", ACME).get("/api/v1/mail-settings").then().statusCode(200)
                    .body("smtp.host", equalTo("127.0.0.1")).body("smtp.passwordSet", equalTo(true))
                    .body("senderAddress", equalTo("sales@acme.example.com")).extract().asString();
            assertThat(response).doesNotContain(password);
            // a change without a password keeps the stored one
            useSmtp(Map.of("host", "127.0.0.1", "port", port, "security", "none", "username", "acme-crm"));

            assertThat(awaitSettled(waiting).getString("state")).isEqualTo("sent");
            String subject = "Own server " + unique();
            JsonPath sent = awaitSettled(send("acme-admin", contact, subject));
            assertThat(sent.getString("state")).as(sent.prettify()).isEqualTo("sent");
            assertThat(tenantServer.getReceivedMessages()).extracting(MimeMessage::getSubject).contains(subject);
            assertThat(Messages.received(sent.getString("messageId"))).as("the platform's server").isEmpty();

            var db = CrmInfrastructure.services().database().settings();
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), CrmInfrastructure.OWNER_ROLE,
                    CrmInfrastructure.OWNER_PASSWORD);
                    ResultSet r = c.createStatement().executeQuery("SELECT smtp_password, (SELECT string_agg("
                            + "CAST(changes AS text), ' ') FROM t_acme.audit_log WHERE object_type = 'mail_setting')"
                            + " FROM t_acme.mail_setting")) {
                r.next();
                assertThat(r.getString(1)).startsWith("v1:").doesNotContain(password);
                assertThat(r.getString(2)).contains("smtpPasswordSet").doesNotContain(password);
            }
            // Payara Micro's log (rotated as payara-micro.log.N) and its server.log
            List<Path> logs;
            Path work = Path.of(System.getProperty("crm.work.dir"));
            try (var files = Files.walk(work, 3)) {
                logs = files.filter(f -> f.getFileName().toString().startsWith("payara-micro.log")
                        || f.getFileName().toString().equals("server.log")).toList();
            }
            assertThat(logs).isNotEmpty();
            for (Path log : logs) {
                assertThat(new String(Files.readAllBytes(log), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as(log.toString()).doesNotContain(password);
            }

            // bad settings are refused and change nothing
            for (Map<String, Object> bad : List.<Map<String, Object>>of(
                    Map.of("host", "127.0.0.1", "port", 0),
                    Map.of("host", "smtp.example.com;rm", "port", 25),
                    Map.of("host", "127.0.0.1", "port", 25, "security", "ssl"),
                    Map.of("host", "127.0.0.1", "port", 25, "password", "no-user"))) {
                Map<String, Object> body = new HashMap<>(Map.of("smtp", bad, "version", settingsVersion()));
                api.as("acme-admin", ACME).body(body).put("/api/v1/mail-settings").then().statusCode(400);
            }
            api.as("acme-admin", ACME).body(Map.of("version", settingsVersion() - 1)).put("/api/v1/mail-settings")
                    .then().statusCode(412);
        } finally {
            Map<String, Object> platform = new HashMap<>();
            platform.put("smtp", null);
            platform.put("version", settingsVersion());
            api.as("acme-admin", ACME).body(platform).put("/api/v1/mail-settings").then().statusCode(200)
                    .body("smtp", nullValue());
            tenantServer.stop();
        }
        String back = "Platform again " + unique();
        JsonPath again = awaitSettled(send("acme-admin", contact, back));
        assertThat(Messages.received(again.getString("messageId"))).hasSize(1);
    }

    @Test
    void aMailboxNamesAndSignsItsUsersEmailsAndPacesThemWithoutDroppingAny() throws Exception {
        String manager = api.as("acme-admin", ACME).body(Map.of("username", "acme-manager", "fromName",
                "Mia Manager", "signature", "Mia · Acme Sales", "minGapSeconds", 2))
                .post("/api/v1/mailboxes").then().statusCode(201).body("fromAddress", containsString("@"))
                .body("dailyCap", equalTo(1000)).body("hourlyCap", equalTo(200)).extract().path("id");
        try {
            api.as("acme-admin", ACME).body(Map.of("username", "acme-manager")).post("/api/v1/mailboxes").then()
                    .statusCode(409);
            api.as("acme-admin", ACME).body(Map.of("username", "nobody-" + unique())).post("/api/v1/mailboxes")
                    .then().statusCode(400);
            api.as("acme-manager", ACME).body(Map.of("username", "acme-rep")).post("/api/v1/mailboxes").then()
                    .statusCode(403);
            api.as("acme-rep", ACME).get("/api/v1/mailboxes/" + manager).then().statusCode(404);
            // another tenant's admin sees neither the mailbox nor acme's mail settings
            api.as("globex-admin", "globex.localhost").get("/api/v1/mailboxes/" + manager).then().statusCode(404);
            api.as("globex-admin", ACME).get("/api/v1/mail-settings").then().statusCode(403);
            api.as("acme-rep", ACME).get("/api/v1/mailboxes").then().statusCode(403);
            api.as("acme-manager", ACME).get("/api/v1/mailboxes").then().statusCode(200)
                    .body("username", org.hamcrest.Matchers.hasItem("acme-manager"));
            long version = api.as("acme-manager", ACME).get("/api/v1/mailboxes/" + manager).then().statusCode(200)
                    .extract().jsonPath().getLong("version");
            // the owner may raise nothing but their name and signature
            api.as("acme-manager", ACME).body(Map.of("dailyCap", 100000, "version", version))
                    .put("/api/v1/mailboxes/" + manager).then().statusCode(403);
            version = api.as("acme-manager", ACME).body(Map.of("signature", "Mia\nAcme Sales", "version", version))
                    .put("/api/v1/mailboxes/" + manager).then().statusCode(200).body("signature",
                            equalTo("Mia\nAcme Sales"))
                    .extract().jsonPath().getLong("version");

            // three at once with a 2 s gap: all sent, each at least 2 s after the one before, named and signed
            String contact = contact("paced." + unique() + "@northwind.example");
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(send("acme-manager", contact, "Paced " + i + " " + unique()));
            }
            List<OffsetDateTime> sentAt = new ArrayList<>();
            for (String id : ids) {
                JsonPath sent = awaitSettled(id);
                assertThat(sent.getString("state")).isEqualTo("sent");
                assertThat(sent.getString("from")).isEqualTo("Mia Manager <" + sent.getString("from")
                        .replaceAll(".*<|>.*", "") + ">");
                sentAt.add(OffsetDateTime.parse(sent.getString("sentAt")));
                MimeMessage message = Messages.received(sent.getString("messageId")).get(0);
                assertThat(message.getFrom()[0].toString()).startsWith("Mia Manager <");
                assertThat(Messages.text(message)).isEqualTo("Hello.\n\n-- \nMia\nAcme Sales");
                assertThat(Messages.html(message)).contains("class=\"signature\"", "Mia\nAcme Sales");
            }
            sentAt.sort(null);
            for (int i = 1; i < sentAt.size(); i++) {
                // the gap is kept between handing e-mails to the server; sent_at is stamped after each SMTP
                // conversation, whose length varies (the first one also connects), so it shows a little less
                assertThat(Duration.between(sentAt.get(i - 1), sentAt.get(i))).isGreaterThanOrEqualTo(
                        Duration.ofMillis(1500));
            }

            // an hourly cap of 4: three went out this hour, so one more goes and the next waits for the hour
            api.as("acme-admin", ACME).body(Map.of("hourlyCap", 4, "minGapSeconds", 0, "version", version))
                    .put("/api/v1/mailboxes/" + manager).then().statusCode(200);
            String fourth = send("acme-manager", contact, "Fourth " + unique());
            String fifth = send("acme-manager", contact, "Fifth " + unique());
            assertThat(awaitSettled(fourth).getString("state")).isEqualTo("sent");
            Thread.sleep(2000); // several dispatcher rounds
            JsonPath held = api.as("acme-manager", ACME).get("/api/v1/outgoing-emails/" + fifth).then()
                    .statusCode(200).extract().jsonPath();
            assertThat(held.getString("state")).isEqualTo("queued");
            assertThat(held.getString("lastError")).contains("held", "last hour");
            assertThat(held.getInt("attempts")).isZero();
            assertThat(OffsetDateTime.parse(held.getString("nextAttemptAt"))).isAfter(sentAt.get(0)
                    .plusMinutes(59)).isBefore(sentAt.get(0).plusMinutes(61));
        } finally {
            api.as("acme-admin", ACME).delete("/api/v1/mailboxes/" + manager).then().statusCode(204);
        }
        api.as("acme-admin", ACME).get("/api/v1/mailboxes/" + manager).then().statusCode(404);
    }

    @Test
    void aMailboxSendsOnlyInsideItsWindowAndWideningItReleasesWhatWaited() throws Exception {
        // a window that opens two hours from now (UTC) and lasts an hour: closed now, whatever the time of day
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
        String opens = String.format("%02d:00", (now.getHour() + 2) % 24);
        String closes = String.format("%02d:00", (now.getHour() + 3) % 24);
        List<String> everyDay = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");
        String manager = api.as("acme-admin", ACME).body(Map.of("username", "acme-manager", "sendingWindow", Map.of(
                "days", everyDay, "start", opens, "end", closes, "timeZone", "UTC"))).post("/api/v1/mailboxes")
                .then().statusCode(201).body("sendingWindow.start", equalTo(opens)).body("sendingWindow.end",
                        equalTo(closes))
                .body("sendingWindow.timeZone", equalTo("UTC"))
                .body("sendingWindow.days", org.hamcrest.Matchers.hasSize(7)).extract().path("id");
        try {
            long version = api.as("acme-admin", ACME).get("/api/v1/mailboxes/" + manager).then().statusCode(200)
                    .extract().jsonPath().getLong("version");
            // windows that cannot be kept are refused, and change nothing
            for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("days", List.of()),
                    Map.of("days", List.of("FUNDAY")), Map.of("days", everyDay, "start", "09:00"),
                    Map.of("days", everyDay, "start", "25:00", "end", "26:00"),
                    Map.of("days", everyDay, "start", "09:00", "end", "09:00"),
                    Map.of("days", everyDay, "timeZone", "Mars/Olympus"))) {
                api.as("acme-admin", ACME).body(Map.of("sendingWindow", bad, "version", version))
                        .put("/api/v1/mailboxes/" + manager).then().statusCode(400)
                        .contentType(containsString("problem+json"));
            }
            // the owner may not widen their own window
            api.as("acme-manager", ACME).body(Map.of("sendingWindow", Map.of("days", everyDay), "version", version))
                    .put("/api/v1/mailboxes/" + manager).then().statusCode(403);

            String contact = contact("windowed." + unique() + "@northwind.example");
            String id = send("acme-manager", contact, "Windowed " + unique());
            JsonPath held = awaitRefused(id);
            assertThat(held.getString("state")).isEqualTo("queued");
            assertThat(held.getString("lastError")).contains("held", "sending window");
            assertThat(held.getInt("attempts")).isZero();
            java.time.OffsetDateTime next = java.time.OffsetDateTime.parse(held.getString("nextAttemptAt"));
            assertThat(next.getMinute()).isZero();
            assertThat(next.atZoneSameInstant(java.time.ZoneOffset.UTC).getHour()).isEqualTo((now.getHour() + 2)
                    % 24);
            Thread.sleep(1500); // several dispatcher rounds: still waiting
            assertThat(api.as("acme-manager", ACME).get("/api/v1/outgoing-emails/" + id).then().extract().path(
                    "state").toString()).isEqualTo("queued");

            // all day, every day: what waited goes out now, not two hours later
            api.as("acme-admin", ACME).body(Map.of("sendingWindow", Map.of("days", everyDay), "version", version))
                    .put("/api/v1/mailboxes/" + manager).then().statusCode(200)
                    .body("sendingWindow.start", org.hamcrest.Matchers.nullValue());
            assertThat(awaitSettled(id).getString("state")).isEqualTo("sent");
        } finally {
            api.as("acme-admin", ACME).delete("/api/v1/mailboxes/" + manager).then().statusCode(204);
        }
    }

    /**
     * A window read in the recipient's time zone: the mailbox's own zone makes now 12:xx (inside 09:00–17:00), the
     * first contact's makes it 00:xx (outside: held, with the reason naming the recipient's zone), a contact without a
     * zone is judged in the mailbox's (sent). Etc/GMT zones have no daylight saving, so the test holds at any hour.
     */
    @Test
    void aWindowInTheRecipientsTimeZoneHoldsEachEmailByItsRecipient() throws Exception {
        List<String> everyDay = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");
        String noon = zoneWhereItIsNow(12);
        String midnight = zoneWhereItIsNow(0);
        String manager = api.as("acme-admin", ACME).body(Map.of("username", "acme-manager", "sendingWindow", Map.of(
                "days", everyDay, "start", "09:00", "end", "17:00", "timeZone", noon, "inRecipientZone", true)))
                .post("/api/v1/mailboxes").then().statusCode(201).body("sendingWindow.inRecipientZone", equalTo(true))
                .extract().path("id");
        try {
            String sleeping = contact("asleep." + unique() + "@northwind.example");
            String etag = api.as("acme-admin", ACME).get("/api/v1/contacts/" + sleeping).then().statusCode(200)
                    .extract().header("ETag");
            for (String bad : List.of("Mars/Olympus", "+02:00", "UTC+2", "x".repeat(70))) {
                api.as("acme-admin", ACME).header("If-Match", etag).body(Map.of("timeZone", bad))
                        .patch("/api/v1/contacts/" + sleeping).then().statusCode(400)
                        .contentType(containsString("problem+json"));
            }
            api.as("acme-admin", ACME).header("If-Match", etag).body(Map.of("timeZone", midnight))
                    .patch("/api/v1/contacts/" + sleeping).then().statusCode(200).body("timeZone", equalTo(midnight));
            String zoneless = contact("zoneless." + unique() + "@northwind.example");

            String held = send("acme-manager", sleeping, "Night " + unique());
            String sent = send("acme-manager", zoneless, "Noon " + unique());

            assertThat(awaitSettled(sent).getString("state")).isEqualTo("sent");
            JsonPath waiting = awaitRefused(held);
            assertThat(waiting.getString("state")).isEqualTo("queued");
            assertThat(waiting.getString("lastError")).contains("sending window", midnight, "recipient's time zone");
            java.time.OffsetDateTime next = java.time.OffsetDateTime.parse(waiting.getString("nextAttemptAt"));
            assertThat(next.atZoneSameInstant(java.time.ZoneId.of(midnight)).getHour()).as("09:00 the recipient's time")
                    .isEqualTo(9);
        } finally {
            api.as("acme-admin", ACME).delete("/api/v1/mailboxes/" + manager).then().statusCode(204);
        }
    }

    /** An Etc/GMT zone in which the local hour is {@code localHour} now (Etc/GMT-3 is UTC+3). */
    private static String zoneWhereItIsNow(int localHour) {
        int utcHour = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).getHour();
        int offset = Math.floorMod(localHour - utcHour, 24);
        if (offset > 12) {
            offset -= 24;
        }
        return offset == 0 ? "Etc/GMT" : "Etc/GMT" + (offset > 0 ? "-" : "+") + Math.abs(offset);
    }
}
