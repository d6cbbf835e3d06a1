package org.tesseracrm.web.api.user;

/** Invite a person to the tenant with one role. */
public record InviteUserRequest(String email, String firstName, String lastName, String role) {
}
