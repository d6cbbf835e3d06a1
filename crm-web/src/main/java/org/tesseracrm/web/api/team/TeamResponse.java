package org.tesseracrm.web.api.team;

import java.time.OffsetDateTime;
import java.util.List;

import org.tesseracrm.team.entity.Team;

/** A team as the API shows it. */
public record TeamResponse(String id, String name, String managerUsername, List<String> members, long version,
        OffsetDateTime createdAt, OffsetDateTime updatedAt, String createdBy) {

    static TeamResponse of(Team team) {
        return new TeamResponse(team.id().toString(), team.name(), team.managerUsername(),
                team.members().stream().sorted().toList(), team.version(), team.createdAt(), team.updatedAt(),
                team.createdBy());
    }
}
