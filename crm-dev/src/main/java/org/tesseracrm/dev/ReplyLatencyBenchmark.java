package org.tesseracrm.dev;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * {@code ./crm bench replies [enrollments]}: how long after a prospect's reply reaches the sender's mailbox their
 * enrollment ends, on a running {@code ./crm up}. Through the API it enrolls fresh leads in a two-step sequence (an
 * e-mail now, a follow-up a day later) from the sender's mailbox, waits until every first e-mail was sent, then
 * delivers a reply to each — over SMTP into the sender's GreenMail mailbox, with In-Reply-To naming the e-mail —
 * spread over {@code crm.bench.spread} (default one minute, so the replies fall anywhere in the poller's cycle), and
 * waits, bounded, until every enrollment exited. Prints p50, p95 and the maximum from reply delivered to enrollment
 * exited. The result depends on the running system's {@code crm.mail.imap.poll-interval}: {@code ./crm up} uses 5 s,
 * production's default is 30 s ({@code ./crm up -Dcrm.mail.imap.poll-interval=PT30S}). The sender's caps and gap
 * are lifted while the first e-mails go out and put back afterwards.
 */
public final class ReplyLatencyBenchmark {

    private static final Duration LIMIT = Duration.ofMinutes(10);
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private final BenchTarget target;
    private final String schema;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private ReplyLatencyBenchmark(BenchTarget target) {
        this.target = target;
        this.schema = target.schema();
    }

    public static void main(String[] args) throws Exception {
        int enrollments = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        if (enrollments < 1 || enrollments > 1000) {
            throw new IllegalArgumentException("enrollments: 1 to 1000");
        }
        ReplyLatencyBenchmark bench = new ReplyLatencyBenchmark(BenchTarget.fromSystemProperties());
        System.out.printf(Locale.ROOT, "Reply latency benchmark %s: %d enrollments, tenant host %s, sender %s%n",
                bench.run, enrollments, bench.target.host(), System.getProperty("crm.bench.user", "acme-admin"));
        bench.measure(enrollments, Duration.parse(System.getProperty("crm.bench.spread", "PT1M")));
    }

    private void measure(int count, Duration spread) throws Exception {
        String sender = System.getProperty("crm.bench.user", "acme-admin");
        try (Connection db = DriverManager.getConnection(SequenceDrainBenchmark.databaseUrl(), "crm_app",
                SequenceDrainBenchmark.secrets().getProperty("crm.db.password"))) {
            db.setAutoCommit(true);
            String mailbox = single(db, "SELECT from_address FROM " + schema + ".mailbox WHERE username = ? AND"
                    + " imap_host IS NOT NULL", sender);
            if (mailbox == null) {
                throw new IllegalStateException(sender + " has no mailbox read over IMAP (./crm up sets them up)");
            }
            StringBuilder inputs = new StringBuilder();
            for (int i = 0; i < count; i++) {
                inputs.append(i == 0 ? "" : ",").append("{\"firstName\":\"Rae\",\"lastName\":\"Reply ").append(i)
                        .append("\",\"email\":\"reply-").append(run).append('-').append(i).append(
                                "@example.com\",\"tags\":[\"reply-")
                        .append(run).append("\"]}");
            }
            List<String> leads = new ArrayList<>();
            Matcher created = ID.matcher(call("POST", "/api/v1/leads/batch/create", "{\"inputs\":[" + inputs
                    + "]}", 200));
            while (created.find()) {
                leads.add(created.group(1));
            }
            String subject = "Reply bench " + run;
            Matcher sequence = ID.matcher(call("POST", "/api/v1/sequences", "{\"name\":\"Reply bench " + run
                    + "\",\"steps\":[{\"type\":\"EMAIL_AUTO\",\"delayDays\":0,\"subject\":\"" + subject
                    + "\",\"body\":\"Hi {{lead.firstName}}, may I call you?\"},{\"type\":\"EMAIL_AUTO\","
                    + "\"delayDays\":1,\"subject\":\"Following up\",\"body\":\"Hi again.\"}]}", 201));
            if (!sequence.find()) {
                throw new IllegalStateException("no sequence id in the answer");
            }
            call("POST", "/api/v1/sequences/" + sequence.group(1) + "/enrollments", "{\"leadIds\":[\"" + String
                    .join("\",\"", leads) + "\"],\"sender\":\"" + sender + "\"}", 200);

            // every first e-mail sent, with its Message-ID: what the replies answer
            Map<String, String[]> sent = new LinkedHashMap<>(); // enrollment -> {message id, lead address}
            String caps = single(db, "SELECT concat_ws(',', daily_cap, hourly_cap, min_gap_seconds) FROM " + schema
                    + ".mailbox WHERE username = ?", sender);
            update(db, "UPDATE " + schema + ".mailbox SET daily_cap = 1000000, hourly_cap = 1000000, min_gap_seconds ="
                    + " 0 WHERE username = ?", sender);
            try {
                Instant deadline = Instant.now().plus(LIMIT);
                while (sent.size() < count && Instant.now().isBefore(deadline)) { // bounded by LIMIT
                    Thread.sleep(500);
                    sent.clear();
                    try (PreparedStatement s = db.prepareStatement("SELECT CAST(e.id AS text), o.message_id, l.email"
                            + " FROM " + schema + ".sequence_enrollment e JOIN " + schema + ".sequence_step_run r ON"
                            + " r.enrollment_id = e.id JOIN " + schema + ".mail_outbox o ON o.id = r.outbox_id JOIN "
                            + schema + ".lead l ON l.id = e.lead_id WHERE e.sequence_id = CAST(? AS uuid) AND"
                            + " o.status = 'sent'")) {
                        s.setString(1, sequence.group(1));
                        try (ResultSet r = s.executeQuery()) {
                            while (r.next()) {
                                sent.put(r.getString(1), new String[]{r.getString(2), r.getString(3)});
                            }
                        }
                    }
                }
            } finally {
                String[] was = caps.split(",");
                try (PreparedStatement s = db.prepareStatement("UPDATE " + schema + ".mailbox SET daily_cap = ?,"
                        + " hourly_cap = ?, min_gap_seconds = ? WHERE username = ?")) {
                    for (int i = 0; i < 3; i++) {
                        s.setInt(i + 1, Integer.parseInt(was[i]));
                    }
                    s.setString(4, sender);
                    s.executeUpdate();
                }
            }
            if (sent.size() < count) {
                throw new IllegalStateException("only " + sent.size() + " of " + count + " first e-mails sent within "
                        + LIMIT);
            }

            Properties smtp = new Properties();
            smtp.setProperty("mail.smtp.host", "localhost");
            smtp.setProperty("mail.smtp.port", System.getProperty("crm.smtp.port", "3025"));
            Session session = Session.getInstance(smtp);
            Map<String, Instant> replied = new LinkedHashMap<>();
            long gap = spread.toMillis() / count;
            for (Map.Entry<String, String[]> e : sent.entrySet()) {
                MimeMessage reply = new MimeMessage(session);
                reply.setFrom(new InternetAddress(e.getValue()[1]));
                reply.setRecipient(Message.RecipientType.TO, new InternetAddress(mailbox));
                reply.setSubject("Re: " + subject);
                reply.setHeader("In-Reply-To", e.getValue()[0]);
                reply.setText("Yes, call me on Tuesday.");
                Transport.send(reply);
                replied.put(e.getKey(), Instant.now());
                Thread.sleep(gap);
            }

            Map<String, Instant> exited = new LinkedHashMap<>();
            Instant deadline = Instant.now().plus(LIMIT);
            while (exited.size() < count && Instant.now().isBefore(deadline)) { // bounded by LIMIT
                Thread.sleep(250);
                try (PreparedStatement s = db.prepareStatement("SELECT CAST(id AS text), updated_at FROM " + schema
                        + ".sequence_enrollment WHERE sequence_id = CAST(? AS uuid) AND status = 'exited' AND"
                        + " exit_reason = 'replied'")) {
                    s.setString(1, sequence.group(1));
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            exited.putIfAbsent(r.getString(1), r.getTimestamp(2).toInstant());
                        }
                    }
                }
            }
            List<Long> latencies = new ArrayList<>();
            for (Map.Entry<String, Instant> e : replied.entrySet()) {
                Instant end = exited.get(e.getKey());
                if (end != null) {
                    latencies.add(Math.max(0, Duration.between(e.getValue(), end).toMillis()));
                }
            }
            latencies.sort(null);
            if (latencies.isEmpty()) {
                throw new IllegalStateException("no enrollment exited within " + LIMIT);
            }
            System.out.printf(Locale.ROOT, "  %d replies delivered over %d s; %d of %d enrollments exited 'replied':"
                    + " p50 %.1f s, p95 %.1f s, max %.1f s from reply delivered to enrollment exited (target p95 < 60"
                    + " s with the default poll interval of 30 s)%n", replied.size(), spread.toSeconds(),
                    latencies
                            .size(),
                    count, percentile(latencies, 50) / 1000.0, percentile(latencies, 95) / 1000.0,
                    latencies.get(latencies.size() - 1) / 1000.0);
        }
    }

    private static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static String single(Connection db, String sql, String value) throws Exception {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            s.setString(1, value);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    private static void update(Connection db, String sql, String value) throws Exception {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            s.setString(1, value);
            s.executeUpdate();
        }
    }

    private String call(String method, String path, String body, int expected) throws Exception {
        return target.call(method, path, body, expected);
    }
}
