package org.tesseracrm.lead.boundary;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.tesseracrm.audit.boundary.AuditTrail;
import org.tesseracrm.audit.entity.Snapshot;
import org.tesseracrm.customfield.boundary.CustomFields;
import org.tesseracrm.lead.control.LeadListing;
import org.tesseracrm.lead.entity.Lead;
import org.tesseracrm.lead.entity.LeadDetails;
import org.tesseracrm.lead.entity.LeadStatusChange;
import org.tesseracrm.platform.control.BatchUpsert;
import org.tesseracrm.platform.control.Page;
import org.tesseracrm.platform.control.RecordQueries;
import org.tesseracrm.platform.control.RecordSearch;
import org.tesseracrm.platform.entity.Caller;
import org.tesseracrm.platform.entity.Conflict;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.NotFound;
import org.tesseracrm.platform.entity.StaleVersion;
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

    @Inject
    TenantEntityManagers tenantData;

    @Inject
    RecordAccess access;

    @Inject
    AuditTrail audit;

    @Inject
    CustomFields customFields;

    @Inject
    RecordQueries queries;

    public Lead find(UUID id) {
        Lead lead = em().find(Lead.class, id);
        if (lead == null || lead.isDeleted()) {
            throw new NotFound("lead " + id);
        }
        return lead;
    }

    public Lead findIncludingDeleted(UUID id) {
        Lead lead = em().find(Lead.class, id);
        if (lead == null) {
            throw new NotFound("lead " + id);
        }
        return lead;
    }

    public Page<Lead> list(RecordSearch search) {
        Page<UUID> ids = queries.ids(LeadListing.TABLE, search);
        Map<UUID, Lead> loaded = ids.results().isEmpty()
                ? Map.of()
                : em().createQuery("SELECT l FROM Lead l WHERE l.id IN :ids", Lead.class)
                        .setParameter("ids", ids.results()).getResultList().stream()
                        .collect(Collectors.toMap(Lead::id, Function.identity()));
        return ids.map(loaded::get);
    }

    public Lead create(LeadDetails details, Caller caller) {
        Lead lead = new Lead(details, access.ownerFor(caller, details.owner()), caller.username());
        customFields.rules(Lead.OBJECT_TYPE).check(lead.customFields());
        em().persist(lead);
        audit.created(Lead.OBJECT_TYPE, lead.id(), lead.snapshot(), caller.username());
        return lead;
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
        Lead lead = find(id);
        StaleVersion.check("lead " + id, lead.version(), expectedVersion);
        return change(lead, caller, l -> {
            Optional<LeadStatusChange> statusChange = l.apply(details, caller.username());
            if (details.has("owner")) {
                l.reassign(access.ownerFor(caller, details.owner()));
            }
            if (details.has("customFields")) {
                customFields.rules(Lead.OBJECT_TYPE).check(l.customFields());
            }
            return statusChange;
        });
    }

    /**
     * Changes a lead the caller may change, records the status change the change caused (if any) and audits the
     * fields that moved. Engagement logging uses this too, so counters and status changes show in the history.
     */
    public Lead change(Lead lead, Caller caller, Function<Lead, Optional<LeadStatusChange>> change) {
        access.requireMayChange(caller, lead.owner(), "lead " + lead.id());
        Snapshot before = lead.snapshot();
        change.apply(lead).ifPresent(em()::persist);
        em().flush();
        audit.updated(Lead.OBJECT_TYPE, lead.id(), before, lead.snapshot(), caller.username());
        return lead;
    }

    public void delete(UUID id, Long expectedVersion, Caller caller) {
        Lead lead = find(id);
        StaleVersion.check("lead " + id, lead.version(), expectedVersion);
        access.requireMayChange(caller, lead.owner(), "lead " + id);
        Snapshot before = lead.snapshot();
        lead.delete(caller.username());
        audit.deleted(Lead.OBJECT_TYPE, id, before, lead.snapshot(), caller.username());
    }

    public Lead restore(UUID id, Caller caller) {
        Lead lead = findIncludingDeleted(id);
        if (!lead.isDeleted()) {
            throw new NotFound("deleted lead " + id);
        }
        access.requireMayChange(caller, lead.owner(), "lead " + id);
        Snapshot before = lead.snapshot();
        lead.restore(caller.username());
        em().flush();
        audit.restored(Lead.OBJECT_TYPE, id, before, lead.snapshot(), caller.username());
        return lead;
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
