package org.tesseracrm.mail.control;

import org.tesseracrm.platform.control.WebModuleStarted;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tesseracrm.mail.boundary.Inbox;
import org.tesseracrm.mail.entity.InboundMessage;
import org.tesseracrm.platform.boundary.CrmDataSource;
import org.tesseracrm.tenancy.boundary.TenantRegistry;
import org.tesseracrm.tenancy.boundary.TenantTasks;
import org.tesseracrm.tenancy.entity.Tenant;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;

/**
 * Reads the mailboxes that have IMAP settings every {@code crm.mail.imap.poll-interval} (default 30 s): per mailbox a
 * lease on its row (so one instance at a time reads it), then the folder's messages with a UID above the last one
 * read (a new UIDVALIDITY starts again from the beginning; the unique key of {@code inbound_email} still keeps a
 * message from being ingested twice), each handed to {@link Inbox} in a transaction of its own, which also moves the
 * mailbox's bookmark. The folder is opened read-only: the CRM changes nothing in anyone's mailbox.
 */
@ApplicationScoped
public class MailboxPoller {

    private static final Logger LOG = System.getLogger(MailboxPoller.class.getName());
    private static final int BATCH = 200;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    TenantRegistry registry;

    @Inject
    TenantTasks tenantTasks;

    @Inject
    Inbox inbox;

    @Inject
    Credentials credentials;

    @Inject
    @ConfigProperty(name = "crm.mail.imap.poll-interval", defaultValue = "PT30S")
    Duration interval;

    private ScheduledFuture<?> schedule;

    private record Mailbox(UUID id, String host, int port, String security, String username, String password,
            String folder, long uidValidity, long lastUid) {
        @Override
        public String toString() { // never the password
            return username + "@" + host + ":" + port + "/" + folder;
        }
    }

