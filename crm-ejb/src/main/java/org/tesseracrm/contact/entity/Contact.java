package org.tesseracrm.contact.entity;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;

import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantTableDiscriminator;
import org.eclipse.persistence.annotations.TenantTableDiscriminatorType;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A person a tenant sells to. */
@Entity
@Table(name = "contact")
@Multitenant(MultitenantType.TABLE_PER_TENANT)
@TenantTableDiscriminator(type = TenantTableDiscriminatorType.SCHEMA, contextProperty = TenantEntityManagers.SCHEMA_PROPERTY)
public class Contact {

    @Id
    private UUID id;

    @Column(name = "first_name")
    private String firstName;

    @Column(name = "last_name", nullable = false)
    private String lastName;

    private String email;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Version
    private long version;

    protected Contact() {
        // for JPA
    }

    /** Trims and lower-cases the e-mail address; whether that changed it. */
    public boolean normaliseEmail() {
        if (email == null) {
            return false;
        }
        String normalised = email.strip().toLowerCase(Locale.ROOT);
        if (normalised.equals(email)) {
            return false;
        }
        email = normalised;
        updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        return true;
    }

    public UUID id() {
        return id;
    }

    public String email() {
        return email;
    }
}
