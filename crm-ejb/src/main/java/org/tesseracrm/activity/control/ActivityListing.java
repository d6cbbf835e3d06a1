package org.tesseracrm.activity.control;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.tesseracrm.activity.entity.ActivityType;
import org.tesseracrm.platform.control.FieldType;
import org.tesseracrm.platform.control.RecordField;
import org.tesseracrm.platform.control.RecordTable;

/** Activity fields timelines filter on; each link column has a (link, occurred_at DESC, id DESC) index. */
public final class ActivityListing {

    public static final RecordTable TABLE = RecordTable.of("activity", "activity", "occurredAt", true,
            List.of(RecordField.sortable("occurredAt", "occurred_at", FieldType.TIMESTAMP, "timestamptz"),
                    RecordField.of("leadId", "lead_id", FieldType.UUID),
                    RecordField.of("contactId", "contact_id", FieldType.UUID),
                    RecordField.of("accountId", "account_id", FieldType.UUID),
                    RecordField.of("dealId", "deal_id", FieldType.UUID),
                    RecordField.enumOf("type", "type", Arrays.stream(ActivityType.values()).map(Enum::name)
                            .collect(Collectors.toSet()))));

    private ActivityListing() {
    }
}
