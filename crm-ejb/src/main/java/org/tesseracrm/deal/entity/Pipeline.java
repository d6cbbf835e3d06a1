package org.tesseracrm.deal.entity;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.tesseracrm.platform.entity.InvalidInput;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A sales process of one tenant: ordered stages, at least one of them open. One pipeline is the default. */
@Entity
@Table(name = "pipeline")
public class Pipeline {

    public static final String OBJECT_TYPE = "pipeline";

    private static final int MAX_STAGES = 30;

    @Id
    private UUID id;

    @Column(nullable = false)
    private String name;

    @Column(name = "is_default", nullable = false)
    private boolean defaultPipeline;

    @Column(nullable = false)
    private int position;

    @OneToMany(mappedBy = "pipeline", cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.EAGER)
    @OrderBy("position")
    private List<PipelineStage> stages = new ArrayList<>();

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    @Version
    private long version;

    protected Pipeline() {
        // for JPA
    }

    public Pipeline(String name, int position, List<StageDefinition> stages, String createdBy, OffsetDateTime now) {
        this.id = UUID.randomUUID();
        this.createdAt = utc(now);
        this.updatedAt = createdAt;
        this.createdBy = DealRules.username("createdBy", createdBy);
        rename(name, now);
        moveToPosition(position, now);
        replaceStages(stages, createdBy, now);
    }

    public void rename(String newName, OffsetDateTime now) {
        name = DealRules.text("name", newName, 100);
        updatedAt = utc(now);
    }

    public void moveToPosition(int newPosition, OffsetDateTime now) {
        if (newPosition < 0) {
            throw new InvalidInput("position", "must be 0 or more");
        }
        position = newPosition;
        updatedAt = utc(now);
    }

    /** Makes this the default pipeline; the caller clears the previous one. */
    public void makeDefault(OffsetDateTime now) {
        defaultPipeline = true;
        updatedAt = utc(now);
    }

    public void clearDefault(OffsetDateTime now) {
        defaultPipeline = false;
        updatedAt = utc(now);
    }

    /**
     * The stages become exactly {@code definitions}, in that order: known ids are updated, the others removed, those
     * without an id added. Whether removed stages still hold deals is the caller's check ({@link #removedBy}).
     */
    public void replaceStages(List<StageDefinition> definitions, String by, OffsetDateTime now) {
        if (definitions == null || definitions.isEmpty() || definitions.size() > MAX_STAGES) {
            throw new InvalidInput("stages", "must be 1 to " + MAX_STAGES + " stages");
        }
        Set<String> names = new HashSet<>();
        Set<UUID> ids = new HashSet<>();
        for (StageDefinition d : definitions) {
            if (d == null) {
                throw new InvalidInput("stages", "must not contain null");
            }
            if (!names.add(DealRules.text("stages.name", d.name(), 100).toLowerCase(Locale.ROOT))) {
                throw new InvalidInput("stages.name", "must be unique within the pipeline ('" + d.name().strip()
                        + "' twice)");
            }
            if (d.id() != null && (!ids.add(d.id()) || stage(d.id()).isEmpty())) {
                throw new InvalidInput("stages.id", d.id() + " is not a stage of this pipeline");
            }
        }
        if (definitions.stream().allMatch(d -> d.won() || d.lost())) {
            throw new InvalidInput("stages", "need at least one stage that is neither won nor lost");
        }
        OffsetDateTime at = utc(now);
        stages.removeIf(stage -> !ids.contains(stage.id()));
        List<PipelineStage> ordered = new ArrayList<>();
        for (int position = 0; position < definitions.size(); position++) {
            StageDefinition d = definitions.get(position);
            PipelineStage stage;
            if (d.id() == null) {
                stage = new PipelineStage(this, d, position, by, at);
            } else {
                stage = stage(d.id()).orElseThrow();
                stage.redefine(d, position, at);
            }
            ordered.add(stage);
        }
        stages.clear();
        stages.addAll(ordered);
        updatedAt = at;
    }

    /** Ids of the current stages that {@link #replaceStages} with these definitions would remove. */
    public Set<UUID> removedBy(List<StageDefinition> definitions) {
        Set<UUID> kept = new HashSet<>();
        definitions.forEach(d -> {
            if (d != null && d.id() != null) {
                kept.add(d.id());
            }
        });
        Set<UUID> removed = new HashSet<>();
        stages.forEach(s -> {
            if (!kept.contains(s.id())) {
                removed.add(s.id());
            }
        });
        return removed;
    }

    public Optional<PipelineStage> stage(UUID stageId) {
        return stages.stream().filter(s -> s.id().equals(stageId)).findFirst();
    }

    /** Where new deals start: the first open stage. */
    public PipelineStage firstOpenStage() {
        return stages.stream().filter(PipelineStage::isOpen).findFirst().orElseThrow();
    }

    /** The first won stage, if the pipeline has one. */
    public Optional<PipelineStage> wonStage() {
        return stages.stream().filter(PipelineStage::isWon).findFirst();
    }

    /** The first lost stage, if the pipeline has one. */
    public Optional<PipelineStage> lostStage() {
        return stages.stream().filter(PipelineStage::isLost).findFirst();
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public boolean isDefault() {
        return defaultPipeline;
    }

    public int position() {
        return position;
    }

    /** The stages in order. */
    public List<PipelineStage> stages() {
        return Collections.unmodifiableList(stages);
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

    /** Field name to JSON-friendly value, for the audit log. */
    public Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", id.toString());
        s.put("name", name);
        s.put("default", defaultPipeline);
        s.put("position", position);
        s.put("stages", stages.stream().map(PipelineStage::snapshot).toList());
        s.put("createdAt", createdAt.toString());
        s.put("updatedAt", updatedAt.toString());
        s.put("createdBy", createdBy);
        s.put("version", version);
        return s;
    }

    static OffsetDateTime utc(OffsetDateTime time) {
        return time.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
