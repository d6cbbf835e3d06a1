package org.tesseracrm.customfield.boundary;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.tesseracrm.customfield.entity.CustomFieldDefinition;
import org.tesseracrm.customfield.entity.CustomFieldRules;
import org.tesseracrm.platform.control.AfterTransaction;
import org.tesseracrm.platform.entity.Conflict;
import org.tesseracrm.platform.entity.NotFound;
import org.tesseracrm.tenancy.boundary.CurrentTenant;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/** Custom field definitions of the current tenant (crm-admins define them) and the rules they make. */
@ApplicationScoped
@Transactional
public class CustomFields {

    /**
     * How long an instance trusts the definitions it read. A change made here is seen at once (its commit forgets
     * them); one made through another instance, at most this much later.
     */
    static final Duration RULES_LIFETIME = Duration.ofSeconds(2);

    /** Rules read at a time, by schema and object type. */
    private record Read(CustomFieldRules rules, long readAtNanos) {
    }

    /** The rules every create and update checks, kept between transactions: reading them was one query per write. */
    private final Map<String, Read> recent = new ConcurrentHashMap<>();

    @Inject
    TenantEntityManagers tenantData;

    @Inject
    CurrentTenant currentTenant;

    @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transaction;

    public List<CustomFieldDefinition> all() {
        return em().createQuery("SELECT d FROM CustomFieldDefinition d ORDER BY d.objectType, d.name",
                CustomFieldDefinition.class).getResultList();
    }

    /**
     * The rules for one object type, as this instance read them in the last {@link #RULES_LIFETIME}: a batch of 100
     * records, and the creates of the next moments, check against one read.
     */
    public CustomFieldRules rules(String objectType) {
        String key = key(objectType);
        Read read = recent.get(key);
        long now = System.nanoTime();
        if (read == null || now - read.readAtNanos() > RULES_LIFETIME.toNanos()) {
            read = new Read(new CustomFieldRules(objectType, em()
                    .createQuery("SELECT d FROM CustomFieldDefinition d WHERE d.objectType = :type",
                            CustomFieldDefinition.class)
                    .setParameter("type", objectType).getResultList()), now);
            recent.put(key, read);
        }
        return read.rules();
    }

    public CustomFieldDefinition define(CustomFieldDefinition definition) {
        boolean taken = !em().createQuery("SELECT d.id FROM CustomFieldDefinition d"
                + " WHERE d.objectType = :type AND d.name = :name", UUID.class)
                .setParameter("type", definition.objectType()).setParameter("name", definition.name())
                .getResultList().isEmpty();
        if (taken) {
            throw new Conflict("duplicate-custom-field",
                    definition.objectType() + " already has a custom field " + definition.name());
        }
        em().persist(definition);
        forgetRules(definition.objectType());
        return definition;
    }

    /** Removes the definition; values already stored stay in the records' JSON until they are next saved. */
    public void remove(UUID id) {
        CustomFieldDefinition definition = em().find(CustomFieldDefinition.class, id);
        if (definition == null) {
            throw new NotFound("custom field " + id);
        }
        em().remove(definition);
        forgetRules(definition.objectType());
    }

    /**
     * Forgets the rules now and again once the change has committed: a write running meanwhile may have read the
     * definitions as they were before it.
     */
    private void forgetRules(String objectType) {
        String key = key(objectType);
        recent.remove(key);
        AfterTransaction.ended(transaction, () -> recent.remove(key));
    }

    private String key(String objectType) {
        return currentTenant.require().schema() + "/" + objectType;
    }

    private EntityManager em() {
        return tenantData.current();
    }
}
