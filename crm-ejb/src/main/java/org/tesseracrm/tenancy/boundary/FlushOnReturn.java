package org.tesseracrm.tenancy.boundary;

import org.tesseracrm.platform.boundary.RequestTransaction;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

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

    @Resource
    TransactionSynchronizationRegistry registry;

    @Inject
    RequestEntityManager requestEntityManager;

    @AroundInvoke
    Object flushAfter(InvocationContext call) throws Exception {
        Object result = call.proceed();
        if (registry.getTransactionStatus() == Status.STATUS_ACTIVE
                && Boolean.TRUE.equals(registry.getResource(RequestTransaction.SPANS_REQUEST))) {
            requestEntityManager.flushIfOpen();
        }
        return result;
    }
}
