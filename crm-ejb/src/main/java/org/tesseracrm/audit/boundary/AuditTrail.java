package org.tesseracrm.audit.boundary;

import java.util.List;
import java.util.UUID;

import org.tesseracrm.audit.entity.AuditEntry;
import org.tesseracrm.audit.entity.Snapshot;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;

/** Writes the audit log in the caller's transaction (a change and its audit entry commit together) and reads it. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class AuditTrail {

    @Inject
    TenantEntityManagers tenantData;

    public void created(String objectType, UUID id, Snapshot state, String by) {
        write(objectType, id, "create", Snapshot.changes(null, state), by);
    }

    /** Records the fields that differ; nothing when nothing changed. */
    public void updated(String objectType, UUID id, Snapshot before, Snapshot after, String by) {
        JsonObject changes = Snapshot.changes(before, after);
        if (!changes.isEmpty()) {
            write(objectType, id, "update", changes, by);
        }
    }

    public void deleted(String objectType, UUID id, Snapshot before, Snapshot after, String by) {
        write(objectType, id, "delete", Snapshot.changes(before, after), by);
    }

    public void restored(String objectType, UUID id, Snapshot before, Snapshot after, String by) {
        write(objectType, id, "restore", Snapshot.changes(before, after), by);
    }

    /** An owner given by an assignment rule: the owner before and after, and the rule that decided. */
    public void assigned(String objectType, UUID id, Snapshot before, Snapshot after, String by) {
        write(objectType, id, "assign", Snapshot.changes(before, after), by);
    }

    /** The record's changes, newest first. */
    @Transactional(Transactional.TxType.REQUIRED)
    public List<AuditEntry> history(UUID id, int limit) {
        return tenantData.current()
                .createQuery("SELECT e FROM AuditEntry e WHERE e.objectId = :id ORDER BY e.seq DESC", AuditEntry.class)
                .setParameter("id", id).setMaxResults(limit).getResultList();
    }

    private void write(String objectType, UUID id, String action, JsonObject changes, String by) {
        tenantData.current().persist(new AuditEntry(objectType, id, action, changes, by));
    }
}
