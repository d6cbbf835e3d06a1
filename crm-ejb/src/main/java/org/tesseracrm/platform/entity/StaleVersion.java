package org.tesseracrm.platform.entity;

/** The client's {@code If-Match} names a version that is no longer current: it must read again. */
public class StaleVersion extends DomainException {

    private static final long serialVersionUID = 1L;

    /** {@link StaleVersion} unless {@code expected} (from If-Match; {@code null}: none sent) is {@code current}. */
    public static void check(String what, long current, Long expected) {
        if (expected != null && current != expected) {
            throw new StaleVersion(what, current, expected);
        }
    }

    public StaleVersion(String what, long current, long expected) {
        super(Kind.PRECONDITION_FAILED, "stale-version",
                what + " is at version " + current + ", the request expected " + expected + "; read it again");
    }
}
