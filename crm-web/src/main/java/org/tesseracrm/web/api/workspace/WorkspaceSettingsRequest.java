package org.tesseracrm.web.api.workspace;

/** New settings: the time zone (IANA id, e.g. Europe/Berlin) and the version read (optimistic locking). */
public record WorkspaceSettingsRequest(String timeZone, Long version) {
}
