package org.tesseracrm.web.api.problem;

import jakarta.annotation.Priority;
import jakarta.transaction.TransactionalException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A {@code @Transactional} boundary whose commit failed. Jersey's own mapper for this type rethrows a cause it cannot
 * map, which ends as the container's 500; this one takes precedence and hands the failure to
 * {@link UnexpectedErrorMapper}, the one place that tells outages (503) from bugs.
 */
@Provider
@Priority(1)
public class TransactionFailureMapper implements ExceptionMapper<TransactionalException> {

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(TransactionalException exception) {
        return new UnexpectedErrorMapper().toResponse(exception, uriInfo);
    }
}
