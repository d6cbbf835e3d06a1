package org.tesseracrm.task.boundary;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.tesseracrm.contact.entity.Contact;
import org.tesseracrm.deal.entity.Deal;
import org.tesseracrm.platform.entity.Conflict;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.NotFound;
import org.tesseracrm.task.entity.Task;
import org.tesseracrm.task.entity.TaskDetails;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Tasks of the current tenant. Transactions start here. */
@ApplicationScoped
@Transactional
public class Tasks {

    /** A completed task and, for a recurring one, the next occurrence it made. */
    public record Completion(Task completed, Optional<Task> next) {
    }

    @Inject
    TenantEntityManagers tenantData;

    /** A live (not deleted) task. */
    public Task find(UUID id) {
        Task task = findAny(id);
        if (task.isDeleted()) {
            throw new NotFound("task " + id);
        }
        return task;
    }

    public Task create(TaskDetails details, String createdBy) {
        requireLinks(details);
        Task task = new Task(details, createdBy, now());
        em().persist(task);
        em().flush();
        return task;
    }

    /** Replaces what users edit; {@code expectedVersion} guards against lost updates. */
    public Task update(UUID id, long expectedVersion, TaskDetails details) {
        Task task = current(id, expectedVersion);
        requireLinks(details);
        task.update(details, now());
        em().flush();
        return task;
    }

    public Task start(UUID id, long expectedVersion) {
        Task task = current(id, expectedVersion);
        task.start(now());
        em().flush();
        return task;
    }

    /** Completes the task; a recurring task's next occurrence is created in the same transaction. */
    public Completion complete(UUID id, long expectedVersion, String by) {
        Task task = current(id, expectedVersion);
        Optional<Task> next = task.complete(by, now());
        next.ifPresent(em()::persist);
        em().flush();
        return new Completion(task, next);
    }

    public Task reopen(UUID id, long expectedVersion) {
        Task task = current(id, expectedVersion);
        task.reopen(now());
        em().flush();
        return task;
    }

    /** Moves the task to the bin. */
    public Task softDelete(UUID id) {
        Task task = find(id);
        task.softDelete(now());
        em().flush();
        return task;
    }

    /** Brings a task back from the bin. */
    public Task restore(UUID id) {
        Task task = findAny(id);
        task.restore(now());
        em().flush();
        return task;
    }

    private Task findAny(UUID id) {
        Task task = id == null ? null : em().find(Task.class, id);
        if (task == null) {
            throw new NotFound("task " + id);
        }
        return task;
    }

    private Task current(UUID id, long expectedVersion) {
        Task task = find(id);
        if (task.version() != expectedVersion) {
            throw new Conflict("stale-version", "task " + id + " was changed by someone else (version "
                    + task.version() + ", yours " + expectedVersion + ")");
        }
        return task;
    }

    // leads and accounts have no entity yet: the account foreign key checks those, lead_id is unchecked for now
    private void requireLinks(TaskDetails details) {
        if (details.contactId() != null && em().find(Contact.class, details.contactId()) == null) {
            throw new InvalidInput("contactId", "is not a contact");
        }
        if (details.dealId() != null) {
            Deal deal = em().find(Deal.class, details.dealId());
            if (deal == null || deal.isDeleted()) {
                throw new InvalidInput("dealId", "is not a deal");
            }
        }
    }

    private EntityManager em() {
        return tenantData.current();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
