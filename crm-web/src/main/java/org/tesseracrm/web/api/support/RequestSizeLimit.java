package org.tesseracrm.web.api.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.tesseracrm.web.api.problem.Problem;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Refuses bodies over {@value #MAX_BYTES} bytes with 413 before anything parses them, and buffers the rest so later
 * filters (idempotency) can read the bytes too.
 */
@Provider
@Priority(Priorities.ENTITY_CODER - 100)
public class RequestSizeLimit implements ContainerRequestFilter {

    @jakarta.ws.rs.core.Context
    jakarta.ws.rs.container.ResourceInfo resourceInfo;

    public static final int MAX_BYTES = 2 * 1024 * 1024;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (FileUpload.Match.of(resourceInfo)) {
            return;
        }
        if (request.getLength() > MAX_BYTES) {
            request.abortWith(tooLarge(request));
            return;
        }
        if (!request.hasEntity()) {
            return;
        }
        try (InputStream in = request.getEntityStream()) {
            byte[] body = in.readNBytes(MAX_BYTES + 1);
            if (body.length > MAX_BYTES) {
                request.abortWith(tooLarge(request));
                return;
            }
            request.setEntityStream(new ByteArrayInputStream(body));
        }
    }

    private static Response tooLarge(ContainerRequestContext request) {
        return Problem.of("body-too-large", "Content Too Large", Response.Status.REQUEST_ENTITY_TOO_LARGE,
                "Request bodies are limited to " + MAX_BYTES / 1024 / 1024 + " MiB; send batches of at most 100"
                        + " records.",
                request.getUriInfo().getRequestUri().getPath()).toResponse();
    }
}
