package org.tesseracrm.deal.control;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.tesseracrm.deal.entity.DealPriority;
import org.tesseracrm.deal.entity.DealStatus;
import org.tesseracrm.platform.control.FieldType;
import org.tesseracrm.platform.control.RecordField;
import org.tesseracrm.platform.control.RecordTable;

/**
 * The deal fields lists and searches filter and sort on (indexes in V4). Only NOT NULL columns sort: expected close
 * date is optional, so it filters but does not sort.
 */
public final class DealListing {

    public static final RecordTable TABLE = RecordTable.of("deal", "deal", "createdAt", true,
            List.of(RecordField.sortable("createdAt", "created_at", FieldType.TIMESTAMP, "timestamptz"),
                    RecordField.sortable("updatedAt", "updated_at", FieldType.TIMESTAMP, "timestamptz"),
                    RecordField.sortable("value", "value", FieldType.NUMBER, "numeric"),
                    RecordField.of("owner", "owner", FieldType.TEXT),
                    RecordField.enumOf("status", "status",
                            Arrays.stream(DealStatus.values()).map(DealStatus::code).collect(Collectors.toSet())),
                    RecordField.enumOf("priority", "priority",
                            Arrays.stream(DealPriority.values()).map(DealPriority::code).collect(Collectors.toSet())),
                    RecordField.of("pipelineId", "pipeline_id", FieldType.UUID),
                    RecordField.of("stageId", "stage_id", FieldType.UUID),
                    RecordField.of("accountId", "account_id", FieldType.UUID),
                    RecordField.of("contactId", "contact_id", FieldType.UUID),
                    RecordField.of("expectedCloseDate", "expected_close_date", FieldType.DATE),
                    RecordField.of("tags", "tags", FieldType.TAGS)));

    private DealListing() {
    }
}
