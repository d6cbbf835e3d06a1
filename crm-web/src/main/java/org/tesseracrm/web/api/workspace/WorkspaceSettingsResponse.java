package org.tesseracrm.web.api.workspace;

import java.time.OffsetDateTime;

import org.tesseracrm.workspace.entity.WorkspaceSettings;

/** The tenant's settings: its time zone (IANA id), who changed them last and when, and the version to send back. */
public record WorkspaceSettingsResponse(String timeZone, OffsetDateTime updatedAt, String updatedBy, long version) {

    public static WorkspaceSettingsResponse of(WorkspaceSettings s) {
        return new WorkspaceSettingsResponse(s.timeZone(), s.updatedAt(), s.updatedBy(), s.version());
    }
}
