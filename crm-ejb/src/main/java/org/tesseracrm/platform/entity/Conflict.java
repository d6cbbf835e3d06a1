package org.tesseracrm.platform.entity;

/** The change clashes with existing state (a duplicate name, a stale version). */
public class Conflict extends DomainException {

    private static final long serialVersionUID = 1L;

    public Conflict(String code, String message) {
        super(Kind.CONFLICT, code, message);
    }
}
