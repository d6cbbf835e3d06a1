package org.tesseracrm.team.entity;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A sales team of one tenant: its manager changes the records its members own. */
@Entity
@Table(name = "team")
public class Team {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String name;

    @Column(name = "manager_username")
    private String managerUsername;

    @OneToMany(mappedBy = "team", cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.EAGER)
    private Set<TeamMember> members = new LinkedHashSet<>();

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    @Version
    private long version;

    protected Team() {
        // for JPA
    }

    public Team(String name, String managerUsername, Set<String> members, String createdBy) {
        this.id = UUID.randomUUID();
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        this.updatedAt = createdAt;
        this.createdBy = createdBy;
        rename(name);
        assignManager(managerUsername);
        replaceMembers(members);
    }

    public void rename(String newName) {
        this.name = TeamRules.name(newName);
    }

    public void assignManager(String username) {
        this.managerUsername = username == null ? null : TeamRules.username(username);
    }

    public void replaceMembers(Set<String> usernames) {
        Set<String> wanted = new LinkedHashSet<>();
        usernames.forEach(u -> wanted.add(TeamRules.username(u)));
        members.removeIf(member -> !wanted.contains(member.username()));
        wanted.removeAll(members());
        wanted.forEach(u -> members.add(new TeamMember(this, u)));
    }

    /** Whether this user manages the team, so may change records its members own. */
    public boolean isManagedBy(String username) {
        return username != null && username.equals(managerUsername);
    }

    @PreUpdate
    void touch() {
        updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String managerUsername() {
        return managerUsername;
    }

    /** User names of the members. */
    public Set<String> members() {
        Set<String> usernames = new LinkedHashSet<>();
        members.forEach(member -> usernames.add(member.username()));
        return Collections.unmodifiableSet(usernames);
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public long version() {
        return version;
    }
}
