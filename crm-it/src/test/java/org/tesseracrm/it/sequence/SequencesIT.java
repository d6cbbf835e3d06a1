package org.tesseracrm.it.sequence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tesseracrm.it.support.CrmInfrastructure;
import org.tesseracrm.it.support.CrmWebTest;
import org.tesseracrm.it.support.ReadMailboxes;

import io.restassured.path.json.JsonPath;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * Sequences end to end, against the real SMTP and IMAP server: the {@code sequence-run} job (every 2 s here) sends
 * each e-mail step once from the sender's mailbox, makes the task of a TASK step and waits for it, a reply read from
 * the mailbox ends the enrollment before its next step, a step that cannot run goes to the dead-letter list, pausing
 * holds the steps back, and operators can start a run and read its progress per tenant.
 */
class SequencesIT extends CrmWebTest {

    private static final String ACME = "acme.localhost";
    private static final Duration WITHIN = Duration.ofSeconds(40);

    private String mailbox;
    private String repAddress;

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    @BeforeEach
    void theRepsMailboxIsRead() {
        ReadMailboxes.ReadMailbox read = ReadMailboxes.setUp(api, "acme-rep", Map.of("fromName", "Rita Rep"));
        mailbox = read.id();
        repAddress = read.address();
    }

    @AfterEach
    void removeTheMailbox() {
        ReadMailboxes.remove(api, new ReadMailboxes.ReadMailbox(mailbox, repAddress));
    }

    private String lead(String email) {
        Map<String, Object> body = new HashMap<>(Map.of("firstName", "Lee", "lastName", "Prospect " + unique(),
                "company", "Globodyne"));
        if (email != null) {
            body.put("email", email);
        }
        return api.as("acme-rep", ACME).body(body).post("/api/v1/leads").then().statusCode(201).extract().path("id");
    }

    private String sequence(List<Map<String, Object>> steps) {
        return api.as("acme-rep", ACME).body(Map.of("name", "Follow-up " + unique(), "steps", steps))
                .post("/api/v1/sequences").then().statusCode(201).body("owner", equalTo("acme-rep")).extract()
                .path("id");
    }

    private static Map<String, Object> email(int delayDays, String subject) {
        return Map.of("type", "EMAIL_AUTO", "delayDays", delayDays, "subject", subject, "body",
                "Hi {{lead.firstName}}, following up.");
    }

    private JsonPath enroll(String sequence, List<String> leads) {
        return api.as("acme-rep", ACME).body(Map.of("leadIds", leads)).post("/api/v1/sequences/" + sequence
                + "/enrollments").then().statusCode(200).extract().jsonPath();
    }

