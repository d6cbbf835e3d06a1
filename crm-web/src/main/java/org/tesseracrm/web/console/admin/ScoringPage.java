package org.tesseracrm.web.console.admin;

import java.io.Serializable;
import java.util.List;
import java.util.UUID;

import org.tesseracrm.platform.entity.DomainException;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.scoring.boundary.LeadScoring;
import org.tesseracrm.scoring.entity.ScoringRule;
import org.tesseracrm.scoring.entity.ScoringSettings;
import org.tesseracrm.segment.boundary.Segments;
import org.tesseracrm.segment.entity.SegmentRule;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.console.shell.Messages;

import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Lead scoring (crm-admin, docs/scoring.md): the rules with their points, a rule added as one condition on a lead
 * field (profile) or one event (engagement), and the thresholds. Everything goes through {@link LeadScoring}, as the
 * API does; richer conditions are written through the API.
 */
@Named("scoringAdmin")
@ViewScoped
public class ScoringPage implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A rule as the screen lists it. */
    public record Rule(String id, String name, String kind, String what, int points, boolean decays, boolean active)
            implements
                Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Inject
    LeadScoring scoring;

    @Inject
    Segments segments;

    @Inject
    Callers callers;

    @Inject
    Messages messages;

    private List<Rule> rules = List.of();
    private List<String> fields = List.of();
    private String name = "";
    private String kind = ScoringRule.PROFILE;
    private String field = "industry";
    private String value = "";
    private String event = "email_replied";
    private Integer points;
    private boolean decays = true;
    private Integer halfLifeDays;
    private Integer gradeA;
    private Integer gradeB;
    private Integer gradeC;
    private Integer mqlThreshold;
    private Integer sqlThreshold;
    private long settingsVersion;

    @PostConstruct
    void load() {
        rules = scoring.rules(callers.current()).stream().map(r -> new Rule(r.id().toString(), r.name(), r.kind(),
                r.isProfile() ? r.conditions().toJson().toString() : r.event(), r.points(), r.decays(),
                r.active())).toList();
        fields = segments.fields("lead").stream().sorted().toList();
        ScoringSettings settings = scoring.settings(callers.current());
        halfLifeDays = settings.halfLifeDays();
        gradeA = settings.gradeA();
        gradeB = settings.gradeB();
        gradeC = settings.gradeC();
        mqlThreshold = settings.mqlThreshold();
        sqlThreshold = settings.sqlThreshold();
        settingsVersion = settings.version();
    }

    public void add() {
        boolean profile = ScoringRule.PROFILE.equals(kind);
        try {
            if (profile && value.isBlank()) {
                throw new InvalidInput("value", "is required: the value the field must have");
            }
            SegmentRule conditions = profile
                    ? new SegmentRule.Group(true, List.of(new SegmentRule.Condition(field, "eq",
                            List.of(value.strip()), null)))
                    : null;
            scoring.create(new ScoringRule.Definition(name.strip(), kind, conditions, profile ? null : event, points,
                    profile ? null : decays, true), callers.current());
            messages.info("scoring.added", name.strip());
            name = "";
            value = "";
            points = null;
        } catch (InvalidInput e) {
            messages.errorAt("ruleForm:" + fieldOf(e.field()), messages.text("record.invalid",
                    messages.text("scoring.field." + fieldOf(e.field())), e.problem()));
        } catch (DomainException e) {
            messages.add(FacesMessage.SEVERITY_ERROR, "operator.refused", e.getMessage());
        }
        load();
    }

    /** The form's field an error of the boundary belongs to (conditions are the field and value inputs). */
    private static String fieldOf(String boundaryField) {
        if (boundaryField.startsWith("rules") || boundaryField.equals("conditions")) {
            return "field";
        }
        return List.of("name", "kind", "event", "points", "value").contains(boundaryField) ? boundaryField : "name";
    }

    public void remove(String id) {
        try {
            scoring.delete(UUID.fromString(id), callers.current());
            messages.info("scoring.removed");
        } catch (DomainException e) {
            messages.add(FacesMessage.SEVERITY_ERROR, "operator.refused", e.getMessage());
        }
        load();
    }

    public void saveThresholds() {
        try {
            scoring.updateSettings(settingsVersion, new ScoringSettings.Definition(halfLifeDays, gradeA, gradeB,
                    gradeC, mqlThreshold, sqlThreshold), callers.current());
            messages.info("scoring.thresholds.saved");
        } catch (InvalidInput e) {
            messages.errorAt("thresholdsForm:" + e.field(), messages.text("record.invalid",
                    messages.text("scoring.field." + e.field()), e.problem()));
            return;
        } catch (DomainException e) {
            messages.add(FacesMessage.SEVERITY_ERROR, "operator.refused", e.getMessage());
        }
        load();
    }

    public List<String> getKinds() {
        return List.of(ScoringRule.PROFILE, ScoringRule.ENGAGEMENT);
    }

    public List<String> getEvents() {
        return ScoringRule.EVENTS.stream().sorted().toList();
    }

    // @formatter:off
    public List<Rule> getRules() { return rules; }
    public List<String> getFields() { return fields; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name == null ? "" : name; }
    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public String getField() { return field; }
    public void setField(String field) { this.field = field; }
    public String getValue() { return value; }
    public void setValue(String value) { this.value = value == null ? "" : value; }
    public String getEvent() { return event; }
    public void setEvent(String event) { this.event = event; }
    public Integer getPoints() { return points; }
    public void setPoints(Integer points) { this.points = points; }
    public boolean isDecays() { return decays; }
    public void setDecays(boolean decays) { this.decays = decays; }
    public Integer getHalfLifeDays() { return halfLifeDays; }
    public void setHalfLifeDays(Integer halfLifeDays) { this.halfLifeDays = halfLifeDays; }
    public Integer getGradeA() { return gradeA; }
    public void setGradeA(Integer gradeA) { this.gradeA = gradeA; }
    public Integer getGradeB() { return gradeB; }
    public void setGradeB(Integer gradeB) { this.gradeB = gradeB; }
    public Integer getGradeC() { return gradeC; }
    public void setGradeC(Integer gradeC) { this.gradeC = gradeC; }
    public Integer getMqlThreshold() { return mqlThreshold; }
    public void setMqlThreshold(Integer mqlThreshold) { this.mqlThreshold = mqlThreshold; }
    public Integer getSqlThreshold() { return sqlThreshold; }
    public void setSqlThreshold(Integer sqlThreshold) { this.sqlThreshold = sqlThreshold; }
    // @formatter:on
}
