package org.tesseracrm.web.api.problem;

import java.net.URI;
import java.util.UUID;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem detail. {@code type} is stable per kind of error so clients can branch on it; the correlation id
 * lets support find the server-side log line. Never carries a stack trace.
 */
public record Problem(URI type, String title, int status, String detail, String instance, String correlationId) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);
    private static final String TYPE_BASE = "https://tessera-crm.org/problems/";

    /** A problem of the given stable type (e.g. {@code tenant-mismatch}) with a fresh correlation id. */
    public static Problem of(String type, String title, Response.StatusType status, String detail, String instance) {
        return new Problem(URI.create(TYPE_BASE + type), title, status.getStatusCode(), detail, instance,
                UUID.randomUUID().toString());
    }

    public Response toResponse() {
        return Response.status(status).type(PROBLEM_JSON).entity(this).build();
    }
}
