package org.tesseracrm.platform.entity;

/** Input that breaks a business rule; the message names the field that is wrong. */
public class InvalidInput extends DomainException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidInput(String field, String problem) {
        super(Kind.INVALID_INPUT, "invalid-input", field + " " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
