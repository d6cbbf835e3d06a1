package org.tesseracrm.web.api.support;

import java.io.ByteArrayInputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

import org.tesseracrm.platform.boundary.IdempotencyRecords;
import org.tesseracrm.platform.boundary.IdempotencyRecords.Stored;
import org.tesseracrm.platform.boundary.RequestTransaction;
import org.tesseracrm.tenancy.boundary.CurrentTenant;
import org.tesseracrm.web.api.problem.Problem;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;

/**
 * {@code Idempotency-Key} on tenant writes: the first response (success or client error) is stored and replayed to
 * retries with the same key for 24 hours, marked {@code Idempotent-Replayed: true}. The same key with another
 * request is a 422; a retry sent while the first is still running waits for it and replays it. Server errors and
 * conflicts are not kept, so the client may retry them with the same key. Keys are per caller: one user's key never
 * replays another's response.
 *
 * <p>
 * Such a request runs in one transaction ({@link RequestTransaction}): the key, the write and the stored response
 * commit together. When the database goes away in between, nothing is committed and the answer is 503; when the
 * commit's outcome is unknown the answer is 503 too, and the retry finds either the stored response or nothing.
 */
@Provider
@Priority(Priorities.ENTITY_CODER - 50)
public class IdempotencyKeys implements ContainerRequestFilter, ContainerResponseFilter {

    @jakarta.ws.rs.core.Context
    jakarta.ws.rs.container.ResourceInfo resourceInfo;

    public static final String HEADER = "Idempotency-Key";
    private static final String CLAIMED = IdempotencyKeys.class.getName() + ".claimed";
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Set<Integer> NOT_REPLAYED = Set.of(409, 412, 429);
    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final Logger LOG = System.getLogger(IdempotencyKeys.class.getName());

    @Inject
    IdempotencyRecords records;

    @Inject
    CurrentTenant currentTenant;

    @Inject
    RequestTransaction transaction;

    /** The key a request claimed and what it was claimed for, kept for the response filter. */
    private record Claim(String caller, String key, String method, String path, String requestHash) {
    }

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (FileUpload.Match.of(resourceInfo)) {
            return;
        }
        String key = request.getHeaderString(HEADER);
        SecurityContext security = request.getSecurityContext();
        if (key == null || !WRITES.contains(request.getMethod()) || currentTenant.get().isEmpty()
                || security == null || security.getUserPrincipal() == null) {
            return;
        }
        if (key.isBlank() || key.length() > 255) {
            request.abortWith(problem(request, "invalid-idempotency-key", Response.Status.BAD_REQUEST,
                    "Idempotency-Key must be 1 to 255 characters."));
            return;
        }
        byte[] body = new byte[0];
        if (request.hasEntity()) {
            try (InputStream in = request.getEntityStream()) {
                body = in.readAllBytes();
            }
            request.setEntityStream(new ByteArrayInputStream(body));
        }
        String caller = security.getUserPrincipal().getName();
        String path = request.getUriInfo().getRequestUri().getRawPath();
        String query = request.getUriInfo().getRequestUri().getRawQuery();
        String hash = sha256(request.getMethod(), path + (query == null ? "" : "?" + query), body);
        transaction.begin();
        Optional<Stored> stored;
        try {
            stored = records.claim(caller, key, request.getMethod(), path, hash);
        } catch (RuntimeException e) {
            transaction.rollback();
            throw e; // mapped like any other failure: 503 when the database is unreachable
        }
        if (stored.isEmpty()) {
            request.setProperty(CLAIMED, new Claim(caller, key, request.getMethod(), path, hash));
            return;
        }
        transaction.rollback(); // the key is known: this request writes nothing
        Stored first = stored.get();
        if (!first.requestHash().equals(hash)) {
            request.abortWith(problem(request, "idempotency-key-reused", Problem.UNPROCESSABLE_CONTENT,
                    "This Idempotency-Key was used with a different request; use a new key for a new request."));
        } else if (!first.done()) {
            request.abortWith(problem(request, "idempotency-key-in-progress", Response.Status.CONFLICT,
                    "The first request with this Idempotency-Key is still running; retry shortly."));
        } else {
            Response.ResponseBuilder replay = Response.status(first.status()).header("Idempotent-Replayed", "true");
            if (first.body() != null) {
                replay.entity(first.body()).type(first.contentType());
            }
            if (first.location() != null) {
                replay.header(HttpHeaders.LOCATION, first.location());
            }
            if (first.etag() != null) {
                replay.header(HttpHeaders.ETAG, first.etag());
            }
            request.abortWith(replay.build());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object property = request.getProperty(CLAIMED);
        if (!(property instanceof Claim) || !transaction.active()) {
            return;
        }
        Claim claim = (Claim) property;
        int status = response.getStatus();
        if (status >= 500 || NOT_REPLAYED.contains(status)) {
            transaction.rollback(); // the key goes with it: a retry runs afresh
            return;
        }
        String body = null;
        if (response.hasEntity()) {
            Object entity = response.getEntity();
            body = entity instanceof String ? (String) entity : JSONB.toJson(entity);
        }
        String contentType = response.getMediaType() == null ? null : response.getMediaType().toString();
        if (status >= 400) {
            // a refusal wrote nothing (its boundary rolled back): keep only the answer, on its own
            transaction.rollback();
            storeRefusal(claim, status, contentType, body);
            return;
        }
        Object location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
        Object etag = response.getHeaders().getFirst(HttpHeaders.ETAG);
        boolean committed;
        try {
            records.complete(claim.caller(), claim.key(), status, contentType,
                    location == null ? null : location.toString(), etag == null ? null : etag.toString(), body);
            committed = transaction.commit();
        } catch (RuntimeException e) {
            transaction.rollback();
            committed = false;
        }
        if (!committed) {
            // nothing of this request is known to be in the database: say so instead of acknowledging it
            Problem problem = Problem.databaseUnavailable(request.getUriInfo().getRequestUri().getPath());
            Response unavailable = problem.toResponse();
            response.setStatus(unavailable.getStatus());
            response.getHeaders().remove(HttpHeaders.LOCATION);
            response.getHeaders().remove(HttpHeaders.ETAG);
            response.getHeaders().putSingle(HttpHeaders.RETRY_AFTER, unavailable.getHeaderString(
                    HttpHeaders.RETRY_AFTER));
            response.setEntity(problem, null, Problem.PROBLEM_JSON);
        }
    }

    private void storeRefusal(Claim claim, int status, String contentType, String body) {
        try {
            records.storeRefusal(claim.caller(), claim.key(), claim.method(), claim.path(), claim.requestHash(),
                    status, contentType, body);
        } catch (RuntimeException e) {
            // not stored: a retry runs again and gets the same refusal, which changes nothing either
            LOG.log(Level.WARNING, "refusal for an Idempotency-Key not stored: " + e);
        }
    }

    private static String sha256(String method, String target, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((method + " " + target + "\n").getBytes(StandardCharsets.UTF_8));
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response problem(ContainerRequestContext request, String type, Response.StatusType status,
            String detail) {
        return Problem.of(type, status.getReasonPhrase(), status, detail,
                request.getUriInfo().getRequestUri().getPath()).toResponse();
    }
}
