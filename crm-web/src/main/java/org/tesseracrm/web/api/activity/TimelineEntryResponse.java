package org.tesseracrm.web.api.activity;

import java.time.OffsetDateTime;
import java.util.Objects;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tesseracrm.activity.entity.TimelineEntry;
import org.tesseracrm.deal.entity.DealStageChange;
import org.tesseracrm.scoring.entity.LeadScoreChange;
import org.tesseracrm.task.entity.Task;

/**
 * One line of a timeline. {@code kind} is {@code activity} (details in {@code activity}), {@code status_change} (a
 * lead's {@code fromStatus} → {@code toStatus}), {@code stage_change} (a deal's stage, {@code fromStage} →
 * {@code toStage} with their ids, and its status in {@code fromStatus}/{@code toStatus}) or {@code task} (in
 * {@code task}; {@code at} is its due time or, without one, its creation) or {@code score_change} (a lead's, in
 * {@code score}).
 */
public record TimelineEntryResponse(String kind, String id, OffsetDateTime at, String type, String actor,
        ActivityResponse activity, String fromStatus, String toStatus, String fromStageId, String fromStage,
        String toStageId, String toStage, TimelineTask task, TimelineScore score) {
    /** Hashes kind and id only (why: Paged.hashCode). */
    @Override
    public int hashCode() {
        return Objects.hash(kind, id);
    }

    /** The task a timeline entry shows. */
    public record TimelineTask(String id, String title, String status, String priority, OffsetDateTime dueAt,
            String assignee, OffsetDateTime completedAt) {

        static TimelineTask of(Task t) {
            return new TimelineTask(t.id().toString(), t.title(), t.status().code(), t.priority().code(), t.dueAt(),
                    t.assignee(), t.completedAt());
        }
    }

    /** A lead's score, grade or qualification moved; {@code reason} says why (docs/scoring.md). */
    @Schema(name = "TimelineScore")
    public record TimelineScore(int fromScore, int toScore, String fromGrade, String toGrade,
            String fromQualification, String toQualification,
            @Schema(enumeration = {
                    "lead", "engagement", "decay", "rules", "recalculation"}) String reason){

        static TimelineScore of(LeadScoreChange c) {
            return new TimelineScore(c.fromScore(), c.toScore(), c.fromGrade(), c.toGrade(), c.fromQualification(),
                    c.toQualification(), c.reason());
        }
    }

    public static TimelineEntryResponse of(TimelineEntry entry) {
        String id = entry.id().toString();
        if (entry.activity() != null) {
            return new TimelineEntryResponse(entry.kind(), id, entry.at(), entry.activity().type().name(),
                    entry.activity().author(), ActivityResponse.of(entry.activity()), null, null, null, null, null,
                    null, null, null);
        }
        if (entry.stageChange() != null) {
            DealStageChange c = entry.stageChange().change();
            return new TimelineEntryResponse(entry.kind(), id, entry.at(), "STAGE_CHANGE", c.changedBy(), null,
                    c.fromStatus() == null ? null : c.fromStatus().code(), c.toStatus().code(),
                    c.fromStageId() == null ? null : c.fromStageId().toString(), entry.stageChange().fromStage(),
                    c.toStageId() == null ? null : c.toStageId().toString(), entry.stageChange().toStage(), null,
                    null);
        }
        if (entry.task() != null) {
            return new TimelineEntryResponse(entry.kind(), id, entry.at(), "TASK", entry.task().assignee(), null,
                    null, null, null, null, null, null, TimelineTask.of(entry.task()), null);
        }
        if (entry.scoreChange() != null) {
            return new TimelineEntryResponse(entry.kind(), id, entry.at(), "SCORE_CHANGE", "lead-scoring", null,
                    null, null, null, null, null, null, null, TimelineScore.of(entry.scoreChange()));
        }
        return new TimelineEntryResponse(entry.kind(), id, entry.at(), "STATUS_CHANGE",
                entry.statusChange().changedBy(), null, entry.statusChange().fromStatus(),
                entry.statusChange().toStatus(), null, null, null, null, null, null);
    }
}
