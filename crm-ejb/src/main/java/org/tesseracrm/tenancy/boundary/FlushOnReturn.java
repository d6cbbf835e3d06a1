package org.tesseracrm.tenancy.boundary;

import org.tesseracrm.platform.boundary.RequestTransaction;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Inside a {@link RequestTransaction} a boundary's {@code @Transactional} only joins, so nothing would reach the
 * database until the request ends, and the response, built when the boundary returns, would show the version and
 * timestamps from before the write. This flushes the request's entity manager when a boundary returns, which is what
 * the boundary's own commit would have done. Bound to every {@code @Transactional(REQUIRED)} bean; inert elsewhere.
 */
@Transactional
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 300) // inside the transaction interceptor (PLATFORM_BEFORE + 200)
public class FlushOnReturn {

    /**
     * Looked up, not injected: in the EAR, Payara injects an interceptor's {@code @Resource} through the naming
     * context of the module that calls it (the WAR), which has no entry for a class of the EJB module, and every
     * intercepted call failed. The registry is one object for the whole server, so it is looked up once.
     */
    private static volatile TransactionSynchronizationRegistry registry;

    @Inject
    RequestEntityManager requestEntityManager;

    @AroundInvoke
    Object flushAfter(InvocationContext call) throws Exception {
        Object result = call.proceed();
        TransactionSynchronizationRegistry registry = registry();
        if (registry.getTransactionStatus() == Status.STATUS_ACTIVE
                && Boolean.TRUE.equals(registry.getResource(RequestTransaction.SPANS_REQUEST))) {
            requestEntityManager.flushIfOpen();
        }
        return result;
    }

    private static TransactionSynchronizationRegistry registry() throws NamingException {
        TransactionSynchronizationRegistry found = registry;
        if (found == null) {
            found = InitialContext.doLookup("java:comp/TransactionSynchronizationRegistry");
            registry = found;
        }
        return found;
    }
}
