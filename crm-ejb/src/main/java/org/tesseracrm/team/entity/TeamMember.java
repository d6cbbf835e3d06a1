package org.tesseracrm.team.entity;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/**
 * A user's membership of a team. An entity of its own rather than an {@code @ElementCollection}: with a collection
 * table, concurrent two-tenant writes failed here with foreign-key violations on {@code team_member} (TeamsIT, EclipseLink
 * 4.0.7), i.e. member rows did not land beside their team; as an entity, every table is resolved per tenant.
 */
@Entity
@Table(name = "team_member")
@IdClass(TeamMember.Key.class)
public class TeamMember {

    @Id
    @ManyToOne(optional = false)
    @JoinColumn(name = "team_id")
    private Team team;

    @Id
    @Column(name = "username")
    private String username;

    protected TeamMember() {
        // for JPA
    }

    TeamMember(Team team, String username) {
        this.team = team;
        this.username = username;
    }

    public String username() {
        return username;
    }

    /** Composite key: team id and user name. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        private UUID team;
        private String username;

        public Key() {
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(team, key.team) && Objects.equals(username,
                    key.username);
        }

        @Override
        public int hashCode() {
            return Objects.hash(team, username);
        }
    }
}
