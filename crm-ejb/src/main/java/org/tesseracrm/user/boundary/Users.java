package org.tesseracrm.user.boundary;

import java.util.List;
import java.util.Set;

import org.tesseracrm.platform.boundary.ControlRequests;
import org.tesseracrm.platform.entity.Conflict;
import org.tesseracrm.platform.entity.ControlRequest;
import org.tesseracrm.platform.entity.ControlRequestKind;
import org.tesseracrm.platform.entity.EmailAddress;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.NotFound;
import org.tesseracrm.tenancy.boundary.CurrentTenant;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;
import org.tesseracrm.user.entity.AppUser;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import static org.tesseracrm.platform.entity.JsonValues.JSON;
import jakarta.transaction.Transactional;

/** The tenant's users: listed from the mirror; invitations and deactivations go to the control plane. */
@ApplicationScoped
@Transactional
public class Users {

    /** Roles a tenant admin may hand out (never platform-operator). */
    public static final Set<String> TENANT_ROLES = Set.of("crm-admin", "sales-manager", "sales-rep", "read-only");

    private static final int MAX_NAME = 100;

    @Inject
    TenantEntityManagers tenantData;

    @Inject
    CurrentTenant currentTenant;

    @Inject
    ControlRequests controlRequests;

    public List<AppUser> all() {
        return tenantData.current().createQuery("SELECT u FROM AppUser u ORDER BY LOWER(u.username)", AppUser.class)
                .getResultList();
    }

    /** Asks the control plane to create the user in Keycloak and send the invitation. */
    public ControlRequest invite(String email, String firstName, String lastName, String role, String invitedBy) {
        String normalisedEmail = EmailAddress.require("email", email);
        if (role == null || !TENANT_ROLES.contains(role)) {
            throw new InvalidInput("role", "must be one of " + TENANT_ROLES.stream().sorted().toList());
        }
        boolean known = !tenantData.current().createQuery(
                "SELECT u.id FROM AppUser u WHERE LOWER(u.email) = :email AND u.status <> 'DEACTIVATED'")
                .setParameter("email", normalisedEmail).setMaxResults(1).getResultList().isEmpty();
        if (known) {
            throw new Conflict("user-exists", "a user with e-mail " + normalisedEmail + " already exists");
        }
        var payload = JSON.createObjectBuilder().add("email", normalisedEmail).add("role", role)
                .add("firstName", name("firstName", firstName)).add("lastName", name("lastName", lastName)).build();
        return controlRequests.submit(ControlRequestKind.INVITE_USER, currentTenant.require().slug(), payload,
                invitedBy);
    }

    /** The tenant's user with this username, whatever their status. */
    public java.util.Optional<AppUser> find(String username) {
        return tenantData.current().createQuery("SELECT u FROM AppUser u WHERE u.username = :username",
                AppUser.class).setParameter("username", username).getResultStream().findFirst();
    }

    /** Asks the control plane to disable the user in Keycloak; their records stay. */
    public ControlRequest deactivate(String username, String requestedBy) {
        AppUser user = find(username).orElseThrow(() -> new NotFound("user " + username));
        if (user.username().equals(requestedBy)) {
            throw new Conflict("self-deactivation", "you cannot deactivate yourself");
        }
        if (!user.isActiveOrInvited()) {
            throw new Conflict("already-deactivated", "user " + username + " is already deactivated");
        }
        return controlRequests.submit(ControlRequestKind.DEACTIVATE_USER, currentTenant.require().slug(),
                JSON.createObjectBuilder().add("username", user.username()).build(), requestedBy);
    }

    private static String name(String field, String value) {
        String trimmed = value == null ? "" : value.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME) {
            throw new InvalidInput(field, "must be 1 to " + MAX_NAME + " characters");
        }
        return trimmed;
    }
}
