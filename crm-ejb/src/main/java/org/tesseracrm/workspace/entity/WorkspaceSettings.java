package org.tesseracrm.workspace.entity;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import org.tesseracrm.audit.entity.Snapshot;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.Timestamps;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * The tenant's own settings: one row per tenant schema. The time zone decides what "today" is on My day and how the
 * console shows and reads dates and times; the API keeps exchanging instants with their offsets.
 */
@Entity
@Table(name = "workspace_setting")
public class WorkspaceSettings {

    public static final String OBJECT_TYPE = "workspace_setting";

    @Id
    private boolean id = true;

    @Column(name = "time_zone", nullable = false)
    private String timeZone = "UTC";

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Column(name = "updated_by")
    private String updatedBy;

    @Version
    private long version;

    protected WorkspaceSettings() {
        // for JPA
    }

    /** Sets the zone: an IANA region id (e.g. {@code Europe/Berlin}) or {@code UTC}. */
    public void changeTimeZone(String zone, String by) {
        if (zone == null || zone.isBlank() || zone.length() > 64) {
            throw new InvalidInput("timeZone", "is required: an IANA time zone such as Europe/Berlin");
        }
        try {
            timeZone = ZoneId.of(zone.strip()).getId();
        } catch (DateTimeException e) {
            throw new InvalidInput("timeZone", "is not a time zone the server knows (e.g. Europe/Berlin)");
        }
        updatedAt = Timestamps.now();
        updatedBy = by;
    }

    public Snapshot snapshot() {
        return new Snapshot().with("timeZone", timeZone);
    }

    public String timeZone() {
        return timeZone;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }

    public String updatedBy() {
        return updatedBy;
    }

    public long version() {
        return version;
    }
}
