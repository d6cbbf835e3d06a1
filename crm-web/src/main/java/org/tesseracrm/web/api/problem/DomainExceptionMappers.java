package org.tesseracrm.web.api.problem;

import org.tesseracrm.platform.entity.Conflict;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.NotFound;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Domain exceptions (which know nothing of HTTP) as problem+json: the one place that picks their status codes. */
public final class DomainExceptionMappers {

    private DomainExceptionMappers() {
    }

    private static String path(UriInfo uriInfo) {
        return uriInfo.getRequestUri().getPath();
    }

    /** 400 with the offending field. */
    @Provider
    public static class InvalidInputMapper implements ExceptionMapper<InvalidInput> {
        @Context
        UriInfo uriInfo;

        @Override
        public Response toResponse(InvalidInput e) {
            return Problem.of("invalid-input", "Invalid input", Response.Status.BAD_REQUEST, e.getMessage(),
                    path(uriInfo)).toResponse();
        }
    }

    /** 404; the same answer whether the record never existed or belongs to another tenant. */
    @Provider
    public static class NotFoundMapper implements ExceptionMapper<NotFound> {
        @Context
        UriInfo uriInfo;

        @Override
        public Response toResponse(NotFound e) {
            return Problem.of("not-found", "Not Found", Response.Status.NOT_FOUND, e.getMessage(), path(uriInfo))
                    .toResponse();
        }
    }

    /** 409 with the conflict's stable code as the problem type. */
    @Provider
    public static class ConflictMapper implements ExceptionMapper<Conflict> {
        @Context
        UriInfo uriInfo;

        @Override
        public Response toResponse(Conflict e) {
            return Problem.of(e.code(), "Conflict", Response.Status.CONFLICT, e.getMessage(), path(uriInfo))
                    .toResponse();
        }
    }

    /** A concurrent change won the race at commit time: 409, the client re-reads and retries. */
    @Provider
    public static class OptimisticLockMapper implements ExceptionMapper<OptimisticLockException> {
        @Context
        UriInfo uriInfo;

        @Override
        public Response toResponse(OptimisticLockException e) {
            return Problem.of("stale-version", "Conflict", Response.Status.CONFLICT,
                    "The record was changed by someone else; read it again and retry.", path(uriInfo)).toResponse();
        }
    }

    /** A body that is not the JSON we expect: 400, never 500. */
    @Provider
    public static class MalformedJsonMapper implements ExceptionMapper<JsonbException> {
        @Context
        UriInfo uriInfo;

        @Override
        public Response toResponse(JsonbException e) {
            return malformedJson(uriInfo);
        }
    }

    /** Jersey wraps JSON-B's reading errors; those are the client's, anything else is ours. */
    @Provider
    public static class BodyProcessingMapper implements ExceptionMapper<ProcessingException> {
        @Context
        UriInfo uriInfo;

        @Override
        public Response toResponse(ProcessingException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof JsonbException || cause instanceof JsonException) {
                    return malformedJson(uriInfo);
                }
            }
            return new UnexpectedErrorMapper().toResponse(e, uriInfo);
        }
    }

    private static Response malformedJson(UriInfo uriInfo) {
        return Problem.of("malformed-json", "Bad Request", Response.Status.BAD_REQUEST,
                "The request body is not valid JSON for this endpoint.", path(uriInfo)).toResponse();
    }
}
