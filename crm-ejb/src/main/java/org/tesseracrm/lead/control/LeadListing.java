package org.tesseracrm.lead.control;

import java.util.List;
import java.util.Set;

import org.tesseracrm.platform.control.FieldType;
import org.tesseracrm.platform.control.RecordField;
import org.tesseracrm.platform.control.RecordTable;

/** The lead fields lists and searches filter and sort on (each backed by an index of V3 or V29). */
public final class LeadListing {

    public static final RecordTable TABLE = RecordTable.of("lead", "lead", "createdAt", true,
            List.of(RecordField.sortable("createdAt", "created_at", FieldType.TIMESTAMP, "timestamptz"),
                    RecordField.sortable("updatedAt", "updated_at", FieldType.TIMESTAMP, "timestamptz"),
                    RecordField.sortable("lastName", "lower(last_name)", FieldType.TEXT_IGNORE_CASE, "text"),
                    RecordField.sortable("score", "score", FieldType.INTEGER, "integer"),
                    RecordField.of("owner", "owner", FieldType.TEXT),
                    RecordField.enumOf("status", "status", Set.of("new", "contacted", "replied", "scheduled",
                            "proposal", "closed_won", "closed_lost")),
                    RecordField.enumOf("priority", "priority", Set.of("hot", "warm", "cold")),
                    RecordField.enumOf("grade", "grade", Set.of("A", "B", "C", "D")),
                    RecordField.enumOf("qualification", "qualification", Set.of("mql", "sql")),
                    RecordField.of("email", "lower(email)", FieldType.TEXT_IGNORE_CASE),
                    RecordField.of("company", "company", FieldType.TEXT),
                    RecordField.of("source", "source", FieldType.TEXT),
                    RecordField.of("externalId", "external_id", FieldType.TEXT),
                    RecordField.of("nextFollowUpAt", "next_follow_up_at", FieldType.TIMESTAMP),
                    RecordField.of("lastContactAt", "last_contact_at", FieldType.TIMESTAMP),
                    RecordField.of("tags", "tags", FieldType.TAGS),
                    RecordField.of("segment", "id", FieldType.SEGMENT)));

    private LeadListing() {
    }
}
