package org.tesseracrm.platform.entity;

/** The caller's role does not allow this change to this record (e.g. a sales rep editing a colleague's contact). */
public class Forbidden extends DomainException {

    private static final long serialVersionUID = 1L;

    public Forbidden(String code, String message) {
        super(Kind.FORBIDDEN, code, message);
    }
}
