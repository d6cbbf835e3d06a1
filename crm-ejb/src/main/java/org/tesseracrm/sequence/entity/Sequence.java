package org.tesseracrm.sequence.entity;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.tesseracrm.platform.entity.Fields;
import org.tesseracrm.platform.entity.Timestamps;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A sales sequence: a name and an owner; its steps are {@link SequenceStep}s, its members enrollments. */
@Entity
@Table(name = "sequence")
public class Sequence {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String owner;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    @Version
    private long version;

    protected Sequence() {
        // for JPA
    }

    public Sequence(String name, String owner, String createdBy) {
        this.id = UUID.randomUUID();
        this.owner = owner;
        this.createdBy = createdBy;
        this.createdAt = Timestamps.now();
        rename(name);
    }

    public void rename(String newName) {
        this.name = Fields.required("name", newName, 200);
        this.updatedAt = Timestamps.now();
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String owner() {
        return owner;
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
