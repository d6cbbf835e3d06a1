package org.tesseracrm.platform.entity;

/** Input beyond a limit of its size (a file's bytes, rows or columns): 413 in the API. */
public class TooLarge extends DomainException {

    private static final long serialVersionUID = 1L;

    public TooLarge(String message) {
        super(Kind.TOO_LARGE, "too-large", message);
    }
}
