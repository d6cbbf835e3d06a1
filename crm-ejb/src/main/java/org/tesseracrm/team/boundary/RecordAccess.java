package org.tesseracrm.team.boundary;

import java.util.Collection;
import java.util.Objects;
import java.util.Set;

import org.tesseracrm.platform.entity.Caller;
import org.tesseracrm.platform.entity.Forbidden;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/**
 * Who may change an owned record (contact, account, lead, deal, activity): crm-admins any; sales managers their own
 * and those owned by members of teams they manage, and unowned ones; sales reps their own. Everyone in the tenant
 * reads everything; read-only users change nothing (their role never reaches a write endpoint).
 * <p>
 * A refusal here changes nothing, so it does not doom the caller's transaction: an import refuses the row and goes
 * on with the chunk. Where the refusal ends the request, the boundary that began the transaction rolls it back.
 */
@ApplicationScoped
@Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = org.tesseracrm.platform.entity.DomainException.class)
public class RecordAccess {

    private static final String MANAGED = RecordAccess.class.getName() + ".managed.";
    private static final String ACTIVE_USER = RecordAccess.class.getName() + ".active-user.";

    @Inject
    TenantEntityManagers tenantData;

    @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transaction;

    public boolean mayChange(Caller caller, String owner) {
        if (caller.isAdmin() || Objects.equals(caller.username(), owner)) {
            return true;
        }
        if (!caller.isManager()) {
            return false;
        }
        return owner == null || managedBy(caller.username()).contains(owner);
    }

    /**
     * Whose records a caller's reports count: everyone's (null) for crm-admins and read-only users, who read the
     * whole tenant anyway; for a sales manager their own and their teams' members'; for a sales rep their own.
     */
    public Set<String> reportOwners(Caller caller) {
        if (caller.isAdmin() || caller.roles().contains("read-only") && !caller.isManager()
                && !caller.roles().contains("sales-rep")) {
            return null;
        }
        if (caller.isManager()) {
            Set<String> owners = new java.util.HashSet<>(managedBy(caller.username()));
            owners.add(caller.username());
            return Set.copyOf(owners);
        }
        return Set.of(caller.username());
    }

    /** The members of the teams a manager manages, read once per transaction (a batch asks for every record). */
    @SuppressWarnings("unchecked")
    private Set<String> managedBy(String manager) {
        String key = MANAGED + manager;
        Set<String> members = (Set<String>) transaction.getResource(key);
        if (members == null) {
            members = Set.copyOf(tenantData.current()
                    .createQuery("SELECT m.username FROM TeamMember m WHERE m.team.managerUsername = :manager",
                            String.class)
                    .setParameter("manager", manager).getResultList());
            transaction.putResource(key, members);
        }
        return members;
    }

    /** {@link Forbidden} unless the caller may change a record owned by {@code owner}. */
    public void requireMayChange(Caller caller, String owner, String what) {
        if (!mayChange(caller, owner)) {
            throw new Forbidden("not-your-record", caller.username() + " may not change " + what + " owned by "
                    + (owner == null ? "nobody" : owner));
        }
    }

    /**
     * The owner a new or reassigned record gets: the caller when none is named; a sales rep cannot give records to
     * others, a manager only to themselves or members of their teams.
     */
    public String ownerFor(Caller caller, String requestedOwner) {
        return ownerFor(caller, requestedOwner, "owner");
    }

    /**
     * As {@link #ownerFor(Caller, String)}, for a field with another name (a task's assignee). Someone else must be a
     * user of the tenant who is not deactivated ({@link InvalidInput} on {@code field} otherwise); the caller always
     * is one, an integration's service account included.
     */
    public String ownerFor(Caller caller, String requestedOwner, String field) {
        String owner = requestedOwner == null ? caller.username() : requestedOwner;
        if (!mayChange(caller, owner)) {
            throw new Forbidden("owner-not-allowed", caller.username() + " may not assign records to " + owner);
        }
        if (!owner.equals(caller.username()) && !isActiveUser(owner)) {
            throw new InvalidInput(field, "'" + owner + "' is not an active user of this tenant");
        }
        return owner;
    }

    /** {@link InvalidInput} on {@code field} unless every name is an active user of the tenant. */
    public void requireActiveUsers(String field, Collection<String> usernames) {
        for (String username : usernames) {
            if (username != null && !isActiveUser(username)) {
                throw new InvalidInput(field, "'" + username + "' is not an active user of this tenant");
            }
        }
    }

    /** Whether the tenant's user mirror has the person and they are not deactivated; asked once per transaction. */
    private boolean isActiveUser(String username) {
        String key = ACTIVE_USER + username;
        Boolean active = (Boolean) transaction.getResource(key);
        if (active == null) {
            active = !tenantData.current().createQuery(
                    "SELECT u.id FROM AppUser u WHERE u.username = :username AND u.status <> 'DEACTIVATED'")
                    .setParameter("username", username).setMaxResults(1).getResultList().isEmpty();
            transaction.putResource(key, active);
        }
        return active;
    }
}
