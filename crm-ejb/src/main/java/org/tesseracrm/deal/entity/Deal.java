package org.tesseracrm.deal.entity;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.tesseracrm.audit.entity.Snapshot;
import org.tesseracrm.platform.entity.Conflict;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.Tags;
import org.tesseracrm.platform.entity.TextArrayColumn;
import org.tesseracrm.platform.entity.UuidColumn;
import org.tesseracrm.record.entity.OwnedRecord;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A sale in the making: its value, who owns it and where it is in its pipeline. Stage and status change only through
 * {@link #moveTo}, {@link #win}, {@link #lose} and {@link #reopen}; each returns the history entry to persist.
 * Probability follows the stage's default unless a user set it; closing a deal makes it 100 (won) or 0 (lost).
 */
@Entity
@Table(name = "deal")
@org.eclipse.persistence.annotations.Converter(name = UuidColumn.NAME, converterClass = UuidColumn.class)
public class Deal implements OwnedRecord {

    private static final Set<String> NOT_AUDITED = Set.of("id", "version", "createdAt", "updatedAt", "createdBy",
            "stageEnteredAt");

    public static final String OBJECT_TYPE = "deal";

    @Id
    private UUID id;

    @Column(nullable = false)
    private String name;

    @org.eclipse.persistence.annotations.Convert(UuidColumn.NAME)
    @Column(name = "account_id")
    private UUID accountId;

    @org.eclipse.persistence.annotations.Convert(UuidColumn.NAME)
    @Column(name = "contact_id")
    private UUID contactId;

    @Column(nullable = false)
    private String owner;

    @Column(nullable = false, precision = 19, scale = 2)
    private BigDecimal value;

    @Column(nullable = false, length = 3)
    private String currency;

    @Column(nullable = false)
    private int probability;

    @Column(name = "probability_set", nullable = false)
    private boolean probabilitySet;

    @Column(name = "expected_close_date")
    private LocalDate expectedCloseDate;

    @Column(name = "pipeline_id", nullable = false, updatable = false)
    private UUID pipelineId;

    @Column(name = "stage_id", nullable = false)
    private UUID stageId;

    @Convert(converter = DealStatus.Column.class)
    @Column(nullable = false)
    private DealStatus status;

    @Column(name = "lost_reason")
    private String lostReason;

    private String competitor;

    @Convert(converter = DealPriority.Column.class)
    @Column(nullable = false)
    private DealPriority priority;

    @Basic
    @Convert(converter = TextArrayColumn.class)
    @Column(nullable = false, columnDefinition = "text[]")
    private List<String> tags;

    private String description;

    @Column(name = "closed_at")
    private OffsetDateTime closedAt;

    @Column(name = "stage_entered_at", nullable = false)
    private OffsetDateTime stageEnteredAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    @Version
    private long version;

    @Column(name = "deleted_at")
    private OffsetDateTime deletedAt;

    protected Deal() {
        // for JPA
    }

    /** A new open deal in {@code stage} (an open stage; record {@link #opened()} with it). */
    public Deal(DealDetails details, PipelineStage stage, String createdBy, OffsetDateTime now) {
        if (!stage.isOpen()) {
            throw new InvalidInput("stageId", "must be an open stage; win or lose the deal once it exists");
        }
        OffsetDateTime at = Pipeline.utc(now);
        this.id = UUID.randomUUID();
        this.createdAt = at;
        this.createdBy = DealRules.username("createdBy", createdBy);
        this.pipelineId = stage.pipelineId();
        this.stageId = stage.id();
        this.status = DealStatus.OPEN;
        this.stageEnteredAt = at;
        update(details, stage, at);
    }

    /** The history entry for the deal's creation: into its first stage, from nowhere. */
    public DealStageChange opened() {
        return new DealStageChange(id, null, null, stageId, DealStatus.OPEN, createdBy, createdAt, null);
    }

    /** Replaces what users edit; {@code currentStage} is the deal's stage, whose default probability may apply. */
    public void update(DealDetails details, PipelineStage currentStage, OffsetDateTime now) {
        requireLive();
        requireCurrent(currentStage);
        name = DealRules.text("name", details.name(), 300);
        accountId = details.accountId();
        contactId = details.contactId();
        owner = DealRules.username("owner", details.owner());
        value = DealRules.value(details.value());
        currency = DealRules.currency(details.currency());
        expectedCloseDate = details.expectedCloseDate();
        priority = details.priority() == null ? DealPriority.MEDIUM : details.priority();
        tags = Tags.normalise("tags", details.tags());
        description = DealRules.optionalText("description", details.description(), 20_000);
        if (status == DealStatus.OPEN) {
            probabilitySet = details.probability() != null;
            probability = probabilitySet
                    ? DealRules.probability("probability", details.probability())
                    : currentStage.probability();
        } else if (details.probability() != null && details.probability() != probability) {
            throw new Conflict("deal-closed", "the probability of a " + status.code() + " deal is fixed");
        }
        updatedAt = Pipeline.utc(now);
    }

    /**
     * Moves the deal to another stage of its pipeline. A won stage wins it, an open stage reopens a closed deal; a
     * lost stage needs a reason, so use {@link #lose}.
     */
    public DealStageChange moveTo(PipelineStage stage, String by, OffsetDateTime now) {
        if (stage.isLost()) {
            throw new InvalidInput("lostReason", "is required to lose a deal");
        }
        return change(stage, null, null, by, now);
    }

    /** Wins the deal: into {@code wonStage} (a won stage of its pipeline), probability 100. */
    public DealStageChange win(PipelineStage wonStage, String by, OffsetDateTime now) {
        if (!wonStage.isWon()) {
            throw new InvalidInput("stageId", "is not a won stage");
        }
        return change(wonStage, null, null, by, now);
    }

    /** Loses the deal: into {@code lostStage}, probability 0, with why and (if known) to whom. */
    public DealStageChange lose(PipelineStage lostStage, String reason, String competitor, String by,
            OffsetDateTime now) {
        if (!lostStage.isLost()) {
            throw new InvalidInput("stageId", "is not a lost stage");
        }
        return change(lostStage, DealRules.text("lostReason", reason, 500),
                DealRules.optionalText("competitor", competitor, 200), by, now);
    }

    /** Opens a won or lost deal again, in {@code openStage}. */
    public DealStageChange reopen(PipelineStage openStage, String by, OffsetDateTime now) {
        if (status == DealStatus.OPEN) {
            throw new Conflict("deal-open", "deal " + id + " is open already");
        }
        if (!openStage.isOpen()) {
            throw new InvalidInput("stageId", "is not an open stage");
        }
        return change(openStage, null, null, by, now);
    }

    private DealStageChange change(PipelineStage stage, String reason, String lostTo, String by,
            OffsetDateTime now) {
        requireLive();
        if (!stage.pipelineId().equals(pipelineId)) {
            throw new InvalidInput("stageId", "is not a stage of the deal's pipeline");
        }
        if (stage.id().equals(stageId)) {
            throw new Conflict("same-stage", "deal " + id + " is in stage '" + stage.name() + "' already");
        }
        OffsetDateTime at = Pipeline.utc(now);
        String changedBy = DealRules.username("changedBy", by);
        DealStatus newStatus = stage.isWon() ? DealStatus.WON : stage.isLost() ? DealStatus.LOST : DealStatus.OPEN;
        long secondsInStage = Math.max(0, Duration.between(stageEnteredAt, at).toSeconds());
        DealStageChange change = new DealStageChange(id, stageId, status, stage.id(), newStatus, changedBy, at,
                secondsInStage);
        stageId = stage.id();
        stageEnteredAt = at;
        lostReason = reason;
        competitor = lostTo;
        if (newStatus == DealStatus.OPEN) {
            closedAt = null;
            if (status != DealStatus.OPEN) {
                probabilitySet = false; // a reopened deal starts over with the stage's estimate
            }
            if (!probabilitySet) {
                probability = stage.probability();
            }
        } else {
            if (newStatus != status) {
                closedAt = at;
            }
            probabilitySet = false;
            probability = newStatus == DealStatus.WON ? 100 : 0;
        }
        status = newStatus;
        updatedAt = at;
        return change;
    }

    /** The audited fields: the state without bookkeeping such as the version, which changes on every write. */
    @Override
    public Snapshot snapshot() {
        return Snapshot.of(state(), NOT_AUDITED);
    }

    /** The bin keeps the time; who moved it there is in the audit log. */
    @Override
    public void delete(String by) {
        softDelete(OffsetDateTime.now(ZoneOffset.UTC));
    }

    @Override
    public void restore(String by) {
        restore(OffsetDateTime.now(ZoneOffset.UTC));
    }

    /** Moves the deal to the bin; {@link #restore} brings it back. */
    public void softDelete(OffsetDateTime now) {
        requireLive();
        deletedAt = Pipeline.utc(now);
        updatedAt = deletedAt;
    }

    public void restore(OffsetDateTime now) {
        if (deletedAt == null) {
            throw new Conflict("not-deleted", "deal " + id + " is not deleted");
        }
        deletedAt = null;
        updatedAt = Pipeline.utc(now);
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }

    private void requireLive() {
        if (deletedAt != null) {
            throw new Conflict("deleted", "deal " + id + " is deleted");
        }
    }

    private void requireCurrent(PipelineStage stage) {
        if (stageId != null && !stage.id().equals(stageId)) {
            throw new IllegalArgumentException("stage " + stage.id() + " is not the deal's stage " + stageId);
        }
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public UUID accountId() {
        return accountId;
    }

    public UUID contactId() {
        return contactId;
    }

    public String owner() {
        return owner;
    }

    public BigDecimal value() {
        return value;
    }

    public String currency() {
        return currency;
    }

    public int probability() {
        return probability;
    }

    /** Whether a user set the probability (otherwise it is the stage's default). */
    public boolean isProbabilitySet() {
        return probabilitySet;
    }

    public LocalDate expectedCloseDate() {
        return expectedCloseDate;
    }

    public UUID pipelineId() {
        return pipelineId;
    }

    public UUID stageId() {
        return stageId;
    }

    public DealStatus status() {
        return status;
    }

    public String lostReason() {
        return lostReason;
    }

    public String competitor() {
        return competitor;
    }

    public DealPriority priority() {
        return priority;
    }

    public List<String> tags() {
        return List.copyOf(tags);
    }

    public String description() {
        return description;
    }

    public OffsetDateTime closedAt() {
        return closedAt;
    }

    public OffsetDateTime stageEnteredAt() {
        return stageEnteredAt;
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

    public OffsetDateTime deletedAt() {
        return deletedAt;
    }

    /** Field name to JSON-friendly value: the audit log's view, and what the unit tests compare. */
    public Map<String, Object> state() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", id.toString());
        s.put("name", name);
        s.put("accountId", accountId == null ? null : accountId.toString());
        s.put("contactId", contactId == null ? null : contactId.toString());
        s.put("owner", owner);
        s.put("value", value);
        s.put("currency", currency);
        s.put("probability", probability);
        s.put("probabilitySet", probabilitySet);
        s.put("expectedCloseDate", expectedCloseDate == null ? null : expectedCloseDate.toString());
        s.put("pipelineId", pipelineId.toString());
        s.put("stageId", stageId.toString());
        s.put("status", status.code());
        s.put("lostReason", lostReason);
        s.put("competitor", competitor);
        s.put("priority", priority.code());
        s.put("tags", List.copyOf(tags));
        s.put("description", description);
        s.put("closedAt", closedAt == null ? null : closedAt.toString());
        s.put("stageEnteredAt", stageEnteredAt.toString());
        s.put("createdAt", createdAt.toString());
        s.put("updatedAt", updatedAt.toString());
        s.put("createdBy", createdBy);
        s.put("version", version);
        s.put("deletedAt", deletedAt == null ? null : deletedAt.toString());
        return s;
    }
}
