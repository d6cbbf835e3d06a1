package org.tesseracrm.mail.control;

import org.tesseracrm.platform.control.WebModuleStarted;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tesseracrm.platform.boundary.CrmDataSource;
import org.tesseracrm.platform.control.InstanceName;
import org.tesseracrm.tenancy.boundary.TenantRegistry;
import org.tesseracrm.tenancy.entity.Tenant;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import jakarta.mail.Part;
import jakarta.activation.DataHandler;

/**
 * Hands the outbox to the SMTP server ({@code crm.mail.smtp.*}): every {@code crm.mail.dispatch-interval} it claims
 * each active tenant's due rows in batches of {@value #BATCH} ({@code FOR UPDATE SKIP LOCKED}, so several instances
 * share the work without sending a row twice), sends them over one SMTP connection per tenant and round, batch after
 * batch while rows are due (for up to five seconds per tenant, then the next tenant's turn), and records each result
 * at once.
 * <ul>
 * <li>Sent: the row and its activity say {@code sent}.</li>
 * <li>Refused for good (an SMTP 5xx reply, an address the server rejects): {@code failed} with the server's words.</li>
 * <li>Anything else (server unreachable, 4xx, the connection dropping): queued again with a growing delay, up to
 * {@value #MAX_ATTEMPTS} attempts.</li>
 * </ul>
 * A row stays {@code sending} only while a dispatcher has it; one that outlives {@code crm.mail.claim-timeout} (a
 * crash between the SMTP conversation and the record of its result) is claimed again, and its resend carries the
 * same Message-ID, so receivers and the reply matcher can tell it is the same e-mail.
 */
@ApplicationScoped
public class MailDispatcher {

    private static final Logger LOG = System.getLogger(MailDispatcher.class.getName());

    static final int MAX_ATTEMPTS = 8;
    private static final int BATCH = 50;
    /** How long one round may send for one tenant before it turns to the next. */
    private static final Duration ROUND_BUDGET = Duration.ofSeconds(5);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(30);

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    TenantRegistry registry;

    @Inject
    InstanceName instance;

    @Inject
    @ConfigProperty(name = "crm.mail.smtp.host")
    Optional<String> host;

    @Inject
    @ConfigProperty(name = "crm.mail.smtp.port", defaultValue = "25")
    int port;

    /** {@code none}, {@code starttls} (required) or {@code tls} (SMTPS). */
    @Inject
    @ConfigProperty(name = "crm.mail.smtp.security", defaultValue = "none")
    String security;

    @Inject
    @ConfigProperty(name = "crm.mail.smtp.username")
    Optional<String> username;

    @Inject
    @ConfigProperty(name = "crm.mail.smtp.password")
    Optional<String> password;

    @Inject
    @ConfigProperty(name = "crm.mail.dispatch-interval", defaultValue = "PT2S")
    Duration interval;

    @Inject
    @ConfigProperty(name = "crm.mail.claim-timeout", defaultValue = "PT5M")
    Duration claimTimeout;

    @Inject
    @ConfigProperty(name = "crm.mail.retry-delay", defaultValue = "PT5S")
    Duration retryDelay;

    private ScheduledFuture<?> schedule;

    @Inject
    Credentials credentials;

    /** An SMTP server: the platform's, or a tenant's own (its password decrypted only here, for the connection). */
    record Server(String host, int port, String security, String username, String password) {
        @Override
        public String toString() { // never the password, wherever a server is printed
            return host + ":" + port + " (" + security + ")";
        }
    }

