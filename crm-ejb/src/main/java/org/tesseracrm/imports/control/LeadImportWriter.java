package org.tesseracrm.imports.control;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.tesseracrm.customfield.boundary.CustomFields;
import org.tesseracrm.customfield.entity.CustomFieldDefinition;
import org.tesseracrm.customfield.entity.CustomFieldRules;
import org.tesseracrm.imports.entity.ImportPlan;
import org.tesseracrm.imports.entity.ImportPlan.MatchBy;
import org.tesseracrm.imports.entity.ImportPlan.OnDuplicate;
import org.tesseracrm.imports.entity.ImportPlan.Refusal;
import org.tesseracrm.imports.entity.ImportPlan.Row;
import org.tesseracrm.lead.boundary.Leads;
import org.tesseracrm.lead.entity.Lead;
import org.tesseracrm.lead.entity.LeadDetails;
import org.tesseracrm.platform.entity.DomainException;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.team.boundary.RecordAccess;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Writes one chunk of a lead import in the caller's transaction, each row through {@link Leads} itself: so an
 * imported lead gets what a lead created in the API gets, the assignment rules when the row names no owner, its
 * score, its audit entry and its status history. Every check that could refuse a row runs first, outside
 * {@code Leads} (a refusal inside a boundary would doom the chunk's transaction): the fields as the entity checks
 * them, the custom fields, the owner, and the right to change a matched lead. A refused row is reported with its
 * reason and changes nothing.
 * <p>
 * Rows are matched by e-mail or external id against the live leads (one query per chunk) and the chunk's own earlier
 * rows, so two rows about one person act in file order. Row by row, this writes some hundreds of leads a second;
 * the contact import's set-based writer is the one measured against COPY (docs/performance.md).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class LeadImportWriter {

    @Inject
    Leads leads;

    @Inject
    RecordAccess access;

    @Inject
    CustomFields customFields;

    @Inject
    TenantEntityManagers tenantData;

    public ImportPlan.Outcome write(ImportPlan plan, List<Row> rows) {
        CustomFieldRules rules = customFields.rules(Lead.OBJECT_TYPE);
        Map<String, CustomFieldDefinition> definitions = new HashMap<>();
        customFields.all().stream().filter(d -> d.objectType().equals(Lead.OBJECT_TYPE))
                .forEach(d -> definitions.put(d.name(), d));
        List<Refusal> refused = new ArrayList<>();
        Map<Long, LeadDetails> parsed = new java.util.LinkedHashMap<>();
        for (Row row : rows) {
            try {
                parsed.put(row.line(), parse(plan, row, definitions));
            } catch (DomainException e) {
                refused.add(new Refusal(row.line(), e.getMessage()));
            }
        }
        Map<String, Lead> known = existing(plan, parsed.values());
        int created = 0;
        int updated = 0;
        int skipped = 0;
        for (Map.Entry<Long, LeadDetails> entry : parsed.entrySet()) {
            LeadDetails details = entry.getValue();
            try {
                String key = key(plan.matchBy(), details);
                Lead matched = key == null ? null : known.get(key);
                if (matched != null && matched.isDeleted()) {
                    throw new InvalidInput("externalId", "belongs to a deleted lead; restore it first ("
                            + matched.id() + ")");
                }
                if (matched != null && plan.onDuplicate() != OnDuplicate.CREATE) {
                    if (plan.onDuplicate() == OnDuplicate.SKIP) {
                        skipped++;
                        continue;
                    }
                    access.requireMayChange(plan.caller(), matched.owner(), "lead " + matched.id());
                    check(plan, details, rules, false);
                    Lead lead = leads.update(matched.id(), null, details, plan.caller());
                    index(plan, lead, known);
                    updated++;
                } else {
                    check(plan, details, rules, true);
                    Lead lead = leads.create(details, plan.caller());
                    index(plan, lead, known);
                    created++;
                }
            } catch (DomainException e) {
                refused.add(new Refusal(entry.getKey(), e.getMessage()));
            }
        }
        refused.sort(java.util.Comparator.comparingLong(Refusal::line));
        return new ImportPlan.Outcome(created, updated, skipped, refused);
    }

    private static LeadDetails parse(ImportPlan plan, Row row, Map<String, CustomFieldDefinition> definitions) {
        ImportCells.Cells cells = ImportCells.read(plan, row, definitions, Map.of());
        Map<String, String> v = cells.values();
        return new LeadDetails(v.get("firstName"), v.get("lastName"), v.get("company"), v.get("industry"),
                v.get("email"), v.get("phone"), v.get("source"), v.get("owner"), lower(v.get("priority")),
                ImportCells.tags(v.get("tags")), null, status(v.get("status")), null,
                decimal("estimatedValue", v.get("estimatedValue")), upper(v.get("currency")), cells.customFields(),
                v.get("externalId"), v.get("timeZone"), cells.present());
    }

    /**
     * Runs the checks {@code Leads} would make, on a throwaway lead: the fields, the custom fields, the owner. A row
     * that updates need not carry a last name.
     */
    private void check(ImportPlan plan, LeadDetails details, CustomFieldRules rules, boolean creating) {
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
        Lead lead = new Lead(probe, plan.caller().username(), plan.caller().username());
        if (details.has("customFields")) {
            rules.check(lead.customFields());
        }
        if (details.has("owner")) {
            access.ownerFor(plan.caller(), details.owner());
        }
    }

    /** The live leads (and, by external id, deleted ones) the chunk's rows name, by their match key. */
    private Map<String, Lead> existing(ImportPlan plan, java.util.Collection<LeadDetails> rows) {
        Set<String> keys = new HashSet<>();
        rows.forEach(d -> {
            String key = key(plan.matchBy(), d);
            if (key != null) {
                keys.add(key);
            }
        });
        Map<String, Lead> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        String jpql = plan.matchBy() == MatchBy.EMAIL
                ? "SELECT l FROM Lead l WHERE LOWER(l.email) IN :keys AND l.deletedAt IS NULL ORDER BY l.createdAt"
                : "SELECT l FROM Lead l WHERE l.externalId IN :keys";
        for (Lead lead : tenantData.current().createQuery(jpql, Lead.class).setParameter("keys", keys)
                .getResultList()) {
            // of several live leads with one address, the oldest is the one an import updates
            found.putIfAbsent(plan.matchBy() == MatchBy.EMAIL
                    ? lead.email().toLowerCase(Locale.ROOT)
                    : lead.externalId(), lead);
        }
        return found;
    }

    private static void index(ImportPlan plan, Lead lead, Map<String, Lead> known) {
        if (plan.matchBy() == MatchBy.EMAIL && lead.email() != null) {
            known.putIfAbsent(lead.email().toLowerCase(Locale.ROOT), lead);
        } else if (plan.matchBy() == MatchBy.EXTERNAL_ID && lead.externalId() != null) {
            known.putIfAbsent(lead.externalId(), lead);
        }
    }

    private static String key(MatchBy matchBy, LeadDetails details) {
        return switch (matchBy) {
            case EMAIL -> details.email() == null ? null : details.email().strip().toLowerCase(Locale.ROOT);
            case EXTERNAL_ID -> details.externalId() == null ? null : details.externalId().strip();
            case NONE -> null;
        };
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

    private static BigDecimal decimal(String field, String text) {
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
