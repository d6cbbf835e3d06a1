package org.tesseracrm.segment.entity;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

import org.tesseracrm.platform.entity.Fields;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.JsonbConverter;
import org.tesseracrm.platform.entity.Timestamps;

import jakarta.json.JsonValue;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A named set of contacts or of leads. Dynamic: its rules decide, and a refresh brings the members up to date;
 * static: members are added and removed by hand. Size and refresh time are written by the refresh (in SQL, without
 * touching the version, so a refresh never makes an editor's copy stale).
 */
@Entity
@Table(name = "segment")
public class Segment {

    public static final Set<String> OBJECT_TYPES = Set.of("contact", "lead");

    @Id
    private UUID id;

    @Column(nullable = false)
    private String name;

    @Column(name = "object_type", nullable = false, updatable = false)
    private String objectType;

    @Column(nullable = false, updatable = false)
    private String kind;

    @Convert(converter = JsonbConverter.class)
    private JsonValue rules;

    @Column(nullable = false)
    private String owner;

    @Column(nullable = false, insertable = false, updatable = false)
    private int size;

    @Column(name = "last_refreshed_at", insertable = false, updatable = false)
    private OffsetDateTime lastRefreshedAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    @Version
    private long version;

    protected Segment() {
        // for JPA
    }

    /** A new segment; {@code rules} is null for a static one and required for a dynamic one. */
    public Segment(String name, String objectType, SegmentRule rules, String owner, String createdBy) {
        if (objectType == null || !OBJECT_TYPES.contains(objectType)) {
            throw new InvalidInput("objectType", "must be contact or lead");
        }
        this.id = UUID.randomUUID();
        this.objectType = objectType;
        this.kind = rules == null ? "static" : "dynamic";
        this.owner = owner;
        this.createdBy = createdBy;
        this.createdAt = Timestamps.now();
        change(name, rules);
    }

    /** New name and (for a dynamic segment) new rules; a segment does not change kind. */
    public void change(String newName, SegmentRule newRules) {
        if (dynamic() != (newRules != null)) {
            throw new InvalidInput("rules", dynamic()
                    ? "a dynamic segment has rules"
                    : "a static segment has no rules: add and remove its members instead");
        }
        this.name = Fields.required("name", newName, 200);
        this.rules = newRules == null ? null : newRules.toJson();
        this.updatedAt = Timestamps.now();
    }

    public void reassign(String newOwner) {
        this.owner = newOwner;
        this.updatedAt = Timestamps.now();
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String objectType() {
        return objectType;
    }

    public boolean dynamic() {
        return "dynamic".equals(kind);
    }

    public String kind() {
        return kind;
    }

    /** The rule tree of a dynamic segment, null for a static one. */
    public SegmentRule rules() {
        return rules == null || rules == JsonValue.NULL ? null : SegmentRule.parse(rules);
    }

    public String owner() {
        return owner;
    }

    public int size() {
        return size;
    }

    public OffsetDateTime lastRefreshedAt() {
        return lastRefreshedAt;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public long version() {
        return version;
    }
}
