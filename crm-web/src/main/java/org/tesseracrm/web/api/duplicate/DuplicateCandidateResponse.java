package org.tesseracrm.web.api.duplicate;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tesseracrm.duplicate.boundary.ContactDuplicates.Candidate;

/** A live contact that looks like the one compared. */
@Schema(name = "DuplicateCandidate")
public record DuplicateCandidateResponse(String id, String firstName, String lastName, String email, String phone,
        String accountId,
        @Schema(description = "0 to 1 as a decimal string: 1 the same e-mail, 0.9 the same phone, 0.5-0.95 a similar"
                + " name (more at the same account)", example = "0.900") String score,
        @Schema(description = "email, phone, name, account") List<String> reasons) {

    static DuplicateCandidateResponse of(Candidate c) {
        return new DuplicateCandidateResponse(c.id().toString(), c.firstName(), c.lastName(), c.email(), c.phone(),
                c.accountId() == null ? null : c.accountId().toString(), c.score().toPlainString(), c.reasons());
    }
}
