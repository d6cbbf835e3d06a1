package org.tesseracrm.platform.entity;

/**
 * A business rule said no. Carries a stable code (clients branch on it) and what kind of no it is; the web layer picks
 * the HTTP status from the kind in one place. No JAX-RS types here.
 */
public abstract class DomainException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The kinds of refusal the API distinguishes. */
    public enum Kind {
        INVALID_INPUT, NOT_FOUND, CONFLICT, FORBIDDEN, PRECONDITION_FAILED, TOO_LARGE
    }

    private final Kind kind;
    private final String code;

    protected DomainException(Kind kind, String code, String message) {
        super(message);
        this.kind = kind;
        this.code = code;
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }
}
