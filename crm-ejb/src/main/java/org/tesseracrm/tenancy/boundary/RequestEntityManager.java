package org.tesseracrm.tenancy.boundary;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** Holds the request's tenant entity manager, created on first use and closed when the request ends. */
@RequestScoped
class RequestEntityManager {

    @Inject
    CurrentTenant currentTenant;

    private EntityManager entityManager;

    /** The request's entity manager, enlisted in the caller's transaction. */
    EntityManager get(TenantEntityManagers factory) {
        if (entityManager == null) {
            entityManager = factory.open(currentTenant.require());
        } else {
            if (!entityManager.isJoinedToTransaction()) {
                // a new transaction of the same request (the console saves, then reads again): start it with an
                // empty persistence context, as a transaction-scoped one would. What the last transaction left
                // registered (a forced version increment, say) would otherwise be flushed again by the first
                // statement here, before the tenant's search path is set.
                entityManager.clear();
            }
            factory.enlist(entityManager, currentTenant.require());
        }
        return entityManager;
    }

    /** Sends pending changes, if the request has used its entity manager at all. */
    void flushIfOpen() {
        if (entityManager != null && entityManager.isOpen() && entityManager.isJoinedToTransaction()) {
            entityManager.flush();
        }
    }

    @PreDestroy
    void close() {
        if (entityManager != null && entityManager.isOpen()) {
            entityManager.close();
        }
    }
}
