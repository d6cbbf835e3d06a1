package org.tesseracrm.activity.entity;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.tesseracrm.lead.entity.LeadStatusChange;

/**
 * One line of a timeline: an activity or a status change (stage changes and tasks join when deals and tasks do).
 * Entries are ordered newest first by {@code at}, then by id.
 */
public record TimelineEntry(String kind, UUID id, OffsetDateTime at, Activity activity,
        LeadStatusChange statusChange) {

    public static TimelineEntry of(Activity activity) {
        return new TimelineEntry("activity", activity.id(), activity.occurredAt(), activity, null);
    }

    public static TimelineEntry of(LeadStatusChange change) {
        return new TimelineEntry("status_change", change.id(), change.changedAt(), null, change);
    }
}
