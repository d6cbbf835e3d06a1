package org.tesseracrm.audit.entity;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.tesseracrm.platform.entity.Timestamps;
import org.tesseracrm.platform.entity.JsonbConverter;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One change of one record; never updated. */
@Entity
@Table(name = "audit_log")
public class AuditEntry {

    @Id
    private UUID id;

    @Column(insertable = false, updatable = false)
    private Long seq;

    @Column(name = "object_type", nullable = false, updatable = false)
    private String objectType;

    @Column(name = "object_id", nullable = false, updatable = false)
    private UUID objectId;

    @Column(nullable = false, updatable = false)
    private String action;

    @Convert(converter = JsonbConverter.class)
    @Column(nullable = false, updatable = false)
    private JsonValue changes;

    @Column(name = "changed_by", nullable = false, updatable = false)
    private String changedBy;

    @Column(name = "changed_at", nullable = false, updatable = false)
    private OffsetDateTime changedAt;

    protected AuditEntry() {
        // for JPA
    }

    public AuditEntry(String objectType, UUID objectId, String action, JsonObject changes, String changedBy) {
        this.id = org.tesseracrm.platform.entity.TimeOrderedIds.next();
        this.objectType = objectType;
        this.objectId = objectId;
        this.action = action;
        this.changes = changes;
        this.changedBy = changedBy;
        this.changedAt = Timestamps.now();
    }

    public UUID id() {
        return id;
    }

    public String objectType() {
        return objectType;
    }

    public UUID objectId() {
        return objectId;
    }

    public String action() {
        return action;
    }

    /** {@code {"field": {"before": …, "after": …}}} for every field that changed. */
    public JsonObject changes() {
        return changes.asJsonObject();
    }

    public String changedBy() {
        return changedBy;
    }

    public OffsetDateTime changedAt() {
        return changedAt;
    }
}
