package org.tesseracrm.scoring.boundary;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.tesseracrm.lead.entity.Lead;
import org.tesseracrm.mail.entity.RecipientResponded;
import org.tesseracrm.activity.entity.Subject;
import org.tesseracrm.platform.control.AfterTransaction;
import org.tesseracrm.platform.entity.Caller;
import org.tesseracrm.platform.entity.Conflict;
import org.tesseracrm.platform.entity.Forbidden;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.NotFound;
import org.tesseracrm.platform.entity.StaleVersion;
import org.tesseracrm.platform.entity.Timestamps;
import org.tesseracrm.scoring.control.ScoreCalculator;
import org.tesseracrm.scoring.control.ScoringSchedule;
import org.tesseracrm.scoring.entity.ScoringRule;
import org.tesseracrm.scoring.entity.ScoringSettings;
import org.tesseracrm.segment.boundary.Segments;
import org.tesseracrm.tenancy.boundary.CurrentTenant;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;
import org.tesseracrm.tenancy.boundary.TenantSql;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Lead scoring of the current tenant (docs/scoring.md): crm-admins write the rules and thresholds, admins and
 * managers read them. A lead is rescored in the transaction that writes it or records its engagement; the tenant
 * job {@code lead-scoring} rescores every lead after the rules or thresholds change (started by
 * {@link ScoringSchedule} moments after the change has committed) and daily for the decay.
 */
@ApplicationScoped
@Transactional
public class LeadScoring {

    public static final String JOB = "lead-scoring";
    public static final int MAX_RULES = 500;

    /** Why a score moved, as its history says. */
    public static final String LEAD_WRITTEN = "lead";
    public static final String ENGAGEMENT = "engagement";
    public static final String DECAY = "decay";
    public static final String RULES_CHANGED = "rules";
    public static final String RECALCULATION = "recalculation";

    @Inject
    TenantEntityManagers tenantData;

    @Inject
    ScoreCalculator calculator;

    @Inject
    Segments segments;

    @Inject
    CurrentTenant currentTenant;

    @Inject
    TenantSql tenantSql;

    @Inject
    ScoringSchedule schedule;

    @Resource(lookup = "java:app/jdbc/crm")
    DataSource dataSource;

    @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transactions;

    public List<ScoringRule> rules(Caller caller) {
        requireReader(caller);
        return em().createQuery("SELECT r FROM ScoringRule r ORDER BY r.kind DESC, LOWER(r.name), r.id",
                ScoringRule.class).getResultList();
    }

    public ScoringRule rule(UUID id, Caller caller) {
        requireReader(caller);
        return find(id);
    }

    public ScoringRule create(ScoringRule.Definition definition, Caller caller) {
        requireAdmin(caller);
        long count = em().createQuery("SELECT COUNT(r) FROM ScoringRule r", Long.class).getSingleResult();
        if (count >= MAX_RULES) {
            throw new Conflict("too-many-rules", "a workspace has at most " + MAX_RULES + " scoring rules");
        }
        ScoringRule rule = new ScoringRule(definition, caller.username());
        check(rule);
        em().persist(rule);
        em().flush();
        recalculateAfterCommit();
        return rule;
    }

    public ScoringRule update(UUID id, Long expectedVersion, ScoringRule.Definition definition, Caller caller) {
        requireAdmin(caller);
        ScoringRule rule = find(id);
        requireVersion("scoring rule " + id, rule.version(), expectedVersion);
        rule.change(definition);
        check(rule);
        em().flush();
        recalculateAfterCommit();
        return rule;
    }

    public void delete(UUID id, Caller caller) {
        requireAdmin(caller);
        em().remove(find(id));
        em().flush();
        recalculateAfterCommit();
    }

    public ScoringSettings settings(Caller caller) {
        requireReader(caller);
        return settings();
    }

    public ScoringSettings updateSettings(Long expectedVersion, ScoringSettings.Definition definition,
            Caller caller) {
        requireAdmin(caller);
        ScoringSettings settings = settings();
        requireVersion("scoring settings", settings.version(), expectedVersion);
        settings.change(definition, caller.username());
        em().flush();
        recalculateAfterCommit();
        return settings;
    }

