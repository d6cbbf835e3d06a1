package org.tesseracrm.team.boundary;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.tesseracrm.platform.entity.Conflict;
import org.tesseracrm.platform.entity.NotFound;
import org.tesseracrm.team.entity.Team;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/** Teams of the current tenant. Transactions start here; who may call what is decided by the caller's roles. */
@ApplicationScoped
@Transactional
public class Teams {

    @Inject
    TenantEntityManagers tenantData;

    @Inject
    RecordAccess access;

    public List<Team> all() {
        return em().createQuery("SELECT t FROM Team t ORDER BY LOWER(t.name), t.id", Team.class).getResultList();
    }

    public Team find(UUID id) {
        Team team = em().find(Team.class, id);
        if (team == null) {
            throw new NotFound("team " + id);
        }
        return team;
    }

    public Team create(String name, String manager, Set<String> members, String createdBy) {
        Team team = new Team(name, manager, members, createdBy);
        requirePeople(team);
        requireUniqueName(team.name(), team.id());
        em().persist(team);
        em().flush();
        return team;
    }

    /** Replaces name, manager and members; {@code expectedVersion} guards against lost updates. */
    public Team update(UUID id, long expectedVersion, String name, String manager, Set<String> members) {
        Team team = find(id);
        if (team.version() != expectedVersion) {
            throw new Conflict("stale-version", "team " + id + " was changed by someone else (version "
                    + team.version() + ", yours " + expectedVersion + ")");
        }
        em().lock(team, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
        team.rename(name);
        team.assignManager(manager);
        team.replaceMembers(members);
        requirePeople(team);
        requireUniqueName(team.name(), team.id());
        em().flush();
        return team;
    }

    /** Deletes a team; a team that assignment rules give leads to stays until those rules change. */
    public void delete(UUID id) {
        Team team = find(id);
        List<?> rules = em().createNativeQuery("SELECT name FROM assignment_rule WHERE team_id = ?1 ORDER BY name")
                .setParameter(1, id).setMaxResults(5).getResultList();
        if (!rules.isEmpty()) {
            throw new Conflict("team-in-assignment-rules", "assignment rules give leads to this team ("
                    + rules.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))
                    + "); change them first");
        }
        em().remove(team);
    }

    /** A team's manager and members are people of the tenant, as owners are. */
    private void requirePeople(Team team) {
        if (team.managerUsername() != null) {
            access.requireActiveUsers("managerUsername", List.of(team.managerUsername()));
        }
        access.requireActiveUsers("members", team.members());
    }

    private EntityManager em() {
        return tenantData.current();
    }

    private void requireUniqueName(String name, UUID self) {
        boolean taken = !em()
                .createQuery("SELECT t.id FROM Team t WHERE LOWER(t.name) = LOWER(:name) AND t.id <> :self",
                        UUID.class)
                .setParameter("name", name).setParameter("self", self).setMaxResults(1).getResultList()
                .isEmpty();
        if (taken) {
            throw new Conflict("duplicate-team-name", "a team named '" + name + "' already exists");
        }
    }
}
