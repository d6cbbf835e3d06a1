package org.tesseracrm.customfield.boundary;

import java.util.List;
import java.util.UUID;

import org.tesseracrm.customfield.entity.CustomFieldDefinition;
import org.tesseracrm.customfield.entity.CustomFieldRules;
import org.tesseracrm.platform.entity.Conflict;
import org.tesseracrm.platform.entity.NotFound;
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

    private static final String RULES = CustomFields.class.getName() + ".rules.";

    @Inject
    TenantEntityManagers tenantData;

    @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transaction;

    public List<CustomFieldDefinition> all() {
        return em().createQuery("SELECT d FROM CustomFieldDefinition d ORDER BY d.objectType, d.name",
                CustomFieldDefinition.class).getResultList();
    }

    /**
     * The rules for one object type, read once per transaction: a batch of 100 records checks them all against one
     * read (and against the same rules).
     */
    public CustomFieldRules rules(String objectType) {
        String key = RULES + objectType;
        CustomFieldRules cached = (CustomFieldRules) transaction.getResource(key);
        if (cached == null) {
            cached = new CustomFieldRules(objectType, em()
                    .createQuery("SELECT d FROM CustomFieldDefinition d WHERE d.objectType = :type",
                            CustomFieldDefinition.class)
                    .setParameter("type", objectType).getResultList());
            transaction.putResource(key, cached);
        }
        return cached;
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
        transaction.putResource(RULES + definition.objectType(), null);
        return definition;
    }

    /** Removes the definition; values already stored stay in the records' JSON until they are next saved. */
    public void remove(UUID id) {
        CustomFieldDefinition definition = em().find(CustomFieldDefinition.class, id);
        if (definition == null) {
            throw new NotFound("custom field " + id);
        }
        em().remove(definition);
        transaction.putResource(RULES + definition.objectType(), null);
    }

    private EntityManager em() {
        return tenantData.current();
    }
}
