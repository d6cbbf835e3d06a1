package org.tesseracrm.contact.boundary;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import org.tesseracrm.contact.entity.Contact;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;
import org.tesseracrm.tenancy.entity.Tenant;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Data hygiene on a tenant's contacts, for batch jobs (which have no request, so they name their tenant). Work comes
 * in pages in id order, so a job can checkpoint the last id it finished and resume there after a failure.
 */
@ApplicationScoped
@Transactional
public class ContactHygiene {

    /** A contact's id and e-mail address as stored. */
    public record ContactEmail(UUID id, String email) {

        /** Whether trimming and lower-casing would change the address. */
        public boolean needsNormalising() {
            return email != null && !email.strip().toLowerCase(Locale.ROOT).equals(email);
        }
    }

    @Inject
    TenantEntityManagers tenantData;

    @Resource(lookup = "java:app/jdbc/crm")
    DataSource dataSource;

    /** Up to {@code limit} contacts with an e-mail address, in id order, after {@code after} (null: from the start). */
    public List<ContactEmail> emailsAfter(Tenant tenant, UUID after, int limit) {
        // the schema comes from the registry (format-checked there), never from job input
        String sql = "SELECT id, email FROM " + tenant.schema() + ".contact WHERE email IS NOT NULL"
                + (after == null ? "" : " AND id > ?") + " ORDER BY id LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int parameter = 1;
            if (after != null) {
                s.setObject(parameter++, after);
            }
            s.setInt(parameter, limit);
            try (ResultSet rows = s.executeQuery()) {
                List<ContactEmail> page = new ArrayList<>(limit);
                while (rows.next()) {
                    page.add(new ContactEmail(rows.getObject(1, UUID.class), rows.getString(2)));
                }
                return page;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading contacts of " + tenant.slug() + " failed", e);
        }
    }

    /**
     * Trims and lower-cases the e-mail address of these contacts, so duplicates and imports compare like with like.
     * Returns how many changed.
     */
    public int normaliseEmails(Tenant tenant, List<UUID> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        EntityManager em = tenantData.open(tenant);
        try {
            em.joinTransaction();
            // entity by entity, not a JPQL bulk UPDATE: the entity decides what normalising means, and its version
            // moves (EclipseLink 4.0.7 also broke bulk updates under the former TABLE_PER_TENANT mapping: runtime.md)
            int changed = 0;
            for (Contact contact : em.createQuery("SELECT c FROM Contact c WHERE c.id IN :ids", Contact.class)
                    .setParameter("ids", ids).getResultList()) {
                if (contact.normaliseEmail()) {
                    changed++;
                }
            }
            em.flush();
            return changed;
        } finally {
            em.close();
        }
    }
}
