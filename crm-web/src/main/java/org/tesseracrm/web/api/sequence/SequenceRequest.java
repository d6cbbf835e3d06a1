package org.tesseracrm.web.api.sequence;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A sequence to create, or to replace with its steps in order (then with the version read). */
@Schema(name = "SequenceRequest", example = "{\"name\": \"New inbound lead\", \"steps\": [{\"type\": \"EMAIL_AUTO\","
        + " \"delayDays\": 0, \"subject\": \"Hello {{lead.firstName}}\", \"body\": \"Hi {{lead.firstName}}, ...\"},"
        + " {\"type\": \"CALL\", \"delayDays\": 2, \"title\": \"First call\"}]}")
public record SequenceRequest(@Schema(required = true, maxLength = 200) String name,
        @Schema(required = true, description = "1 to 50 steps, in the order they run") List<StepRequest> steps,
        @Schema(description = "Required when replacing: the version you read") Long version) {

    /** A step; give an existing step's id to keep it (and its history) when reordering. */
    @Schema(name = "SequenceStepRequest")
    public record StepRequest(@Schema(description = "An existing step of this sequence, to keep") String id,
            @Schema(required = true, enumeration = {
                    "EMAIL_AUTO", "EMAIL_MANUAL", "CALL", "TASK"}) String type,
            @Schema(minimum = "0", maximum = "365", description = "Days after the previous step (after enrolling, for the first); default 0") Integer delayDays,
            @Schema(description = "EMAIL_AUTO, EMAIL_MANUAL: an e-mail template, instead of subject and body") String templateId,
            @Schema(maxLength = 500, description = "E-mail steps: merge fields allowed") String subject,
            @Schema(maxLength = 100000, description = "E-mail steps: the text (merge fields allowed); CALL and TASK: notes for the task") String body,
            @Schema(maxLength = 500000, description = "E-mail steps: an HTML part") String htmlBody,
            @Schema(maxLength = 500, description = "CALL and TASK: the task's title") String title){
    }
}
