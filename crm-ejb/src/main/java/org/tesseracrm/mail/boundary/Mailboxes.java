package org.tesseracrm.mail.boundary;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.tesseracrm.audit.boundary.AuditTrail;
import org.tesseracrm.audit.entity.Snapshot;
import org.tesseracrm.mail.control.Credentials;
import org.tesseracrm.mail.entity.Mailbox;
import org.tesseracrm.platform.entity.Caller;
import org.tesseracrm.platform.entity.Conflict;
import org.tesseracrm.platform.entity.Forbidden;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.NotFound;
import org.tesseracrm.platform.entity.StaleVersion;
import org.tesseracrm.tenancy.boundary.CurrentTenant;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;
import org.tesseracrm.user.boundary.Users;
import org.tesseracrm.user.entity.AppUser;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The users' mailboxes. crm-admins set them up and set their address and limits; a user may change the name and
 * signature of their own; managers read them all (they plan their teams' sequences), everyone reads their own.
 * The rules are here, for the API and the console alike.
 */
@ApplicationScoped
@Transactional
public class Mailboxes {

    /**
     * IMAP settings as asked for, the password in clear on its way in: null keeps the stored one (same server and
     * user), empty removes it. Without a host, the IMAP settings are removed.
     */
    public record ImapChange(String host, Integer port, String security, String username, String password,
            String folder) {
    }

    @Inject
    Credentials credentials;

    @Inject
    CurrentTenant currentTenant;

    @Inject
    TenantEntityManagers tenantData;

    @Inject
    Users users;

    @Inject
    AuditTrail audit;

    public List<Mailbox> all(Caller caller) {
        if (!caller.isAdmin() && !caller.isManager()) {
            throw new Forbidden("mailboxes", "only crm-admins and sales-managers list the mailboxes");
        }
        return em().createQuery("SELECT m FROM Mailbox m ORDER BY m.username", Mailbox.class).getResultList();
    }

    public Mailbox find(UUID id, Caller caller) {
        Mailbox mailbox = em().find(Mailbox.class, id);
        if (mailbox == null || !(caller.isAdmin() || caller.isManager()
                || mailbox.username().equals(caller.username()))) {
            // someone else's mailbox is not there for a rep: the same answer as an unknown id
            throw new NotFound("mailbox " + id);
        }
        return mailbox;
    }

    /** The mailbox a user sends from, if they have one. */
    public Optional<Mailbox> of(String username) {
        return em().createQuery("SELECT m FROM Mailbox m WHERE m.username = :u", Mailbox.class)
                .setParameter("u", username).getResultStream().findFirst();
    }

    public Mailbox create(String username, Mailbox.Settings settings, ImapChange imap, Caller caller) {
        requireAdmin(caller);
        if (username == null || username.isBlank()) {
            throw new InvalidInput("username", "is required");
        }
        AppUser user = users.find(username.strip())
                .orElseThrow(() -> new InvalidInput("username", "is no user of this workspace"));
        if (of(user.username()).isPresent()) {
            throw new Conflict("duplicate-mailbox", user.username() + " has a mailbox already");
        }
        Mailbox mailbox = new Mailbox(user.username(), user.email(), settings, caller.username());
        if (imap != null) {
            mailbox.change(withImap(mailbox, imap));
        }
        em().persist(mailbox);
        em().flush();
        audit.created(Mailbox.OBJECT_TYPE, mailbox.id(), mailbox.snapshot(), caller.username());
        return mailbox;
    }

    public Mailbox update(UUID id, Long expectedVersion, Mailbox.Settings settings, ImapChange imap,
            Caller caller) {
        Mailbox mailbox = find(id, caller);
        if (!caller.isAdmin()) {
            boolean own = mailbox.username().equals(caller.username());
            boolean onlyNameAndSignature = unchanged(settings.fromAddress(), mailbox.fromAddress())
                    && unchanged(settings.dailyCap(), mailbox.dailyCap())
                    && unchanged(settings.hourlyCap(), mailbox.hourlyCap())
                    && unchanged(settings.minGapSeconds(), mailbox.minGapSeconds())
                    && unchanged(settings.window(), mailbox.window());
            if (!own || !onlyNameAndSignature) {
                throw new Forbidden("mailbox-admin-only", own
                        ? "the address, limits and sending window of a mailbox are set by a crm-admin; you may"
                                + " change its name, signature and IMAP settings"
                        : "only a crm-admin changes another user's mailbox");
            }
        }
        StaleVersion.check("mailbox " + id, mailbox.version(), expectedVersion);
        Snapshot before = mailbox.snapshot();
        mailbox.change(settings);
        if (imap != null) {
            mailbox.change(withImap(mailbox, imap));
        }
        em().flush();
        if (settings.window() != null || settings.dailyCap() != null || settings.hourlyCap() != null
                || settings.minGapSeconds() != null) {
            // e-mails held for the old limits are looked at again now, not at the instant the old ones named
            em().createNativeQuery("UPDATE mail_outbox SET next_attempt_at = now() WHERE mailbox_id = CAST(?1 AS"
                    + " uuid) AND status = 'queued' AND last_error LIKE 'held:%' AND next_attempt_at > now()")
                    .setParameter(1, mailbox.id().toString()).executeUpdate();
        }
        audit.updated(Mailbox.OBJECT_TYPE, mailbox.id(), before, mailbox.snapshot(), caller.username());
        return mailbox;
    }

    public void delete(UUID id, Caller caller) {
        requireAdmin(caller);
        Mailbox mailbox = find(id, caller);
        audit.deleted(Mailbox.OBJECT_TYPE, mailbox.id(), mailbox.snapshot(), new Snapshot(), caller.username());
        em().remove(mailbox);
    }

    /** The IMAP change with its password encrypted for this mailbox (or the stored one kept). */
    private Mailbox.Settings withImap(Mailbox mailbox, ImapChange imap) {
        String stored;
        Mailbox.Imap current = mailbox.imap();
        if (imap.password() == null) {
            boolean sameAccount = current != null && current.host().equalsIgnoreCase(String.valueOf(imap.host()))
                    && current.username().equals(imap.username());
            stored = sameAccount ? current.storedPassword() : null;
        } else if (imap.password().isEmpty()) {
            stored = null;
        } else {
            if (imap.password().length() > 500 || imap.password().chars().anyMatch(Character::isISOControl)) {
                throw new InvalidInput("imap.password", "must be at most 500 characters without control characters");
            }
            stored = credentials.encrypt(imap.password(), Credentials.imapContext(currentTenant.require().slug(),
                    mailbox.id().toString()));
        }
        return new Mailbox.Settings(null, null, null, null, null, null, null, new Mailbox.Imap(imap.host(), imap.port(),
                imap.security(), imap.username(), stored, imap.folder()));
    }

    private static boolean unchanged(Object given, Object current) {
        return given == null || Objects.equals(given instanceof String s ? s.strip().toLowerCase() : given,
                current instanceof String s ? s.toLowerCase() : current);
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.isAdmin()) {
            throw new Forbidden("admin-only", "only a crm-admin sets up and removes mailboxes");
        }
    }

    private EntityManager em() {
        return tenantData.current();
    }
}
