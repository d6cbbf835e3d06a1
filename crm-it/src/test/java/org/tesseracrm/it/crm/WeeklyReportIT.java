package org.tesseracrm.it.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.tesseracrm.it.support.CrmInfrastructure;
import org.tesseracrm.it.support.CrmWebTest;

import io.restassured.response.Response;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/**
 * The weekly-report job against the real SMTP server (GreenMail): every active admin and sales manager gets one
 * e-mail with the PDF and the CSV of the week as they see it in the API, and a rerun for the same week sends
 * nothing (GreenMail's counts before and after).
 */
class WeeklyReportIT extends CrmWebTest {

    private static final String ACME = "acme.localhost";

    /** The active admins and managers of acme, by username, with their addresses. */
    private static Map<String, String> recipients() throws Exception {
        Map<String, String> recipients = new HashMap<>();
        try (Connection c = CrmInfrastructure.services().controlPlane().connect();
                PreparedStatement s = c.prepareStatement("SELECT username, lower(email) FROM t_acme.app_user WHERE"
                        + " status = 'ACTIVE' AND role IN ('crm-admin', 'sales-manager')");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                recipients.put(r.getString(1), r.getString(2));
            }
        }
        return recipients;
    }

    private static String thisWeek() throws Exception {
        String zone;
        try (Connection c = CrmInfrastructure.services().controlPlane().connect();
                PreparedStatement s = c.prepareStatement("SELECT time_zone FROM t_acme.workspace_setting");
                ResultSet r = s.executeQuery()) {
            r.next();
            zone = r.getString(1);
        }
        LocalDate today = LocalDate.now(ZoneId.of(zone));
        return String.format("%d-W%02d", today.get(IsoFields.WEEK_BASED_YEAR), today.get(
                IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** The weekly reports of {@code week} GreenMail received, by recipient address. */
    private static Map<String, List<MimeMessage>> received(String week) throws MessagingException {
        Map<String, List<MimeMessage>> byRecipient = new HashMap<>();
        for (MimeMessage message : CrmInfrastructure.services().mail().greenMail().getReceivedMessages()) {
            if (message.getSubject() != null && message.getSubject().startsWith("Weekly sales report " + week + " ")) {
                for (var to : message.getRecipients(Message.RecipientType.TO)) {
                    byRecipient.computeIfAbsent(to.toString().toLowerCase(), k -> new ArrayList<>()).add(message);
                }
            }
        }
        return byRecipient;
    }

    private String runJob(String week, String expectedExit) throws InterruptedException {
        Response started = api.as("acme-admin", ACME).queryParam("week", week)
                .post("/api/v1/jobs/weekly-report/executions");
        started.then().statusCode(202).body("job", equalTo("weekly-report"));
        String path = URI.create(started.header("Location")).getPath();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        Response run;
        do {
            Thread.sleep(250);
            run = api.as("acme-admin", ACME).get(path);
        } while (!List.of("COMPLETED", "FAILED", "ABANDONED", "STOPPED").contains(run.<String>path("status"))
                && Instant.now().isBefore(deadline));
        assertThat(run.<String>path("status")).as(run.asString()).isEqualTo("COMPLETED");
        assertThat(run.<String>path("exitStatus")).isEqualTo(expectedExit);
        return path;
    }

    private static Map<String, byte[]> attachments(MimeMessage message) throws Exception {
        assertThat(message.isMimeType("multipart/mixed")).as(message.getContentType()).isTrue();
        Multipart parts = (Multipart) message.getContent();
        Map<String, byte[]> files = new HashMap<>();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                try (InputStream in = part.getInputStream()) {
                    files.put(part.getFileName(), in.readAllBytes());
                }
            }
        }
        return files;
    }

    @Test
    void everyAdminAndManagerGetsTheirWeekOnceWithPdfAndCsv() throws Exception {
        // something to count this week: a lead of the rep's with a completed call
        String lead = api.as("acme-rep", ACME).body(Map.of("lastName", "Weekly " + UUID.randomUUID()))
                .post("/api/v1/leads").then().statusCode(201).extract().path("id");
        api.as("acme-rep", ACME).body(Map.of("completedAt", OffsetDateTime.now(ZoneOffset.UTC).toString(), "outcome",
                "Connected", "durationSeconds", 600)).post("/api/v1/leads/" + lead + "/calls").then().statusCode(201);

        String week = thisWeek();
        Map<String, String> recipients = recipients();
        assertThat(recipients).containsKeys("acme-admin", "acme-manager").doesNotContainKeys("acme-rep",
                "acme-viewer");
        assertThat(received(week)).isEmpty();
        runJob(week, "week=" + week + " sent=" + recipients.size() + " already=0");

        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (received(week).size() < recipients.size() && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
        }
        Map<String, List<MimeMessage>> got = received(week);
        assertThat(got.keySet()).containsExactlyInAnyOrderElementsOf(recipients.values());
        for (Map.Entry<String, String> recipient : recipients.entrySet()) {
            List<MimeMessage> messages = got.get(recipient.getValue());
            assertThat(messages).as(recipient.getKey()).hasSize(1);
            MimeMessage message = messages.get(0);
            assertThat(message.getHeader("X-SMTPAPI")).as("not tracked").isNull();
            Map<String, byte[]> files = attachments(message);
            assertThat(files).containsOnlyKeys("weekly-report-" + week + ".pdf", "weekly-report-" + week + ".csv");
            // the CSV is exactly what the API gives that person for that week
            String api = this.api.as(recipient.getKey(), ACME).queryParam("week", week).get(
                    "/api/v1/reports/week/csv").then().statusCode(200).extract().asString();
            assertThat(new String(files.get("weekly-report-" + week + ".csv"), StandardCharsets.UTF_8))
                    .as(recipient.getKey()).isEqualTo(api);
            var figures = this.api.as(recipient.getKey(), ACME).queryParam("week", week).get(
                    "/api/v1/reports/week").then().statusCode(200).extract().jsonPath();
            try (PDDocument pdf = Loader.loadPDF(files.get("weekly-report-" + week + ".pdf"))) {
                String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
                assertThat(text).contains("Weekly sales report " + week, "Calls completed " + figures.getLong(
                        "callsCompleted"), "E-mails sent " + figures.getLong("emailsSent"), "New leads "
                                + figures.getLong("newLeads"));
            }
            String body = org.tesseracrm.it.mail.Messages.text(message);
            assertThat(body).contains("WEEKLY SALES REPORT " + week).containsPattern("Calls completed: +"
                    + figures.getLong("callsCompleted") + "\n");
        }
        long adminCalls = api.as("acme-admin", ACME).queryParam("week", week).get("/api/v1/reports/week").then()
                .extract().<Integer>path("callsCompleted");
        assertThat(adminCalls).isGreaterThanOrEqualTo(1);

        // a rerun of the same week sends nothing twice
        runJob(week, "week=" + week + " sent=0 already=" + recipients.size());
        Thread.sleep(3_000); // the dispatcher sends every 0.5 s here: anything queued would have gone
        assertThat(received(week).values()).allSatisfy(messages -> assertThat(messages).hasSize(1));
        assertThat(Arrays.stream(CrmInfrastructure.services().mail().greenMail().getReceivedMessages()).filter(
                m -> subject(m).startsWith("Weekly sales report " + week + " "))).hasSize(recipients.size());
    }

    @Test
    void onlyAdminsStartItAndOnlyForAWeekThatExists() {
        for (String bad : List.of("2026-W54", "2025-W53", "W48", "2026-48", "2026-W4a")) {
            api.as("acme-admin", ACME).queryParam("week", bad).post("/api/v1/jobs/weekly-report/executions").then()
                    .statusCode(400).contentType(startsWith("application/problem+json"));
        }
        api.as("acme-admin", ACME).queryParam("week", "2026-W48").post("/api/v1/jobs/segment-refresh/executions")
                .then().statusCode(400).contentType(startsWith("application/problem+json"));
        api.as("acme-manager", ACME).post("/api/v1/jobs/weekly-report/executions").then().statusCode(403);
        api.as("acme-rep", ACME).post("/api/v1/jobs/weekly-report/executions").then().statusCode(403);
    }

    private static String subject(MimeMessage message) {
        try {
            return String.valueOf(message.getSubject());
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
