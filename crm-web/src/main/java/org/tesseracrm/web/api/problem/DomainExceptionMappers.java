package org.tesseracrm.web.api.problem;

import org.tesseracrm.platform.entity.DomainException;
import org.tesseracrm.platform.entity.InvalidInput;

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

    /** Every business refusal: the status follows from its kind, the problem type is its stable code. */
    @Provider
    public static class DomainExceptionMapper implements ExceptionMapper<DomainException> {
        @Context
        UriInfo uriInfo;

        @Override
        public Response toResponse(DomainException e) {
            Response.Status status = switch (e.kind()) {
                case INVALID_INPUT -> Response.Status.BAD_REQUEST;
                case NOT_FOUND -> Response.Status.NOT_FOUND;
                case CONFLICT -> Response.Status.CONFLICT;
                case FORBIDDEN -> Response.Status.FORBIDDEN;
                case PRECONDITION_FAILED -> Response.Status.PRECONDITION_FAILED;
                case TOO_LARGE -> Response.Status.REQUEST_ENTITY_TOO_LARGE;
            };
            Problem problem = Problem.of(e.code(), status.getReasonPhrase(), status, e.getMessage(), path(uriInfo));
            if (e instanceof InvalidInput) {
                problem = problem.withError(((InvalidInput) e).field(), ((InvalidInput) e).problem());
            }
            return problem.toResponse();
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

    /** JSON-P's parser reports broken JSON directly (e.g. a body cut short). */
    @Provider
    public static class JsonParsingMapper implements ExceptionMapper<JsonException> {
        @Context
        UriInfo uriInfo;

        @Override
        public Response toResponse(JsonException e) {
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
