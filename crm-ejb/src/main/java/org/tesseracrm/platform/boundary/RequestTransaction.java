package org.tesseracrm.platform.boundary;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.HeuristicRollbackException;
import jakarta.transaction.NotSupportedException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.UserTransaction;

/**
 * One JTA transaction around a whole request, for writes sent with an {@code Idempotency-Key}: the key's record, the
 * write and the response stored for replay commit together or not at all. A database that goes away in the middle
 * therefore leaves either everything (a retry replays the response) or nothing (a retry runs afresh), never a key
 * that is claimed but whose write is unknown. The boundaries' own {@code @Transactional} join it; they flush their
 * changes when they return (see {@code tenancy.boundary.FlushOnReturn}) so the response shows the versions and
 * timestamps the commit will write.
 */
@RequestScoped
public class RequestTransaction {

    /** Marks a transaction begun here, for {@code FlushOnReturn}. */
    public static final String SPANS_REQUEST = RequestTransaction.class.getName() + ".spansRequest";

    private static final Logger LOG = System.getLogger(RequestTransaction.class.getName());

    @Inject
    UserTransaction transaction;

    @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry registry;

    private boolean begun;

    /** Begins the request's transaction. */
    public void begin() {
        try {
            transaction.begin();
            begun = true;
            registry.putResource(SPANS_REQUEST, Boolean.TRUE);
        } catch (NotSupportedException | SystemException e) {
            throw new IllegalStateException("cannot begin the request transaction", e);
        }
    }

    public boolean active() {
        return begun;
    }

    /**
     * Commits; false when the commit did not happen or its outcome is unknown (the connection died during COMMIT):
     * the caller answers 503 and the client's retry with the same key finds either the stored response or nothing.
     */
    public boolean commit() {
        begun = false;
        try {
            if (transaction.getStatus() != Status.STATUS_ACTIVE) {
                transaction.rollback();
                return false;
            }
            transaction.commit();
            return true;
        } catch (RollbackException | HeuristicMixedException | HeuristicRollbackException | SystemException
                | RuntimeException e) {
            LOG.log(Level.WARNING, "request transaction did not commit: " + e);
            rollbackQuietly();
            return false;
        }
    }

    /** Undoes everything the request wrote. */
    public void rollback() {
        if (begun) {
            begun = false;
            rollbackQuietly();
        }
    }

    private void rollbackQuietly() {
        try {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
        } catch (SystemException | IllegalStateException | SecurityException e) {
            LOG.log(Level.WARNING, "request transaction did not roll back cleanly: " + e);
        }
    }

    /** A request that ended without reaching the response filter must not leave its transaction on the thread. */
    @PreDestroy
    void endIfStillOpen() {
        if (begun) {
            LOG.log(Level.WARNING, "request ended with its transaction open; rolling back");
            rollback();
        }
    }
}
