package org.tesseracrm.web.api.problem;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.tesseracrm.platform.control.DatabaseOutage;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem detail. {@code type} is stable per kind of error so clients can branch on it; the correlation id
 * lets support find the server-side log line. Never carries a stack trace.
 */
public record Problem(URI type, String title, int status, String detail, String instance, String correlationId,
        List<FieldError> errors) {

    /** A field the request got wrong, e.g. {@code inputs[3].email}: "is not an e-mail address". */
    public record FieldError(String field, String message) {
    }

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);
    /** 422: Jakarta REST 3.1 has no constant for it. */
    public static final Response.StatusType UNPROCESSABLE_CONTENT = new Response.StatusType() {
        @Override
        public int getStatusCode() {
            return 422;
        }

        @Override
        public Response.Status.Family getFamily() {
            return Response.Status.Family.CLIENT_ERROR;
        }

        @Override
        public String getReasonPhrase() {
            return "Unprocessable Content";
        }
    };
    static final String TYPE_BASE = "https://tessera-crm.org/problems/";

    /** A problem of the given stable type (e.g. {@code tenant-mismatch}) with a fresh correlation id. */
    public static Problem of(String type, String title, Response.StatusType status, String detail, String instance) {
        return new Problem(URI.create(TYPE_BASE + type), title, status.getStatusCode(), detail, instance,
                UUID.randomUUID().toString(), null);
    }

    /**
     * 503 for a request that could not reach the database (restart, failover, network cut): nothing was written, and
     * the same request (with the same Idempotency-Key) may be retried after {@code Retry-After} seconds.
     */
    public static Problem databaseUnavailable(String instance) {
        return of("service-unavailable", "Service Unavailable", Response.Status.SERVICE_UNAVAILABLE,
                "The database cannot be reached right now; nothing was changed. Retry in a few seconds.", instance);
    }

    /** This problem, naming the field that is wrong. */
    public Problem withError(String field, String message) {
        return new Problem(type, title, status, detail, instance, correlationId,
                List.of(new FieldError(field, message)));
    }

    public Response toResponse() {
        Response.ResponseBuilder response = Response.status(status).type(PROBLEM_JSON).entity(this);
        if (status == Response.Status.SERVICE_UNAVAILABLE.getStatusCode()) {
            // every 503 of ours is a passing outage: tell clients when to come back instead of hammering us
            response.header(HttpHeaders.RETRY_AFTER, DatabaseOutage.RETRY_AFTER_SECONDS);
        }
        return response.build();
    }
}
