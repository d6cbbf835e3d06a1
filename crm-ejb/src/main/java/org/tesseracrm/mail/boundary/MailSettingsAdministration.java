package org.tesseracrm.mail.boundary;

import org.tesseracrm.audit.boundary.AuditTrail;
import org.tesseracrm.audit.entity.Snapshot;
import org.tesseracrm.mail.control.Credentials;
import org.tesseracrm.mail.entity.MailSettings;
import org.tesseracrm.platform.entity.Caller;
import org.tesseracrm.platform.entity.Forbidden;
import org.tesseracrm.platform.entity.StaleVersion;
import org.tesseracrm.tenancy.boundary.CurrentTenant;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** The tenant's mail settings: crm-admins read and change them (the SMTP password is write-only). */
@ApplicationScoped
@Transactional
public class MailSettingsAdministration {

    /** The settings row's id in the audit trail (one row per tenant). */
    static final java.util.UUID SETTINGS_ID = new java.util.UUID(0, 2);

    /**
     * What a change asks for: the password is kept when {@code password} is null, and removed when it is empty; a null
     * SendGrid key turns provider events off.
     */
    public record Change(String senderName, String senderAddress, MailSettings.SmtpServer server, String password,
            String sendgridWebhookKey) {
    }

    @Inject
    TenantEntityManagers tenantData;

    @Inject
    Credentials credentials;

    @Inject
    CurrentTenant currentTenant;

    @Inject
    AuditTrail audit;

    public MailSettings settings(Caller caller) {
        requireAdmin(caller);
        return current();
    }

    /** For the outbox: the default sender, whoever asks. */
    public MailSettings current() {
        return tenantData.current().find(MailSettings.class, true);
    }

    public MailSettings change(Change change, Long expectedVersion, Caller caller) {
        requireAdmin(caller);
        MailSettings settings = current();
        StaleVersion.check("mail settings", settings.version(), expectedVersion);
        Snapshot before = settings.snapshot();
        String stored;
        if (change.server() == null) {
            stored = null;
        } else if (change.password() == null) {
            stored = settings.storedPassword();
        } else if (change.password().isEmpty()) {
            stored = null;
        } else {
            if (change.password().length() > 500 || change.password().chars().anyMatch(Character::isISOControl)) {
                throw new org.tesseracrm.platform.entity.InvalidInput("smtp.password",
                        "must be at most 500 characters without control characters");
            }
            stored = credentials.encrypt(change.password(), context(currentTenant.require().slug()));
        }
        settings.change(change.senderName(), change.senderAddress(), change.server(), stored,
                change.sendgridWebhookKey(), caller.username());
        tenantData.current().flush();
        audit.updated(MailSettings.OBJECT_TYPE, SETTINGS_ID, before, settings.snapshot(), caller.username());
        return settings;
    }

    /** What binds a stored SMTP password to its tenant ({@link Credentials}' associated data). */
    public static String context(String tenant) {
        return tenant + "/smtp";
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.isAdmin()) {
            throw new Forbidden("admin-only", "only a crm-admin reads and changes the mail settings");
        }
    }
}
