package org.tesseracrm.web.console.admin;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.tesseracrm.assignment.boundary.AssignmentRules;
import org.tesseracrm.assignment.entity.AssignmentRule;
import org.tesseracrm.platform.entity.DomainException;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.segment.boundary.Segments;
import org.tesseracrm.segment.entity.SegmentRule;
import org.tesseracrm.team.boundary.Teams;
import org.tesseracrm.user.boundary.Users;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.console.shell.Messages;

import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Lead assignment rules (crm-admin, docs/assignment.md): the rules in the order they are tried, a rule added with at
 * most one condition on a lead field, to a user or round-robin within a team, with an optional workload cap.
 * Everything goes through {@link AssignmentRules}, as the API does.
 */
@Named("assignmentAdmin")
@ViewScoped
public class AssignmentPage implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A rule as the screen lists it. */
    public record Rule(String id, int position, String name, String conditions, String target, String cap,
            String lastAssigned) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Inject
    AssignmentRules assignments;

    @Inject
    Teams teams;

    @Inject
    Users users;

    @Inject
    Segments segments;

    @Inject
    Callers callers;

    @Inject
    Messages messages;

    private List<Rule> rules = List.of();
    private List<String> fields = List.of();
    private Map<String, String> teamChoices = Map.of();
    private List<String> people = List.of();
    private String name = "";
    private Integer position;
    private String field = "source";
    private String value = "";
    private String team = "";
    private String user = "";
    private Integer cap;

    @PostConstruct
    void load() {
        Map<UUID, String> teamNames = teams.all().stream().collect(Collectors.toMap(t -> t.id(), t -> t.name()));
        rules = assignments.all(callers.current()).stream().map(r -> new Rule(r.id().toString(), r.position(),
                r.name(), r.conditions() == null
                        ? messages.text("assignment.every-lead")
                        : r.conditions().toJson().toString(),
                r.teamId() == null
                        ? r.username()
                        : messages.text("assignment.team", teamNames.getOrDefault(
                                r.teamId(), r.teamId().toString())),
                r.openLeadCap() == null ? "" : r.openLeadCap().toString(), r.lastAssigned() == null
                        ? ""
                        : r.lastAssigned()))
                .toList();
        fields = segments.fields("lead").stream().sorted().toList();
        teamChoices = new java.util.TreeMap<>();
        teams.all().forEach(t -> teamChoices.put(t.name(), t.id().toString()));
        people = users.all().stream().filter(u -> "ACTIVE".equals(u.status()) && !"read-only".equals(u.role()))
                .map(u -> u.username()).sorted().toList();
    }

    public void add() {
        try {
            SegmentRule conditions = value.isBlank()
                    ? null
                    : new SegmentRule.Group(true, List.of(new SegmentRule.Condition(field, "eq",
                            List.of(value.strip()), null)));
            UUID teamId = team.isBlank() ? null : UUID.fromString(team);
            assignments.create(new AssignmentRule.Definition(name.strip(), position, conditions, teamId,
                    user.isBlank() ? null : user, cap, true), callers.current());
            messages.info("assignment.added", name.strip());
            name = "";
            value = "";
            position = null;
            cap = null;
        } catch (InvalidInput e) {
            String at = e.field().equals("username")
                    ? "user"
                    : e.field().equals("teamId")
                            ? "team"
                            : e.field().equals("openLeadCap")
                                    ? "cap"
                                    : e.field().startsWith("rules")
                                            ? "field"
                                            : List.of("name", "position").contains(e.field()) ? e.field() : "name";
            messages.errorAt("assignmentForm:" + at, messages.text("record.invalid",
                    messages.text("assignment.field." + at), e.problem()));
        } catch (DomainException e) {
            messages.add(FacesMessage.SEVERITY_ERROR, "operator.refused", e.getMessage());
        }
        load();
    }

    public void remove(String id) {
        try {
            assignments.delete(UUID.fromString(id), callers.current());
            messages.info("assignment.removed");
        } catch (DomainException e) {
            messages.add(FacesMessage.SEVERITY_ERROR, "operator.refused", e.getMessage());
        }
        load();
    }

    // @formatter:off
    public List<Rule> getRules() { return rules; }
    public List<String> getFields() { return fields; }
    public Map<String, String> getTeamChoices() { return teamChoices; }
    public List<String> getPeople() { return people; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name == null ? "" : name; }
    public Integer getPosition() { return position; }
    public void setPosition(Integer position) { this.position = position; }
    public String getField() { return field; }
    public void setField(String field) { this.field = field; }
    public String getValue() { return value; }
    public void setValue(String value) { this.value = value == null ? "" : value; }
    public String getTeam() { return team; }
    public void setTeam(String team) { this.team = team == null ? "" : team; }
    public String getUser() { return user; }
    public void setUser(String user) { this.user = user == null ? "" : user; }
    public Integer getCap() { return cap; }
    public void setCap(Integer cap) { this.cap = cap; }
    // @formatter:on
}
