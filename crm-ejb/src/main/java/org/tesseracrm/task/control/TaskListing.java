package org.tesseracrm.task.control;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.tesseracrm.platform.control.FieldType;
import org.tesseracrm.platform.control.RecordField;
import org.tesseracrm.platform.control.RecordTable;
import org.tesseracrm.task.entity.TaskPriority;
import org.tesseracrm.task.entity.TaskStatus;

/**
 * The task fields lists and searches filter and sort on (indexes in V4). The due time is optional, so it filters but
 * does not sort.
 */
public final class TaskListing {

    public static final RecordTable TABLE = RecordTable.of("task", "task", "createdAt", true,
            List.of(RecordField.sortable("createdAt", "created_at", FieldType.TIMESTAMP, "timestamptz"),
                    RecordField.sortable("updatedAt", "updated_at", FieldType.TIMESTAMP, "timestamptz"),
                    RecordField.of("assignee", "assignee", FieldType.TEXT),
                    RecordField.enumOf("status", "status",
                            Arrays.stream(TaskStatus.values()).map(TaskStatus::code).collect(Collectors.toSet())),
                    RecordField.enumOf("priority", "priority",
                            Arrays.stream(TaskPriority.values()).map(TaskPriority::code).collect(Collectors.toSet())),
                    RecordField.of("dueAt", "due_at", FieldType.TIMESTAMP),
                    RecordField.of("leadId", "lead_id", FieldType.UUID),
                    RecordField.of("contactId", "contact_id", FieldType.UUID),
                    RecordField.of("accountId", "account_id", FieldType.UUID),
                    RecordField.of("dealId", "deal_id", FieldType.UUID)));

    private TaskListing() {
    }
}
