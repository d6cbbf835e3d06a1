package org.tesseracrm.assignment.boundary;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.tesseracrm.assignment.entity.AssignmentRule;
import org.tesseracrm.platform.entity.Caller;
import org.tesseracrm.platform.entity.Conflict;
import org.tesseracrm.platform.entity.Forbidden;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.NotFound;
import org.tesseracrm.platform.entity.StaleVersion;
import org.tesseracrm.segment.boundary.Segments;
import org.tesseracrm.team.boundary.RecordAccess;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;
import org.tesseracrm.tenancy.boundary.TenantSql;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Lead assignment rules of the current tenant (docs/assignment.md): crm-admins write them, admins and managers read
 * them, and {@link #ownerFor} applies them to a new lead inside the transaction that creates it.
 * <p>
 * Round-robin is fair under concurrency: the rule's row is locked while its next member is chosen, so two leads
 * created at once go to two people in turn, never both to the same one. The workload cap counts each candidate's
 * open leads (not converted, not closed, not deleted) created in the last 30 days.
 */
@ApplicationScoped
@Transactional
public class AssignmentRules {

    public static final int MAX_RULES = 200;
    static final int CAP_WINDOW_DAYS = 30;

    /** Who gets a lead, and which rule decided it. */
    public record Assignment(UUID ruleId, String ruleName, String owner) {
    }

    @Inject
    TenantEntityManagers tenantData;

    @Inject
    TenantSql tenantSql;

    @Inject
    Segments segments;

    @Inject
    RecordAccess access;

    @Resource(lookup = "java:app/jdbc/crm")
    DataSource dataSource;

    public List<AssignmentRule> all(Caller caller) {
        requireReader(caller);
        return em().createQuery("SELECT r FROM AssignmentRule r ORDER BY r.position, LOWER(r.name), r.id",
                AssignmentRule.class).getResultList();
    }

    public AssignmentRule find(UUID id, Caller caller) {
        requireReader(caller);
        return find(id);
    }

    public AssignmentRule create(AssignmentRule.Definition definition, Caller caller) {
        requireAdmin(caller);
        long count = em().createQuery("SELECT COUNT(r) FROM AssignmentRule r", Long.class).getSingleResult();
        if (count >= MAX_RULES) {
            throw new Conflict("too-many-rules", "a workspace has at most " + MAX_RULES + " assignment rules");
        }
        AssignmentRule rule = new AssignmentRule(definition, caller.username());
        check(rule);
        em().persist(rule);
        em().flush();
        return rule;
    }

    public AssignmentRule update(UUID id, Long expectedVersion, AssignmentRule.Definition definition,
            Caller caller) {
        requireAdmin(caller);
        if (expectedVersion == null) {
            throw new InvalidInput("version", "is required: send the version you read");
        }
        AssignmentRule rule = find(id);
        if (rule.version() != expectedVersion) {
            throw new StaleVersion("assignment rule " + id, rule.version(), expectedVersion);
        }
        UUID teamBefore = rule.teamId();
        rule.change(definition);
        check(rule);
        em().flush();
        if (!java.util.Objects.equals(teamBefore, rule.teamId())) {
            // another team starts its turn with its first member
            em().createNativeQuery("UPDATE assignment_rule SET last_assigned = NULL WHERE id = ?1")
                    .setParameter(1, id).executeUpdate();
        }
        return rule;
    }

    public void delete(UUID id, Caller caller) {
        requireAdmin(caller);
        em().remove(find(id));
    }

    /**
     * The owner the rules give a lead that was just written in this transaction (it is flushed first, since the
     * conditions are evaluated in SQL): the first active rule, by position, whose conditions match it and that has
     * someone under its cap. Empty when no rule applies; the lead then keeps the owner it was created with.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Assignment> ownerFor(UUID leadId) {
        List<AssignmentRule> rules = em().createQuery("SELECT r FROM AssignmentRule r WHERE r.active = TRUE"
                + " ORDER BY r.position, LOWER(r.name), r.id", AssignmentRule.class).getResultList();
        if (rules.isEmpty()) {
            return Optional.empty();
        }
        em().flush();
        for (AssignmentRule rule : rules) {
            if (rule.conditions() != null
                    && !segments.matching("lead", rule.conditions(), List.of(leadId)).contains(leadId)) {
                continue;
            }
            Optional<String> owner = rule.teamId() == null
                    ? Optional.of(rule.username()).filter(u -> underCap(rule, List.of(u), leadId).contains(u))
                    : nextMember(rule, leadId);
            if (owner.isPresent()) {
                return Optional.of(new Assignment(rule.id(), rule.name(), owner.get()));
            }
        }
        return Optional.empty();
    }

    /** The team member after the rule's last one (in user name order, wrapping) who is active and under the cap. */
    private Optional<String> nextMember(AssignmentRule rule, UUID leadId) {
        try (Connection connection = dataSource.getConnection()) {
            String last;
            // the lock serialises concurrent assignments by this rule until their transactions end
            try (PreparedStatement lock = connection.prepareStatement("SELECT last_assigned FROM "
                    + tenantSql.table("assignment_rule") + " WHERE id = ? FOR UPDATE")) {
                lock.setObject(1, rule.id());
                try (ResultSet row = lock.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    last = row.getString(1);
                }
            }
            List<String> members = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT m.username FROM "
                    + tenantSql.table("team_member") + " m JOIN " + tenantSql.table("app_user")
                    + " u ON u.username = m.username WHERE m.team_id = ? AND u.status = 'ACTIVE'"
                    + " AND u.role <> 'read-only' ORDER BY m.username")) {
                query.setObject(1, rule.teamId());
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        members.add(rows.getString(1));
                    }
                }
            }
            if (members.isEmpty()) {
                return Optional.empty();
            }
            int start = 0;
            if (last != null) {
                // the first member whose name sorts after the last one: a removed member does not reset the turn
                start = members.size();
                for (int i = 0; i < members.size(); i++) {
                    if (members.get(i).compareTo(last) > 0) {
                        start = i;
                        break;
                    }
                }
            }
            List<String> turn = new ArrayList<>(members.size());
            for (int i = 0; i < members.size(); i++) {
                turn.add(members.get((start + i) % members.size()));
            }
            List<String> eligible = underCap(rule, turn, leadId);
            Optional<String> chosen = turn.stream().filter(eligible::contains).findFirst();
            if (chosen.isPresent()) {
                try (PreparedStatement update = connection.prepareStatement("UPDATE "
                        + tenantSql.table("assignment_rule") + " SET last_assigned = ? WHERE id = ?")) {
                    update.setString(1, chosen.get());
                    update.setObject(2, rule.id());
                    update.executeUpdate();
                }
            }
            return chosen;
        } catch (SQLException e) {
            throw new IllegalStateException("assignment by rule " + rule.id() + " failed: " + e.getMessage(), e);
        }
    }

    /** Those of {@code candidates} below the rule's cap (all of them without a cap); the new lead is not counted. */
    private List<String> underCap(AssignmentRule rule, List<String> candidates, UUID leadId) {
        if (rule.openLeadCap() == null) {
            return candidates;
        }
        Map<String, Long> open = new HashMap<>();
        String sql = "SELECT owner, count(*) FROM " + tenantSql.table("lead") + " WHERE owner = ANY (?)"
                + " AND deleted_at IS NULL AND converted_at IS NULL AND status NOT IN ('closed_won', 'closed_lost')"
                + " AND created_at > now() - make_interval(days => " + CAP_WINDOW_DAYS + ") AND id <> ?"
                + " GROUP BY owner";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setArray(1, connection.createArrayOf("text", candidates.toArray()));
            query.setObject(2, leadId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    open.put(rows.getString(1), rows.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("counting open leads failed: " + e.getMessage(), e);
        }
        return candidates.stream().filter(c -> open.getOrDefault(c, 0L) < rule.openLeadCap()).toList();
    }

    /** The rule's references exist: conditions compile for leads, the team or user is of this tenant. */
    private void check(AssignmentRule rule) {
        if (rule.conditions() != null) {
            segments.check("lead", rule.conditions());
        }
        if (rule.teamId() != null) {
            Long teams = em().createQuery("SELECT COUNT(t) FROM Team t WHERE t.id = :id", Long.class)
                    .setParameter("id", rule.teamId()).getSingleResult();
            if (teams == 0) {
                throw new InvalidInput("teamId", "no team " + rule.teamId() + " in this workspace");
            }
        } else {
            access.requireActiveUsers("username", List.of(rule.username()));
        }
        boolean taken = !em().createQuery("SELECT r.id FROM AssignmentRule r WHERE LOWER(r.name) = LOWER(:name)"
                + " AND r.id <> :self", UUID.class).setParameter("name", rule.name()).setParameter("self", rule.id())
                .setMaxResults(1).getResultList().isEmpty();
        if (taken) {
            throw new Conflict("duplicate-rule-name", "an assignment rule named '" + rule.name() + "' exists");
        }
    }

    private AssignmentRule find(UUID id) {
        AssignmentRule rule = em().find(AssignmentRule.class, id);
        if (rule == null) {
            throw new NotFound("assignment rule " + id);
        }
        return rule;
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.isAdmin()) {
            throw new Forbidden("admins-only", "only crm-admins change assignment rules");
        }
    }

    private static void requireReader(Caller caller) {
        if (!caller.isAdmin() && !caller.isManager()) {
            throw new Forbidden("admins-and-managers-only", "only crm-admins and sales-managers read assignment"
                    + " rules");
        }
    }

    private EntityManager em() {
        return tenantData.current();
    }
}
