package org.tesseracrm.web.api.team;

import java.util.Set;

/** Create or replace a team. {@code version} is required on replace (optimistic locking). */
public record TeamRequest(String name, String managerUsername, Set<String> members, Long version) {

    public Set<String> membersOrEmpty() {
        return members == null ? Set.of() : members;
    }
}
