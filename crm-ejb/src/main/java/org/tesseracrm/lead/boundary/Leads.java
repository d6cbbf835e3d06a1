package org.tesseracrm.lead.boundary;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Collection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.UUID;
import java.util.function.Function;

import org.tesseracrm.assignment.boundary.AssignmentRules;
import org.tesseracrm.audit.boundary.AuditTrail;
import org.tesseracrm.audit.entity.AuditEntry;
import org.tesseracrm.audit.entity.Snapshot;
import org.tesseracrm.customfield.boundary.CustomFields;
import org.tesseracrm.lead.control.LeadListing;
import org.tesseracrm.lead.entity.Lead;
import org.tesseracrm.lead.entity.LeadDetails;
import org.tesseracrm.lead.entity.LeadStatusChange;
import org.tesseracrm.platform.control.BatchUpsert;
import org.tesseracrm.platform.control.Page;
import org.tesseracrm.platform.control.RecordSearch;
import org.tesseracrm.platform.entity.Caller;
import org.tesseracrm.platform.entity.Conflict;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.record.control.OwnedRecords;
import org.tesseracrm.scoring.boundary.LeadScoring;
import org.tesseracrm.record.control.RecordKind;
import org.tesseracrm.team.boundary.RecordAccess;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Leads of the current tenant: changes checked against the caller's rights, audited, status history kept. */
@ApplicationScoped
@Transactional
public class Leads {

    static final RecordKind<Lead> KIND = new RecordKind<>(Lead.class, Lead.OBJECT_TYPE, LeadListing.TABLE);

    @Inject
    TenantEntityManagers tenantData;

    @Inject
    RecordAccess access;

    @Inject
    CustomFields customFields;

    @Inject
    OwnedRecords records;

    @Inject
    AssignmentRules assignments;

    @Inject
    AuditTrail audit;

    @Inject
    LeadScoring scoring;

    /** "First Last" of live leads by id, in one statement (screens that list enrollments, drafts and the like). */
    public Map<UUID, String> names(Collection<UUID> ids) {
        Map<UUID, String> names = new HashMap<>();
        records.load(KIND, new ArrayList<>(new HashSet<>(ids))).forEach((id, record) -> names.put(id, String.join(" ",
                java.util.stream.Stream.of(record.firstName(), record.lastName()).filter(n -> n != null && !n.isBlank())
                        .toList())));
        return names;
    }

    public Lead find(UUID id) {
        return records.find(KIND, id);
    }

    public Lead findIncludingDeleted(UUID id) {
        return records.findIncludingDeleted(KIND, id);
    }

    /** The lead's changes from the audit log, newest first. */
    public List<AuditEntry> history(UUID id) {
        return records.history(KIND, id);
    }

    public Page<Lead> list(RecordSearch search) {
        return records.list(KIND, search);
    }

    /**
     * Creates a lead. Without an {@code owner} in the details, the tenant's assignment rules may give it one (audited
     * as an {@code assign} entry naming the rule); else it is the caller's.
     */
    public Lead create(LeadDetails details, Caller caller) {
        return create(details, caller, null);
    }

    /**
     * As {@link #create(LeadDetails, Caller)}, with the owner a lead gets when the details name none and no assignment
     * rule applies ({@code null}: the caller); web forms pass the form's owner, an active user checked by the form.
     */
    public Lead create(LeadDetails details, Caller caller, String defaultOwner) {
        String owner = details.owner() == null && defaultOwner != null
                ? defaultOwner
                : access.ownerFor(caller, details.owner());
        Lead lead = new Lead(details, owner, caller.username());
        customFields.rules(Lead.OBJECT_TYPE).check(lead.customFields());
        Lead created = records.created(KIND, lead, caller);
        if (details.owner() == null) {
            assignments.ownerFor(created.id()).ifPresent(assignment -> assign(created, assignment, caller));
        }
        scoring.rescore(created, LeadScoring.LEAD_WRITTEN);
        return created;
    }

    private void assign(Lead lead, AssignmentRules.Assignment assignment, Caller caller) {
        String before = lead.owner();
        lead.reassign(assignment.owner());
        em().flush();
        audit.assigned(Lead.OBJECT_TYPE, lead.id(), new Snapshot().with("owner", before),
                new Snapshot().with("owner", assignment.owner()).with("assignmentRule", assignment.ruleName())
                        .with("assignmentRuleId", assignment.ruleId().toString()),
                caller.username());
    }

