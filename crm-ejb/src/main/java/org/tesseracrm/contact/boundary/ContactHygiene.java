package org.tesseracrm.contact.boundary;

import org.tesseracrm.contact.entity.Contact;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;
import org.tesseracrm.tenancy.entity.Tenant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Data hygiene on a tenant's contacts, for batch jobs (which have no request, so they name their tenant). */
@ApplicationScoped
@Transactional
public class ContactHygiene {

    @Inject
    TenantEntityManagers tenantData;

    /**
     * Trims and lower-cases every contact's e-mail address, so duplicates and imports compare like with like.
     * Returns how many contacts changed.
     */
    public int normaliseEmails(Tenant tenant) {
        EntityManager em = tenantData.open(tenant);
        try {
            em.joinTransaction();
            // entity by entity, not a JPQL bulk UPDATE: EclipseLink 4.0.7 drops the field references from the SET
            // clause of a bulk update on a TABLE_PER_TENANT entity (seen here: "SET EMAIL = LOWER(TRIM())")
            int changed = 0;
            for (Contact contact : em.createQuery("SELECT c FROM Contact c WHERE c.email IS NOT NULL"
                    + " AND c.email <> LOWER(TRIM(c.email))", Contact.class).getResultList()) {
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
