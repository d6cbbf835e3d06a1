package org.tesseracrm.it.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tesseracrm.it.support.Api;
import org.tesseracrm.it.support.CrmInfrastructure;

import jakarta.mail.internet.MimeMessage;

/**
 * The promise that matters most about sequences, under the faults that break it elsewhere: Payara Micro killed with
 * SIGKILL in the middle of a run of 1,000 due e-mail steps, and two instances on one database running
 * {@code sequence-run} at once over 2,000. Counted where it counts, in the SMTP server (GreenMail): every step sent,
 * a duplicate only for an e-mail that was inside the SMTP conversation at the kill (the same Message-ID), none
 * without a kill. The instances are started by the test ({@link PayaraInstance}), on this suite's own ports.
 */
@ExtendWith(CrmInfrastructure.class)
class SequenceCrashIT {

    private static final String ACME = "acme.localhost";
    private static final Duration DRAIN_WITHIN = Duration.ofSeconds(240);

    private static int port(int offset) {
        return Integer.getInteger("crm.it.http.port") + offset;
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** {@code count} leads of acme-rep with addresses, created 100 at a time. */
    private static List<String> leads(Api api, int count, String tag) {
        List<String> ids = new ArrayList<>();
        for (int start = 0; start < count; start += 100) {
            List<Map<String, Object>> inputs = new ArrayList<>();
            for (int i = start; i < Math.min(count, start + 100); i++) {
                inputs.add(Map.of("firstName", "Lee", "lastName", "Crash " + i, "email", tag + "." + i
                        + "@crash.example"));
            }
            ids.addAll(api.as("acme-rep", ACME).body(Map.of("inputs", inputs)).post("/api/v1/leads/batch/create")
                    .then().statusCode(200).extract().jsonPath().getList("results.record.id"));
        }
        return ids;
    }

    /** A one-step sequence (an e-mail, due at once) with {@code leads} enrolled, 1,000 per request. */
    private static String enrolled(Api api, String subject, List<String> leads) {
        String sequence = api.as("acme-rep", ACME).body(Map.of("name", "Crash " + unique(), "steps", List.of(Map.of(
                "type", "EMAIL_AUTO", "delayDays", 0, "subject", subject, "body", "Hi {{lead.firstName}}."))))
                .post("/api/v1/sequences").then().statusCode(201).extract().path("id");
        for (int start = 0; start < leads.size(); start += 1000) {
            api.as("acme-rep", ACME).body(Map.of("leadIds", leads.subList(start, Math.min(leads.size(), start
                    + 1000)))).post("/api/v1/sequences/" + sequence + "/enrollments").then().statusCode(200);
        }
        return sequence;
    }

    private static List<MimeMessage> received(String subject) throws Exception {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage message : CrmInfrastructure.services().mail().greenMail().getReceivedMessages()) {
            if (subject.equals(message.getSubject())) {
                found.add(message);
            }
        }
        return found;
    }

    private static Connection database() throws Exception {
        return CrmInfrastructure.services().controlPlane().connect();
    }

    /** The outbox row that carries this Message-ID (the dispatcher logs rows by id). */
    private static String outboxId(String messageId) throws Exception {
        try (Connection c = database();
                PreparedStatement s = c.prepareStatement("SELECT CAST(id AS text) FROM"
                        + " t_acme.mail_outbox WHERE message_id = ?")) {
            s.setString(1, messageId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : "(no outbox row for " + messageId + ")";
            }
        }
    }

    /** How often the dispatchers attempted the e-mail with this Message-ID. */
    private static int attempts(String messageId) throws Exception {
        try (Connection c = database();
                PreparedStatement s = c
                        .prepareStatement("SELECT attempts FROM t_acme.mail_outbox WHERE message_id = ?")) {
            s.setString(1, messageId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getInt(1) : 0;
            }
        }
    }

