package org.tesseracrm.lead.entity;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.tesseracrm.platform.entity.Timestamps;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A lead moved from one sales status to another: part of its timeline and of funnel reports. */
@Entity
@Table(name = "lead_status_change")
public class LeadStatusChange {

    @Id
    private UUID id;

    @Column(name = "lead_id", nullable = false, updatable = false)
    private UUID leadId;

    @Column(name = "from_status", updatable = false)
    private String fromStatus;

    @Column(name = "to_status", nullable = false, updatable = false)
    private String toStatus;

    @Column(name = "changed_at", nullable = false, updatable = false)
    private OffsetDateTime changedAt;

    @Column(name = "changed_by", nullable = false, updatable = false)
    private String changedBy;

    protected LeadStatusChange() {
        // for JPA
    }

    LeadStatusChange(UUID leadId, LeadStatus from, LeadStatus to, OffsetDateTime at, String by) {
        this.id = UUID.randomUUID();
        this.leadId = leadId;
        this.fromStatus = from == null ? null : from.value();
        this.toStatus = to.value();
        this.changedAt = at;
        this.changedBy = by;
    }

    public UUID id() {
        return id;
    }

    public UUID leadId() {
        return leadId;
    }

    public String fromStatus() {
        return fromStatus;
    }

    public String toStatus() {
        return toStatus;
    }

    public OffsetDateTime changedAt() {
        return changedAt;
    }

    public String changedBy() {
        return changedBy;
    }
}
