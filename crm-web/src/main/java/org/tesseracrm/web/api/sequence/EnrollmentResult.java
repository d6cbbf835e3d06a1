package org.tesseracrm.web.api.sequence;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tesseracrm.activity.entity.Subject;
import org.tesseracrm.sequence.boundary.Enrollments;

/** What enrolling did: the enrollments made, and every record left out with the reason. */
@Schema(name = "EnrollmentResult")
public record EnrollmentResult(List<EnrollmentResponse> enrolled, List<SkippedRecord> skipped) {

    @Schema(name = "SkippedRecord")
    public record SkippedRecord(String leadId, String contactId,
            @Schema(enumeration = {
                    "not-found", "not-yours", "no-email", "suppressed", "closed", "already-enrolled"}) String reason){
    }

    public static EnrollmentResult of(Enrollments.Outcome outcome) {
        return new EnrollmentResult(outcome.enrolled().stream().map(EnrollmentResponse::of).toList(),
                outcome.skipped().stream().map(s -> new SkippedRecord(s.record().kind() == Subject.Kind.LEAD
                        ? s.record().id().toString()
                        : null,
                        s.record().kind() == Subject.Kind.CONTACT
                                ? s.record().id().toString()
                                : null,
                        s.reason())).toList());
    }
}
