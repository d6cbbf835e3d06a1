package org.tesseracrm.web.console.admin;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.tesseracrm.deal.boundary.Pipelines;
import org.tesseracrm.deal.entity.Pipeline;
import org.tesseracrm.deal.entity.PipelineStage;
import org.tesseracrm.deal.entity.StageDefinition;
import org.tesseracrm.platform.entity.DomainException;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.StaleVersion;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.console.shell.Messages;

import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Pipelines and stages (crm-admin): a pipeline's stages in order with name, probability, won/lost, idle days (the
 * board's rotting mark) and colour; add, remove, reorder, then save all at once through {@link Pipelines#update} at
 * the version shown (stages that still hold deals cannot go: the boundary says so).
 */
@Named("pipelineAdmin")
@ViewScoped
public class PipelineAdminPage implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A pipeline to choose. */
    public record Choice(String id, String name) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** One stage in the form. */
    public static class StageRow implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String id;
        private String name;
        private Integer probability;
        private boolean won;
        private boolean lost;
        private Integer idleDays;
        private String colour;

        StageRow(String id, String name, Integer probability, boolean won, boolean lost, Integer idleDays,
                String colour) {
            this.id = id;
            this.name = name;
            this.probability = probability;
            this.won = won;
            this.lost = lost;
            this.idleDays = idleDays;
            this.colour = colour;
        }

        StageDefinition definition() {
            return new StageDefinition(id == null ? null : UUID.fromString(id), name, probability == null
                    ? 0
                    : probability, won, lost, colour == null || colour.isBlank() ? null : colour, idleDays);
        }

        public String getId() {
            return id;
        }
        public String getName() {
            return name;
        }
        public void setName(String name) {
            this.name = name;
        }
        public Integer getProbability() {
            return probability;
        }
        public void setProbability(Integer probability) {
            this.probability = probability;
        }
        public boolean isWon() {
            return won;
        }
        public void setWon(boolean won) {
            this.won = won;
        }
        public boolean isLost() {
            return lost;
        }
        public void setLost(boolean lost) {
            this.lost = lost;
        }
        public Integer getIdleDays() {
            return idleDays;
        }
        public void setIdleDays(Integer idleDays) {
            this.idleDays = idleDays;
        }
        public String getColour() {
            return colour;
        }
        public void setColour(String colour) {
            this.colour = colour;
        }
    }

    @Inject
    Pipelines pipelines;

    @Inject
    Callers callers;

    @Inject
    Messages messages;

    private List<Choice> choices = List.of();
    private String pipelineId;
    private long version;
    private final List<StageRow> stages = new ArrayList<>();

    @PostConstruct
    void init() {
        List<Pipeline> all = pipelines.all();
        choices = all.stream().map(p -> new Choice(p.id().toString(), p.name())).toList();
        all.stream().filter(Pipeline::isDefault).findFirst().or(() -> all.stream().findFirst())
                .ifPresent(p -> pipelineId = p.id().toString());
        load();
    }

    /** Reads the chosen pipeline's stages again (drops unsaved changes). */
    public void load() {
        stages.clear();
        if (pipelineId == null) {
            return;
        }
        Pipeline pipeline = pipelines.find(UUID.fromString(pipelineId));
        version = pipeline.version();
        for (PipelineStage s : pipeline.stages()) {
            stages.add(new StageRow(s.id().toString(), s.name(), s.probability(), s.isWon(), s.isLost(),
                    s.idleDays(), s.colour()));
        }
    }

    public void addStage() {
        stages.add(new StageRow(null, "", 10, false, false, null, null));
    }

    public void remove(int index) {
        if (index >= 0 && index < stages.size()) {
            stages.remove(index);
        }
    }

    public void up(int index) {
        if (index > 0 && index < stages.size()) {
            Collections.swap(stages, index, index - 1);
        }
    }

    public void down(int index) {
        if (index >= 0 && index < stages.size() - 1) {
            Collections.swap(stages, index, index + 1);
        }
    }

    public void save() {
        try {
            pipelines.update(UUID.fromString(pipelineId), version, null, null, null,
                    stages.stream().map(StageRow::definition).toList(), callers.current());
            messages.info("pipelines.saved");
        } catch (StaleVersion e) {
            messages.add(FacesMessage.SEVERITY_WARN, "record.stale");
        } catch (InvalidInput e) {
            messages.add(FacesMessage.SEVERITY_ERROR, "record.invalid", e.field(), e.problem());
            jakarta.faces.context.FacesContext.getCurrentInstance().validationFailed();
            return;
        } catch (DomainException e) {
            messages.add(FacesMessage.SEVERITY_ERROR, "operator.refused", e.getMessage());
            return;
        }
        load();
    }

    public List<Choice> getChoices() {
        return choices;
    }
    public String getPipelineId() {
        return pipelineId;
    }
    public void setPipelineId(String pipelineId) {
        this.pipelineId = pipelineId;
    }
    public List<StageRow> getStages() {
        return stages;
    }
}
