package org.tesseracrm.web.api.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** JAX-RS's own errors (404 no such path, 405, 415, 401/403 from role checks) as problem+json. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        Response.StatusType status = original.getStatusInfo();
        String type = switch (status.getStatusCode()) {
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 415 -> "unsupported-media-type";
            default -> status.getFamily() == Response.Status.Family.CLIENT_ERROR ? "bad-request" : "server-error";
        };
        Response problem = Problem.of(type, status.getReasonPhrase(), status, safeDetail(status),
                uriInfo.getRequestUri().getPath()).toResponse();
        // keep the challenge and allow headers the client needs
        Response.ResponseBuilder builder = Response.fromResponse(problem);
        copyHeader(original, builder, "WWW-Authenticate");
        if (status.getStatusCode() == 401 && original.getHeaders().getFirst("WWW-Authenticate") == null) {
            builder.header("WWW-Authenticate", "Bearer realm=\"crm\""); // RFC 6750: say which scheme we expect
        }
        copyHeader(original, builder, "Allow");
        return builder.build();
    }

    private static void copyHeader(Response from, Response.ResponseBuilder to, String name) {
        Object value = from.getHeaders().getFirst(name);
        if (value != null) {
            to.header(name, value);
        }
    }

    private static String safeDetail(Response.StatusType status) {
        return switch (status.getStatusCode()) {
            case 401 -> "A valid bearer token is required.";
            case 403 -> "Your roles do not allow this action.";
            case 404 -> "There is nothing at this address.";
            default -> status.getReasonPhrase();
        };
    }
}
