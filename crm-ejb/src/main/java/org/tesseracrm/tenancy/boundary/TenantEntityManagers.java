package org.tesseracrm.tenancy.boundary;

import org.tesseracrm.tenancy.entity.Tenant;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * The one place that hands a tenant to the persistence layer. Tenant entities name no schema; every transaction that
 * uses a tenant entity manager first sets the tenant's schema as its {@code search_path}, transaction-locally
 * ({@code set_config(…, true)}): it reverts at commit or rollback, so a pooled connection never keeps a tenant, and a
 * statement that ran without it would find no tenant table at all (the application role's default path holds none).
 * One transaction serves one tenant; a second tenant in the same transaction is refused. Requests use
 * {@link #current()}; batch jobs, which have no request, {@link #open(Tenant)}.
 * <p>
 * Why not EclipseLink's {@code TABLE_PER_TENANT} multitenancy, which this replaced: it clones and re-initialises
 * every tenant entity's descriptor for each entity manager, about a fifth of the CPU of a list request
 * (docs/performance.md). The shared cache is off ({@code shared-cache-mode NONE} in persistence.xml), so no entity
 * outlives its entity manager, which belongs to one tenant.
 */
@ApplicationScoped
public class TenantEntityManagers {

    /** The transaction's tenant schema, once its search path is set. */
    private static final String TRANSACTION_SCHEMA = TenantEntityManagers.class.getName() + ".schema";

    @Inject
    PersistenceUnitAccess persistenceUnit;

    @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transactions;

    @Inject
    RequestEntityManager requestEntityManager;

    /**
     * A new entity manager for one tenant, joined to the caller's transaction with the tenant's search path set; the
     * caller closes it. Every later transaction it joins must come through {@link #enlist}.
     */
    public EntityManager open(Tenant tenant) {
        EntityManager entityManager = persistenceUnit.createEntityManager();
        enlist(entityManager, tenant);
        return entityManager;
    }

    /**
     * The current request's tenant entity manager, joined to the caller's JTA transaction (boundaries are
     * {@code @Transactional}; several transactions in one request each get it joined). Fails on the apex host.
     */
    public EntityManager current() {
        return requestEntityManager.get(this);
    }

    /** Joins the entity manager to the caller's transaction and points the transaction at the tenant's schema. */
    void enlist(EntityManager entityManager, Tenant tenant) {
        entityManager.joinTransaction();
        Object schema = transactions.getResource(TRANSACTION_SCHEMA);
        if (schema == null) {
            // the same physical connection serves the whole JTA transaction, so the setting reaches every statement
            entityManager.createNativeQuery("SELECT set_config('search_path', ?1, true)")
                    .setParameter(1, quoted(tenant.schema())).getSingleResult();
            transactions.putResource(TRANSACTION_SCHEMA, tenant.schema());
        } else if (!schema.equals(tenant.schema())) {
            throw new IllegalStateException("one transaction serves one tenant: " + schema + " already, not "
                    + tenant.schema());
        }
    }

    private static String quoted(String schema) {
        return '"' + schema.replace("\"", "\"\"") + '"';
    }
}
