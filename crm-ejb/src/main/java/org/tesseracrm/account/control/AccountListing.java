package org.tesseracrm.account.control;

import java.util.List;

import org.tesseracrm.platform.control.FieldType;
import org.tesseracrm.platform.control.RecordField;
import org.tesseracrm.platform.control.RecordTable;

/** The account fields lists and searches filter and sort on (each backed by an index of V3). */
public final class AccountListing {

    public static final RecordTable TABLE = RecordTable.of("account", "account", "createdAt", true,
            List.of(RecordField.sortable("createdAt", "created_at", FieldType.TIMESTAMP, "timestamptz"),
                    RecordField.sortable("updatedAt", "updated_at", FieldType.TIMESTAMP, "timestamptz"),
                    RecordField.sortable("name", "lower(name)", FieldType.TEXT_IGNORE_CASE, "text"),
                    RecordField.of("owner", "owner", FieldType.TEXT),
                    RecordField.of("domain", "domain", FieldType.TEXT_IGNORE_CASE),
                    RecordField.of("industry", "industry", FieldType.TEXT),
                    RecordField.of("tier", "tier", FieldType.TEXT),
                    RecordField.of("parentAccountId", "parent_account_id", FieldType.UUID),
                    RecordField.of("externalId", "external_id", FieldType.TEXT),
                    RecordField.of("tags", "tags", FieldType.TAGS)));

    private AccountListing() {
    }
}