    private static long count(String sql, String sequence) throws Exception {
        try (Connection c = database(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, sequence);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static final String STEPS_RUN = "SELECT count(*) FROM t_acme.sequence_step_run r JOIN"
            + " t_acme.sequence_enrollment e ON e.id = r.enrollment_id WHERE e.sequence_id = CAST(? AS uuid)";
    private static final String EMAILS_SENT = "SELECT count(*) FROM t_acme.mail_outbox o JOIN"
            + " t_acme.sequence_step_run r ON r.outbox_id = o.id JOIN t_acme.sequence_enrollment e ON e.id ="
            + " r.enrollment_id WHERE e.sequence_id = CAST(? AS uuid) AND o.status = 'sent'";

    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        Instant deadline = Instant.now().plus(DRAIN_WITHIN);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + " not within " + DRAIN_WITHIN);
            }
            Thread.sleep(250);
        }
    }

    private static BooleanSupplier all(String sequence, int steps) {
        return () -> {
            try {
                return count(STEPS_RUN, sequence) == steps && count(EMAILS_SENT, sequence) == steps;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /** Message-ID → how many copies the SMTP server got. */
    private static Map<String, Integer> copies(List<MimeMessage> messages) throws Exception {
        Map<String, Integer> copies = new HashMap<>();
        for (MimeMessage message : messages) {
            copies.merge(message.getMessageID(), 1, Integer::sum);
        }
        return copies;
    }

    private static Map<String, Long> byInstance(String sql, String sequence) throws Exception {
        Map<String, Long> counts = new HashMap<>();
        try (Connection c = database(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, sequence);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    counts.put(r.getString(1), r.getLong(2));
                }
            }
        }
        return counts;
    }

    /** The job runs an instance beats for in the job repository's heartbeat table (ExecutionHeartbeats). */
    private static List<Long> runsBeatingFor(String instance) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (Connection c = database();
                PreparedStatement s = c.prepareStatement(
                        "SELECT execution_id FROM batch.execution_heartbeat WHERE instance = ?")) {
            s.setString(1, instance);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getLong(1));
                }
            }
        }
        return ids;
    }

    /** A run as the operators' API shows it on the apex host of the instance at {@code port}. */
    private static Map<String, Object> operatorRun(int port, long id) throws Exception {
        return new Api(new URL("http://127.0.0.1:" + port + "/")).on("localhost").auth().oauth2(Api.token(
                "operator")).get("/api/v1/platform/jobs/executions/" + id).then().statusCode(200).extract().jsonPath()
                .getMap("");
    }

    private static List<Map<String, Object>> operatorRuns(int port) throws Exception {
        return new Api(new URL("http://127.0.0.1:" + port + "/")).on("localhost").auth().oauth2(Api.token(
                "operator")).get("/api/v1/platform/jobs/executions?limit=200").then().statusCode(200).extract()
                .jsonPath().getList("");
    }

    @Test
    void twoInstancesOnOneDatabaseShareTwoThousandDueStepsAndSendEachOnce() throws Exception {
        try (PayaraInstance a = PayaraInstance.start("crash-a", port(0))) {
            Api api = new Api(new URL("http://127.0.0.1:" + a.port() + "/"));
            String tag = "pair" + unique();
            List<String> leads = leads(api, 2000, tag);
            // the second one starts after the first has run the job once (the batch tables exist then)
            try (PayaraInstance b = PayaraInstance.start("crash-b", port(1))) {
                String subject = "Two instances " + unique();
                Instant start = Instant.now();
                String sequence = enrolled(api, subject, leads);
                BooleanSupplier allSent = all(sequence, 2000);
                List<String> progressSeen = new java.util.ArrayList<>(); // of runs still running, from either instance
                long[] lastLook = {0};
                await("2,000 steps run and sent", () -> {
                    if (System.nanoTime() - lastLook[0] > 2_000_000_000L) { // the operators' view every 2 s
                        lastLook[0] = System.nanoTime();
                        try {
                            new Api(new URL("http://127.0.0.1:" + a.port() + "/")).on("localhost").auth().oauth2(Api
                                    .token("operator")).get("/api/v1/platform/jobs/executions?limit=20").then()
                                    .statusCode(200).extract().jsonPath().<Map<String, Object>>getList("").stream()
                                    .filter(run -> "STARTED".equals(run.get("status")) && run.get("progress") != null)
                                    .forEach(run -> progressSeen.add(run.get("progress").toString()));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                    return allSent.getAsBoolean();
                });
                Duration took = Duration.between(start, Instant.now());
                Thread.sleep(3000); // anything sent twice would have arrived by now
                Map<String, Integer> copies = copies(received(subject));
                Map<String, Long> steps = byInstance("SELECT r.ran_by, count(*) FROM t_acme.sequence_step_run r JOIN"
                        + " t_acme.sequence_enrollment e ON e.id = r.enrollment_id WHERE e.sequence_id = CAST(? AS"
                        + " uuid) GROUP BY r.ran_by", sequence);
                Map<String, Long> sends = byInstance("SELECT o.sent_by, count(*) FROM t_acme.mail_outbox o JOIN"
                        + " t_acme.sequence_step_run r ON r.outbox_id = o.id JOIN t_acme.sequence_enrollment e ON"
                        + " e.id = r.enrollment_id WHERE e.sequence_id = CAST(? AS uuid) GROUP BY o.sent_by",
                        sequence);
                System.out.printf("[crash] two instances: 2000 due steps in %d ms; steps run by %s, e-mails sent by"
                        + " %s; %d distinct e-mails received, %d duplicates%n", took.toMillis(), steps, sends,
                        copies.size(), copies.values().stream().mapToInt(n -> n - 1).sum());
                System.out.println("[crash] progress of running sequence-run runs seen " + progressSeen.size()
                        + " times, the last: " + (progressSeen.isEmpty()
                                ? "-"
                                : progressSeen.get(progressSeen.size()
                                        - 1)));
                assertThat(progressSeen).as("operators see a running run's figures").isNotEmpty()
                        .anyMatch(p -> p.matches(".*acme: claimed=[1-9][0-9]* sent=[0-9]+.*"));
                assertThat(copies).hasSize(2000);
                assertThat(copies.values()).as("copies per Message-ID").containsOnly(1);
                assertThat(steps.keySet()).as("instances that ran steps").containsExactlyInAnyOrder("crash-a",
                        "crash-b");
                assertThat(sends.keySet()).as("instances that sent").containsExactlyInAnyOrder("crash-a",
                        "crash-b");
                // both beat for their runs, so neither took the other's runs for those of a dead instance
                assertThat(operatorRuns(a.port())).as("runs of live instances marked FAILED").noneMatch(
                        run -> String.valueOf(run.get("exitStatus")).matches("FAILED: instance crash-[ab] stopped.*"));
            }
        }
    }

    @Test
    void aKillNineInTheMiddleOfAThousandDueStepsLosesNoneAndSendsTwiceOnlyWhatWasOnTheWire() throws Exception {
        try (PayaraInstance a = PayaraInstance.start("crash-k", port(2))) {
            Api api = new Api(new URL("http://127.0.0.1:" + a.port() + "/"));
            List<String> leads = leads(api, 1000, "kill" + unique());
            String subject = "Kill nine " + unique();
            String sequence = enrolled(api, subject, leads);
            // mid-run: some e-mails arrived, most steps still due
            await("the first 100 e-mails", () -> {
                try {
                    return received(subject).size() >= 100;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long killed = a.pid();
            a.kill();
            // the runs the dead instance beat for (and ended ones whose rows a sweep has not removed yet)
            List<Long> cutShort = runsBeatingFor("crash-k");
            int receivedAtKill = received(subject).size();
            long stepsAtKill = count(STEPS_RUN, sequence);
            // what was claimed by the dead dispatcher: the only e-mails that may arrive twice
            Set<String> inFlight = new HashSet<>();
            try (Connection c = database();
                    PreparedStatement s = c.prepareStatement("SELECT o.message_id FROM"
                            + " t_acme.mail_outbox o JOIN t_acme.sequence_step_run r ON r.outbox_id = o.id JOIN"
                            + " t_acme.sequence_enrollment e ON e.id = r.enrollment_id WHERE e.sequence_id = CAST(? AS uuid)"
                            + " AND o.status = 'sending'")) {
                s.setString(1, sequence);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        inFlight.add(r.getString(1));
                    }
                }
            }
            assertThat(stepsAtKill).as("steps run before the kill").isLessThan(1000);
            String logBeforeRestart = a.log();

            Instant restarted = Instant.now();
            a.restart();
            await("1,000 steps run and sent after the restart", all(sequence, 1000));
            Duration took = Duration.between(restarted, Instant.now());
            Thread.sleep(3000);
            Map<String, Integer> copies = copies(received(subject));
            List<String> twice = copies.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                    .toList();
            // Besides the kill, one more moment is ambiguous in SMTP: the server took the message but its reply
            // never came (a timeout on a loaded machine). The dispatcher logs that attempt as retried and sends the
            // e-mail again with the same Message-ID; such an e-mail may arrive twice as well.
            // The row counts its attempts; one that went out more than once was attempted more than once. (The
            // log's "retried" line may be lost: Payara writes its log asynchronously and kill -9 drops the queue.)
            String log = logBeforeRestart + a.log();
            Set<String> retried = new HashSet<>();
            for (String messageId : twice) {
                if (!inFlight.contains(messageId) && attempts(messageId) >= 2) {
                    retried.add(messageId);
                }
            }
            System.out.printf("[crash] kill -9 (pid %d) after %d e-mails received and %d of 1000 steps run, %d"
                    + " e-mails in flight; after the restart all 1000 steps ran within %d ms: %d distinct e-mails"
                    + " received, %d sent twice (%s), %d of them attempted again after an unanswered SMTP attempt%n",
                    killed,
                    receivedAtKill, stepsAtKill, inFlight.size(), took.toMillis(), copies.size(), twice.size(), twice,
                    retried.size());
            assertThat(copies).as("distinct e-mails: every step sent").hasSize(1000);
            Set<String> ambiguous = new HashSet<>(inFlight);
            ambiguous.addAll(retried);
            StringBuilder unexplained = new StringBuilder();
            for (String messageId : twice) {
                if (!ambiguous.contains(messageId)) {
                    String id = outboxId(messageId);
                    unexplained.append("\n").append(messageId).append(" (outbox ").append(id).append(", attempts ")
                            .append(attempts(messageId)).append("), logged:");
                    log.lines().filter(line -> line.contains(id)).forEach(line -> unexplained.append("\n  ")
                            .append(line));
                }
            }
            assertThat(ambiguous).as("a duplicate is an e-mail that was being sent at the kill or was attempted again"
                    + " after an SMTP attempt went unanswered; other duplicates:" + unexplained).containsAll(twice);
            assertThat(copies.values()).as("never more than one resend").allMatch(n -> n <= 2);

            // The run the kill cut short was left STARTED; once its beat is stale (10 s here) the restarted instance
            // marks it FAILED, saying why, and an operator can restart it.
            Instant sweepStart = Instant.now();
            List<Map<String, Object>> abandoned = new ArrayList<>();
            for (long id : cutShort) {
                Map<String, Object> run = operatorRun(a.port(), id);
                if ("sequence-run".equals(run.get("job")) && !"COMPLETED".equals(run.get("status"))) {
                    abandoned.add(run);
                }
            }
            assertThat(abandoned).as("sequence-run runs of crash-k not completed at the kill (of %s)", cutShort)
                    .isNotEmpty();
            for (Map<String, Object> run : abandoned) {
                long id = Long.parseLong(run.get("id").toString());
                await("run " + id + " marked FAILED", () -> {
                    try {
                        return "FAILED".equals(operatorRun(a.port(), id).get("status"));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                assertThat(operatorRun(a.port(), id).get("exitStatus").toString()).as("why run " + id + " failed")
                        .startsWith("FAILED: instance crash-k stopped reporting it at");
            }
            long swept = Duration.between(sweepStart, Instant.now()).toMillis();
            long first = Long.parseLong(abandoned.get(0).get("id").toString());
            Api apex = new Api(new URL("http://127.0.0.1:" + a.port() + "/"));
            String operator = Api.token("operator");
            String again = apex.on("localhost").auth().oauth2(operator).post("/api/v1/platform/jobs/executions/"
                    + first + "/restart").then().statusCode(202).extract().path("id");
            await("restarted run " + again + " completed", () -> {
                try {
                    return "COMPLETED".equals(operatorRun(a.port(), Long.parseLong(again)).get("status"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            apex.on("localhost").auth().oauth2(operator).post("/api/v1/platform/jobs/executions/" + first
                    + "/restart").then().statusCode(409).contentType("application/problem+json");
            System.out.printf("[crash] %d sequence-run run(s) left STARTED by the kill marked FAILED within %d ms of"
                    + " the drain (stale after 10 s); run %d restarted as run %s, COMPLETED%n", abandoned.size(),
                    swept, first, again);
        }
    }
}
