package org.tesseracrm.activity.entity;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.tesseracrm.deal.entity.DealStageChange;
import org.tesseracrm.lead.entity.LeadStatusChange;
import org.tesseracrm.scoring.entity.LeadScoreChange;
import org.tesseracrm.task.entity.Task;

/**
 * One line of a timeline: an activity, a lead's status change, a deal's stage change, a task or a
 * lead's score change. Entries are ordered
 * newest first by {@code at}, then by id. Exactly one of the detail components is set, as {@code kind} says.
 */
public record TimelineEntry(String kind, UUID id, OffsetDateTime at, Activity activity,
        LeadStatusChange statusChange, StageMove stageChange, Task task, LeadScoreChange scoreChange) {

    /** A deal's stage change with the names of the stages (null where the stage is gone or, at creation, none). */
    public record StageMove(DealStageChange change, String fromStage, String toStage) {
    }

    public static TimelineEntry of(Activity activity) {
        return new TimelineEntry("activity", activity.id(), activity.occurredAt(), activity, null, null, null, null);
    }

    public static TimelineEntry of(LeadStatusChange change) {
        return new TimelineEntry("status_change", change.id(), change.changedAt(), null, change, null, null, null);
    }

    public static TimelineEntry of(StageMove move) {
        return new TimelineEntry("stage_change", move.change().id(), move.change().changedAt(), null, null, move,
                null, null);
    }

    /** A task stands on the timeline at its due time, or when it was created if it has none. */
    public static TimelineEntry of(Task task) {
        return new TimelineEntry("task", task.id(), task.dueAt() != null ? task.dueAt() : task.createdAt(), null,
                null, null, task, null);
    }

    public static TimelineEntry of(LeadScoreChange change) {
        return new TimelineEntry("score_change", change.id(), change.changedAt(), null, null, null, null, change);
    }
}
