package org.tesseracrm.web.api.problem;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Last resort: log with a correlation id, answer a problem without internals. */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Exception> {

    private static final Logger LOG = System.getLogger(UnexpectedErrorMapper.class.getName());

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(Exception exception) {
        return toResponse(exception, uriInfo);
    }

    Response toResponse(Exception exception, UriInfo uriInfo) {
        Problem problem = Problem.of("server-error", "Internal Server Error", Response.Status.INTERNAL_SERVER_ERROR,
                "Something went wrong on our side; quote the correlation id when you report it.",
                uriInfo.getRequestUri().getPath());
        LOG.log(Level.ERROR, "unexpected error, correlation id " + problem.correlationId(), exception);
        return problem.toResponse();
    }
}
