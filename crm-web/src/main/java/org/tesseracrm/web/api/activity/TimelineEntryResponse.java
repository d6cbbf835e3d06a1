package org.tesseracrm.web.api.activity;

import java.time.OffsetDateTime;

import org.tesseracrm.activity.entity.TimelineEntry;

/**
 * One line of a timeline. {@code kind} is {@code activity} (details in {@code activity}) or {@code status_change}
 * ({@code fromStatus} → {@code toStatus}).
 */
public record TimelineEntryResponse(String kind, String id, OffsetDateTime at, String type, String actor,
        ActivityResponse activity, String fromStatus, String toStatus) {

    public static TimelineEntryResponse of(TimelineEntry entry) {
        if (entry.activity() != null) {
            return new TimelineEntryResponse(entry.kind(), entry.id().toString(), entry.at(),
                    entry.activity().type().name(), entry.activity().author(), ActivityResponse.of(entry.activity()),
                    null, null);
        }
        return new TimelineEntryResponse(entry.kind(), entry.id().toString(), entry.at(), "STATUS_CHANGE",
                entry.statusChange().changedBy(), null, entry.statusChange().fromStatus(),
                entry.statusChange().toStatus());
    }
}
