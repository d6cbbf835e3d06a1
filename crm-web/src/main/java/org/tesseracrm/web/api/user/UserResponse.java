package org.tesseracrm.web.api.user;

import java.time.OffsetDateTime;

import org.tesseracrm.user.entity.AppUser;

/** A user of the tenant. */
public record UserResponse(String id, String username, String email, String firstName, String lastName, String role,
        String status, OffsetDateTime createdAt) {

    static UserResponse of(AppUser user) {
        return new UserResponse(user.id().toString(), user.username(), user.email(), user.firstName(),
                user.lastName(), user.role(), user.status(), user.createdAt());
    }
}
