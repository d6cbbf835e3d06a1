package org.tesseracrm.web.console.contact;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.tesseracrm.account.boundary.Accounts;
import org.tesseracrm.contact.boundary.Contacts;
import org.tesseracrm.contact.control.ContactListing;
import org.tesseracrm.contact.entity.Contact;
import org.tesseracrm.contact.entity.ContactDetails;
import org.tesseracrm.platform.control.Page;
import org.tesseracrm.platform.entity.DomainException;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.api.support.ListParams;
import org.tesseracrm.web.console.shell.Messages;

import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.ws.rs.core.MultivaluedHashMap;

/**
 * The contacts list: full-text search, owner and tag filters and a sort, read page by page with the API's keyset
 * cursor ("Show more" appends the next page: no OFFSET scan however long the list), and bulk actions on the selected
 * rows (add a tag, delete), each through the {@link Contacts} boundary at the version shown.
 */
@Named("contacts")
@ViewScoped
public class ContactsPage implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int PAGE_SIZE = 50;

    /** One row: what the list shows of a contact. */
    public record Row(String id, String name, String email, String phone, String accountName, String owner,
            List<String> tags, long version) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Inject
    Contacts contactRecords;

    @Inject
    Accounts accounts;

    @Inject
    Callers callers;

    @Inject
    Messages messages;

    private String query = "";
    private String owner = "";
    private String tag = "";
    private String sort = "lastName";
    private String newTag = "";
    private final List<Row> rows = new ArrayList<>();
    private List<Row> selected = new ArrayList<>();
    private String nextCursor;

    @PostConstruct
    void init() {
        search();
    }

    /** Starts the list again with the current search, filters and sort. */
    public void search() {
        rows.clear();
        selected = new ArrayList<>();
        nextCursor = null;
        readPage();
    }

    /** Appends the next page (keyset cursor). */
    public void more() {
        if (nextCursor != null) {
            readPage();
        }
    }

    private void readPage() {
        MultivaluedHashMap<String, String> parameters = new MultivaluedHashMap<>();
        if (!query.isBlank()) {
            parameters.putSingle("q", query.strip());
        }
        if (!owner.isBlank()) {
            parameters.putSingle("owner", owner.equals("me") ? callers.name() : owner);
        }
        if (!tag.isBlank()) {
            parameters.putSingle("tags", tag.strip());
        }
        parameters.putSingle("sort", sort);
        parameters.putSingle("limit", String.valueOf(PAGE_SIZE));
        if (nextCursor != null) {
            parameters.putSingle("after", nextCursor);
        }
        try {
            Page<Contact> page = contactRecords.list(ListParams.fromQuery(ContactListing.TABLE, parameters));
            Map<UUID, String> accountNames = accounts.names(page.results().stream().map(Contact::accountId)
                    .filter(Objects::nonNull).toList());
            page.results().forEach(c -> rows.add(new Row(c.id().toString(), name(c), c.email(), c.phone(),
                    c.accountId() == null ? null : accountNames.get(c.accountId()), c.owner(), c.tags(),
                    c.version())));
            nextCursor = page.nextCursor();
        } catch (DomainException e) {
            // a filter value the rules refuse (e.g. a malformed tag): said at the form, the list stays as it was
            messages.add(FacesMessage.SEVERITY_ERROR, "contacts.bad-filter", e.getMessage());
        }
    }

    private static String name(Contact c) {
        return ((c.firstName() == null ? "" : c.firstName()) + " " + (c.lastName() == null ? "" : c.lastName()))
                .strip();
    }

    /** Adds {@link #newTag} to every selected contact. */
    public void addTag() {
        String added = newTag.strip();
        if (added.isEmpty() || selected.isEmpty()) {
            messages.add(FacesMessage.SEVERITY_WARN, "contacts.select-first");
            return;
        }
        bulk("contacts.tagged", row -> {
            Set<String> tags = new LinkedHashSet<>(row.tags());
            tags.add(added);
            contactRecords.update(UUID.fromString(row.id()), row.version(), new ContactDetails(null, null, null,
                    null, null, null, null, null, List.copyOf(tags), null, null, null, Set.of("tags")),
                    callers.current());
        });
        newTag = "";
    }

    /** Deletes the selected contacts (restorable from the bin). */
    public void delete() {
        if (selected.isEmpty()) {
            messages.add(FacesMessage.SEVERITY_WARN, "contacts.select-first");
            return;
        }
        bulk("contacts.deleted", row -> contactRecords.delete(UUID.fromString(row.id()), row.version(),
                callers.current()));
    }

    /** Each row in its own transaction: one refusal (not theirs, changed meanwhile) does not undo the others. */
    private void bulk(String doneKey, java.util.function.Consumer<Row> action) {
        int done = 0;
        List<String> refused = new ArrayList<>();
        for (Row row : selected) {
            try {
                action.accept(row);
                done++;
            } catch (DomainException e) {
                refused.add(row.name());
            }
        }
        messages.info(doneKey, done);
        if (!refused.isEmpty()) {
            messages.add(FacesMessage.SEVERITY_ERROR, "contacts.refused", refused.size(), String.join(", ",
                    refused));
        }
        search();
    }

    public boolean isMoreAvailable() {
        return nextCursor != null;
    }

    public List<Row> getRows() {
        return rows;
    }

    public List<Row> getSelected() {
        return selected;
    }

    public void setSelected(List<Row> selected) {
        this.selected = selected == null ? new ArrayList<>() : new ArrayList<>(selected);
    }

    public String getQuery() {
        return query;
    }

    public void setQuery(String query) {
        this.query = query == null ? "" : query;
    }

    public String getOwner() {
        return owner;
    }

    public void setOwner(String owner) {
        this.owner = owner == null ? "" : owner;
    }

    public String getTag() {
        return tag;
    }

    public void setTag(String tag) {
        this.tag = tag == null ? "" : tag;
    }

    public String getSort() {
        return sort;
    }

    public void setSort(String sort) {
        this.sort = List.of("lastName", "-createdAt", "-updatedAt").contains(sort) ? sort : "lastName";
    }

    public String getNewTag() {
        return newTag;
    }

    public void setNewTag(String newTag) {
        this.newTag = newTag == null ? "" : newTag;
    }
}
