package org.tesseracrm.web.console.sequence;

import java.io.Serializable;

/**
 * An enrollment as the sequence page and the 360 pages list it: whom or which sequence, where it stands and what may
 * be done with it.
 */
public record EnrollmentRow(String id, long version, String sequenceId, String sequenceName, String recordKind,
        String recordId, String recordName, String status, String exitReason, int step, int steps, String nextRun,
        String sender) implements Serializable {

    private static final long serialVersionUID = 1L;

    public boolean pausable() {
        return "active".equals(status);
    }

    public boolean resumable() {
        return "paused".equals(status);
    }

    public boolean running() {
        return "active".equals(status) || "paused".equals(status);
    }

    /** The console page of the enrolled record: /console/lead or /console/contact. */
    public String recordOutcome() {
        return "/console/" + recordKind;
    }
}
