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
