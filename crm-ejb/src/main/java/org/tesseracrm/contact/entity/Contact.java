package org.tesseracrm.contact.entity;

import org.tesseracrm.platform.entity.PhoneKeys;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.tesseracrm.platform.entity.Timestamps;
import org.tesseracrm.audit.entity.Snapshot;
import org.tesseracrm.platform.entity.Fields;
import org.tesseracrm.platform.entity.JsonbConverter;
import org.tesseracrm.platform.entity.UuidColumn;
import org.tesseracrm.platform.entity.TextArrayColumn;
import org.tesseracrm.record.entity.OwnedRecord;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A person a tenant sells to, usually working at an account. */
@Entity
@Table(name = "contact")
@org.eclipse.persistence.annotations.Converter(name = UuidColumn.NAME, converterClass = UuidColumn.class)
public class Contact implements OwnedRecord {

    public static final String OBJECT_TYPE = "contact";

    @Id
    private UUID id;

    @org.eclipse.persistence.annotations.Convert(UuidColumn.NAME)
    @Column(name = "account_id")
    private UUID accountId;

    @Column(name = "first_name")
    private String firstName;

    @Column(name = "last_name", nullable = false)
    private String lastName;

    private String email;

    private String phone;

    /** The phone number as duplicate detection compares it (E.164 where it parses; {@link PhoneKeys}). */
    @Column(name = "phone_key")
    private String phoneKey;

    private String title;

    /** The contact's IANA time zone: sending windows can be read in it ({@code SendingWindow.inRecipientZone}). */
    @Column(name = "time_zone")
    private String timeZone;

    private String owner;

    private String tier;

    @Convert(converter = TextArrayColumn.class)
    @Column(nullable = false)
    private List<String> tags = List.of();

    @Convert(converter = JsonbConverter.class)
    @Column(name = "custom_fields", nullable = false)
    private JsonValue customFields = JsonValue.EMPTY_JSON_OBJECT;

    @Column(name = "external_id")
    private String externalId;

    @Column(name = "last_contact_at")
    private OffsetDateTime lastContactAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    @Column(name = "updated_by")
    private String updatedBy;

    @Column(name = "deleted_at")
    private OffsetDateTime deletedAt;

    @Version
    private long version;

    protected Contact() {
        // for JPA
    }

    /** The columns {@link #read} reads, in its order, for list pages that select their rows in one statement. */
    public static final String COLUMNS = "id, account_id, first_name, last_name, email, phone, phone_key, title,"
            + " time_zone, owner, tier, tags, custom_fields, external_id, last_contact_at, created_at, updated_at,"
            + " created_by, updated_by, deleted_at, version";

    /**
     * A contact from a row whose first columns are {@link #COLUMNS} (read by position: a label costs a lookup per
     * value), not managed by an entity manager: for reading only (a list page).
     * Building 50 entities in EclipseLink's unit of work cost a fifth of a list request (docs/performance.md).
     */
    public static Contact read(java.sql.ResultSet row) throws java.sql.SQLException {
        Contact c = new Contact();
        c.id = row.getObject(1, UUID.class);
        c.accountId = row.getObject(2, UUID.class);
        c.firstName = row.getString(3);
        c.lastName = row.getString(4);
        c.email = row.getString(5);
        c.phone = row.getString(6);
        c.phoneKey = row.getString(7);
        c.title = row.getString(8);
        c.timeZone = row.getString(9);
        c.owner = row.getString(10);
        c.tier = row.getString(11);
        c.tags = TAGS.convertToEntityAttribute(row.getArray(12));
        c.customFields = JSONB.convertToEntityAttribute(row.getObject(13));
        c.externalId = row.getString(14);
        c.lastContactAt = row.getObject(15, OffsetDateTime.class);
        c.createdAt = row.getObject(16, OffsetDateTime.class);
        c.updatedAt = row.getObject(17, OffsetDateTime.class);
        c.createdBy = row.getString(18);
        c.updatedBy = row.getString(19);
        c.deletedAt = row.getObject(20, OffsetDateTime.class);
        c.version = row.getLong(21);
        return c;
    }