    /** Creates or updates up to 100 leads matched by {@code email} or {@code externalId}, all or nothing. */
    public List<BatchUpsert.Result<Lead>> upsert(List<LeadDetails> batch, String matchBy, Caller caller) {
        boolean byEmail = "email".equals(matchBy);
        if (!byEmail && !"externalId".equals(matchBy)) {
            throw new InvalidInput("idProperty", "must be email or externalId");
        }
        return BatchUpsert.run(batch, matchBy,
                d -> byEmail
                        ? (d.email() == null ? null : d.email().strip().toLowerCase(Locale.ROOT))
                        : (d.externalId() == null ? null : d.externalId().strip()),
                keys -> existing(byEmail, keys), d -> create(d, caller), (lead, d) -> update(lead.id(), null, d,
                        caller));
    }

    public List<Lead> createAll(List<LeadDetails> batch, Caller caller) {
        return BatchUpsert.each(batch, details -> create(details, caller));
    }

    public List<Lead> updateAll(List<UUID> ids, List<LeadDetails> batch, Caller caller) {
        return BatchUpsert.eachById(ids, batch, (id, details) -> update(id, null, details, caller));
    }

    /** Live leads by e-mail or external id; two live leads with one e-mail cannot be upserted into. */
    private Map<String, Lead> existing(boolean byEmail, java.util.Collection<String> keys) {
        String jpql = byEmail
                ? "SELECT l FROM Lead l WHERE LOWER(l.email) IN :keys AND l.deletedAt IS NULL"
                : "SELECT l FROM Lead l WHERE l.externalId IN :keys";
        Map<String, Lead> found = new HashMap<>();
        for (Lead lead : em().createQuery(jpql, Lead.class).setParameter("keys", keys).getResultList()) {
            if (lead.isDeleted()) {
                throw new Conflict("deleted-record", "lead with externalId " + lead.externalId()
                        + " is deleted; restore it first (" + lead.id() + ")");
            }
            String key = byEmail ? lead.email().toLowerCase(Locale.ROOT) : lead.externalId();
            if (found.put(key, lead) != null) {
                throw new Conflict("ambiguous-match", "several leads have the e-mail address " + key
                        + "; upsert by externalId instead");
            }
        }
        return found;
    }

    public Lead update(UUID id, Long expectedVersion, LeadDetails details, Caller caller) {
        Lead lead = records.current(KIND, id, expectedVersion);
        Lead changed = change(lead, caller, l -> {
            Optional<LeadStatusChange> statusChange = l.apply(details, caller.username());
            if (details.has("owner")) {
                l.reassign(access.ownerFor(caller, details.owner()));
            }
            if (details.has("customFields")) {
                customFields.rules(Lead.OBJECT_TYPE).check(l.customFields());
            }
            return statusChange;
        });
        scoring.rescore(changed, LeadScoring.LEAD_WRITTEN);
        return changed;
    }

    /**
     * Changes a lead the caller may change, records the status change the change caused (if any) and audits the
     * fields that moved. Engagement logging uses this too, so counters and status changes show in the history.
     */
    public Lead change(Lead lead, Caller caller, Function<Lead, Optional<LeadStatusChange>> change) {
        return records.change(KIND, lead, caller, l -> {
            change.apply(l).ifPresent(em()::persist);
            em().flush();
        });
    }

    public void delete(UUID id, Long expectedVersion, Caller caller) {
        records.delete(KIND, id, expectedVersion, caller);
    }

    public Lead restore(UUID id, Caller caller) {
        return records.restore(KIND, id, caller);
    }

    /** Status changes of a lead, newest first, before a timeline cursor position when given. */
    public List<LeadStatusChange> statusChanges(UUID leadId, int limit) {
        return em().createQuery("SELECT c FROM LeadStatusChange c WHERE c.leadId = :lead"
                + " ORDER BY c.changedAt DESC, c.id DESC", LeadStatusChange.class).setParameter("lead", leadId)
                .setMaxResults(limit).getResultList();
    }

    private EntityManager em() {
        return tenantData.current();
    }
}
