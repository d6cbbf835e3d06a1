package org.tesseracrm.scoring.entity;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A lead's score, grade or qualification moved, and why: {@code lead} (the lead was written), {@code engagement} (an
 * event), {@code decay} (the daily run), {@code rules} (the rules or thresholds changed) or {@code recalculation}
 * (started by an admin). Written in SQL by the scoring; read here for the timeline.
 */
@Entity
@Table(name = "lead_score_change")
public class LeadScoreChange {

    @Id
    private UUID id;

    @Column(name = "lead_id", nullable = false, updatable = false)
    private UUID leadId;

    @Column(name = "from_score", updatable = false)
    private int fromScore;

    @Column(name = "to_score", updatable = false)
    private int toScore;

    @Column(name = "from_grade", updatable = false)
    private String fromGrade;

    @Column(name = "to_grade", updatable = false)
    private String toGrade;

    @Column(name = "from_qualification", updatable = false)
    private String fromQualification;

    @Column(name = "to_qualification", updatable = false)
    private String toQualification;

    @Column(updatable = false)
    private String reason;

    @Column(name = "changed_at", updatable = false)
    private OffsetDateTime changedAt;

    protected LeadScoreChange() {
        // for JPA
    }

    // @formatter:off
    public UUID id() { return id; }
    public UUID leadId() { return leadId; }
    public int fromScore() { return fromScore; }
    public int toScore() { return toScore; }
    public String fromGrade() { return fromGrade; }
    public String toGrade() { return toGrade; }
    public String fromQualification() { return fromQualification; }
    public String toQualification() { return toQualification; }
    public String reason() { return reason; }
    public OffsetDateTime changedAt() { return changedAt; }
    // @formatter:on
}