    /**
     * Rescores a lead this transaction has just written; the entity is refreshed when its score moved, so what the
     * caller returns shows the new score and version.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void rescore(Lead lead, String reason) {
        em().flush();
        if (calculator.rescore(List.of(lead.id()), Timestamps.now(), reason) > 0) {
            em().refresh(lead);
        }
    }

    /** Rescores leads whose engagement this transaction has just recorded in SQL. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void rescore(Collection<UUID> leadIds, String reason) {
        if (leadIds.isEmpty()) {
            return;
        }
        em().flush();
        calculator.rescore(List.copyOf(leadIds), Timestamps.now(), reason);
    }

    /** One chunk of a {@code lead-scoring} run: the leads, scored as of the run's moment. */
    public int rescoreAll(List<UUID> leadIds, OffsetDateTime asOf, String reason) {
        return calculator.rescore(leadIds, asOf, reason);
    }

    /**
     * The ids of live, unconverted leads after {@code after} in id order: the pages a run goes through. Plain SQL on
     * schema-qualified tables, no entity manager: the chunk's writer, in the same transaction, is then the first to
     * open one and so sets the transaction's search path on its own connection.
     */
    public List<UUID> leadIdsAfter(UUID after, int limit) {
        String sql = "SELECT id FROM " + tenantSql.table("lead") + " WHERE deleted_at IS NULL AND converted_at IS NULL"
                + (after == null ? "" : " AND id > ?") + " ORDER BY id LIMIT ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            int position = 1;
            if (after != null) {
                statement.setObject(position++, after);
            }
            statement.setInt(position, limit);
            List<UUID> ids = new java.util.ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("reading leads to score failed: " + e.getMessage(), e);
        }
    }

    /** A reply, bounce or unsubscribe of a lead moves its engagement points (observed in the same transaction). */
    void responded(@Observes RecipientResponded responded) {
        if (responded.record().kind() == Subject.Kind.LEAD) {
            rescore(List.of(responded.record().id()), ENGAGEMENT);
        }
    }

    /**
     * Asks for a rescoring of every lead once this transaction has committed (a rolled-back change asks for none).
     * The schedule starts it moments later from its own thread: a job started from inside a transactional method
     * inherits a context in which the batch runtime may not begin its chunk transactions.
     */
    private void recalculateAfterCommit() {
        String tenant = currentTenant.require().slug();
        AfterTransaction.committed(transactions, () -> schedule.recalculate(tenant));
    }

    private void check(ScoringRule rule) {
        if (rule.conditions() != null) {
            segments.check("lead", rule.conditions());
        }
        boolean taken = !em().createQuery("SELECT r.id FROM ScoringRule r WHERE LOWER(r.name) = LOWER(:name)"
                + " AND r.id <> :self", UUID.class).setParameter("name", rule.name()).setParameter("self", rule.id())
                .setMaxResults(1).getResultList().isEmpty();
        if (taken) {
            throw new Conflict("duplicate-rule-name", "a scoring rule named '" + rule.name() + "' exists");
        }
    }

    private static void requireVersion(String what, long version, Long expected) {
        if (expected == null) {
            throw new InvalidInput("version", "is required: send the version you read");
        }
        if (version != expected) {
            throw new StaleVersion(what, version, expected);
        }
    }

    private ScoringSettings settings() {
        return em().createQuery("SELECT s FROM ScoringSettings s", ScoringSettings.class).getSingleResult();
    }

    private ScoringRule find(UUID id) {
        ScoringRule rule = em().find(ScoringRule.class, id);
        if (rule == null) {
            throw new NotFound("scoring rule " + id);
        }
        return rule;
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.isAdmin()) {
            throw new Forbidden("admins-only", "only crm-admins change lead scoring");
        }
    }

    private static void requireReader(Caller caller) {
        if (!caller.isAdmin() && !caller.isManager()) {
            throw new Forbidden("admins-and-managers-only", "only crm-admins and sales-managers read lead scoring");
        }
    }

    private EntityManager em() {
        return tenantData.current();
    }
}
