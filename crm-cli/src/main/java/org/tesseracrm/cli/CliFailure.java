package org.tesseracrm.cli;

/** A failure the user should read, with the exit code that says what kind it is. */
public class CliFailure extends RuntimeException {

    private final int exitCode;

    public CliFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliFailure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public static CliFailure notLoggedIn(String message) {
        return new CliFailure(ExitCodes.NOT_LOGGED_IN, message);
    }

    public static CliFailure notFound(String message) {
        return new CliFailure(ExitCodes.NOT_FOUND, message);
    }
}
