package org.tesseracrm.web.api.contact;

import org.tesseracrm.contact.entity.ContactRole;

/** A contact's role at an account. */
public record ContactRoleResponse(String contactId, String accountId, String role) {

    public static ContactRoleResponse of(ContactRole role) {
        return new ContactRoleResponse(role.contactId().toString(), role.accountId().toString(), role.role());
    }
}
