package org.tesseracrm.tenantconfig;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientException;
import java.util.Set;

/** Keycloak or PostgreSQL could not be reached: nothing is wrong with the request, trying again later may succeed. */
public class ServiceUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** PostgreSQL states that mean "the server is not there right now", not "your SQL is wrong". */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300", "40001",
            "40P01");

    public ServiceUnavailable(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether {@code failure} (or a cause of it) is an outage rather than a refusal. */
    public static boolean isOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ServiceUnavailable || t instanceof SQLTransientException
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || UNAVAILABLE_STATES.contains(sql.getSQLState()))) {
                return true;
            }
            if (t instanceof IOException && !(t.getCause() instanceof SQLException)) {
                return true;
            }
        }
        return false;
    }

    /** One line for a person: the database's message for outages, the first line of anything else. */
    public static String describe(Throwable failure) {
        if (failure instanceof ServiceUnavailable || failure instanceof IllegalStateException
                || failure instanceof IllegalArgumentException) {
            return firstLine(failure.getMessage()); // our own messages already name the cause
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ServiceUnavailable) {
                return firstLine(t.getMessage());
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return "database unreachable: " + firstLine(sql.getMessage());
            }
        }
        String message = failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
        // Flyway's message names the script, not what went wrong in it: add the database's own words
        SQLException database = null;
        for (Throwable t = failure.getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                database = sql;
            }
        }
        if (database != null && database.getMessage() != null
                && !firstLine(message).contains(firstLine(database.getMessage()))) {
            return firstLine(message) + " (" + (database.getSQLState() == null ? "" : database.getSQLState() + ": ")
                    + firstLine(database.getMessage()) + ")";
        }
        return firstLine(message);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        String trimmed = message.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
    }
}