    private JsonPath enrollment(String id) {
        return api.as("acme-rep", ACME).get("/api/v1/enrollments/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath await(String what, Supplier<JsonPath> read, Predicate<JsonPath> done)
            throws InterruptedException {
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

    private static List<MimeMessage> received(String subject) {
        return Arrays.stream(CrmInfrastructure.services().mail().greenMail().getReceivedMessages()).filter(m -> {
            try {
                return subject.equals(m.getSubject());
            } catch (MessagingException e) {
                return false;
            }
        }).toList();
    }

    @Test
    void eachStepRunsOnceFromTheSendersMailboxAndATaskStepWaitsForItsTask() throws Exception {
        String first = "Step one " + unique();
        String second = "Step two " + unique();
        String sequence = sequence(List.of(email(0, first), email(0, second), Map.of("type", "TASK", "title",
                "Check in by phone", "body", "Ask about the budget")));
        String lead = lead("lee." + unique() + "@globodyne.example");
        JsonPath result = enroll(sequence, List.of(lead, lead));
        assertThat(result.getList("enrolled")).hasSize(1);
        String id = result.getString("enrolled[0].id");
        assertThat(result.getString("enrolled[0].status")).isEqualTo("active");
        assertThat(enroll(sequence, List.of(lead)).getString("skipped[0].reason")).isEqualTo("already-enrolled");

        JsonPath waiting = await("the task step", () -> enrollment(id), e -> e.getString("waitingTaskId") != null);
        assertThat(waiting.getInt("currentStep")).isEqualTo(2);
        assertThat(waiting.getString("nextRunAt")).isNull();
        Thread.sleep(5000); // two more runs of sequence-run
        for (String subject : List.of(first, second)) {
            List<MimeMessage> arrived = received(subject);
            assertThat(arrived).as(subject).hasSize(1);
            assertThat(arrived.get(0).getFrom()[0].toString()).isEqualTo("Rita Rep <" + repAddress + ">");
            // the step's own text has its merge fields filled in, like a template's
            assertThat(org.tesseracrm.it.mail.Messages.text(arrived.get(0))).startsWith("Hi Lee, following up.");
        }
        JsonPath steps = api.as("acme-viewer", ACME).get("/api/v1/enrollments/" + id + "/steps").then()
                .statusCode(200).extract().jsonPath();
        assertThat(steps.getList("outcome")).containsExactly("sent", "sent", "task");
        api.as("globex-admin", "globex.localhost").get("/api/v1/enrollments/" + id).then().statusCode(404);
        api.as("globex-admin", "globex.localhost").post("/api/v1/enrollments/" + id + "/pause").then()
                .statusCode(404);
        assertThat(steps.getString("[0].outgoingEmailId")).isNotNull();
        String task = waiting.getString("waitingTaskId");
        api.as("acme-rep", ACME).get("/api/v1/tasks/" + task).then().statusCode(200)
                .body("title", equalTo("Check in by phone")).body("assignee", equalTo("acme-rep"))
                .body("leadId", equalTo(lead));
        api.as("acme-rep", ACME).get("/api/v1/leads/" + lead).then().body("emailsSent", equalTo(2))
                .body("status", equalTo("contacted"));

        api.as("acme-rep", ACME).post("/api/v1/tasks/" + task + "/complete").then().statusCode(200);
        JsonPath finished = await("finished", () -> enrollment(id), e -> "finished".equals(e.getString("status")));
        assertThat(finished.getInt("currentStep")).isEqualTo(3);
        api.as("acme-rep", ACME).get("/api/v1/sequences/" + sequence).then().statusCode(200)
                .body("enrollments.finished", equalTo(1));
    }

    @Test
    void aReplyBeforeTheNextStepEndsTheEnrollmentAndTheStepNeverRuns() throws Exception {
        String first = "Intro " + unique();
        String sequence = sequence(List.of(email(0, first), email(1, "Bump " + unique())));
        String lead = lead("ann." + unique() + "@globodyne.example");
        String id = enroll(sequence, List.of(lead)).getString("enrolled[0].id");
        JsonPath afterFirst = await("first step", () -> enrollment(id), e -> e.getInt("currentStep") == 1);
        assertThat(OffsetDateTimeParse.of(afterFirst.getString("nextRunAt"))).isAfter(Instant.now().plus(
                Duration.ofHours(23)));
        String messageId = await("the first e-mail", () -> new JsonPath("{\"n\": " + received(first).size() + "}"),
                j -> j.getInt("n") == 1) != null ? received(first).get(0).getMessageID() : null;

        Instant delivered = Instant.now();
        MimeMessage reply = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(("From: ann.other@home.example\r\nTo: " + repAddress + "\r\nSubject: Re: "
                        + first + "\r\n"
                        + "Message-ID: <r-" + unique() + "@home.example>\r\nIn-Reply-To: " + messageId + "\r\n\r\n"
                        + "Not now, thanks.\r\n").getBytes(StandardCharsets.UTF_8)));
        CrmInfrastructure.services().mail().greenMail().getUserManager().getUserByEmail(repAddress).deliver(reply);
        JsonPath exited = await("exited", () -> enrollment(id), e -> "exited".equals(e.getString("status")));
        System.out.println("reply delivered to enrollment exited: " + Duration.between(delivered, Instant.now())
                .toMillis() + " ms (IMAP poll interval 1 s)");
        assertThat(exited.getString("exitReason")).isEqualTo("replied");
        assertThat(exited.getString("nextRunAt")).isNull();
        api.as("acme-rep", ACME).get("/api/v1/leads/" + lead).then().body("status", equalTo("replied"));
        api.as("acme-rep", ACME).queryParam("leadId", lead).get("/api/v1/enrollments").then().statusCode(200)
                .body("[0].exitReason", equalTo("replied"));
        assertThat(api.as("acme-rep", ACME).get("/api/v1/enrollments/" + id + "/steps").then().extract().jsonPath()
                .getList("outcome")).containsExactly("sent");
    }

    @Test
    void aMeetingLoggedWithTheLeadOrOnADealWithTheContactEndsTheirSequences() throws Exception {
        String sequence = sequence(List.of(email(0, "Meet " + unique()), email(2, "Bump " + unique())));
        String lead = lead("mia." + unique() + "@globodyne.example");
        String enrolled = enroll(sequence, List.of(lead)).getString("enrolled[0].id");
        await("first step", () -> enrollment(enrolled), e -> e.getInt("currentStep") == 1);
        api.as("acme-rep", ACME).body(Map.of("subject", "Demo", "completedAt", OffsetDateTime.now().toString()))
                .post("/api/v1/leads/" + lead + "/meetings").then().statusCode(201);
        JsonPath exited = enrollment(enrolled);
        assertThat(exited.getString("status")).isEqualTo("exited");
        assertThat(exited.getString("exitReason")).isEqualTo("meeting");

        // a contact, through a meeting logged on their deal
        String contact = api.as("acme-rep", ACME).body(Map.of("firstName", "Moe", "lastName", "Deal " + unique(),
                "email", "moe." + unique() + "@globodyne.example")).post("/api/v1/contacts").then().statusCode(201)
                .extract().path("id");
        String inContact = api.as("acme-rep", ACME).body(Map.of("contactIds", List.of(contact))).post(
                "/api/v1/sequences/" + sequence + "/enrollments").then().statusCode(200).extract().path(
                        "enrolled[0].id");
        String deal = api.as("acme-rep", ACME)
                .body(Map.of("name", "Deal for Moe " + unique(), "contactId", contact, "value", 1000, "currency",
                        "EUR"))
                .post("/api/v1/deals").then().statusCode(201).extract().path("id");
        api.as("acme-rep", ACME)
                .body(Map.of("subject", "Kick-off", "scheduledFor", OffsetDateTime.now().plusDays(1).toString()))
                .post("/api/v1/deals/" + deal + "/meetings").then().statusCode(201);
        assertThat(enrollment(inContact).getString("exitReason")).isEqualTo("meeting");
        // a call is no meeting: a new enrollment stays
        String again = enroll(sequence, List.of(lead("mo." + unique() + "@globodyne.example")))
                .getString("enrolled[0].id");
        String leadAgain = enrollment(again).getString("leadId");
        api.as("acme-rep", ACME).body(Map.of("outcome", "Connected", "completedAt", OffsetDateTime.now().toString()))
                .post("/api/v1/leads/" + leadAgain + "/calls").then().statusCode(201);
        assertThat(enrollment(again).getString("status")).isEqualTo("active");
    }

    @Test
    void aReplyWithdrawsTheFollowUpsTheMailboxsGapStillHoldsAndTheyAreNeverSent() throws Exception {
        // one e-mail an hour from this mailbox: all three steps run at once, the second and third e-mails wait
        ReadMailboxes.remove(api, new ReadMailboxes.ReadMailbox(mailbox, repAddress));
        ReadMailboxes.ReadMailbox gapped = ReadMailboxes.setUp(api, "acme-rep", Map.of("fromName", "Rita Rep",
                "minGapSeconds", 3600));
        mailbox = gapped.id();
        String first = "Held intro " + unique();
        String second = "Held bump " + unique();
        String third = "Held last " + unique();
        String sequence = sequence(List.of(email(0, first), email(0, second), email(0, third)));
        String lead = lead("hal." + unique() + "@globodyne.example");
        String id = enroll(sequence, List.of(lead)).getString("enrolled[0].id");
        await("all three steps run", () -> enrollment(id), e -> "finished".equals(e.getString("status")));
        String messageId = await("the first e-mail", () -> new JsonPath("{\"n\": " + received(first).size() + "}"),
                j -> j.getInt("n") == 1) != null ? received(first).get(0).getMessageID() : null;
        List<String> held = api.as("acme-rep", ACME).get("/api/v1/enrollments/" + id + "/steps").then()
                .statusCode(200).extract().jsonPath().getList("outgoingEmailId", String.class).subList(1, 3);
        for (String email : held) {
            api.as("acme-rep", ACME).get("/api/v1/outgoing-emails/" + email).then().statusCode(200)
                    .body("state", equalTo("queued"));
        }

        MimeMessage reply = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(("From: hal@home.example\r\nTo: " + repAddress + "\r\nSubject: Re: "
                        + first + "\r\nMessage-ID: <r-" + unique() + "@home.example>\r\nIn-Reply-To: " + messageId
                        + "\r\n\r\nPlease stop.\r\n").getBytes(StandardCharsets.UTF_8)));
        CrmInfrastructure.services().mail().greenMail().getUserManager().getUserByEmail(repAddress).deliver(reply);
        await("the lead replied", () -> api.as("acme-rep", ACME).get("/api/v1/leads/" + lead).then().extract()
                .jsonPath(), l -> "replied".equals(l.getString("status")));
        for (String email : held) {
            JsonPath withdrawn = api.as("acme-rep", ACME).get("/api/v1/outgoing-emails/" + email).then()
                    .statusCode(200).extract().jsonPath();
            assertThat(withdrawn.getString("state")).isEqualTo("cancelled");
            assertThat(withdrawn.getString("lastError")).contains("replied");
        }
        // the lead counts what went out, not what was withdrawn
        assertThat(api.as("acme-rep", ACME).get("/api/v1/leads/" + lead).then().extract().jsonPath().getInt(
                "emailsSent")).isEqualTo(1);
        // it counted as finished only because its last steps were queued: they never went out, so it was stopped
        JsonPath stopped = enrollment(id);
        assertThat(stopped.getString("status")).isEqualTo("exited");
        assertThat(stopped.getString("exitReason")).isEqualTo("replied");
        // nothing is sent even once the gap would allow it
        ReadMailboxes.remove(api, gapped);
        ReadMailboxes.ReadMailbox open = ReadMailboxes.setUp(api, "acme-rep", Map.of("fromName", "Rita Rep"));
        mailbox = open.id();
        Thread.sleep(3000);
        assertThat(received(second)).isEmpty();
        assertThat(received(third)).isEmpty();
    }

    @Test
    void aStepThatCannotRunGoesToTheDeadLetterListAndPausingHoldsStepsBack() throws Exception {
        // due tomorrow: nothing runs until the test makes it due (the test's hand on the clock)
        String sequence = sequence(List.of(email(1, "Dead " + unique())));
        String gone = lead("gone." + unique() + "@globodyne.example");
        String held = lead("held." + unique() + "@globodyne.example");
        String blocked = "blocked." + unique() + "@globodyne.example";
        String suppressed = lead(blocked.toUpperCase(java.util.Locale.ROOT));
        api.as("acme-admin", ACME).body(Map.of("address", blocked)).post("/api/v1/email-suppressions").then()
                .statusCode(201);
        String managers = api.as("acme-manager", ACME).body(Map.of("firstName", "Mo", "lastName", "Managed "
                + unique(), "email", "mo." + unique() + "@globodyne.example")).post("/api/v1/leads").then()
                .statusCode(201).extract().path("id");
        JsonPath result = api.as("acme-rep", ACME).body(Map.of("leadIds", List.of(gone, held, lead(null),
                UUID.randomUUID().toString(), suppressed, managers))).post("/api/v1/sequences/" + sequence
                        + "/enrollments")
                .then().statusCode(200).extract().jsonPath();
        assertThat(result.getList("skipped.reason")).containsExactly("no-email", "not-found", "suppressed",
                "not-yours");
        String goneId = result.getString("enrolled.find { it.leadId == '" + gone + "' }.id");
        String heldId = result.getString("enrolled.find { it.leadId == '" + held + "' }.id");
        api.as("acme-rep", ACME).post("/api/v1/enrollments/" + heldId + "/pause").then().log().ifValidationFails()
                .statusCode(200)
                .body("status", equalTo("paused"));
        // the address goes away after enrolling: the e-mail step cannot run
        api.as("acme-rep", ACME).body(Map.of("email", "")).patch("/api/v1/leads/" + gone).then().statusCode(200);
        dueNow(goneId);
        dueNow(heldId);
        JsonPath failed = await("failed", () -> enrollment(goneId), e -> "exited".equals(e.getString("status")));
        assertThat(failed.getString("exitReason")).isEqualTo("step-failed");
        JsonPath steps = api.as("acme-rep", ACME).get("/api/v1/enrollments/" + goneId + "/steps").then().extract()
                .jsonPath();
        assertThat(steps.getList("outcome")).containsExactly("failed");
        assertThat(steps.getString("[0].detail")).contains("e-mail address");
        // the dead-letter list, the tenant's and the sequence's; not another tenant's
        JsonPath deadLetters = api.as("acme-viewer", ACME).queryParam("limit", 500)
                .get("/api/v1/sequences/failed-steps")
                .then().statusCode(200).extract().jsonPath();
        assertThat(deadLetters.getString("find { it.enrollmentId == '" + goneId + "' }.leadId")).isEqualTo(gone);
        assertThat(deadLetters.getString("find { it.enrollmentId == '" + goneId + "' }.detail")).contains(
                "e-mail address");
        api.as("acme-rep", ACME).get("/api/v1/sequences/" + sequence + "/failed-steps").then().statusCode(200)
                .body("enrollmentId", equalTo(List.of(goneId))).body("[0].position", equalTo(0))
                .body("[0].sender", equalTo("acme-rep"));
        api.as("globex-admin", "globex.localhost").get("/api/v1/sequences/failed-steps").then().statusCode(200)
                .body("enrollmentId", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(goneId)));
        api.as("globex-admin", "globex.localhost").get("/api/v1/sequences/" + sequence + "/failed-steps").then()
                .statusCode(404);
        for (String limit : List.of("0", "501", "ten")) {
            api.as("acme-rep", ACME).queryParam("limit", limit).get("/api/v1/sequences/failed-steps").then()
                    .statusCode(400).contentType(org.hamcrest.Matchers.containsString("problem+json"));
        }

        Thread.sleep(3000);
        assertThat(enrollment(heldId).getString("status")).isEqualTo("paused");
        assertThat(enrollment(heldId).getInt("currentStep")).isZero();
        api.as("acme-rep", ACME).post("/api/v1/enrollments/" + heldId + "/pause").then().statusCode(409);
        api.as("acme-rep", ACME).post("/api/v1/enrollments/" + heldId + "/resume").then().statusCode(200);
        await("resumed and sent", () -> enrollment(heldId), e -> "finished".equals(e.getString("status")));
        api.as("acme-rep", ACME).post("/api/v1/enrollments/" + heldId + "/unenroll").then().statusCode(409);
        api.as("acme-viewer", ACME).post("/api/v1/enrollments/" + heldId + "/resume").then().statusCode(403);
    }

