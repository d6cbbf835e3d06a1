package org.tesseracrm.web.api.problem;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.SQLException;

import org.tesseracrm.platform.control.DatabaseOutage;

import jakarta.transaction.RollbackException;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionalException;
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
        if (DatabaseOutage.causedBy(exception)) {
            return unavailable(exception, uriInfo);
        }
        // a statement the database refused: what it says decides, even when it surfaced only at commit
        String sqlState = sqlState(exception);
        if (sqlState != null && sqlState.startsWith("23")) {
            // a constraint caught what a concurrent request made true after our checks: nothing was written
            return Problem.of("constraint-violation", "Conflict", Response.Status.CONFLICT,
                    "The change clashes with data written at the same time (a duplicate or a removed reference);"
                            + " read again and retry.",
                    uriInfo.getRequestUri().getPath()).toResponse();
        }
        if ("40001".equals(sqlState) || "40P01".equals(sqlState)) {
            return Problem.of("concurrent-update", "Conflict", Response.Status.CONFLICT,
                    "The change collided with a concurrent one and was rolled back; retry it.",
                    uriInfo.getRequestUri().getPath()).toResponse();
        }
        if (sqlState != null && (sqlState.startsWith("22") || sqlState.equals("54000"))) {
            // a value the database cannot store (out of range, too long for its index): input checks missed it
            Problem problem = Problem.of("invalid-input", "Bad Request", Response.Status.BAD_REQUEST,
                    "A value cannot be stored (out of range or too long); nothing was changed.",
                    uriInfo.getRequestUri().getPath());
            LOG.log(Level.WARNING, "input refused by the database (SQLSTATE " + sqlState + ", correlation id "
                    + problem.correlationId() + "): " + rootMessage(exception));
            return problem.toResponse();
        }
        if (sqlState == null && commitFailed(exception)) {
            return unavailable(exception, uriInfo);
        }
        Problem problem = Problem.of("server-error", "Internal Server Error", Response.Status.INTERNAL_SERVER_ERROR,
                "Something went wrong on our side; quote the correlation id when you report it.",
                uriInfo.getRequestUri().getPath());
        LOG.log(Level.ERROR, "unexpected error, correlation id " + problem.correlationId(), exception);
        return problem.toResponse();
    }

    private static Response unavailable(Exception exception, UriInfo uriInfo) {
        // nothing was committed; the pool drops the dead connections and the retry lands on fresh ones
        Problem problem = Problem.databaseUnavailable(uriInfo.getRequestUri().getPath());
        LOG.log(Level.WARNING, "database unreachable, answered 503 (correlation id " + problem.correlationId()
                + "): " + rootMessage(exception));
        return problem.toResponse();
    }

    /**
     * A {@code @Transactional} commit that failed with a system or rollback exception lost its connection: nothing is
     * known to be written, so it is an outage (503), not a bug.
     */
    private static boolean commitFailed(Throwable exception) {
        return exception instanceof TransactionalException && (exception.getCause() instanceof SystemException
                || exception.getCause() instanceof RollbackException);
    }

    private static String rootMessage(Throwable exception) {
        Throwable root = exception;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** The SQLState of the first SQL exception in the cause chain (commit failures arrive wrapped several times). */
    private static String sqlState(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException && ((SQLException) cause).getSQLState() != null) {
                return ((SQLException) cause).getSQLState();
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }
}
