package org.tesseracrm.assignment.entity;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.tesseracrm.platform.entity.Fields;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.JsonbConverter;
import org.tesseracrm.platform.entity.Timestamps;
import org.tesseracrm.platform.entity.UuidColumn;
import org.tesseracrm.segment.entity.SegmentRule;

import jakarta.json.JsonValue;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * One lead assignment rule: which new leads it takes ({@code conditions}, in the segment rule language; none: every
 * lead) and who gets them (a named user, or the members of a team in turn), with an optional cap on the open leads a
 * person received in the last 30 days. Rules are tried by {@code position}, lowest first.
 */
@Entity
@Table(name = "assignment_rule")
@org.eclipse.persistence.annotations.Converter(name = UuidColumn.NAME, converterClass = UuidColumn.class)
public class AssignmentRule {

    public static final int MAX_CAP = 1_000_000;
    public static final int MAX_POSITION = 100_000;

    @Id
    private UUID id;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private int position;

    @Convert(converter = JsonbConverter.class)
    private JsonValue conditions;

    @org.eclipse.persistence.annotations.Convert(UuidColumn.NAME)
    @Column(name = "team_id")
    private UUID teamId;

    private String username;

    @Column(name = "open_lead_cap")
    private Integer openLeadCap;

    @Column(nullable = false)
    private boolean active;

    /** Written in SQL by each assignment (bookkeeping, not an edit: the version stays). */
    @Column(name = "last_assigned", insertable = false, updatable = false)
    private String lastAssigned;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    @Version
    private long version;

    protected AssignmentRule() {
        // for JPA
    }

    public AssignmentRule(Definition definition, String createdBy) {
        this.id = UUID.randomUUID();
        this.createdBy = createdBy;
        this.createdAt = Timestamps.now();
        change(definition);
    }

    /** What an administrator writes: everything but the bookkeeping. */
    public record Definition(String name, Integer position, SegmentRule conditions, UUID teamId, String username,
            Integer openLeadCap, Boolean active) {
    }

    public void change(Definition d) {
        this.name = Fields.required("name", d.name(), 200);
        if (d.position() == null || d.position() < 0 || d.position() > MAX_POSITION) {
            throw new InvalidInput("position", "is required, from 0 to " + MAX_POSITION + " (lowest is tried first)");
        }
        if ((d.teamId() == null) == (d.username() == null)) {
            throw new InvalidInput("teamId", "give exactly one of teamId (round-robin among its members) or username");
        }
        if (d.openLeadCap() != null && (d.openLeadCap() < 1 || d.openLeadCap() > MAX_CAP)) {
            throw new InvalidInput("openLeadCap", "must be from 1 to " + MAX_CAP + ", or left out for no cap");
        }
        this.position = d.position();
        this.conditions = d.conditions() == null ? null : d.conditions().toJson();
        this.teamId = d.teamId();
        this.username = d.username() == null ? null : Fields.required("username", d.username(), 100);
        this.openLeadCap = d.openLeadCap();
        this.active = d.active() == null || d.active();
        this.updatedAt = Timestamps.now();
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public int position() {
        return position;
    }

    /** The conditions, null when the rule takes every lead. */
    public SegmentRule conditions() {
        return conditions == null || conditions == JsonValue.NULL ? null : SegmentRule.parse(conditions);
    }

    public UUID teamId() {
        return teamId;
    }

    public String username() {
        return username;
    }

    public Integer openLeadCap() {
        return openLeadCap;
    }

    public boolean active() {
        return active;
    }

    public String lastAssigned() {
        return lastAssigned;
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
