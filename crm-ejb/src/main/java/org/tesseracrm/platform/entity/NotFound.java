package org.tesseracrm.platform.entity;

/** The record does not exist for this tenant (or at all: callers cannot tell the difference, by design). */
public class NotFound extends DomainException {

    private static final long serialVersionUID = 1L;

    public NotFound(String what) {
        super(Kind.NOT_FOUND, "not-found", what + " not found");
    }
}
