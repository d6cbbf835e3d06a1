package org.tesseracrm.task.boundary;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

import org.tesseracrm.account.boundary.Accounts;
import org.tesseracrm.audit.entity.AuditEntry;
import org.tesseracrm.contact.boundary.Contacts;
import org.tesseracrm.deal.boundary.Deals;
import org.tesseracrm.lead.boundary.Leads;
import org.tesseracrm.platform.control.Page;
import org.tesseracrm.platform.control.RecordSearch;
import org.tesseracrm.platform.entity.Caller;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.NotFound;
import org.tesseracrm.record.control.OwnedRecords;
import org.tesseracrm.record.control.RecordKind;
import org.tesseracrm.task.control.TaskListing;
import org.tesseracrm.task.entity.Task;
import org.tesseracrm.task.entity.TaskDetails;
import org.tesseracrm.team.boundary.RecordAccess;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Tasks of the current tenant. The assignee counts as the task's owner for the access rules; every change is audited.
 * Transactions start here.
 */
@ApplicationScoped
@Transactional
public class Tasks {

    @Inject
    jakarta.enterprise.event.Event<org.tesseracrm.task.entity.TaskCompleted> completed;

    /** A completed task and, for a recurring one, the next occurrence it made. */
    public record Completion(Task completed, Optional<Task> next) {
    }

    static final RecordKind<Task> KIND = new RecordKind<>(Task.class, Task.OBJECT_TYPE, TaskListing.TABLE);

    @Inject
    TenantEntityManagers tenantData;

    @Inject
    RecordAccess access;

    @Inject
    OwnedRecords records;

    @Inject
    Leads leads;

    @Inject
    Contacts contacts;

    @Inject
    Accounts accounts;

    @Inject
    Deals deals;

    /** A live (not deleted) task. */
    /**
     * The earliest due time of each deal's open tasks, for the pipeline board's next-activity colour; deals without
     * an open task with a due time are absent. One grouped query over the task_deal index.
     */
    public java.util.Map<UUID, OffsetDateTime> nextDueByDeal(java.util.Collection<UUID> dealIds) {
        if (dealIds.isEmpty()) {
            return java.util.Map.of();
        }
        java.util.Map<UUID, OffsetDateTime> next = new java.util.HashMap<>();
        tenantData.current().createQuery("SELECT t.dealId, MIN(t.dueAt) FROM Task t WHERE t.dealId IN :deals"
                + " AND t.deletedAt IS NULL AND t.status <> :done AND t.dueAt IS NOT NULL GROUP BY t.dealId",
                Object[].class).setParameter("deals", dealIds)
                .setParameter("done", org.tesseracrm.task.entity.TaskStatus.COMPLETED).getResultList()
                .forEach(row -> next.put((UUID) row[0], (OffsetDateTime) row[1]));
        return next;
    }

    public Task find(UUID id) {
        return records.find(KIND, id);
    }

    /** A task, deleted or not (for its history and restore). */
    public Task findIncludingDeleted(UUID id) {
        return records.findIncludingDeleted(KIND, id);
    }

    /** The task's changes from the audit log, newest first. */
    public List<AuditEntry> history(UUID id) {
        return records.history(KIND, id);
    }

    public Page<Task> list(RecordSearch search) {
        return records.list(KIND, search);
    }

    /** A new task, assigned to the caller unless another assignee is named (and allowed, as for owners). */
    public Task create(TaskDetails details, Caller caller) {
        requireLinks(details);
        Task task = new Task(details.withAssignee(access.ownerFor(caller, details.assignee(), "assignee")),
                caller.username(),
                now());
        records.created(KIND, task, caller);
        em().flush();
        return task;
    }

    /** Applies the fields sent; {@code expectedVersion} (from If-Match, null: none) guards against lost updates. */
    public Task update(UUID id, Long expectedVersion, TaskDetails details, Caller caller) {
        Task task = records.current(KIND, id, expectedVersion);
        return change(task, caller, t -> {
            requireLinks(details); // the links sent; those not sent are null here and stay as they are
            TaskDetails merged = details.over(t);
            if (details.has("assignee")) {
                merged = merged.withAssignee(access.ownerFor(caller, details.assignee(), "assignee"));
            }
            t.update(merged, now());
        });
    }

    public Task start(UUID id, Long expectedVersion, Caller caller) {
        return change(records.current(KIND, id, expectedVersion), caller, t -> t.start(now()));
    }

    /** Completes the task; a recurring task's next occurrence is created in the same transaction. */
    public Completion complete(UUID id, Long expectedVersion, Caller caller) {
        Task task = records.current(KIND, id, expectedVersion);
        List<Task> next = new ArrayList<>(1);
        change(task, caller, t -> t.complete(caller.username(), now()).ifPresent(next::add));
        next.forEach(n -> records.created(KIND, n, caller));
        em().flush();
        completed.fire(new org.tesseracrm.task.entity.TaskCompleted(task.id()));
        return new Completion(task, next.stream().findFirst());
    }

    public Task reopen(UUID id, Long expectedVersion, Caller caller) {
        return change(records.current(KIND, id, expectedVersion), caller, t -> t.reopen(now()));
    }

    /** Moves the task to the bin (restorable). */
    public void delete(UUID id, Long expectedVersion, Caller caller) {
        records.delete(KIND, id, expectedVersion, caller);
    }

    /** Brings a task back from the bin. */
    public Task restore(UUID id, Caller caller) {
        return records.restore(KIND, id, caller);
    }

    /** A change flushed before it is audited, so a refused value fails here and not at commit. */
    private Task change(Task task, Caller caller, Consumer<Task> change) {
        return records.change(KIND, task, caller, t -> {
            change.accept(t);
            em().flush();
        });
    }

    /** The lead, contact, account and deal a task names must be live records of this tenant (a 400 otherwise). */
    private void requireLinks(TaskDetails details) {
        requireLive("leadId", details.leadId(), leads::find);
        requireLive("contactId", details.contactId(), contacts::find);
        if (details.accountId() != null) {
            accounts.requireLive("accountId", Set.of(details.accountId()));
        }
        requireLive("dealId", details.dealId(), deals::find);
    }

    private static void requireLive(String field, UUID id, Function<UUID, ?> find) {
        if (id == null) {
            return;
        }
        try {
            find.apply(id);
        } catch (NotFound e) {
            throw new InvalidInput(field, "names no live record of this tenant: " + id);
        }
    }

    private EntityManager em() {
        return tenantData.current();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
