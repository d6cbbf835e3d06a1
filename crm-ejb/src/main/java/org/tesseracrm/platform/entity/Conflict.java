package org.tesseracrm.platform.entity;

/** The change clashes with existing state (a duplicate name, a stale version); the web layer answers 409. */
public class Conflict extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    public Conflict(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