    /** Starts with the application; tenants without a server of their own wait while the platform has none. */
    synchronized void start(@Observes WebModuleStarted webModuleStarted) {
        if (schedule != null) {
            return;
        }
        schedule = scheduler.scheduleWithFixedDelay(this::dispatch, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        if (platformServer().isEmpty()) {
            LOG.log(Level.WARNING, "crm.mail.smtp.host is not set: only tenants with an SMTP server of their own"
                    + " send; the others' e-mails stay queued in the outbox");
        } else {
            LOG.log(Level.INFO, "mail dispatcher sends through {0}:{1} ({2}) every {3}", host.get(), port, security,
                    interval);
        }
    }

    private Optional<Server> platformServer() {
        return host.filter(h -> !h.isBlank()).map(h -> new Server(h, port, security, username.orElse(null),
                password.orElse(null)));
    }

    @PreDestroy
    synchronized void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    /** One round over every active tenant; returns how many e-mails were sent (tests and logs). */
    int dispatch() {
        int sent = 0;
        try {
            // looked up when it runs: the bean starts with the application, in an EAR before the datasource is bound
            DataSource dataSource = (DataSource) new InitialContext().lookup(CrmDataSource.JNDI_NAME);
            for (Tenant tenant : registry.active()) {
                try {
                    sent += dispatch(dataSource, tenant);
                } catch (SQLException | RuntimeException e) {
                    LOG.log(Level.WARNING, "mail dispatch for tenant " + tenant.slug() + " failed, next try in "
                            + interval + ": " + e);
                }
            }
        } catch (NamingException | RuntimeException e) {
            // caught so the schedule goes on (a task that throws is not run again)
            LOG.log(Level.WARNING, "mail dispatch failed, next try in " + interval + ": " + e);
        }
        return sent;
    }

    /** A claimed row; {@code activityId} is null for the CRM's own e-mails to its users (the weekly report). */
    record Claimed(String id, String activityId, String messageId, String from, String to, String cc,
            String subject, String body, int attempts, String htmlBody, String unsubscribeUrl, String mailboxId,
            boolean hasAttachments) {
    }

    /** A file sent with an e-mail (mail_attachment). */
    record Attachment(String fileName, String contentType, byte[] content) {
    }

    private int dispatch(DataSource dataSource, Tenant tenant) throws SQLException {
        String schema = tenant.schema();
        Optional<Server> found = serverFor(dataSource, tenant);
        if (found.isEmpty()) {
            return 0; // nothing claimed: the e-mails wait for a server
        }
        Server server = found.get();
        String protocol = server.security().equals("tls") ? "smtps" : "smtp";
        Session session = Session.getInstance(sessionProperties(server));
        int sent = 0;
        Transport transport = null;
        // a backlog drains in one round, batch after batch over the same connection, within a time budget per
        // tenant so that the other tenants get their turn
        long budgetEnds = System.nanoTime() + ROUND_BUDGET.toNanos();
        try {
            List<Claimed> claimed;
            do {
                claimed = claim(dataSource, schema);
                List<Claimed> due = MailboxLimits.admit(dataSource, schema, claimed);
                Map<String, String> suppressed = suppressedRecipients(dataSource, schema, due);
                for (Claimed mail : due) {
                    try {
                        if (suppressed.containsKey(mail.id())) {
                            // unsubscribed or bounced after it was queued: never sent
                            recordSuppressed(dataSource, schema, mail, suppressed.get(mail.id()));
                            continue;
                        }
                        if (transport == null || !transport.isConnected()) {
                            transport = session.getTransport(protocol);
                            transport.connect(server.host(), server.port(), server.username(), server.password());
                        }
                        MimeMessage message = message(session, mail, mail.hasAttachments()
                                ? attachments(dataSource, schema, mail.id())
                                : List.of());
                        transport.sendMessage(message, message.getAllRecipients());
                        recordSent(dataSource, schema, mail);
                        sent++;
                    } catch (MessagingException | RuntimeException e) {
                        recordFailure(dataSource, schema, mail, e);
                        if (!isPermanent(e) && transport != null) {
                            close(transport); // a fresh connection for the next one
                            transport = null;
                        }
                    }
                }
            } while (claimed.size() == BATCH && System.nanoTime() < budgetEnds);
        } finally {
            if (transport != null) {
                close(transport);
            }
        }
        if (sent > 0) {
            LOG.log(Level.INFO, "sent {0} e-mail(s) for {1}", sent, schema);
        }
        return sent;
    }

    /** Due rows of one tenant, marked {@code sending} in a transaction of their own. */
    private List<Claimed> claim(DataSource dataSource, String schema) throws SQLException {
        List<Claimed> claimed = new ArrayList<>();
        // the schema comes from the registry (format-checked there), never from input
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("WITH claimed AS (UPDATE " + schema
                        + ".mail_outbox SET status = 'sending', attempts = attempts + 1, claimed_at = now() WHERE id IN ("
                        + " SELECT id FROM " + schema
                        + ".mail_outbox WHERE (status = 'queued' AND next_attempt_at <= now())"
                        + " OR (status = 'sending' AND claimed_at < now() - CAST(? AS interval))"
                        + " ORDER BY next_attempt_at LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED)"
                        + " RETURNING CAST(id AS text) AS id, CAST(activity_id AS text) AS activity, message_id,"
                        + " from_address, CAST(to_addresses AS text) AS recipients, CAST(cc_addresses AS text) AS"
                        + " copies, subject, body, attempts, html_body, unsubscribe_url, CAST(mailbox_id AS text) AS"
                        + " mailbox, created_at, EXISTS (SELECT 1 FROM " + schema + ".mail_attachment f WHERE"
                        + " f.outbox_id = mail_outbox.id) AS attached)"
                        // RETURNING keeps no order: oldest first, so a mailbox's limits admit e-mails as queued
                        + " SELECT id, activity, message_id, from_address, recipients, copies, subject, body,"
                        + " attempts, html_body, unsubscribe_url, mailbox, attached FROM claimed ORDER BY created_at,"
                        + " id")) {
            s.setString(1, claimTimeout.toSeconds() + " seconds");
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    claimed.add(new Claimed(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                            r.getString(5), r.getString(6), r.getString(7), r.getString(8), r.getInt(9),
                            r.getString(10), r.getString(11), r.getString(12), r.getBoolean(13)));
                }
            }
        }
        return claimed;
    }

    /**
     * The server this tenant's e-mails go through: its own (mail settings) or else the platform's; empty when there
     * is none, or when the tenant's password cannot be decrypted (another crm.mail.credentials-key): then they wait.
     */
    private Optional<Server> serverFor(DataSource dataSource, Tenant tenant) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT smtp_host, smtp_port, smtp_security, smtp_username,"
                        + " smtp_password FROM " + tenant.schema() + ".mail_setting WHERE smtp_host IS NOT NULL");
                ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                return platformServer();
            }
            String stored = r.getString(5);
            String secret = null;
            if (stored != null) {
                secret = credentials.decrypt(stored, tenant.slug() + "/smtp").orElse(null);
                if (secret == null) {
                    LOG.log(Level.WARNING, "the SMTP password of tenant {0} cannot be decrypted (another"
                            + " crm.mail.credentials-key?): its e-mails wait until an admin sets it again",
                            tenant.slug());
                    return Optional.empty();
                }
            }
            return Optional.of(new Server(r.getString(1), r.getInt(2), r.getString(3), r.getString(4), secret));
        }
    }

    private Properties sessionProperties(Server server) {
        Properties p = new Properties();
        String protocol = server.security().equals("tls") ? "smtps" : "smtp";
        p.put("mail.transport.protocol", protocol);
        p.put("mail." + protocol + ".host", server.host());
        p.put("mail." + protocol + ".port", String.valueOf(server.port()));
        p.put("mail." + protocol + ".auth", String.valueOf(server.username() != null));
        p.put("mail." + protocol + ".connectiontimeout", "5000");
        p.put("mail." + protocol + ".timeout", "10000");
        p.put("mail." + protocol + ".writetimeout", "10000");
        if (server.security().equals("starttls")) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        return p;
    }

    /** The files of an e-mail, in their order. */
    private static List<Attachment> attachments(DataSource dataSource, String schema, String outboxId)
            throws SQLException {
        List<Attachment> files = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT file_name, content_type, content FROM " + schema
                        + ".mail_attachment WHERE outbox_id = CAST(? AS uuid) ORDER BY position")) {
            s.setString(1, outboxId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    files.add(new Attachment(r.getString(1), r.getString(2), r.getBytes(3)));
                }
            }
        }
        return files;
    }

    private static MimeMessage message(Session session, Claimed mail, List<Attachment> attachments)
            throws MessagingException {
        MimeMessage message = new FixedIdMessage(session, mail.messageId());
        message.setFrom(new InternetAddress(mail.from()));
        message.setRecipients(Message.RecipientType.TO, addresses(mail.to()));
        Address[] cc = addresses(mail.cc());
        if (cc.length > 0) {
            message.setRecipients(Message.RecipientType.CC, cc);
        }
        message.setSubject(mail.subject(), "UTF-8");
        MimeMultipart alternatives = null;
        if (mail.htmlBody() != null) {
            alternatives = new MimeMultipart("alternative");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(mail.body(), "UTF-8");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(mail.htmlBody(), "UTF-8", "html");
            alternatives.addBodyPart(text);
            alternatives.addBodyPart(html);
        }
        if (!attachments.isEmpty()) {
            // multipart/mixed: the text (or its alternatives) first, then the files
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart content = new MimeBodyPart();
            if (alternatives == null) {
                content.setText(mail.body(), "UTF-8");
            } else {
                content.setContent(alternatives);
            }
            mixed.addBodyPart(content);
            for (Attachment file : attachments) {
                MimeBodyPart part = new MimeBodyPart();
                part.setDataHandler(new DataHandler(new ByteArrayDataSource(file.content(), file.contentType())));
                part.setFileName(file.fileName());
                part.setDisposition(Part.ATTACHMENT);
                mixed.addBodyPart(part);
            }
            message.setContent(mixed);
        } else if (alternatives == null) {
            message.setText(mail.body(), "UTF-8");
        } else {
            message.setContent(alternatives);
        }
        if (mail.unsubscribeUrl() != null) {
            // RFC 2369 and RFC 8058: mail clients offer "unsubscribe" and POST to the address in one click
            message.setHeader("List-Unsubscribe", "<" + mail.unsubscribeUrl() + ">");
            message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        if (mail.activityId() != null) {
            // SendGrid (docs/email.md, "Provider events") returns unique args in its webhook events: they name the
            // row; the CRM's own e-mails to its users are not tracked
            message.setHeader("X-SMTPAPI", "{\"unique_args\":{\"crm_outbox_id\":\"" + mail.id() + "\"}}");
        }
        message.setSentDate(new java.util.Date());
        return message;
    }

    /** The Message-ID comes from the outbox row, not from Jakarta Mail's random one: resends keep it. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }

    private static Address[] addresses(String json) throws MessagingException {
        List<Address> list = new ArrayList<>();
        try (var reader = org.tesseracrm.platform.entity.JsonValues.JSON.createReader(new java.io.StringReader(json))) {
            for (var value : reader.readArray().getValuesAs(jakarta.json.JsonString.class)) {
                list.add(new InternetAddress(value.getString(), true));
            }
        }
        return list.toArray(Address[]::new);
    }

    /**
     * Outbox id → the first of its recipients on the tenant's suppression list, for the e-mails about to be sent: one
     * query per batch, just before the batch goes out.
     */
    private static Map<String, String> suppressedRecipients(DataSource dataSource, String schema, List<Claimed> mails)
            throws SQLException {
        Map<String, List<String>> recipients = new LinkedHashMap<>();
        Set<String> all = new HashSet<>();
        for (Claimed mail : mails) {
            List<String> addresses = new ArrayList<>();
            try {
                for (Address address : addresses(mail.to())) {
                    addresses.add(((InternetAddress) address).getAddress().toLowerCase(Locale.ROOT));
                }
                for (Address address : addresses(mail.cc())) {
                    addresses.add(((InternetAddress) address).getAddress().toLowerCase(Locale.ROOT));
                }
            } catch (MessagingException unparsable) {
                continue; // composing the message fails as well, and records why
            }
            recipients.put(mail.id(), addresses);
            all.addAll(addresses);
        }
        Map<String, String> suppressed = new HashMap<>();
        if (all.isEmpty()) {
            return suppressed;
        }
        Set<String> listed = new HashSet<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT address FROM " + schema
                        + ".email_suppression WHERE address = ANY(?)")) {
            s.setArray(1, c.createArrayOf("text", all.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    listed.add(r.getString(1));
                }
            }
        }
        recipients.forEach((id, addresses) -> addresses.stream().filter(listed::contains).findFirst().ifPresent(
                address -> suppressed.put(id, address)));
        return suppressed;
    }

    private static void recordSuppressed(DataSource dataSource, String schema, Claimed mail, String address)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("UPDATE " + schema + ".mail_outbox SET status = 'failed',"
                    + " claimed_at = NULL, last_error = ? WHERE id = CAST(? AS uuid)")) {
                s.setString(1, "not sent: " + address + " is on the suppression list");
                s.setString(2, mail.id());
                s.executeUpdate();
            }
            activityState(c, schema, mail.activityId(), "failed");
            c.commit();
        }
        LOG.log(Level.INFO, "e-mail {0} not sent: a recipient is on the suppression list", mail.id());
    }

    /** The row and its activity in one statement: one round trip and one commit per e-mail sent. */
    private void recordSent(DataSource dataSource, String schema, Claimed mail) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("WITH sent AS (UPDATE " + schema + ".mail_outbox SET"
                        + " status = 'sent', sent_at = now(), claimed_at = NULL, last_error = NULL, sent_by = ? WHERE"
                        + " id = CAST(? AS uuid) RETURNING activity_id) UPDATE " + schema + ".activity SET metadata"
                        + " = metadata || jsonb_build_object('emailState', 'sent'), updated_at = now(), version ="
                        + " version + 1 WHERE id IN (SELECT activity_id FROM sent)")) {
            s.setString(1, instance.get());
            s.setString(2, mail.id());
            s.executeUpdate();
        }
    }

    private void recordFailure(DataSource dataSource, String schema, Claimed mail, Exception failure) {
        boolean permanent = isPermanent(failure) || mail.attempts() >= MAX_ATTEMPTS;
        String error = describe(failure);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("UPDATE " + schema + ".mail_outbox SET status = ?,"
                    + " claimed_at = NULL, last_error = ?, next_attempt_at = now() + CAST(? AS interval)"
                    + " WHERE id = CAST(? AS uuid)")) {
                s.setString(1, permanent ? "failed" : "queued");
                s.setString(2, error);
                s.setString(3, backoff(mail.attempts()).toSeconds() + " seconds");
                s.setString(4, mail.id());
                s.executeUpdate();
            }
            if (permanent) {
                activityState(c, schema, mail.activityId(), "failed");
            }
            c.commit();
            LOG.log(Level.WARNING, "e-mail {0} ({1}, attempt {2}): {3}", mail.id(), permanent ? "failed" : "retried",
                    mail.attempts(), error);
        } catch (SQLException e) {
            // the row stays 'sending' and is claimed again after the claim timeout
            LOG.log(Level.WARNING, "could not record the result of e-mail " + mail.id() + ": " + e);
        }
    }

    private static void activityState(Connection c, String schema, String activityId, String state)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE " + schema + ".activity SET metadata = metadata"
                + " || jsonb_build_object('emailState', CAST(? AS text)), updated_at = now(), version = version + 1"
                + " WHERE id = CAST(? AS uuid)")) {
            s.setString(1, state);
            s.setString(2, activityId);
            s.executeUpdate();
        }
    }

    private Duration backoff(int attempts) {
        Duration delay = retryDelay.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 12));
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }

    /** An SMTP reply of 500 or above anywhere in the chain (Angus Mail's exceptions carry it as getReturnCode). */
    static boolean isPermanent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof jakarta.mail.internet.AddressException) {
                return true;
            }
            try {
                Method code = t.getClass().getMethod("getReturnCode");
                if (((Number) code.invoke(t)).intValue() >= 500) {
                    return true;
                }
            } catch (ReflectiveOperationException | ClassCastException e) {
                // not an SMTP reply
            }
            if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t
                    && isPermanent(m.getNextException())) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable failure) {
        String text = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }

    private static void close(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException e) {
            // already gone
        }
    }
}
