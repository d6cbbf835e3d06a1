package org.tesseracrm.record.control;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.internal.helper.DatabaseField;
import org.eclipse.persistence.sessions.Session;
import org.tesseracrm.audit.boundary.AuditTrail;
import org.tesseracrm.audit.entity.AuditEntry;
import org.tesseracrm.audit.entity.Snapshot;
import org.tesseracrm.platform.control.Page;
import org.tesseracrm.platform.control.RecordQueries;
import org.tesseracrm.platform.control.RecordSearch;
import org.tesseracrm.platform.entity.Caller;
import org.tesseracrm.platform.entity.NotFound;
import org.tesseracrm.platform.entity.StaleVersion;
import org.tesseracrm.record.entity.OwnedRecord;
import org.tesseracrm.team.boundary.RecordAccess;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The record protocol, written once for every object type: each boundary calls it in its own transaction with its
 * {@link RecordKind}, and adds only the rules its type has (unique e-mails, links to check, stage moves).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class OwnedRecords {

    private static final int HISTORY_LIMIT = 500;

    private final Map<Class<?>, String> loadStatements = new ConcurrentHashMap<>();

    @Inject
    TenantEntityManagers tenantData;

    @Inject
    RecordAccess access;

    @Inject
    AuditTrail audit;

    @Inject
    RecordQueries queries;

    /** A live record; deleted and unknown ones are {@link NotFound}. */
    public <E extends OwnedRecord> E find(RecordKind<E> kind, UUID id) {
        E record = findIncludingDeleted(kind, id);
        if (record.isDeleted()) {
            throw new NotFound(kind.name() + " " + id);
        }
        return record;
    }

    /** A record, deleted or not (for its history and restore). */
    public <E extends OwnedRecord> E findIncludingDeleted(RecordKind<E> kind, UUID id) {
        E record = id == null ? null : em().find(kind.entity(), id);
        if (record == null) {
            throw new NotFound(kind.name() + " " + id);
        }
        return record;
    }

    /** The record's changes from the audit log, newest first (at most 500); deleted records have one too. */
    public <E extends OwnedRecord> List<AuditEntry> history(RecordKind<E> kind, UUID id) {
        findIncludingDeleted(kind, id);
        return audit.history(id, HISTORY_LIMIT);
    }

    /**
     * One page of a list or search: the rows of one SQL statement for a kind that reads its rows (the records are
     * then not managed: a list is for reading), else the ids from one statement and the records in that order.
     */
    public <E extends OwnedRecord> Page<E> list(RecordKind<E> kind, RecordSearch search) {
        if (kind.rowReader() != null) {
            return queries.rows(kind.table(), search, kind.rowColumns(), kind.rowReader(), OwnedRecord::id);
        }
        Page<UUID> ids = queries.ids(kind.table(), search);
        Map<UUID, E> loaded = load(kind, ids.results());
        return ids.map(loaded::get);
    }

    /**
     * The records with these ids, by id (one query); unknown ids are left out. A native statement whose text never
     * changes, with the ids as one array parameter, rather than JPQL {@code IN :ids} with a parameter per id: the
     * share of a list request's CPU spent in EclipseLink went from about 27 % to 20 % (docs/performance.md).
     */
    @SuppressWarnings("unchecked")
    public <E extends OwnedRecord> Map<UUID, E> load(RecordKind<E> kind, List<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        String sql = loadStatements.computeIfAbsent(kind.entity(), this::loadStatement);
        // ids are UUIDs, so their text is hex and dashes: the array literal cannot carry anything else
        String idArray = ids.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
        List<E> rows = em().createNativeQuery(sql, kind.entity()).setParameter(1, idArray).getResultList();
        return rows.stream().collect(Collectors.toMap(OwnedRecord::id, Function.identity()));
    }

    /** The mapped columns of the entity's table (not, say, a search vector), selected by id. */
    private String loadStatement(Class<?> entity) {
        ClassDescriptor descriptor = em().unwrap(Session.class).getClassDescriptor(entity);
        String columns = descriptor.getSelectionFields().stream().map(DatabaseField::getName).distinct()
                .collect(Collectors.joining(", "));
        return "SELECT " + columns + " FROM " + descriptor.getTableName() + " WHERE id = ANY(CAST(?1 AS uuid[]))";
    }

    /**
     * A live record at the version If-Match names ({@code null}: any); a stale one is a 412. Whether the caller may
     * change it is {@link #change}'s question, asked once.
     */
    public <E extends OwnedRecord> E current(RecordKind<E> kind, UUID id, Long expectedVersion) {
        E record = find(kind, id);
        StaleVersion.check(kind.name() + " " + id, record.version(), expectedVersion);
        return record;
    }

    /** {@link org.tesseracrm.platform.entity.Forbidden} unless the caller may change the record. */
    public <E extends OwnedRecord> void requireMayChange(RecordKind<E> kind, E record, Caller caller) {
        access.requireMayChange(caller, record.owner(), kind.name() + " " + record.id());
    }

    /** Persists a new record and audits its creation. */
    public <E extends OwnedRecord> E created(RecordKind<E> kind, E record, Caller caller) {
        em().persist(record);
        audit.created(kind.name(), record.id(), record.snapshot(), caller.username());
        return record;
    }

    /**
     * Applies {@code change} to a record the caller may change and audits what it changed. No flush: a batch of
     * changes goes to the database once, at the end (boundaries that must see a constraint early flush themselves).
     */
    public <E extends OwnedRecord> E change(RecordKind<E> kind, E record, Caller caller, Consumer<E> change) {
        requireMayChange(kind, record, caller);
        Snapshot before = record.snapshot();
        change.accept(record);
        audit.updated(kind.name(), record.id(), before, record.snapshot(), caller.username());
        return record;
    }

    /** Moves a record the caller may change to the bin, at the version If-Match names. */
    public <E extends OwnedRecord> void delete(RecordKind<E> kind, UUID id, Long expectedVersion, Caller caller) {
        E record = current(kind, id, expectedVersion);
        requireMayChange(kind, record, caller);
        Snapshot before = record.snapshot();
        record.delete(caller.username());
        em().flush();
        audit.deleted(kind.name(), id, before, record.snapshot(), caller.username());
    }

    /** Brings a deleted record back. */
    public <E extends OwnedRecord> E restore(RecordKind<E> kind, UUID id, Caller caller) {
        return restore(kind, id, caller, record -> {
        });
    }

    /** Brings a deleted record back; {@code check} then enforces what a live record must hold (a unique e-mail). */
    public <E extends OwnedRecord> E restore(RecordKind<E> kind, UUID id, Caller caller, Consumer<E> check) {
        E record = id == null ? null : em().find(kind.entity(), id);
        if (record == null || !record.isDeleted()) {
            throw new NotFound("deleted " + kind.name() + " " + id);
        }
        requireMayChange(kind, record, caller);
        Snapshot before = record.snapshot();
        record.restore(caller.username());
        check.accept(record);
        em().flush();
        audit.restored(kind.name(), id, before, record.snapshot(), caller.username());
        return record;
    }

    private EntityManager em() {
        return tenantData.current();
    }
}
