package org.tesseracrm.imports.control;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.tesseracrm.customfield.boundary.CustomFields;
import org.tesseracrm.customfield.entity.CustomFieldDefinition;
import org.tesseracrm.imports.entity.ImportPlan;
import org.tesseracrm.imports.entity.ImportPlan.MatchBy;
import org.tesseracrm.imports.entity.ImportPlan.OnDuplicate;
import org.tesseracrm.imports.entity.ImportPlan.Refusal;
import org.tesseracrm.imports.entity.ImportPlan.Row;
import org.tesseracrm.platform.entity.Caller;
import org.tesseracrm.platform.entity.DomainException;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.team.boundary.RecordAccess;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Writes one chunk of an import of leads or accounts in the caller's transaction, each row through the kind's own
 * boundary ({@code Leads}, {@code Accounts}): an imported record is exactly what the API would make, with its
 * automatic parts (a lead's assignment and score) and its audit entry. Every check that could refuse a row runs
 * first, outside the boundary (a refusal inside one would doom the chunk's transaction): the fields as the entity
 * checks them, the custom fields, the owner, the right to change a matched record, and an external id that another
 * record holds. A refused row is reported with its reason and changes nothing.
 * <p>
 * Rows match stored records by the plan's key (one query per chunk) and earlier rows of the chunk, so two rows about
 * one record act in file order. Row by row, this writes some hundreds of records a second; contacts have a
 * set-based writer of their own ({@link ContactImportWriter}), the one measured against COPY.
 */
@ApplicationScoped
// the kinds' checks refuse rows by throwing: that must not doom the chunk's transaction
@Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = org.tesseracrm.platform.entity.DomainException.class)
public class BoundaryImportWriter {

    /** What the writer needs to know of a kind of record ({@code R}) and its details ({@code D}). */
    public interface Kind<R, D> {

        String objectType();

        /** The row's details; {@link DomainException} for a cell that is no value of its field. */
        D details(ImportCells.Cells cells);

        /** The row's match key (lower-cased where the match ignores case), null if it has none. */
        String key(MatchBy matchBy, D details);

        String keyOf(MatchBy matchBy, R record);

        /** The external id the row sets, null if none. */
        String externalId(D details);

        /** The stored records with these keys (deleted ones too when matching by external id), oldest first. */
        List<R> existing(MatchBy matchBy, Set<String> keys);

        /** Record ids by the external ids among {@code ids} that records already hold. */
        Map<String, UUID> externalIdsTaken(Set<String> ids);

        /** The boundary's checks of the fields and custom fields, on a throwaway record; nothing is written. */
        void check(D details, boolean creating, Caller caller);

        UUID id(R record);

        String owner(R record);

        boolean deleted(R record);

        /** The owner the row names, null if none. */
        String requestedOwner(D details);

        R create(D details, Caller caller);

        R update(UUID id, D details, Caller caller);
    }

    @Inject
    RecordAccess access;

    @Inject
    CustomFields customFields;

    public <R, D> ImportPlan.Outcome write(ImportPlan plan, List<Row> rows, Kind<R, D> kind) {
        Map<String, CustomFieldDefinition> definitions = new HashMap<>();
        customFields.all().stream().filter(d -> d.objectType().equals(kind.objectType()))
                .forEach(d -> definitions.put(d.name(), d));
        List<Refusal> refused = new ArrayList<>();
        Map<Long, D> parsed = new LinkedHashMap<>();
        for (Row row : rows) {
            try {
                parsed.put(row.line(), kind.details(ImportCells.read(plan, row, definitions, Map.of())));
            } catch (DomainException e) {
                refused.add(new Refusal(row.line(), e.getMessage()));
            }
        }
        Set<String> keys = new HashSet<>();
        Set<String> externalIds = new HashSet<>();
        parsed.values().forEach(d -> {
            String key = kind.key(plan.matchBy(), d);
            if (key != null) {
                keys.add(key);
            }
            if (kind.externalId(d) != null) {
                externalIds.add(kind.externalId(d));
            }
        });
        Map<String, R> known = new HashMap<>();
        if (!keys.isEmpty()) {
            // of several live records with one key, the oldest is the one an import updates
            kind.existing(plan.matchBy(), keys).forEach(r -> known.putIfAbsent(kind.keyOf(plan.matchBy(), r), r));
        }
        Map<String, UUID> taken = externalIds.isEmpty()
                ? new HashMap<>()
                : new HashMap<>(kind.externalIdsTaken(
                        externalIds));
        int created = 0;
        int updated = 0;
        int skipped = 0;
        for (Map.Entry<Long, D> entry : parsed.entrySet()) {
            D details = entry.getValue();
            try {
                String key = kind.key(plan.matchBy(), details);
                R matched = key == null ? null : known.get(key);
                if (matched != null && kind.deleted(matched)) {
                    throw new InvalidInput("externalId", "belongs to a deleted " + kind.objectType()
                            + "; restore it first (" + kind.id(matched) + ")");
                }
                boolean creating = matched == null || plan.onDuplicate() == OnDuplicate.CREATE;
                if (!creating && plan.onDuplicate() == OnDuplicate.SKIP) {
                    skipped++;
                    continue;
                }
                String externalId = kind.externalId(details);
                UUID holder = externalId == null ? null : taken.get(externalId);
                if (holder != null && (creating || !holder.equals(kind.id(matched)))) {
                    throw new InvalidInput("externalId", "is already the external id of " + kind.objectType() + " "
                            + holder);
                }
                if (!creating) {
                    access.requireMayChange(plan.caller(), kind.owner(matched), kind.objectType() + " "
                            + kind.id(matched));
                }
                kind.check(details, creating, plan.caller());
                if (kind.requestedOwner(details) != null) {
                    access.ownerFor(plan.caller(), kind.requestedOwner(details));
                }
                R written = creating
                        ? kind.create(details, plan.caller())
                        : kind.update(kind.id(matched), details, plan.caller());
                if (creating) {
                    created++;
                } else {
                    updated++;
                }
                String writtenKey = kind.keyOf(plan.matchBy(), written);
                if (writtenKey != null) {
                    known.putIfAbsent(writtenKey, written);
                }
                if (externalId != null) {
                    taken.put(externalId, kind.id(written));
                }
            } catch (DomainException e) {
                refused.add(new Refusal(entry.getKey(), e.getMessage()));
            }
        }
        refused.sort(java.util.Comparator.comparingLong(Refusal::line));
        return new ImportPlan.Outcome(created, updated, skipped, refused);
    }
}
