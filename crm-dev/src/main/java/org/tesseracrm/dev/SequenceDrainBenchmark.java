package org.tesseracrm.dev;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./crm bench sequences [enrollments]}: how fast a running {@code ./crm up} drains due sequence steps into its
 * SMTP server (GreenMail). Through the API it creates the leads (100 per request), a one-step sequence (an e-mail
 * with merge fields, one day after enrolling) and the enrollments (1,000 per request); then it makes all of them due
 * at the same instant (the day has come: {@code next_run_at = now()}, in the database) and waits, bounded, until
 * every e-mail was accepted by the SMTP server ({@code sent}). The sender's mailbox caps are lifted for the run and
 * put back afterwards. Prints e-mails/s from "due" to the last one sent, and steps/s of the runner alone. The leads
 * stay, tagged with the run's id.
 */
public final class SequenceDrainBenchmark {

    private static final Duration LIMIT = Duration.ofMinutes(30);
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private final BenchTarget target;
    private final String schema;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private SequenceDrainBenchmark(BenchTarget target) {
        this.target = target;
        this.schema = target.schema();
    }

    public static void main(String[] args) throws Exception {
        int enrollments = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        SequenceDrainBenchmark bench = new SequenceDrainBenchmark(BenchTarget.fromSystemProperties());
        System.out.printf(Locale.ROOT, "Sequence drain benchmark %s: %d enrollments, tenant host %s, sender %s%n",
                bench.run, enrollments, bench.target.host(), System.getProperty("crm.bench.user", "acme-admin"));
        bench.measure(enrollments);
    }

    private void measure(int count) throws Exception {
        String sender = System.getProperty("crm.bench.user", "acme-admin");
        try (Connection db = DriverManager.getConnection(databaseUrl(), "crm_app", secrets().getProperty(
                "crm.db.password"))) {
            db.setAutoCommit(true);
            Instant started = Instant.now();
            for (int start = 0; start < count; start += 100) {
                StringBuilder inputs = new StringBuilder();
                for (int i = start; i < Math.min(count, start + 100); i++) {
                    inputs.append(inputs.length() == 0 ? "" : ",")
                            .append("{\"firstName\":\"Dana\",\"lastName\":\"Drain ")
                            .append(i).append("\",\"email\":\"drain-").append(run).append('-').append(i)
                            .append("@example.com\",\"tags\":[\"drain-").append(run).append("\"]}");
                }
                call("POST", "/api/v1/leads/batch/create", "{\"inputs\":[" + inputs + "]}", 200);
            }
            List<String> leads = new ArrayList<>();
            try (PreparedStatement s = db.prepareStatement("SELECT CAST(id AS text) FROM " + schema
                    + ".lead WHERE tags && ? ORDER BY created_at")) {
                s.setArray(1, db.createArrayOf("text", new String[]{"drain-" + run}));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        leads.add(r.getString(1));
                    }
                }
            }
            String subject = "Drain " + run;
            Matcher created = ID.matcher(call("POST", "/api/v1/sequences", "{\"name\":\"Drain " + run
                    + "\",\"steps\":[{\"type\":\"EMAIL_AUTO\",\"delayDays\":1,\"subject\":\"" + subject
                    + "\",\"body\":\"Hi {{lead.firstName}}, a word from the benchmark.\"}]}", 201));
            if (!created.find()) {
                throw new IllegalStateException("no sequence id in the answer");
            }
            String sequence = created.group(1);
            for (int start = 0; start < leads.size(); start += 1000) {
                List<String> chunk = leads.subList(start, Math.min(leads.size(), start + 1000));
                call("POST", "/api/v1/sequences/" + sequence + "/enrollments", "{\"leadIds\":[\"" + String.join(
                        "\",\"", chunk) + "\"]}", 200);
            }
            System.out.printf(Locale.ROOT, "  %d leads created and enrolled through the API in %.1f s%n",
                    leads.size(), Duration.between(started, Instant.now()).toMillis() / 1000.0);

