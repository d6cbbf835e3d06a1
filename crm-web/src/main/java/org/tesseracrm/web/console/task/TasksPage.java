package org.tesseracrm.web.console.task;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.tesseracrm.platform.control.Page;
import org.tesseracrm.task.boundary.Tasks;
import org.tesseracrm.task.control.TaskListing;
import org.tesseracrm.task.entity.Task;
import org.tesseracrm.task.entity.TaskDetails;
import org.tesseracrm.web.api.support.ListParams;
import org.tesseracrm.web.console.list.ListRow;
import org.tesseracrm.web.console.list.RecordListPage;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.ws.rs.core.MultivaluedHashMap;

/** The tasks list (see {@link RecordListPage}): title, due, priority, status, assignee; no tags. */
@Named("tasks")
@ViewScoped
public class TasksPage extends RecordListPage {

    private static final long serialVersionUID = 1L;

    @Inject
    Tasks taskRecords;

    @Override
    public String getKind() {
        return "tasks";
    }

    @Override
    public String getRecordView() {
        return null;
    }

    @Override
    public List<String> getColumns() {
        return List.of("field.dueAt", "field.priority", "field.status", "list.column.assignee");
    }

    @Override
    public List<Sort> getSorts() {
        return List.of(new Sort("-createdAt", "list.sort.newest"), new Sort("-updatedAt", "list.sort.changed"));
    }

    @Override
    public List<String> getStatuses() {
        return List.of("pending", "in_progress", "completed");
    }

    @Override
    public boolean isTagged() {
        return false;
    }

    @Override
    public String getOwnerField() {
        return "assignee";
    }

    @Override
    protected Page<ListRow> read(MultivaluedHashMap<String, String> parameters) {
        return rows(taskRecords.list(ListParams.fromQuery(TaskListing.TABLE, parameters)),
                (Task t) -> new ListRow(t.id().toString(), t.version(), t.title(), Arrays.asList(
                        time.format(t.dueAt()), messages.text("task.priority." + t.priority().name()),
                        messages.text("task.status." + t.status().name()), t.assignee()), List.of(), t.assignee()));
    }

    @Override
    protected void addTag(ListRow row, List<String> tags) {
        throw new UnsupportedOperationException("tasks have no tags");
    }

    @Override
    protected void assign(ListRow row, String newAssignee) {
        taskRecords.update(id(row), row.version(), new TaskDetails(null, null, newAssignee, null, null, null, null,
                null, null, null, Set.of("assignee")), callers.current());
    }

    @Override
    protected void delete(ListRow row) {
        taskRecords.delete(id(row), row.version(), callers.current());
    }
}
