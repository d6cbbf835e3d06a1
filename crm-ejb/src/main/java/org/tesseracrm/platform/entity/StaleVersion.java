package org.tesseracrm.platform.entity;

/** The client's {@code If-Match} names a version that is no longer current: it must read again. */
public class StaleVersion extends DomainException {

    private static final long serialVersionUID = 1L;

    public StaleVersion(String what, long current, long expected) {
        super(Kind.PRECONDITION_FAILED, "stale-version",
                what + " is at version " + current + ", the request expected " + expected + "; read it again");
    }
}