            int[] caps = liftCaps(db, sender);
            try {
                Instant due;
                try (PreparedStatement s = db.prepareStatement("UPDATE " + schema + ".sequence_enrollment SET"
                        + " next_run_at = now() WHERE sequence_id = CAST(? AS uuid) AND status = 'active'")) {
                    s.setString(1, sequence);
                    due = Instant.now();
                    s.executeUpdate();
                }
                long sent = 0;
                Instant deadline = due.plus(LIMIT);
                while (sent < leads.size() && Instant.now().isBefore(deadline)) { // bounded by LIMIT
                    Thread.sleep(500);
                    sent = count(db, "SELECT count(*) FROM " + schema + ".mail_outbox WHERE subject = ? AND status ="
                            + " 'sent'", subject);
                }
                Timestamp lastSent = time(db, "SELECT max(sent_at) FROM " + schema + ".mail_outbox WHERE subject = ?",
                        subject);
                Timestamp lastStep = time(db, "SELECT max(r.ran_at) FROM " + schema + ".sequence_step_run r JOIN "
                        + schema + ".sequence_enrollment e ON e.id = r.enrollment_id JOIN " + schema
                        + ".sequence s ON s.id = e.sequence_id WHERE s.name = ?", "Drain " + run);
                long failed = count(db, "SELECT count(*) FROM " + schema + ".mail_outbox WHERE subject = ? AND"
                        + " status = 'failed'", subject);
                double drainSeconds = Duration.between(due, lastSent.toInstant()).toMillis() / 1000.0;
                double stepSeconds = Duration.between(due, lastStep.toInstant()).toMillis() / 1000.0;
                System.out.printf(Locale.ROOT, "  %d of %d e-mails sent (%d failed) %.1f s after all became due:"
                        + " %.0f e-mails/s (target >= 100)%n", sent, leads.size(), failed, drainSeconds,
                        sent / drainSeconds);
                System.out.printf(Locale.ROOT, "  the runner ran the %d steps (outbox row and EMAIL activity each)"
                        + " in %.1f s: %.0f steps/s%n", leads.size(), stepSeconds, leads.size() / stepSeconds);
            } finally {
                restoreCaps(db, sender, caps);
            }
        }
    }

    /** The sender's mailbox limits as they were; then none for the run. */
    private int[] liftCaps(Connection db, String sender) throws Exception {
        int[] caps = null;
        try (PreparedStatement s = db.prepareStatement("SELECT daily_cap, hourly_cap, min_gap_seconds FROM " + schema
                + ".mailbox WHERE username = ?")) {
            s.setString(1, sender);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    caps = new int[]{r.getInt(1), r.getInt(2), r.getInt(3)};
                }
            }
        }
        setCaps(db, sender, new int[]{1_000_000, 1_000_000, 0});
        return caps;
    }

    private void restoreCaps(Connection db, String sender, int[] caps) throws Exception {
        if (caps != null) {
            setCaps(db, sender, caps);
        }
    }

    private void setCaps(Connection db, String sender, int[] caps) throws Exception {
        try (PreparedStatement s = db.prepareStatement("UPDATE " + schema + ".mailbox SET daily_cap = ?, hourly_cap ="
                + " ?, min_gap_seconds = ? WHERE username = ?")) {
            s.setInt(1, caps[0]);
            s.setInt(2, caps[1]);
            s.setInt(3, caps[2]);
            s.setString(4, sender);
            s.executeUpdate();
        }
    }

    private static long count(Connection db, String sql, String value) throws Exception {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            s.setString(1, value);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static Timestamp time(Connection db, String sql, String value) throws Exception {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            s.setString(1, value);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                Timestamp at = r.getTimestamp(1);
                if (at == null) {
                    throw new IllegalStateException("nothing was done within " + LIMIT);
                }
                return at;
            }
        }
    }

    private String call(String method, String path, String body, int expected) throws Exception {
        return target.call(method, path, body, expected);
    }

    static Properties secrets() throws IOException {
        Properties secrets = new Properties();
        try (var in = Files.newInputStream(Path.of(System.getProperty("crm.home", ".crm"), "secrets.properties"))) {
            secrets.load(in);
        }
        return secrets;
    }

    static String databaseUrl() {
        return System.getProperty("crm.bench.db.url", "jdbc:postgresql://localhost:"
                + System.getProperty("crm.pg.port", "15432") + "/crm");
    }
}
