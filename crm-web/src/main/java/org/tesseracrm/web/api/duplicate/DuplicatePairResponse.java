package org.tesseracrm.web.api.duplicate;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tesseracrm.duplicate.boundary.ContactDuplicates.Pair;

/** Two contacts suspected to be one person, waiting in the queue for a merge or a dismissal. */
@Schema(name = "DuplicatePair")
public record DuplicatePairResponse(String id,
        @Schema(description = "The contact that came in later") DuplicateCandidateResponse record,
        @Schema(description = "The contact it resembles") DuplicateCandidateResponse duplicate,
        @Schema(example = "0.900") String score, List<String> reasons,
        @Schema(description = "open, dismissed or merged") String status, OffsetDateTime foundAt) {

    static DuplicatePairResponse of(Pair p) {
        return new DuplicatePairResponse(p.id().toString(), DuplicateCandidateResponse.of(p.record()),
                DuplicateCandidateResponse.of(p.duplicate()), p.score().toPlainString(), p.reasons(), p.status(),
                p.foundAt());
    }
}
