package org.tesseracrm.web.console.myday;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.tesseracrm.platform.entity.Forbidden;
import org.tesseracrm.platform.entity.StaleVersion;
import org.tesseracrm.sequence.boundary.Sequences;
import org.tesseracrm.task.boundary.Tasks;
import org.tesseracrm.task.control.TaskListing;
import org.tesseracrm.task.entity.Task;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.api.support.ListParams;
import org.tesseracrm.web.api.task.TaskResponse;
import org.tesseracrm.web.console.shell.ConsoleTime;
import org.tesseracrm.web.console.shell.Messages;
import org.tesseracrm.web.console.record.Related;
import org.tesseracrm.activity.boundary.Engagements;
import org.tesseracrm.activity.entity.Activity;
import org.tesseracrm.lead.boundary.Leads;
import org.tesseracrm.lead.control.LeadListing;
import org.tesseracrm.lead.entity.Lead;

import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.ws.rs.core.MultivaluedHashMap;

/**
 * My day: the signed-in user's open tasks that are overdue or due today, oldest first, each completable in place;
 * their calls and meetings of today; their leads whose follow-up is due; and the latest activity on their records.
 * Reads and completes through the same boundaries, rights and audit as the API. Days are the tenant's days.
 */
@Named("myDay")
@ViewScoped
public class MyDayPage implements Serializable {

    private static final long serialVersionUID = 1L;
    /** More than anyone has due in a day; the page says when there are more. */
    private static final int MAX_TASKS = 200;
    private static final int MAX_ITEMS = 25;
    private static final int RECENT_DAYS = 7;

    /**
     * A task on the page, whether it is overdue (due before the start of today), and the sequence step that created
     * it (all three null for a task someone wrote).
     */
    public record DueTask(TaskResponse task, boolean overdue, String sequenceId, String sequenceName,
            Integer sequenceStep) implements Serializable {
        private static final long serialVersionUID = 1L;

        public boolean fromSequence() {
            return sequenceId != null;
        }
    }

    @Inject
    Tasks tasks;

    @Inject
    Sequences sequences;

    @Inject
    Callers callers;

    @Inject
    Messages messages;

    @Inject
    ConsoleTime time;

    @Inject
    Engagements engagements;

    @Inject
    Leads leads;

    /** A call, meeting or other activity on the page, with the 360 page of the record it is on. */
    public record Happening(String label, String title, String when, String view, String recordId)
            implements
                Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** A lead whose follow-up is due. */
    public record FollowUp(String id, String name, String company, String due, boolean overdue)
            implements
                Serializable {
        private static final long serialVersionUID = 1L;
    }

    private List<DueTask> due = List.of();
    private List<Happening> today = List.of();
    private List<FollowUp> followUps = List.of();
    private List<Happening> recent = List.of();

    @PostConstruct
    void load() {
        OffsetDateTime startOfToday = LocalDate.now(time.zone()).atStartOfDay(time.zone()).toOffsetDateTime();
        MultivaluedHashMap<String, String> query = new MultivaluedHashMap<>();
        query.putSingle("assignee", callers.name());
        query.putSingle("status", "pending,in_progress");
        query.putSingle("dueAt.lt", startOfToday.plusDays(1).toString());
        query.putSingle("limit", String.valueOf(MAX_TASKS));
        List<Task> dueTasks = tasks.list(ListParams.fromQuery(TaskListing.TABLE, query)).results();
        Map<UUID, Sequences.TaskOrigin> origins = sequences.originsOfTasks(dueTasks.stream().map(Task::id).toList());
        due = dueTasks.stream().sorted(Comparator.comparing(Task::dueAt)).map(task -> {
            Sequences.TaskOrigin origin = origins.get(task.id());
            return new DueTask(TaskResponse.of(task), task.dueAt().isBefore(startOfToday),
                    origin == null ? null : origin.sequenceId().toString(),
                    origin == null ? null : origin.sequenceName(), origin == null ? null : origin.step());
        }).toList();
        today = engagements.callsAndMeetings(callers.name(), startOfToday, startOfToday.plusDays(1), MAX_ITEMS)
                .stream().map(this::happening).toList();
        recent = engagements.recentOnRecordsOf(callers.name(), startOfToday.minusDays(RECENT_DAYS), MAX_ITEMS)
                .stream().map(this::happening).toList();
        MultivaluedHashMap<String, String> dueLeads = new MultivaluedHashMap<>();
        dueLeads.putSingle("owner", callers.name());
        dueLeads.putSingle("status", "new,contacted,replied,scheduled,proposal");
        dueLeads.putSingle("nextFollowUpAt.lt", startOfToday.plusDays(1).toString());
        dueLeads.putSingle("limit", String.valueOf(MAX_ITEMS));
        followUps = leads.list(ListParams.fromQuery(LeadListing.TABLE, dueLeads)).results().stream()
                .sorted(Comparator.comparing(Lead::nextFollowUpAt))
                .map(l -> new FollowUp(l.id().toString(), Related.name(l.firstName(), l.lastName()), l.company(),
                        time.format(l.nextFollowUpAt()), l.nextFollowUpAt().isBefore(startOfToday)))
                .toList();
    }

    private Happening happening(Activity a) {
        String title = switch (a.type()) {
            case CALL -> a.outcome() != null
                    ? a.outcome()
                    : a.completedAt() == null
                            ? messages.text("myday.call.planned")
                            : messages.text("timeline.call");
            case NOTE -> a.body() == null ? "" : a.body().length() > 80 ? a.body().substring(0, 80) + "…" : a.body();
            default -> a.subject() == null ? "" : a.subject();
        };
        String view = a.dealId() != null
                ? "/console/deal"
                : a.leadId() != null
                        ? "/console/lead"
                        : a.contactId() != null ? "/console/contact" : "/console/account";
        java.util.UUID on = a.dealId() != null
                ? a.dealId()
                : a.leadId() != null
                        ? a.leadId()
                        : a.contactId() != null ? a.contactId() : a.accountId();
        return new Happening(messages.text("timeline.kind." + a.type().name()), title, time.format(a.occurredAt()),
                view, on == null ? null : on.toString());
    }

    public List<Happening> getToday() {
        return today;
    }

    public List<FollowUp> getFollowUps() {
        return followUps;
    }

    public List<Happening> getRecent() {
        return recent;
    }

    /** A task's due time in the tenant's zone. */
    public String when(DueTask item) {
        return time.format(item.task().dueAt());
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
