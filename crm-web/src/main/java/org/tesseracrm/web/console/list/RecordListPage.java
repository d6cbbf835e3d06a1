package org.tesseracrm.web.console.list;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import org.tesseracrm.activity.entity.Subject;
import org.tesseracrm.platform.control.Page;
import org.tesseracrm.platform.entity.DomainException;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.sequence.boundary.Enrollments;
import org.tesseracrm.sequence.boundary.Sequences;
import org.tesseracrm.user.boundary.Users;
import org.tesseracrm.user.entity.AppUser;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.console.shell.ConsoleTime;
import org.tesseracrm.web.console.shell.Messages;

import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.model.SelectItem;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedHashMap;

/**
 * What the lists of leads, contacts, accounts, deals and tasks share: full-text search, owner, tag and status
 * filters and a sort, read page by page with the API's keyset cursor ("Show more" appends the next page: no OFFSET
 * scan however long the list), and bulk actions on the selected rows (assign an owner, add a tag, delete), each row
 * through the kind's boundary at the version shown and in its own transaction, so one refusal does not undo the
 * others.
 */
public abstract class RecordListPage implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int PAGE_SIZE = 50;

    /** A sort the list offers: the API's sort value and the bundle key of its label. */
    public record Sort(String value, String label) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Inject
    protected Callers callers;

    @Inject
    protected Messages messages;

    @Inject
    protected ConsoleTime time;

    @Inject
    Users users;

    @Inject
    Sequences sequences;

    @Inject
    Enrollments enrollments;

    private String query = "";
    private String owner = "";
    private String tag = "";
    private String status = "";
    private String sort;
    private String newTag = "";
    private String newOwner = "";
    private String enrollIn = "";
    private List<SelectItem> sequenceOptions;
    private final List<ListRow> rows = new ArrayList<>();
    private List<ListRow> selected = new ArrayList<>();
    private String nextCursor;
    private List<SelectItem> owners;

    /** The bundle prefix of this list's words ({@code contacts}, {@code leads}, …). */
    public abstract String getKind();

    /** The 360 page a row's name links to; null for none. */
    public abstract String getRecordView();

    /** Bundle keys of the columns after the name, in the order of {@link ListRow#cells()}. */
    public abstract List<String> getColumns();

    /** The sorts offered, the first the default. */
    public abstract List<Sort> getSorts();

    /** Status filter values (the API's), empty for a kind without statuses. */
    public List<String> getStatuses() {
        return List.of();
    }

    /** Whether the kind has tags (tasks have none). */
    public boolean isTagged() {
        return true;
    }

    /** The filter field naming who a record belongs to. */
    public String getOwnerField() {
        return "owner";
    }

    /** One page of rows for the API's list parameters. */
    protected abstract Page<ListRow> read(MultivaluedHashMap<String, String> parameters);

    protected abstract void addTag(ListRow row, List<String> tags);

    protected abstract void assign(ListRow row, String newOwner);

    protected abstract void delete(ListRow row);

    @PostConstruct
    void init() {
        sort = getSorts().get(0).value();
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
            parameters.putSingle(getOwnerField(), owner.equals("me") ? callers.name() : owner);
        }
        if (!tag.isBlank() && isTagged()) {
            parameters.putSingle("tags", tag.strip());
        }
        if (!status.isBlank()) {
            parameters.putSingle("status", status);
        }
        parameters.putSingle("sort", sort);
        parameters.putSingle("limit", String.valueOf(PAGE_SIZE));
        if (nextCursor != null) {
            parameters.putSingle("after", nextCursor);
        }
        try {
            Page<ListRow> page = read(parameters);
            rows.addAll(page.results());
            nextCursor = page.nextCursor();
        } catch (DomainException e) {
            // a filter value the rules refuse (e.g. a malformed tag): said at the form, the list stays as it was
            messages.add(FacesMessage.SEVERITY_ERROR, "list.bad-filter", e.getMessage());
        }
    }

    /** Adds {@link #newTag} to every selected row. */
    public void addTagToSelected() {
        String added = newTag.strip();
        if (added.isEmpty() || selected.isEmpty()) {
            messages.add(FacesMessage.SEVERITY_WARN, "list.select-first");
            return;
        }
        bulk("list.tagged", row -> {
            Set<String> tags = new LinkedHashSet<>(row.tags());
            tags.add(added);
            addTag(row, List.copyOf(tags));
        });
        newTag = "";
    }

    /** Gives every selected row to {@link #newOwner}. */
    public void assignSelected() {
        if (newOwner.isBlank() || selected.isEmpty()) {
            messages.add(FacesMessage.SEVERITY_WARN, "list.select-first");
            return;
        }
        String to = newOwner;
        bulk("list.assigned", row -> assign(row, to));
        newOwner = "";
    }

    /** The kind of record rows are, for enrolling them in a sequence; null for kinds that cannot be enrolled. */
    protected Subject.Kind enrollableKind() {
        return null;
    }

    public boolean isEnrollable() {
        return enrollableKind() != null;
    }

    /** The sequences the selected rows can be enrolled in (those with steps). */
    public List<SelectItem> getSequenceOptions() {
        if (sequenceOptions == null) {
            sequenceOptions = sequences.all().stream().filter(d -> !d.steps().isEmpty()).map(d -> new SelectItem(d
                    .sequence().id().toString(), d.sequence().name())).toList();
        }
        return sequenceOptions;
    }

    /**
     * Enrolls the selected rows in {@link #enrollIn} from the user's mailbox, all in one request as the API's
     * enrollment does: the records that cannot be enrolled are named with the reason, the others are enrolled.
     */
    public void enrollSelected() {
        if (enrollIn.isBlank() || selected.isEmpty() || !isEnrollable()) {
            messages.add(FacesMessage.SEVERITY_WARN, "list.select-first");
            return;
        }
        java.util.Map<String, String> names = new java.util.HashMap<>();
        selected.forEach(row -> names.put(row.id(), row.name()));
        try {
            Enrollments.Outcome outcome = enrollments.enroll(UUID.fromString(enrollIn), selected.stream().map(
                    row -> new Subject(enrollableKind(), id(row))).toList(), null, callers.current());
            messages.info("list.enrolled", outcome.enrolled().size());
            if (!outcome.skipped().isEmpty()) {
                messages.add(FacesMessage.SEVERITY_WARN, "list.not-enrolled", outcome.skipped().size(), String.join(
                        ", ", outcome.skipped().stream().map(k -> names.getOrDefault(k.record().id().toString(), "?")
                                + " (" + messages.text("list.skipped." + k.reason()) + ")").toList()));
            }
            enrollIn = "";
        } catch (IllegalArgumentException | InvalidInput e) {
            messages.add(FacesMessage.SEVERITY_ERROR, "list.refused", selected.size(), e.getMessage());
        } catch (DomainException e) {
            messages.add(FacesMessage.SEVERITY_ERROR, "list.refused", selected.size(), e.getMessage());
        }
        search();
    }

    public String getEnrollIn() {
        return enrollIn;
    }

    public void setEnrollIn(String enrollIn) {
        this.enrollIn = enrollIn == null ? "" : enrollIn;
    }

    /** Deletes the selected rows (restorable from the bin). */
    public void deleteSelected() {
        if (selected.isEmpty()) {
            messages.add(FacesMessage.SEVERITY_WARN, "list.select-first");
            return;
        }
        bulk("list.deleted", this::delete);
    }

    private void bulk(String doneKey, Consumer<ListRow> action) {
        int done = 0;
        List<String> refused = new ArrayList<>();
        for (ListRow row : selected) {
            try {
                action.accept(row);
                done++;
            } catch (DomainException e) {
                refused.add(row.name() + " (" + e.getMessage() + ")");
            }
        }
        messages.info(doneKey, done);
        if (!refused.isEmpty()) {
            messages.add(FacesMessage.SEVERITY_ERROR, "list.refused", refused.size(), String.join(", ", refused));
        }
        search();
    }

    /** The page's records as rows, with its cursor. */
    protected static <T> Page<ListRow> rows(Page<T> page, java.util.function.Function<T, ListRow> row) {
        return new Page<>(page.results().stream().map(row).toList(), page.nextCursor());
    }

    protected static UUID id(ListRow row) {
        return UUID.fromString(row.id());
    }

    /** The tenant's active and invited users, for the owner filter and the bulk assignment. */
    public List<SelectItem> getOwners() {
        if (owners == null) {
            owners = users.all().stream().filter(AppUser::isActiveOrInvited)
                    .map(u -> new SelectItem(u.username(), u.username())).toList();
        }
        return owners;
    }

    public boolean isMoreAvailable() {
        return nextCursor != null;
    }

    public List<ListRow> getRows() {
        return rows;
    }

    public List<ListRow> getSelected() {
        return selected;
    }

    public void setSelected(List<ListRow> selected) {
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

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status == null || !getStatuses().contains(status) ? "" : status;
    }

    public String getSort() {
        return sort;
    }

    public void setSort(String sort) {
        this.sort = getSorts().stream().anyMatch(s -> s.value().equals(sort)) ? sort : getSorts().get(0).value();
    }

    public String getNewTag() {
        return newTag;
    }

    public void setNewTag(String newTag) {
        this.newTag = newTag == null ? "" : newTag;
    }

    public String getNewOwner() {
        return newOwner;
    }

    public void setNewOwner(String newOwner) {
        this.newOwner = newOwner == null ? "" : newOwner;
    }
}
