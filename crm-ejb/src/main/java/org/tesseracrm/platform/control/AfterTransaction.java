package org.tesseracrm.platform.control;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** Work that waits for the current JTA transaction's outcome, registered in one line. */
public final class AfterTransaction {

    private AfterTransaction() {
    }

    /** Runs {@code work} once the transaction has committed; a rolled-back one runs nothing. */
    public static void committed(TransactionSynchronizationRegistry transactions, Runnable work) {
        register(transactions, true, work);
    }

    /** Runs {@code work} once the transaction has ended, committed or rolled back. */
    public static void ended(TransactionSynchronizationRegistry transactions, Runnable work) {
        register(transactions, false, work);
    }

    private static void register(TransactionSynchronizationRegistry transactions, boolean onlyCommitted,
            Runnable work) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // the work waits for the outcome
            }

            @Override
            public void afterCompletion(int status) {
                if (!onlyCommitted || status == Status.STATUS_COMMITTED) {
                    work.run();
                }
            }
        });
    }
}
