package org.tesseracrm.tenantconfig;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.SQLException;

import org.keycloak.representations.idm.UserRepresentation;
import org.tesseracrm.tenantconfig.TenantIdentities.InvitedPerson;
import org.tesseracrm.tenantconfig.TenantIdentities.NewPerson;

/** A tenant's people: invited and deactivated in Keycloak and mirrored in the tenant's {@code app_user} table. */
public final class TenantPeople {

    private static final Logger LOG = System.getLogger(TenantPeople.class.getName());

    /**
     * The result of an invitation. {@code mailSent} is false when the realm has no SMTP server or sending failed
     * ({@code mailProblem} says which); the person can then be sent the mail later from Keycloak.
     */
    public record Invitation(String userId, String appUserId, String username, boolean existing, boolean mailSent,
            String mailProblem) {
    }

    private final TenantRegistryTable registry;
    private final TenantUsersTable users;
    private final TenantIdentities identities;

    public TenantPeople(ControlPlaneDatabase database, TenantIdentities identities) {
        this.registry = new TenantRegistryTable(database);
        this.users = new TenantUsersTable(database);
        this.identities = identities;
    }

    /** Invites a person into an active tenant, within the plan's user limit. */
    public Invitation invite(TenantSlug slug, NewPerson person, String requestedBy) throws SQLException {
        TenantRegistryTable.Row tenant = registry.find(slug)
                .orElseThrow(() -> new IllegalStateException("tenant '" + slug.value() + "' does not exist"));
        if (!tenant.status().equals("ACTIVE")) {
            throw new IllegalStateException("tenant '" + slug.value() + "' is " + tenant.status().toLowerCase()
                    + "; people can only be invited into an active tenant");
        }
        if (tenant.maxUsers() != null && users.countNotDeactivated(slug) >= tenant.maxUsers()) {
            throw new IllegalStateException("tenant '" + slug.value() + "' has reached its plan's limit of "
                    + tenant.maxUsers() + " users");
        }
        // tenants made before organizations existed (or by the database-only path) have none; people still work
        String organization = identities.findOrganization(slug).orElse(null);
        InvitedPerson invited = identities.invite(slug, organization, person);
        String appUserId;
        try {
            appUserId = users.recordInvited(slug, invited.id(), person, requestedBy);
        } catch (SQLException | RuntimeException e) {
            if (!invited.existing()) {
                try {
                    identities.deleteUser(invited.id());
                } catch (RuntimeException undo) {
                    e.addSuppressed(undo);
                }
            }
            throw e;
        }
        return mail(invited, appUserId);
    }

    /** Disables the person's account (ending their sessions) and marks them DEACTIVATED. */
    public String deactivate(TenantSlug slug, String username) throws SQLException {
        UserRepresentation user = identities.findUser(username)
                .filter(u -> TenantIdentities.tenantOf(u).filter(slug.value()::equals).isPresent())
                .orElseThrow(() -> new IllegalStateException(
                        "tenant '" + slug.value() + "' has no user '" + username + "'"));
        identities.setEnabled(user.getId(), false);
        if (!users.markDeactivated(slug, user.getUsername())) {
            LOG.log(Level.INFO, "user {0} of {1} had no app_user row (made outside the control plane)", username,
                    slug.value());
        }
        return user.getId();
    }

    /**
     * Mirrors every person Keycloak has for the tenant into {@code app_user}, so the data plane knows them as owners
     * and assignees without admin credentials. People the control plane invited are mirrored as they are invited;
     * this catches the ones made in Keycloak directly. Returns how many rows were inserted or changed.
     */
    public int mirrorAll(TenantSlug slug, String requestedBy) throws SQLException {
        if (registry.find(slug).isEmpty()) {
            throw new IllegalStateException("tenant '" + slug.value() + "' does not exist");
        }
        int changed = 0;
        for (TenantIdentities.TenantPerson person : identities.tenantPeople(slug)) {
            if (users.mirror(slug, person, requestedBy)) {
                changed++;
            }
        }
        return changed;
    }

    /** Mails the invitation last; a failed mail does not undo the invitation, it is reported. */
    Invitation mail(InvitedPerson invited, String appUserId) {
        boolean sent = false;
        String problem = null;
        try {
            sent = identities.sendInvitation(invited.id());
            if (!sent) {
                problem = "realm has no SMTP server";
            }
        } catch (RuntimeException e) {
            problem = ServiceUnavailable.describe(e);
            LOG.log(Level.WARNING, "invitation mail to {0} failed: {1}", invited.username(), problem);
        }
        return new Invitation(invited.id(), appUserId, invited.username(), invited.existing(), sent, problem);
    }
}
