package org.tesseracrm.web.api.problem;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

import org.tesseracrm.platform.control.DatabaseOutage;

import jakarta.annotation.Priority;
import jakarta.transaction.RollbackException;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionalException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A {@code @Transactional} boundary whose commit failed. Jersey's own mapper for this type rethrows a cause it cannot
 * map, which ends as the container's 500; this one takes precedence. A commit that fails with a system or rollback
 * exception lost its connection (the database restarted, failed over or cut the connection): nothing is known to be
 * written, so it is a 503 the client may retry (with its Idempotency-Key), as for any other outage.
 */
@Provider
@Priority(1)
public class TransactionFailureMapper implements ExceptionMapper<TransactionalException> {

    private static final Logger LOG = System.getLogger(TransactionFailureMapper.class.getName());

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(TransactionalException exception) {
        Throwable cause = exception.getCause();
        if (DatabaseOutage.causedBy(exception) || cause instanceof SystemException
                || cause instanceof RollbackException) {
            Problem problem = Problem.databaseUnavailable(uriInfo.getRequestUri().getPath());
            LOG.log(Level.WARNING, "transaction did not commit, answered 503 (correlation id "
                    + problem.correlationId() + "): " + exception.getMessage());
            return problem.toResponse();
        }
        return new UnexpectedErrorMapper().toResponse(exception, uriInfo);
    }
}
