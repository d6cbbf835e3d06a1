package org.tesseracrm.tenancy.boundary;

import java.util.Map;

import org.tesseracrm.tenancy.entity.Tenant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;

/**
 * The one place that hands a tenant to the persistence layer: every tenant {@link EntityManager} is created here
 * with the tenant's schema as EclipseLink's context property, so its SQL names that schema and its cache is that
 * tenant's. Requests use {@link #current()}; batch jobs, which have no request, {@link #open(Tenant)}.
 */
@ApplicationScoped
public class TenantEntityManagers {

    /** EclipseLink context property named by every tenant entity's {@code @TenantTableDiscriminator}. */
    public static final String SCHEMA_PROPERTY = "tessera.tenant-schema";

    @PersistenceUnit(unitName = "crm")
    EntityManagerFactory factory;

    @Inject
    RequestEntityManager requestEntityManager;

    /** A new entity manager for one tenant; the caller closes it and joins it to its transaction. */
    public EntityManager open(Tenant tenant) {
        return factory.createEntityManager(Map.of(SCHEMA_PROPERTY, tenant.schema()));
    }

    /**
     * The current request's tenant entity manager, joined to the caller's JTA transaction (boundaries are
     * {@code @Transactional}; several transactions in one request each get it joined). Fails on the apex host.
     */
    public EntityManager current() {
        EntityManager entityManager = requestEntityManager.get(this);
        entityManager.joinTransaction();
        return entityManager;
    }
}
