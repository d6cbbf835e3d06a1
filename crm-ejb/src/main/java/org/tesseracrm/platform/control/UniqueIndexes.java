package org.tesseracrm.platform.control;

import java.sql.SQLException;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Which unique index refused a write. PostgreSQL names the index of a {@code 23505} in the error's fields, so a
 * boundary can let the index answer "taken" (a 409 naming what clashed) instead of asking first with a SELECT.
 */
public final class UniqueIndexes {

    private UniqueIndexes() {
    }

    /** Whether {@code failure}, or anything it wraps, is a unique violation of {@code index}. */
    public static boolean refusedBy(Throwable failure, String index) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            // a batched write reports the statement's own error as the next exception of its batch's error
            for (SQLException sql = cause instanceof SQLException s ? s : null; sql != null; sql = sql
                    .getNextException()) {
                if (sql instanceof PSQLException psql && "23505".equals(psql.getSQLState())) {
                    ServerErrorMessage message = psql.getServerErrorMessage();
                    if (message != null && index.equals(message.getConstraint())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
