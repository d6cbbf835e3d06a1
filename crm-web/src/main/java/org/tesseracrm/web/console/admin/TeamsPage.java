package org.tesseracrm.web.console.admin;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import org.tesseracrm.platform.entity.Conflict;
import org.tesseracrm.platform.entity.DomainException;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.team.boundary.Teams;
import org.tesseracrm.team.entity.Team;
import org.tesseracrm.user.boundary.Users;
import org.tesseracrm.user.entity.AppUser;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.console.shell.Messages;

import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Sales teams (crm-admin): a manager and members; a manager may change the records of their teams' members
 * ({@code RecordAccess}). Create, edit at the version shown, delete, through {@link Teams} as the API does.
 */
@Named("teamAdmin")
@ViewScoped
public class TeamsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A team as the screen lists it. */
    public record Row(String id, String name, String manager, List<String> members, long version)
            implements
                Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Inject
    Teams teams;

    @Inject
    Users users;

    @Inject
    Messages messages;

    @Inject
    Callers callers;

    private List<Row> rows = List.of();
    private List<String> people = List.of();
    private String editingId;
    private long editingVersion;
    private String name = "";
    private String manager = "";
    private List<String> members = new ArrayList<>();

    @PostConstruct
    void load() {
        rows = teams.all().stream().map(TeamsPage::row).toList();
        people = users.all().stream().filter(AppUser::isActiveOrInvited).map(AppUser::username).toList();
    }

    private static Row row(Team t) {
        return new Row(t.id().toString(), t.name(), t.managerUsername(), List.copyOf(t.members()), t.version());
    }

    /** Fills the form with a team to change it. */
    public void edit(Row team) {
        editingId = team.id();
        editingVersion = team.version();
        name = team.name();
        manager = team.manager() == null ? "" : team.manager();
        members = new ArrayList<>(team.members());
    }

    /** Empties the form for a new team. */
    public void startNew() {
        editingId = null;
        name = "";
        manager = "";
        members = new ArrayList<>();
    }

    public void save() {
        try {
            String chosenManager = manager.isBlank() ? null : manager;
            if (editingId == null) {
                teams.create(name, chosenManager, new LinkedHashSet<>(members), callers.name());
            } else {
                teams.update(UUID.fromString(editingId), editingVersion, name, chosenManager,
                        new LinkedHashSet<>(members));
            }
            messages.info("teams.saved", name.strip());
            startNew();
        } catch (InvalidInput e) {
            String input = e.field().equals("name") ? "name" : "members";
            messages.errorAt("teamForm:" + input, messages.text("record.invalid", messages.text("teams.field."
                    + input), e.problem()));
            return;
        } catch (Conflict e) {
            messages.add(FacesMessage.SEVERITY_WARN, "operator.refused", e.getMessage());
        } catch (DomainException e) {
            messages.add(FacesMessage.SEVERITY_ERROR, "operator.refused", e.getMessage());
        }
        load();
    }

    public void delete(Row team) {
        try {
            teams.delete(UUID.fromString(team.id()));
            messages.info("teams.deleted", team.name());
        } catch (DomainException e) {
            messages.add(FacesMessage.SEVERITY_ERROR, "operator.refused", e.getMessage());
        }
        startNew();
        load();
    }

    public boolean isEditing() {
        return editingId != null;
    }
    public List<Row> getRows() {
        return rows;
    }
    public List<String> getPeople() {
        return people;
    }
    public String getName() {
        return name;
    }
    public void setName(String name) {
        this.name = name == null ? "" : name;
    }
    public String getManager() {
        return manager;
    }
    public void setManager(String manager) {
        this.manager = manager == null ? "" : manager;
    }
    public List<String> getMembers() {
        return members;
    }
    public void setMembers(List<String> members) {
        this.members = members == null
                ? new ArrayList<>()
                : new ArrayList<>(members);
    }
}
