package org.tesseracrm.deal.entity;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.tesseracrm.platform.entity.InvalidInput;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * One step of a pipeline. An entity rather than an {@code @ElementCollection} (collection tables of multitenant
 * entities break under concurrent tenants, see TeamMember). A won or lost stage closes the deals moved into it.
 */
@Entity
@Table(name = "pipeline_stage")
public class PipelineStage {

    @Id
    private UUID id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "pipeline_id", nullable = false, updatable = false)
    private Pipeline pipeline;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private int position;

    @Column(nullable = false)
    private int probability;

    @Column(name = "is_won", nullable = false)
    private boolean won;

    @Column(name = "is_lost", nullable = false)
    private boolean lost;

    private String colour;

    /** Days a deal may sit in this stage without activity before the board marks it rotting; null: never. */
    @Column(name = "idle_days")
    private Integer idleDays;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    @Version
    private long version;

    protected PipelineStage() {
        // for JPA
    }

    PipelineStage(Pipeline pipeline, StageDefinition definition, int position, String createdBy, OffsetDateTime now) {
        this.id = UUID.randomUUID();
        this.pipeline = pipeline;
        this.createdAt = now;
        this.createdBy = createdBy;
        redefine(definition, position, now);
    }

    void redefine(StageDefinition definition, int newPosition, OffsetDateTime now) {
        if (definition.won() && definition.lost()) {
            throw new InvalidInput("stages", "a stage cannot be both won and lost");
        }
        String newName = DealRules.text("stages.name", definition.name(), 100);
        int newProbability = DealRules.probability("stages.probability", definition.probability());
        String newColour = DealRules.colour(definition.colour());
        Integer newIdleDays = definition.idleDays();
        if (newIdleDays != null && (newIdleDays < 1 || newIdleDays > 3650)) {
            throw new InvalidInput("stages.idleDays", "must be between 1 and 3650 days, or absent for no limit");
        }
        boolean changed = !newName.equals(name) || newPosition != position || newProbability != probability
                || definition.won() != won || definition.lost() != lost || !Objects.equals(newColour, colour)
                || !Objects.equals(newIdleDays, idleDays);
        name = newName;
        position = newPosition;
        probability = newProbability;
        won = definition.won();
        lost = definition.lost();
        colour = newColour;
        idleDays = newIdleDays;
        if (changed || updatedAt == null) {
            updatedAt = now;
        }
    }

    /** Neither won nor lost: deals in it are being worked. */
    public boolean isOpen() {
        return !won && !lost;
    }

    public UUID id() {
        return id;
    }

    public UUID pipelineId() {
        return pipeline.id();
    }

    public String name() {
        return name;
    }

    public int position() {
        return position;
    }

    /** The probability of deals in this stage unless set on the deal. */
    public int probability() {
        return probability;
    }

    public boolean isWon() {
        return won;
    }

    public boolean isLost() {
        return lost;
    }

    public String colour() {
        return colour;
    }

    public Integer idleDays() {
        return idleDays;
    }

    public long version() {
        return version;
    }

    /** Field name to JSON-friendly value, for the audit log. */
    public Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", id.toString());
        s.put("name", name);
        s.put("position", position);
        s.put("probability", probability);
        s.put("won", won);
        s.put("lost", lost);
        s.put("colour", colour);
        s.put("idleDays", idleDays);
        return s;
    }
}
