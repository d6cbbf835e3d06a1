package org.tesseracrm.platform.control;

/**
 * Counts the SQL statements one request sends, for the diagnostics header that proves list and timeline reads stay
 * at a few statements. The web layer opens and closes the count around each request, so the thread-local never
 * outlives it; threads that never opened one (batch, timers) count nothing.
 */
public final class SqlStatements {

    private static final ThreadLocal<int[]> COUNT = new ThreadLocal<>();

    private SqlStatements() {
    }

    public static void begin() {
        COUNT.set(new int[1]);
    }

    public static void counted() {
        int[] count = COUNT.get();
        if (count != null) {
            count[0]++;
        }
    }

    /** The statements since {@link #begin()}; clears the count. */
    public static int end() {
        int[] count = COUNT.get();
        COUNT.remove();
        return count == null ? 0 : count[0];
    }
}
