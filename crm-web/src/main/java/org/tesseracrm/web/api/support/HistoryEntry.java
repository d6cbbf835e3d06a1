package org.tesseracrm.web.api.support;

import java.time.OffsetDateTime;
import java.util.Map;

import org.tesseracrm.audit.entity.AuditEntry;

import jakarta.json.JsonValue;

/** One entry of a record's history: who did what when, and each changed field before and after. */
public record HistoryEntry(String action, String changedBy, OffsetDateTime changedAt, Map<String, JsonValue> changes) {

    public static HistoryEntry of(AuditEntry entry) {
        return new HistoryEntry(entry.action(), entry.changedBy(), entry.changedAt(), entry.changes());
    }
}
