package org.tesseracrm.contact.control;

import java.util.List;

import org.tesseracrm.platform.control.FieldType;
import org.tesseracrm.platform.control.RecordField;
import org.tesseracrm.platform.control.RecordTable;

/** The contact fields lists and searches filter and sort on (each backed by an index of V3). */
public final class ContactListing {

    public static final RecordTable TABLE = RecordTable.of("contact", "contact", "createdAt", true,
            List.of(RecordField.sortable("createdAt", "created_at", FieldType.TIMESTAMP, "timestamptz"),
                    RecordField.sortable("updatedAt", "updated_at", FieldType.TIMESTAMP, "timestamptz"),
                    RecordField.sortable("lastName", "lower(last_name)", FieldType.TEXT_IGNORE_CASE, "text"),
                    RecordField.of("owner", "owner", FieldType.TEXT),
                    RecordField.of("email", "lower(email)", FieldType.TEXT_IGNORE_CASE),
                    RecordField.of("accountId", "account_id", FieldType.UUID),
                    RecordField.of("tier", "tier", FieldType.TEXT),
                    RecordField.of("externalId", "external_id", FieldType.TEXT),
                    RecordField.of("lastContactAt", "last_contact_at", FieldType.TIMESTAMP),
                    RecordField.of("tags", "tags", FieldType.TAGS),
                    RecordField.of("segment", "id", FieldType.SEGMENT)));

    private ContactListing() {
    }
}
