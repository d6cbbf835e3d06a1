package org.tesseracrm.cli;

/** The exit codes docs/cli.md promises; scripts branch on them. */
public final class ExitCodes {

    /** Done. */
    public static final int OK = 0;
    /** The server or the API refused or failed; its problem is on stderr. */
    public static final int API_ERROR = 1;
    /** Bad command line (picocli's usage error). */
    public static final int USAGE = 2;
    /** Not logged in, or the token was refused. */
    public static final int NOT_LOGGED_IN = 3;
    /** What the command names does not exist (an unknown prospect). */
    public static final int NOT_FOUND = 4;

    private ExitCodes() {
    }
}
