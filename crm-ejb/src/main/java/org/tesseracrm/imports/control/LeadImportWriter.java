package org.tesseracrm.imports.control;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.tesseracrm.customfield.boundary.CustomFields;
import org.tesseracrm.imports.entity.ImportPlan;
import org.tesseracrm.imports.entity.ImportPlan.MatchBy;
import org.tesseracrm.imports.entity.ImportPlan.Row;
import org.tesseracrm.lead.boundary.Leads;
import org.tesseracrm.lead.entity.Lead;
import org.tesseracrm.lead.entity.LeadDetails;
import org.tesseracrm.platform.entity.Caller;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Lead imports through {@link Leads} ({@link BoundaryImportWriter}): a row without an owner gets one from the
 * assignment rules, every lead is scored, audited and gets its status history. Rows match by e-mail (the oldest live
 * lead with the address) or external id.
 */
@ApplicationScoped
// the kinds' checks refuse rows by throwing: that must not doom the chunk's transaction
@Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = org.tesseracrm.platform.entity.DomainException.class)
public class LeadImportWriter implements BoundaryImportWriter.Kind<Lead, LeadDetails> {

    @Inject
    BoundaryImportWriter writer;

    @Inject
    Leads leads;

    @Inject
    CustomFields customFields;

    @Inject
    TenantEntityManagers tenantData;

    public ImportPlan.Outcome write(ImportPlan plan, List<Row> rows) {
        return writer.write(plan, rows, this);
    }

    @Override
    public String objectType() {
        return Lead.OBJECT_TYPE;
    }

    @Override
    public LeadDetails details(ImportCells.Cells cells) {
        Map<String, String> v = cells.values();
        return new LeadDetails(v.get("firstName"), v.get("lastName"), v.get("company"), v.get("industry"),
                v.get("email"), v.get("phone"), v.get("source"), v.get("owner"), lower(v.get("priority")),
                ImportCells.tags(v.get("tags")), null, status(v.get("status")), null,
                decimal("estimatedValue", v.get("estimatedValue")), upper(v.get("currency")), cells.customFields(),
                v.get("externalId"), v.get("timeZone"), cells.present());
    }

    @Override
    public String key(MatchBy matchBy, LeadDetails details) {
        return switch (matchBy) {
            case EMAIL -> details.email() == null ? null : details.email().strip().toLowerCase(Locale.ROOT);
            case EXTERNAL_ID -> externalId(details);
            default -> null;
        };
    }

    @Override
    public String keyOf(MatchBy matchBy, Lead lead) {
        return switch (matchBy) {
            case EMAIL -> lead.email() == null ? null : lead.email().toLowerCase(Locale.ROOT);
            case EXTERNAL_ID -> lead.externalId();
            default -> null;
        };
    }

    @Override
    public String externalId(LeadDetails details) {
        return details.externalId() == null ? null : details.externalId().strip();
    }

    @Override
    public List<Lead> existing(MatchBy matchBy, Set<String> keys) {
        String jpql = matchBy == MatchBy.EMAIL
                ? "SELECT l FROM Lead l WHERE LOWER(l.email) IN :keys AND l.deletedAt IS NULL ORDER BY l.createdAt"
                : "SELECT l FROM Lead l WHERE l.externalId IN :keys";
        return tenantData.current().createQuery(jpql, Lead.class).setParameter("keys", keys).getResultList();
    }

    @Override
    public Map<String, UUID> externalIdsTaken(Set<String> ids) {
        Map<String, UUID> taken = new HashMap<>();
        tenantData.current().createQuery("SELECT l.externalId, l.id FROM Lead l WHERE l.externalId IN :ids",
                Object[].class).setParameter("ids", ids).getResultList()
                .forEach(row -> taken.put((String) row[0], (UUID) row[1]));
        return taken;
    }

    /** On a throwaway lead; a row that updates need not carry a last name. */
    @Override
    public void check(LeadDetails details, boolean creating, Caller caller) {
        LeadDetails probe = details;
        if (!creating && !details.has("lastName")) {
            Set<String> present = new HashSet<>(details.present());
            present.add("lastName");
            probe = new LeadDetails(details.firstName(), "probe", details.company(), details.industry(),
                    details.email(), details.phone(), details.source(), details.owner(), details.priority(),
                    details.tags(), details.score(), details.status(), details.nextFollowUpAt(),
                    details.estimatedValue(), details.currency(), details.customFields(), details.externalId(),
                    details.timeZone(), present);
        }
        Lead lead = new Lead(probe, caller.username(), caller.username());
        if (details.has("customFields")) {
            customFields.rules(Lead.OBJECT_TYPE).check(lead.customFields());
        }
    }

    @Override
    public UUID id(Lead lead) {
        return lead.id();
    }

    @Override
    public String owner(Lead lead) {
        return lead.owner();
    }

    @Override
    public boolean deleted(Lead lead) {
        return lead.isDeleted();
    }

    @Override
    public String requestedOwner(LeadDetails details) {
        return details.has("owner") ? details.owner() : null;
    }

    @Override
    public Lead create(LeadDetails details, Caller caller) {
        return leads.create(details, caller);
    }

    @Override
    public Lead update(UUID id, LeadDetails details, Caller caller) {
        return leads.update(id, null, details, caller);
    }

    /** A status as a person writes it ("Closed won") or as the API does ({@code closed_won}). */
    private static String status(String text) {
        return text == null ? null : text.strip().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
    }

    private static String lower(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }

    private static String upper(String text) {
        return text == null ? null : text.toUpperCase(Locale.ROOT);
    }

    static BigDecimal decimal(String field, String text) {
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text.replace(" ", ""));
        } catch (NumberFormatException e) {
            throw new InvalidInput(field, "must be a number such as 1200.50");
        }
    }
}