    @Test
    void everyLeadAListSearchMatchesIsEnrolledOnceAndABadSearchEnrollsNone() {
        String tag = "webinar-" + unique();
        List<String> tagged = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = lead("tagged." + unique() + "@prospects.example");
            api.as("acme-rep", ACME).body(Map.of("tags", List.of(tag))).patch("/api/v1/leads/" + id).then()
                    .statusCode(200);
            tagged.add(id);
        }
        lead("untagged." + unique() + "@prospects.example");
        String sequence = sequence(List.of(email(3, "Webinar follow-up " + unique())));
        Map<String, Object> search = Map.of("leads", Map.of("filterGroups", List.of(Map.of("filters", List.of(Map.of(
                "field", "tags", "operator", "has", "value", tag))))));
        JsonPath first = api.as("acme-rep", ACME).body(search).post("/api/v1/sequences/" + sequence
                + "/enrollments/matching").then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("enrolled.leadId")).containsExactlyInAnyOrderElementsOf(tagged);
        assertThat(first.getList("skipped")).isEmpty();
        JsonPath again = api.as("acme-rep", ACME).body(search).post("/api/v1/sequences/" + sequence
                + "/enrollments/matching").then().statusCode(200).extract().jsonPath();
        assertThat(again.getList("enrolled")).isEmpty();
        assertThat(again.getList("skipped.reason")).containsOnly("already-enrolled").hasSize(3);

        // a filter on no field, an unknown key, no search at all: 400, and nothing enrolled
        String other = sequence(List.of(email(3, "Never " + unique())));
        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("leads", Map.of("filterGroups", List.of(
                Map.of("filters", List.of(Map.of("field", "shoeSize", "value", "9")))))), Map.of("lead", Map.of()),
                Map.of(), Map.of("leads", "everyone"))) {
            api.as("acme-rep", ACME).body(bad).post("/api/v1/sequences/" + other + "/enrollments/matching").then()
                    .statusCode(400).contentType(org.hamcrest.Matchers.containsString("problem+json"));
        }
        api.as("acme-rep", ACME).get("/api/v1/sequences/" + other + "/enrollments").then().statusCode(200)
                .body("size()", equalTo(0));
        api.as("acme-viewer", ACME).body(search).post("/api/v1/sequences/" + other + "/enrollments/matching")
                .then().statusCode(403);

        // another tenant: acme's sequence does not exist on globex's host, and globex's own search over the same
        // tag matches none of acme's leads, nor can their ids be enrolled there
        api.as("globex-admin", "globex.localhost").body(search).post("/api/v1/sequences/" + other
                + "/enrollments/matching").then().statusCode(404);
        String globexSequence = api.as("globex-admin", "globex.localhost").body(Map.of("name", "Globex " + unique(),
                "steps", List.of(email(3, "Globex " + unique())))).post("/api/v1/sequences").then().statusCode(201)
                .extract().path("id");
        api.as("globex-admin", "globex.localhost").body(search).post("/api/v1/sequences/" + globexSequence
                + "/enrollments/matching").then().statusCode(200).body("enrolled.size()", equalTo(0));
        api.as("globex-admin", "globex.localhost").body(Map.of("leadIds", tagged)).post("/api/v1/sequences/"
                + globexSequence + "/enrollments").then().statusCode(200).body("enrolled.size()", equalTo(0))
                .body("skipped.reason", org.hamcrest.Matchers.everyItem(equalTo("not-found")));
    }

    @Test
    void aManualStepWaitsAsADraftThatItsSenderEditsAndSendsAndAnEndedEnrollmentsDraftIsNeverSent()
            throws Exception {
        String subject = "Personal note " + unique();
        String after = "After the note " + unique();
        String sequence = sequence(List.of(Map.of("type", "EMAIL_MANUAL", "delayDays", 0, "subject", subject,
                "body", "Hi {{lead.firstName}}, {{#lead.company}}how is {{lead.company}}?{{/lead.company}}"),
                email(0, after)));
        String lead = lead("draft." + unique() + "@prospects.example");
        String id = enroll(sequence, List.of(lead)).getString("enrolled[0].id");
        JsonPath waiting = await("the draft", () -> enrollment(id), e -> e.getString("waitingDraftId") != null);
        String draft = waiting.getString("waitingDraftId");
        assertThat(waiting.getString("nextRunAt")).isNull();

        // in the sender's list, filled in for the lead; nobody else's
        JsonPath mine = api.as("acme-rep", ACME).get("/api/v1/email-drafts").then().statusCode(200).extract()
                .jsonPath();
        assertThat(mine.getList("id")).contains(draft);
        JsonPath read = api.as("acme-rep", ACME).get("/api/v1/email-drafts/" + draft).then().statusCode(200)
                .extract().jsonPath();
        assertThat(read.getString("body")).isEqualTo("Hi Lee, how is Globodyne?");
        assertThat(read.getString("status")).isEqualTo("draft");
        api.as("globex-rep", ACME).get("/api/v1/email-drafts/" + draft).then().statusCode(403);
        api.as("globex-rep", ACME).post("/api/v1/email-drafts/" + draft + "/send").then().statusCode(403);
        api.as("acme-rep", ACME).queryParam("owner", "acme-manager").get("/api/v1/email-drafts").then()
                .statusCode(403);
        api.as("acme-viewer", ACME).get("/api/v1/email-drafts").then().statusCode(403);
        api.as("globex-admin", "globex.localhost").get("/api/v1/email-drafts/" + draft).then().statusCode(404);
        api.as("acme-manager", ACME).queryParam("owner", "acme-rep").get("/api/v1/email-drafts").then()
                .statusCode(200).body("id", org.hamcrest.Matchers.hasItem(draft));
        Thread.sleep(3000); // runs of sequence-run: nothing is sent for a draft
        assertThat(received(subject)).isEmpty();
        assertThat(received(after)).isEmpty();

        // an invalid edit is refused and sends nothing; a stale version is 412
        api.as("acme-rep", ACME).body(Map.of("subject", "two\nlines")).post("/api/v1/email-drafts/" + draft
                + "/send").then().statusCode(400);
        api.as("acme-rep", ACME).header("If-Match", "\"" + (read.getLong("version") + 5) + "\"").body(Map.of())
                .post("/api/v1/email-drafts/" + draft + "/send").then().statusCode(412);
        // sent with the rep's edit, from their mailbox; the enrollment goes on to the automatic step
        JsonPath sent = api.as("acme-rep", ACME).body(Map.of("body", "Hi Lee, as promised: the numbers."))
                .post("/api/v1/email-drafts/" + draft + "/send").then().statusCode(200).extract().jsonPath();
        assertThat(sent.getString("status")).isEqualTo("sent");
        assertThat(sent.getString("outgoingEmailId")).isNotNull();
        api.as("acme-rep", ACME).body(Map.of()).post("/api/v1/email-drafts/" + draft + "/send").then()
                .statusCode(409);
        await("the draft's e-mail", () -> enrollment(id), e -> received(subject).size() == 1);
        MimeMessage note = received(subject).get(0);
        assertThat(org.tesseracrm.it.mail.Messages.text(note)).startsWith("Hi Lee, as promised: the numbers.");
        assertThat(note.getFrom()[0].toString()).isEqualTo("Rita Rep <" + repAddress + ">");
        await("finished", () -> enrollment(id), e -> "finished".equals(e.getString("status")));
        await("the automatic step's e-mail", () -> enrollment(id), e -> received(after).size() == 1);
        JsonPath steps = api.as("acme-rep", ACME).get("/api/v1/enrollments/" + id + "/steps").then()
                .statusCode(200).extract().jsonPath();
        assertThat(steps.getList("outcome")).containsExactly("sent", "sent");
        assertThat(steps.getString("[0].draftId")).isEqualTo(draft);

        // a draft whose person replied (here: unenrolled) leaves the list and cannot be sent
        String other = lead("ended." + unique() + "@prospects.example");
        String ended = enroll(sequence, List.of(other)).getString("enrolled[0].id");
        String orphan = await("the second draft", () -> enrollment(ended), e -> e.getString("waitingDraftId") != null)
                .getString("waitingDraftId");
        api.as("acme-rep", ACME).post("/api/v1/enrollments/" + ended + "/unenroll").then().statusCode(200);
        assertThat(api.as("acme-rep", ACME).get("/api/v1/email-drafts").then().extract().jsonPath().getList("id"))
                .doesNotContain(orphan);
        api.as("acme-rep", ACME).body(Map.of()).post("/api/v1/email-drafts/" + orphan + "/send").then()
                .statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString("unenrolled"));
        api.as("acme-rep", ACME).post("/api/v1/email-drafts/" + orphan + "/discard").then().statusCode(409);
    }

    /**
     * A manual step from a template: the draft sent as it was filled in counts in the template's figures (sent, the
     * text the sender saw), an edited one is the sender's own e-mail and does not.
     */
    @Test
    void aTemplateDraftSentAsFilledInCountsForTheTemplateAndAnEditedOneDoesNot() throws Exception {
        String subject = "Template draft " + unique();
        String template = api.as("acme-manager", ACME).body(Map.of("name", "Draft template " + unique(), "subject",
                subject, "body", "Hello {{lead.firstName}}, a note from us.")).post("/api/v1/email-templates")
                .then().statusCode(201).extract().path("id");
        String sequence = sequence(List.of(Map.of("type", "EMAIL_MANUAL", "templateId", template)));
        List<String> drafts = new ArrayList<>();
        for (String lead : List.of(lead("asis." + unique() + "@prospects.example"), lead("edited." + unique()
                + "@prospects.example"))) {
            String id = enroll(sequence, List.of(lead)).getString("enrolled[0].id");
            drafts.add(await("the draft", () -> enrollment(id), e -> e.getString("waitingDraftId") != null)
                    .getString("waitingDraftId"));
        }
        api.as("acme-rep", ACME).body(Map.of()).post("/api/v1/email-drafts/" + drafts.get(0) + "/send").then()
                .statusCode(200);
        api.as("acme-rep", ACME).body(Map.of("body", "Hello Lee, my own words.")).post("/api/v1/email-drafts/"
                + drafts.get(1) + "/send").then().statusCode(200);
        await("both e-mails", () -> api.as("acme-rep", ACME).get("/api/v1/email-templates/" + template).then()
                .extract().jsonPath(), t -> received(subject).size() == 2);

        assertThat(received(subject).stream().map(m -> {
            try {
                return org.tesseracrm.it.mail.Messages.text(m);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })).anyMatch(text -> text.startsWith("Hello Lee, a note from us.")).anyMatch(text -> text.startsWith(
                "Hello Lee, my own words."));
        JsonPath figures = await("the template's figures", () -> api.as("acme-rep", ACME).get(
                "/api/v1/email-templates/" + template).then().statusCode(200).extract().jsonPath(), t -> t.getInt(
                        "statistics.sent") >= 1);
        assertThat(figures.getInt("statistics.sent")).as("only the draft sent as filled in").isEqualTo(1);
    }

    @Test
    void sequencesAreCheckedAndOnlyTheirOwnersManagersAndAdminsChangeThem() {
        String template = api.as("acme-manager", ACME).body(Map.of("name", "Seq template " + unique(), "subject",
                "Hi", "body", "Hello {{lead.firstName}}")).post("/api/v1/email-templates").then().statusCode(201)
                .extract().path("id");
        List<List<Map<String, Object>>> bad = List.of(List.of(),
                List.of(Map.of("type", "EMAIL_AUTO", "subject", "No body")),
                List.of(Map.of("type", "EMAIL_AUTO", "templateId", UUID.randomUUID().toString())),
                List.of(Map.of("type", "EMAIL_AUTO", "templateId", template, "subject", "Both", "body", "x")),
                List.of(Map.of("type", "CALL")),
                List.of(Map.of("type", "EMAIL_MANUAL", "subject", "No body")),
                List.of(Map.of("type", "TASK", "title", "t", "delayDays", 366)),
                List.of(Map.of("type", "EMAIL_AUTO", "subject", "{{#lead.firstName}}unclosed", "body", "b")));
        for (List<Map<String, Object>> steps : bad) {
            api.as("acme-rep", ACME).body(Map.of("name", "Bad " + unique(), "steps", steps))
                    .post("/api/v1/sequences").then().statusCode(400);
        }
        api.as("acme-viewer", ACME).body(Map.of("name", "Viewer " + unique(), "steps", List.of(email(0, "x"))))
                .post("/api/v1/sequences").then().statusCode(403);

        String name = "Reordered " + unique();
        JsonPath created = api.as("acme-rep", ACME).body(Map.of("name", name, "steps", List.of(Map.of("type",
                "EMAIL_AUTO", "templateId", template), Map.of("type", "CALL", "title", "Call", "delayDays", 2))))
                .post("/api/v1/sequences").then().statusCode(201).extract().jsonPath();
        api.as("acme-manager", ACME).body(Map.of("name", name.toUpperCase(), "steps", List.of(email(0, "x"))))
                .post("/api/v1/sequences").then().statusCode(409);
        String id = created.getString("id");
        String emailStep = created.getString("steps[0].id");
        String callStep = created.getString("steps[1].id");
        // reordering keeps the steps' ids
        api.as("acme-manager", ACME).body(Map.of("name", name, "version", created.getLong("version"), "steps",
                List.of(Map.of("id", callStep, "type", "CALL", "title", "Call first"), Map.of("id", emailStep,
                        "type", "EMAIL_AUTO", "templateId", template, "delayDays", 3))))
                .put("/api/v1/sequences/"
                        + id)
                .then().statusCode(200).body("steps[0].id", equalTo(callStep))
                .body("steps[1].id", equalTo(emailStep)).body("steps[1].delayDays", equalTo(3));
        api.as("acme-rep", ACME).body(Map.of("name", name, "version", created.getLong("version"), "steps",
                List.of(email(0, "x")))).put("/api/v1/sequences/" + id).then().statusCode(412);
        api.as("acme-viewer", ACME).delete("/api/v1/sequences/" + id).then().statusCode(403);
        api.as("globex-admin", "globex.localhost").get("/api/v1/sequences/" + id).then().statusCode(404);
        api.as("acme-rep", ACME).delete("/api/v1/sequences/" + id).then().statusCode(204);
    }

    @Test
    void operatorsStartARunAndReadItsProgressPerTenant() throws Exception {
        String operator = org.tesseracrm.it.support.Api.token("operator");
        String location = api.on("localhost").auth().oauth2(operator)
                .post("/api/v1/platform/jobs/sequence-run/executions").then().statusCode(202)
                .extract().header("Location");
        String path = java.net.URI.create(location).getPath();
        JsonPath run = await("the run", () -> api.on("localhost").auth().oauth2(operator).get(path).then()
                .statusCode(200).extract().jsonPath(), r -> "COMPLETED".equals(r.getString("status")));
        assertThat(run.getString("exitStatus")).contains("acme: claimed=", "globex: claimed=");
        api.as("acme-admin", ACME).post("/api/v1/platform/jobs/sequence-run/executions").then().statusCode(404);
    }

    /** Makes an enrollment's current step due now. */
    private static void dueNow(String enrollment) throws Exception {
        var db = CrmInfrastructure.services().database().settings();
        try (var c = java.sql.DriverManager.getConnection(db.jdbcUrl(), CrmInfrastructure.OWNER_ROLE,
                CrmInfrastructure.OWNER_PASSWORD)) {
            assertThat(c.createStatement().executeUpdate("UPDATE t_acme.sequence_enrollment SET next_run_at = now()"
                    + " WHERE id = '" + UUID.fromString(enrollment) + "'")).isEqualTo(1);
        }
    }

    /** ISO date-times to instants (the API gives offsets). */
    private static final class OffsetDateTimeParse {
        static Instant of(String text) {
            return java.time.OffsetDateTime.parse(text).toInstant();
        }
    }
}
