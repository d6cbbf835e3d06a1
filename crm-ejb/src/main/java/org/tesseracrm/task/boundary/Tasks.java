package org.tesseracrm.task.boundary;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.tesseracrm.account.boundary.Accounts;
import org.tesseracrm.audit.boundary.AuditTrail;
import org.tesseracrm.audit.entity.Snapshot;
import org.tesseracrm.contact.boundary.Contacts;
import org.tesseracrm.deal.boundary.Deals;
import org.tesseracrm.lead.boundary.Leads;
import org.tesseracrm.platform.control.Page;
import org.tesseracrm.platform.control.RecordQueries;
import org.tesseracrm.platform.control.RecordSearch;
import org.tesseracrm.platform.entity.Caller;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.NotFound;
import org.tesseracrm.platform.entity.StaleVersion;
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

    private static final Set<String> NOT_AUDITED = Set.of("id", "version", "createdAt", "updatedAt", "createdBy");

    /** A completed task and, for a recurring one, the next occurrence it made. */
    public record Completion(Task completed, Optional<Task> next) {
    }

    @Inject
    TenantEntityManagers tenantData;

    @Inject
    RecordAccess access;

    @Inject
    AuditTrail audit;

    @Inject
    RecordQueries queries;

    @Inject
    Leads leads;

    @Inject
    Contacts contacts;

    @Inject
    Accounts accounts;

    @Inject
    Deals deals;

    /** A live (not deleted) task. */
    public Task find(UUID id) {
        Task task = findIncludingDeleted(id);
        if (task.isDeleted()) {
            throw new NotFound("task " + id);
        }
        return task;
    }

    /** A task, deleted or not (for its history and restore). */
    public Task findIncludingDeleted(UUID id) {
        Task task = id == null ? null : em().find(Task.class, id);
        if (task == null) {
            throw new NotFound("task " + id);
        }
        return task;
    }

    public Page<Task> list(RecordSearch search) {
        Page<UUID> ids = queries.ids(TaskListing.TABLE, search);
        Map<UUID, Task> loaded = ids.results().isEmpty()
                ? Map.of()
                : em().createQuery("SELECT t FROM Task t WHERE t.id IN :ids", Task.class)
                        .setParameter("ids", ids.results()).getResultList().stream()
                        .collect(Collectors.toMap(Task::id, Function.identity()));
        return ids.map(loaded::get);
    }

    /** A new task, assigned to the caller unless another assignee is named (and allowed, as for owners). */
    public Task create(TaskDetails details, Caller caller) {
        requireLinks(details);
        Task task = new Task(details.withAssignee(access.ownerFor(caller, details.assignee(), "assignee")), caller.username(),
                now());
        em().persist(task);
        em().flush();
        audit.created(Task.OBJECT_TYPE, task.id(), snapshot(task), caller.username());
        return task;
    }

    /** Applies the fields sent; {@code expectedVersion} (from If-Match, null: none) guards against lost updates. */
    public Task update(UUID id, Long expectedVersion, TaskDetails details, Caller caller) {
        Task task = current(id, expectedVersion);
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
        return change(current(id, expectedVersion), caller, t -> t.start(now()));
    }

    /** Completes the task; a recurring task's next occurrence is created in the same transaction. */
    public Completion complete(UUID id, Long expectedVersion, Caller caller) {
        Task task = current(id, expectedVersion);
        access.requireMayChange(caller, task.assignee(), "task " + id);
        Snapshot before = snapshot(task);
        Optional<Task> next = task.complete(caller.username(), now());
        next.ifPresent(em()::persist);
        em().flush();
        audit.updated(Task.OBJECT_TYPE, id, before, snapshot(task), caller.username());
        next.ifPresent(n -> audit.created(Task.OBJECT_TYPE, n.id(), snapshot(n), caller.username()));
        return new Completion(task, next);
    }

    public Task reopen(UUID id, Long expectedVersion, Caller caller) {
        return change(current(id, expectedVersion), caller, t -> t.reopen(now()));
    }

    /** Moves the task to the bin (restorable). */
    public void delete(UUID id, Long expectedVersion, Caller caller) {
        Task task = current(id, expectedVersion);
        access.requireMayChange(caller, task.assignee(), "task " + id);
        Snapshot before = snapshot(task);
        task.softDelete(now());
        em().flush();
        audit.deleted(Task.OBJECT_TYPE, id, before, snapshot(task), caller.username());
    }

    /** Brings a task back from the bin. */
    public Task restore(UUID id, Caller caller) {
        Task task = id == null ? null : em().find(Task.class, id);
        if (task == null || !task.isDeleted()) {
            throw new NotFound("deleted task " + id);
        }
        access.requireMayChange(caller, task.assignee(), "task " + id);
        Snapshot before = snapshot(task);
        task.restore(now());
        em().flush();
        audit.restored(Task.OBJECT_TYPE, id, before, snapshot(task), caller.username());
        return task;
    }

    private Task change(Task task, Caller caller, Consumer<Task> change) {
        access.requireMayChange(caller, task.assignee(), "task " + task.id());
        Snapshot before = snapshot(task);
        change.accept(task);
        em().flush();
        audit.updated(Task.OBJECT_TYPE, task.id(), before, snapshot(task), caller.username());
        return task;
    }

    private Task current(UUID id, Long expectedVersion) {
        Task task = find(id);
        StaleVersion.check("task " + id, task.version(), expectedVersion);
        return task;
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

    private static Snapshot snapshot(Task task) {
        return Snapshot.of(task.snapshot(), NOT_AUDITED);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