    synchronized void start(@Observes WebModuleStarted webModuleStarted) {
        if (schedule == null) {
            schedule = scheduler.scheduleWithFixedDelay(this::poll, interval.toMillis(), interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    /** One round over every active tenant's mailboxes. */
    void poll() {
        try {
            DataSource dataSource = (DataSource) new InitialContext().lookup(CrmDataSource.JNDI_NAME);
            for (Tenant tenant : registry.active()) {
                for (Mailbox mailbox : leased(dataSource, tenant)) {
                    try {
                        read(dataSource, tenant, mailbox);
                    } catch (MessagingException | RuntimeException e) {
                        LOG.log(Level.WARNING, "mailbox " + mailbox + " of " + tenant.slug() + " not read: " + e);
                        release(dataSource, tenant, mailbox, e.getClass().getSimpleName() + ": " + e.getMessage());
                    }
                }
            }
        } catch (NamingException | SQLException | RuntimeException e) {
            // caught so the schedule goes on
            LOG.log(Level.WARNING, "mailbox poll failed, next try in " + interval + ": " + e);
        }
    }

    /** The tenant's mailboxes with IMAP settings that no other poller holds, leased to this one for two minutes. */
    private List<Mailbox> leased(DataSource dataSource, Tenant tenant) throws SQLException {
        List<Mailbox> mailboxes = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE " + tenant.schema() + ".mailbox SET"
                        + " imap_leased_until = now() + interval '2 minutes' WHERE imap_host IS NOT NULL AND"
                        + " (imap_leased_until IS NULL OR imap_leased_until < now()) RETURNING CAST(id AS text),"
                        + " imap_host, imap_port, imap_security, imap_username, imap_password, imap_folder,"
                        + " coalesce(imap_uid_validity, -1), imap_last_uid")) {
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String password = r.getString(6) == null
                            ? null
                            : credentials
                                    .decrypt(r.getString(6), Credentials.imapContext(tenant.slug(), r.getString(1)))
                                    .orElse(null);
                    mailboxes.add(new Mailbox(UUID.fromString(r.getString(1)), r.getString(2), r.getInt(3),
                            r.getString(4), r.getString(5), password, r.getString(7), r.getLong(8), r.getLong(9)));
                }
            }
        }
        return mailboxes;
    }

    private void read(DataSource dataSource, Tenant tenant, Mailbox mailbox) throws MessagingException {
        String protocol = mailbox.security().equals("tls") ? "imaps" : "imap";
        Properties p = new Properties();
        p.put("mail." + protocol + ".connectiontimeout", "5000");
        p.put("mail." + protocol + ".timeout", "20000");
        if (mailbox.security().equals("starttls")) {
            p.put("mail.imap.starttls.enable", "true");
            p.put("mail.imap.starttls.required", "true");
        }
        Map<Inbox.Outcome, Integer> outcomes = new EnumMap<>(Inbox.Outcome.class);
        Store store = Session.getInstance(p).getStore(protocol);
        store.connect(mailbox.host(), mailbox.port(), mailbox.username(), mailbox.password());
        try {
            Folder folder = store.getFolder(mailbox.folder());
            folder.open(Folder.READ_ONLY);
            try {
                UIDFolder uids = (UIDFolder) folder;
                long validity = uids.getUIDValidity();
                long from = validity == mailbox.uidValidity() ? mailbox.lastUid() + 1 : 1;
                Message[] messages = uids.getMessagesByUID(from, UIDFolder.MAXUID);
                FetchProfile profile = new FetchProfile();
                profile.add(UIDFolder.FetchProfileItem.UID);
                profile.add(FetchProfile.Item.ENVELOPE);
                folder.fetch(messages, profile);
                int read = 0;
                for (Message message : messages) {
                    long uid = uids.getUID(message);
                    if (uid < from || read >= BATCH) {
                        continue; // IMAP answers "n:*" with the last message even when n is above it
                    }
                    InboundMessage parsed;
                    try {
                        parsed = InboundMessages.read((MimeMessage) message, validity, uid);
                    } catch (java.io.IOException | MessagingException | RuntimeException e) {
                        LOG.log(Level.WARNING, "message " + uid + " of mailbox " + mailbox + " unreadable, skipped: "
                                + e);
                        parsed = new InboundMessage(validity, uid, null, List.of(), null, null, null,
                                InboundMessage.Kind.REPLY, null, null);
                    }
                    InboundMessage ingest = parsed;
                    Inbox.Outcome outcome;
                    try {
                        outcome = tenantTasks.inTenant(tenant, () -> inbox.ingest(mailbox.id(), ingest));
                    } catch (org.tesseracrm.platform.entity.DomainException e) {
                        LOG.log(Level.WARNING, "message " + uid + " of mailbox " + mailbox + " refused (" + e
                                .getMessage() + "), recorded as unmatched");
                        outcome = tenantTasks.inTenant(tenant, () -> inbox.skip(mailbox.id(), ingest));
                    }
                    outcomes.merge(outcome, 1, Integer::sum);
                    read++;
                }
            } finally {
                folder.close(false);
            }
        } finally {
            store.close();
        }
        release(dataSource, tenant, mailbox, null);
        if (!outcomes.isEmpty()) {
            LOG.log(Level.INFO, "mailbox {0} of {1}: {2}", mailbox, tenant.slug(), outcomes);
        }
    }

    private static void release(DataSource dataSource, Tenant tenant, Mailbox mailbox, String error) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE " + tenant.schema() + ".mailbox SET"
                        + " imap_leased_until = NULL, imap_polled_at = now(), imap_error = ? WHERE id ="
                        + " CAST(? AS uuid)")) {
            s.setString(1, error == null ? null : error.length() > 1000 ? error.substring(0, 1000) : error);
            s.setString(2, mailbox.id().toString());
            s.executeUpdate();
        } catch (SQLException e) {
            // the lease runs out by itself
            LOG.log(Level.WARNING, "mailbox " + mailbox + " not released: " + e);
        }
    }
}
