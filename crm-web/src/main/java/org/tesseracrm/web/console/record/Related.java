package org.tesseracrm.web.console.record;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.tesseracrm.contact.boundary.Contacts;
import org.tesseracrm.contact.control.ContactListing;
import org.tesseracrm.contact.entity.Contact;
import org.tesseracrm.deal.boundary.Deals;
import org.tesseracrm.deal.control.DealListing;
import org.tesseracrm.deal.entity.Deal;
import org.tesseracrm.task.boundary.Tasks;
import org.tesseracrm.task.control.TaskListing;
import org.tesseracrm.task.entity.Task;
import org.tesseracrm.web.api.support.ListParams;
import org.tesseracrm.web.console.shell.ConsoleTime;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedHashMap;

/**
 * The records a 360 page lists beside its own (an account's contacts and deals, a contact's deals and open tasks),
 * read through the list boundaries with the API's filters, at most {@value #SHOWN} of each.
 */
@RequestScoped
public class Related {

    static final int SHOWN = 25;

    /** A deal as a related record: name, stage, value, status, owner. */
    public record DealRow(String id, String name, String stage, String value, String status, String owner)
            implements
                Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** An open task as a related record. */
    public record TaskRow(String id, String title, String due, boolean overdue, String assignee)
            implements
                Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** A contact as a related record. */
    public record ContactRow(String id, String name, String title, String email) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Inject
    Deals deals;

    @Inject
    Tasks tasks;

    @Inject
    Contacts contacts;

    @Inject
    ConsoleTime time;

    /** Deals whose {@code link} (contactId, accountId) is {@code id}, most recently changed first. */
    public List<DealRow> deals(String link, UUID id) {
        List<Deal> found = deals.list(ListParams.fromQuery(DealListing.TABLE, filter(link, id, "-updatedAt")))
                .results();
        Map<UUID, String> stages = deals.stageNames(found.stream().map(Deal::stageId)
                .collect(Collectors.toSet()));
        return found.stream().map(d -> new DealRow(d.id().toString(), d.name(), stages.get(d.stageId()),
                d.value() == null ? "" : d.value().toPlainString() + " " + d.currency(),
                d.status().name(), d.owner())).toList();
    }

    /** Pending and started tasks whose {@code link} is {@code id}, soonest due first. */
    public List<TaskRow> openTasks(String link, UUID id) {
        // the due time is optional and does not sort in the database: the few open tasks sort here
        MultivaluedHashMap<String, String> query = filter(link, id, "createdAt");
        query.putSingle("status", "pending,in_progress");
        OffsetDateTime now = OffsetDateTime.now();
        return tasks.list(ListParams.fromQuery(TaskListing.TABLE, query)).results().stream()
                .sorted(java.util.Comparator.comparing(Task::dueAt,
                        java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())))
                .map((Task t) -> new TaskRow(t.id().toString(), t.title(), time.format(t.dueAt()),
                        t.dueAt() != null && t.dueAt().isBefore(now), t.assignee()))
                .toList();
    }

    /** The account's contacts by last name. */
    public List<ContactRow> contactsAt(UUID accountId) {
        return contacts.list(ListParams.fromQuery(ContactListing.TABLE, filter("accountId", accountId, "lastName")))
                .results().stream().map((Contact c) -> new ContactRow(c.id().toString(),
                        name(c.firstName(), c.lastName()), c.title(), c.email()))
                .toList();
    }

    private static MultivaluedHashMap<String, String> filter(String link, UUID id, String sort) {
        MultivaluedHashMap<String, String> query = new MultivaluedHashMap<>();
        query.putSingle(link, id.toString());
        query.putSingle("sort", sort);
        query.putSingle("limit", String.valueOf(SHOWN));
        return query;
    }

    /** First and last name as one, without stray spaces. */
    public static String name(String first, String last) {
        return ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
    }
}
