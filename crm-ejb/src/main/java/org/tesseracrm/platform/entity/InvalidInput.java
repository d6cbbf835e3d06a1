package org.tesseracrm.platform.entity;

/** Input that breaks a business rule; the web layer answers 400 with the field named. Carries no JAX-RS type. */
public class InvalidInput extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidInput(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
