package org.tesseracrm.web.api.duplicate;

import java.time.OffsetDateTime;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tesseracrm.duplicate.boundary.ContactMerges.Merge;

/** A merge of two contacts; undoable until {@code undoUntil}. */
@Schema(name = "ContactMerge")
public record ContactMergeResponse(String id, String survivorId, String mergedId,
        @Schema(description = "Rows the survivor took over, by table (activity, task, deal, email_draft, lead,"
                + " sequence_enrollment, contact_role, segment_member)") Map<String, Integer> moved,
        OffsetDateTime mergedAt, String mergedBy, OffsetDateTime undoUntil, OffsetDateTime undoneAt,
        String undoneBy) {

    static ContactMergeResponse of(Merge m) {
        return new ContactMergeResponse(m.id().toString(), m.survivorId().toString(), m.mergedId().toString(),
                m.moved(), m.mergedAt(), m.mergedBy(), m.undoUntil(), m.undoneAt(), m.undoneBy());
    }
}
