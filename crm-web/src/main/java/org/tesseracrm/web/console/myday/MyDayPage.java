package org.tesseracrm.web.console.myday;

import java.io.Serializable;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.tesseracrm.platform.entity.Forbidden;
import org.tesseracrm.platform.entity.StaleVersion;
import org.tesseracrm.task.boundary.Tasks;
import org.tesseracrm.task.control.TaskListing;
import org.tesseracrm.task.entity.Task;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.api.support.ListParams;
import org.tesseracrm.web.api.task.TaskResponse;
import org.tesseracrm.web.console.shell.Messages;

import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.ws.rs.core.MultivaluedHashMap;

/**
 * My day: the signed-in user's open tasks that are overdue or due today, oldest first, each completable in place.
 * Reads and completes through the same {@link Tasks} boundary, rights and audit as the API.
 */
@Named("myDay")
@ViewScoped
public class MyDayPage implements Serializable {

    private static final long serialVersionUID = 1L;
    /** More than anyone has due in a day; the page says when there are more. */
    private static final int MAX_TASKS = 200;

    /** A task on the page and whether it is overdue (due before the start of today). */
    public record DueTask(TaskResponse task, boolean overdue) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Inject
    Tasks tasks;

    @Inject
    Callers callers;

    @Inject
    Messages messages;

    private List<DueTask> due = List.of();

    @PostConstruct
    void load() {
        // the tenant's time zone is not a setting yet: days are UTC days (docs/console.md)
        OffsetDateTime startOfToday = LocalDate.now(Clock.systemUTC()).atStartOfDay().atOffset(ZoneOffset.UTC);
        MultivaluedHashMap<String, String> query = new MultivaluedHashMap<>();
        query.putSingle("assignee", callers.name());
        query.putSingle("status", "pending,in_progress");
        query.putSingle("dueAt.lt", startOfToday.plusDays(1).toString());
        query.putSingle("limit", String.valueOf(MAX_TASKS));
        due = tasks.list(ListParams.fromQuery(TaskListing.TABLE, query)).results().stream().map(TaskResponse::of)
                .sorted(Comparator.comparing(TaskResponse::dueAt))
                .map(task -> new DueTask(task, task.dueAt().isBefore(startOfToday))).toList();
    }

    public List<DueTask> getDue() {
        return due;
    }

    /** Completes the task at the version shown; someone else's change meanwhile wins and the list is reloaded. */
    public void complete(DueTask item) {
        try {
            Task completed = tasks.complete(UUID.fromString(item.task().id()), item.task().version(),
                    callers.current()).completed();
            messages.info("myday.completed", completed.title());
        } catch (StaleVersion e) {
            messages.add(FacesMessage.SEVERITY_WARN, "myday.stale");
        } catch (Forbidden e) {
            messages.add(FacesMessage.SEVERITY_ERROR, "myday.refused");
        }
        load();
    }
}