    private static final TextArrayColumn TAGS = new TextArrayColumn();
    private static final JsonbConverter JSONB = new JsonbConverter();

    /** A new contact from the fields given; the last name is required. */
    public Contact(ContactDetails details, String owner, String createdBy) {
        this.id = org.tesseracrm.platform.entity.TimeOrderedIds.next();
        this.createdAt = Timestamps.now();
        this.updatedAt = createdAt;
        this.createdBy = createdBy;
        this.owner = owner;
        apply(details, createdBy);
        if (lastName == null) {
            Fields.required("lastName", null, 200);
        }
    }

    /** Applies the fields the request carried (the owner is the boundary's decision: see {@link #reassign}). */
    public void apply(ContactDetails d, String by) {
        if (d.has("firstName")) {
            firstName = Fields.optional("firstName", d.firstName(), 200);
        }
        if (d.has("lastName")) {
            lastName = Fields.required("lastName", d.lastName(), 200);
        }
        if (d.has("email")) {
            email = Fields.email("email", d.email());
        }
        if (d.has("phone")) {
            phone = Fields.phone("phone", d.phone());
            phoneKey = PhoneKeys.of(phone);
        }
        if (d.has("title")) {
            title = Fields.optional("title", d.title(), 200);
        }
        if (d.has("timeZone")) {
            timeZone = Fields.timeZone("timeZone", d.timeZone());
        }
        if (d.has("accountId")) {
            accountId = d.accountId();
        }
        if (d.has("tier")) {
            tier = Fields.optional("tier", d.tier(), 50);
        }
        if (d.has("tags")) {
            tags = Fields.tags("tags", d.tags());
        }
        if (d.has("customFields")) {
            customFields = d.customFields() == null ? JsonValue.EMPTY_JSON_OBJECT : d.customFields();
        }
        if (d.has("externalId")) {
            externalId = Fields.optional("externalId", d.externalId(), 200);
        }
        if (d.has("lastContactAt")) {
            lastContactAt = d.lastContactAt();
        }
        updatedBy = by;
    }

    public void reassign(String newOwner) {
        owner = newOwner;
    }

    /** An interaction happened; the last contact date only moves forward. */
    public void contacted(OffsetDateTime at) {
        if (lastContactAt == null || at.isAfter(lastContactAt)) {
            lastContactAt = at;
        }
    }

    public void delete(String by) {
        deletedAt = Timestamps.now();
        updatedBy = by;
    }

    public void restore(String by) {
        deletedAt = null;
        updatedBy = by;
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
        updatedAt = Timestamps.now();
        return true;
    }

    @PreUpdate
    void touch() {
        updatedAt = Timestamps.now();
    }

    public Snapshot snapshot() {
        return new Snapshot().with("firstName", firstName).with("lastName", lastName).with("email", email)
                .with("phone", phone).with("title", title).with("timeZone", timeZone).with("accountId", accountId)
                .with("owner", owner)
                .with("tier", tier).with("tags", tags).with("customFields", customFields)
                .with("externalId", externalId).with("lastContactAt", lastContactAt).with("deletedAt", deletedAt);
    }

    public UUID id() {
        return id;
    }

    public UUID accountId() {
        return accountId;
    }

    public String firstName() {
        return firstName;
    }

    public String lastName() {
        return lastName;
    }

    public String email() {
        return email;
    }

    public String phoneKey() {
        return phoneKey;
    }

    public String phone() {
        return phone;
    }

    public String timeZone() {
        return timeZone;
    }

    public String title() {
        return title;
    }

    public String owner() {
        return owner;
    }

    public String tier() {
        return tier;
    }

    public List<String> tags() {
        return tags;
    }

    public JsonObject customFields() {
        return customFields.asJsonObject();
    }

    public String externalId() {
        return externalId;
    }

    public OffsetDateTime lastContactAt() {
        return lastContactAt;
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

    public String updatedBy() {
        return updatedBy;
    }

    public OffsetDateTime deletedAt() {
        return deletedAt;
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }

    public long version() {
        return version;
    }
}
