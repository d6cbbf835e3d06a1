package org.tesseracrm.user.entity;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.persistence.annotations.ReadOnly;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A user of the tenant, as mirrored by the control plane. Read-only here: the worker writes it. */
@Entity
@ReadOnly
@Table(name = "app_user")
public class AppUser {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String username;

    @Column(nullable = false)
    private String email;

    @Column(name = "first_name")
    private String firstName;

    @Column(name = "last_name")
    private String lastName;

    @Column(nullable = false)
    private String role;

    @Column(nullable = false)
    private String status;

    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    protected AppUser() {
        // for JPA
    }

    public UUID id() {
        return id;
    }

    public String username() {
        return username;
    }

    public String email() {
        return email;
    }

    public String firstName() {
        return firstName;
    }

    public String lastName() {
        return lastName;
    }

    public String role() {
        return role;
    }

    public String status() {
        return status;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public boolean isActiveOrInvited() {
        return !"DEACTIVATED".equals(status);
    }
}
