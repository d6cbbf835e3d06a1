package org.tesseracrm.tenancy.boundary;

import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;

/**
 * Creates entity managers of the persistence unit {@code crm} for callers in any module. The container resolves a
 * persistence unit by name in the module of the component that is running: in the EAR the unit belongs to this EJB
 * module, while requests, batch jobs and timers run as components of the WAR, where the name {@code crm} finds nothing
 * ("Unable to retrieve EntityManagerFactory for unitName crm"). An EJB call makes this module the running component
 * while the entity manager is created; the entity manager itself then works anywhere. On Payara Micro, where this jar
 * sits in the WAR, it is the same call.
 */
@Singleton
@Lock(LockType.READ) // no container lock: the factory is thread-safe
@TransactionAttribute(TransactionAttributeType.SUPPORTS) // joins nothing; TenantEntityManagers enlists the result
public class PersistenceUnitAccess {

    @PersistenceUnit(unitName = "crm")
    EntityManagerFactory factory;

    public EntityManager createEntityManager() {
        return factory.createEntityManager();
    }
}
