package org.tesseracrm.web.api.contact;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Every role of a contact at accounts; an empty list removes them all. */
@Schema(name = "ContactRolesInput")
public record ContactRolesInput(@Schema(required = true) List<RoleInput> roles) {

    /** One role at one account, e.g. "Decision maker". */
    @Schema(name = "ContactRoleInput")
    public record RoleInput(@Schema(required = true, format = "uuid") String accountId,
            @Schema(required = true) String role) {
    }
}
