package org.tesseracrm.platform.entity;

/** Input that breaks a business rule; the message names the field that is wrong. */
public class InvalidInput extends DomainException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String problem;

    public InvalidInput(String field, String problem) {
        super(Kind.INVALID_INPUT, "invalid-input", field + " " + problem);
        this.field = field;
        this.problem = problem;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }

    /** The same error for element {@code index} of a batch: {@code inputs[3].email …}. */
    public InvalidInput inBatch(int index) {
        return new InvalidInput("inputs[" + index + "]." + field, problem);
    }
}
