package org.tesseracrm.platform.control;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

import org.eclipse.persistence.exceptions.EclipseLinkException;

import jakarta.resource.ResourceException;

/**
 * Tells a failure caused by the database being out of reach (restarted, failed over, cut off, refusing connections)
 * from every other failure: such a request did not run to the end, nothing of it was committed, and the client should
 * retry in a few seconds (503 with Retry-After), which is not a bug on our side (500).
 */
public final class DatabaseOutage {

    /** Seconds a client should wait before retrying: the pool revalidates at once, a restart takes a few seconds. */
    public static final int RETRY_AFTER_SECONDS = 3;

    /**
     * SQLSTATEs of a lost or refused connection: class 08 (connection exception), 57P01 admin shutdown, 57P02 crash
     * shutdown, 57P03 cannot connect now (starting up or in recovery), 53300 too many connections.
     */
    private static final Set<String> OUTAGE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private DatabaseOutage() {
    }

    /** Whether {@code failure}, or anything in its cause chain, says the database could not be reached. */
    public static boolean causedBy(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable cause = failure; cause != null && seen.put(cause, Boolean.TRUE) == null; cause = cause
                .getCause()) {
            if (cause instanceof SQLException sql && outage(sql)) {
                return true;
            }
            // EclipseLink keeps the SQLException as its "internal exception", not always as the cause
            if (cause instanceof EclipseLinkException eclipseLink && eclipseLink.getInternalException() != null
                    && eclipseLink.getInternalException() != cause && causedBy(eclipseLink.getInternalException())) {
                return true;
            }
            // the pool could not hand out a connection (allocation failed or timed out: the database is unreachable
            // or every connection is stuck on it)
            if (cause instanceof ResourceException || cause instanceof ConnectException
                    || cause instanceof EOFException || cause instanceof SocketException) {
                return true;
            }
        }
        return false;
    }

    private static boolean outage(SQLException sql) {
        for (SQLException e = sql; e != null; e = e.getNextException()) {
            String state = e.getSQLState();
            if (state != null && (state.startsWith("08") || OUTAGE_STATES.contains(state))) {
                return true;
            }
            if (e.getNextException() == e) {
                break;
            }
        }
        // Payara's pool reports a failed allocation as a plain SQLException with the pool's message
        String message = sql.getMessage();
        return sql.getSQLState() == null && message != null && message.startsWith("Error in allocating a connection");
    }
}
