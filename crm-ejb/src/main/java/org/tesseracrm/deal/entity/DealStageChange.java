package org.tesseracrm.deal.entity;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.tesseracrm.platform.entity.UuidColumn;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One step in a deal's history: from which stage and status to which, when, by whom, after how long. Immutable. */
@Entity
@Table(name = "deal_stage_change")
@org.eclipse.persistence.annotations.Converter(name = UuidColumn.NAME, converterClass = UuidColumn.class)
public class DealStageChange {

    @Id
    private UUID id;

    @Column(name = "deal_id", nullable = false, updatable = false)
    private UUID dealId;

    @org.eclipse.persistence.annotations.Convert(UuidColumn.NAME)
    @Column(name = "from_stage_id", updatable = false)
    private UUID fromStageId;

    @org.eclipse.persistence.annotations.Convert(UuidColumn.NAME)
    @Column(name = "to_stage_id", updatable = false)
    private UUID toStageId;

    @Convert(converter = DealStatus.Column.class)
    @Column(name = "from_status", updatable = false)
    private DealStatus fromStatus;

    @Convert(converter = DealStatus.Column.class)
    @Column(name = "to_status", nullable = false, updatable = false)
    private DealStatus toStatus;

    @Column(name = "changed_at", nullable = false, updatable = false)
    private OffsetDateTime changedAt;

    @Column(name = "changed_by", nullable = false, updatable = false)
    private String changedBy;

    @Column(name = "time_in_previous_stage_seconds", updatable = false)
    private Long timeInPreviousStageSeconds;

    protected DealStageChange() {
        // for JPA
    }

    DealStageChange(UUID dealId, UUID fromStageId, DealStatus fromStatus, UUID toStageId, DealStatus toStatus,
            String changedBy, OffsetDateTime changedAt, Long timeInPreviousStageSeconds) {
        this.id = UUID.randomUUID();
        this.dealId = dealId;
        this.fromStageId = fromStageId;
        this.fromStatus = fromStatus;
        this.toStageId = toStageId;
        this.toStatus = toStatus;
        this.changedBy = changedBy;
        this.changedAt = changedAt;
        this.timeInPreviousStageSeconds = timeInPreviousStageSeconds;
    }

    public UUID id() {
        return id;
    }

    public UUID dealId() {
        return dealId;
    }

    /** Null for the entry that records the deal's creation. */
    public UUID fromStageId() {
        return fromStageId;
    }

    public UUID toStageId() {
        return toStageId;
    }

    public DealStatus fromStatus() {
        return fromStatus;
    }

    public DealStatus toStatus() {
        return toStatus;
    }

    public OffsetDateTime changedAt() {
        return changedAt;
    }

    public String changedBy() {
        return changedBy;
    }

    /** How long the deal was in the stage it left; null for the creation entry. */
    public Long timeInPreviousStageSeconds() {
        return timeInPreviousStageSeconds;
    }

    /** Field name to JSON-friendly value, for the audit log and timelines. */
    public Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", id.toString());
        s.put("dealId", dealId.toString());
        s.put("fromStageId", fromStageId == null ? null : fromStageId.toString());
        s.put("toStageId", toStageId == null ? null : toStageId.toString());
        s.put("fromStatus", fromStatus == null ? null : fromStatus.code());
        s.put("toStatus", toStatus.code());
        s.put("changedAt", changedAt.toString());
        s.put("changedBy", changedBy);
        s.put("timeInPreviousStageSeconds", timeInPreviousStageSeconds);
        return s;
    }
}
