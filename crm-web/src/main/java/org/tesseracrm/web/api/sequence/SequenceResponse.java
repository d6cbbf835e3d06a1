package org.tesseracrm.web.api.sequence;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tesseracrm.sequence.boundary.Sequences;
import org.tesseracrm.sequence.entity.SequenceStep;

@Schema(name = "SequenceResponse")
public record SequenceResponse(String id, String name, String owner, List<StepResponse> steps,
        @Schema(description = "Enrollments by status: active, paused, finished, exited") Map<String, Long> enrollments,
        OffsetDateTime createdAt, OffsetDateTime updatedAt, String createdBy, long version) {

    @Schema(name = "SequenceStepResponse")
    public record StepResponse(String id, int position,
            @Schema(enumeration = {
                    "EMAIL_AUTO", "EMAIL_MANUAL", "CALL", "TASK"}) String type,
            int delayDays, String templateId,
            String subject, String body, String htmlBody, String title){

        static StepResponse of(SequenceStep s) {
            return new StepResponse(s.id().toString(), s.position(), s.type().name(), s.delayDays(),
                    s.templateId() == null ? null : s.templateId().toString(), s.subject(), s.body(), s.htmlBody(),
                    s.title());
        }
    }

    static SequenceResponse of(Sequences.Detail d) {
        var s = d.sequence();
        return new SequenceResponse(s.id().toString(), s.name(), s.owner(), d.steps().stream().map(StepResponse::of)
                .toList(), d.enrollments(), s.createdAt(), s.updatedAt(), s.createdBy(), s.version());
    }
}
