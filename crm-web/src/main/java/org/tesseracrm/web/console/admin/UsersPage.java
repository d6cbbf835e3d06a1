package org.tesseracrm.web.console.admin;

import java.io.Serializable;
import java.util.List;

import org.tesseracrm.platform.boundary.ControlRequests;
import org.tesseracrm.platform.entity.ControlRequest;
import org.tesseracrm.platform.entity.DomainException;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.user.boundary.Users;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.console.record.Related;
import org.tesseracrm.web.console.shell.ConsoleTime;
import org.tesseracrm.web.console.shell.FollowedRequests;
import org.tesseracrm.web.console.shell.Messages;

import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Users and invitations (crm-admin; ConsoleGate keeps everyone else out of /console/admin/): the tenant's users with
 * role and status, an invitation form and deactivation, through {@link Users} as the API does. The control plane's
 * worker carries out invitations and deactivations; the screen follows the requests it made until they are done.
 */
@Named("users")
@ViewScoped
public class UsersPage implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A user as the screen lists them. */
    public record Person(String username, String email, String name, String role, String status, boolean active)
            implements
                Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Inject
    Users userDirectory;

    @Inject
    ControlRequests controlRequests;

    @Inject
    Callers callers;

    @Inject
    Messages messages;

    @Inject
    ConsoleTime time;

    private List<Person> people = List.of();
    private final FollowedRequests requests = new FollowedRequests();
    private String email = "";
    private String firstName = "";
    private String lastName = "";
    private String role = "sales-rep";

    @PostConstruct
    void init() {
        refresh();
    }

    public void refresh() {
        people = userDirectory.all().stream().map(u -> new Person(u.username(), u.email(),
                Related.name(u.firstName(), u.lastName()),
                u.role(), u.status(), u.isActiveOrInvited())).toList();
        requests.refresh(controlRequests, time);
    }

    public void invite() {
        try {
            ControlRequest made = userDirectory.invite(email, firstName, lastName, role, callers.name());
            requests.add(made, time);
            messages.info("users.invited", email.strip());
            email = "";
            firstName = "";
            lastName = "";
        } catch (InvalidInput e) {
            messages.errorAt("inviteForm:" + e.field(), messages.text("record.invalid",
                    messages.text("users.field." + e.field()), e.problem()));
        } catch (DomainException e) {
            messages.add(FacesMessage.SEVERITY_ERROR, "operator.refused", e.getMessage());
        }
        refresh();
    }

    public void deactivate(String username) {
        try {
            requests.add(userDirectory.deactivate(username, callers.name()), time);
            messages.info("users.deactivation-requested", username);
        } catch (DomainException e) {
            messages.add(FacesMessage.SEVERITY_ERROR, "operator.refused", e.getMessage());
        }
        refresh();
    }

    public boolean isWaiting() {
        return requests.isWaiting();
    }

    public List<String> getRoles() {
        return Users.TENANT_ROLES.stream().sorted().toList();
    }

    public List<Person> getPeople() {
        return people;
    }

    public List<FollowedRequests.Progress> getRequests() {
        return requests.getItems();
    }

    public String getEmail() {
        return email;
    }
    public void setEmail(String email) {
        this.email = email == null ? "" : email;
    }
    public String getFirstName() {
        return firstName;
    }
    public void setFirstName(String firstName) {
        this.firstName = firstName == null ? "" : firstName;
    }
    public String getLastName() {
        return lastName;
    }
    public void setLastName(String lastName) {
        this.lastName = lastName == null ? "" : lastName;
    }
    public String getRole() {
        return role;
    }
    public void setRole(String role) {
        this.role = role;
    }
}
