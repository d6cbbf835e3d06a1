package org.tesseracrm.account.entity;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import org.tesseracrm.platform.entity.Timestamps;
import org.tesseracrm.audit.entity.Snapshot;
import org.tesseracrm.platform.entity.Fields;
import org.tesseracrm.platform.entity.InvalidInput;
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

/** A company a tenant sells to; accounts may belong to a parent account (a group and its subsidiaries). */
@Entity
@Table(name = "account")
@org.eclipse.persistence.annotations.Converter(name = UuidColumn.NAME, converterClass = UuidColumn.class)
public class Account implements OwnedRecord {

    public static final String OBJECT_TYPE = "account";
    private static final Pattern DOMAIN = Pattern.compile("^([a-z0-9-]{1,63}\\.)+[a-z]{2,63}$");

    @Id
    private UUID id;

    @Column(nullable = false)
    private String name;

    private String domain;

    private String industry;

    private String website;

    private String phone;

    private String tier;

    @org.eclipse.persistence.annotations.Convert(UuidColumn.NAME)
    @Column(name = "parent_account_id")
    private UUID parentAccountId;

    private String owner;

    @Convert(converter = TextArrayColumn.class)
    @Column(nullable = false)
    private List<String> tags = List.of();

    @Convert(converter = JsonbConverter.class)
    @Column(name = "custom_fields", nullable = false)
    private JsonValue customFields = JsonValue.EMPTY_JSON_OBJECT;

    @Column(name = "external_id")
    private String externalId;

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

    protected Account() {
        // for JPA
    }

    public Account(AccountDetails details, String owner, String createdBy) {
        this.id = UUID.randomUUID();
        this.createdAt = Timestamps.now();
        this.updatedAt = createdAt;
        this.createdBy = createdBy;
        this.owner = owner;
        apply(details, createdBy);
        if (name == null) {
            Fields.required("name", null, 300);
        }
    }

    public void apply(AccountDetails d, String by) {
        if (d.has("name")) {
            name = Fields.required("name", d.name(), 300);
        }
        if (d.has("domain")) {
            String value = Fields.optional("domain", d.domain(), 253);
            if (value != null && !DOMAIN.matcher(value.toLowerCase(Locale.ROOT)).matches()) {
                throw new InvalidInput("domain", "is not a domain name such as example.com");
            }
            domain = value == null ? null : value.toLowerCase(Locale.ROOT);
        }
        if (d.has("industry")) {
            industry = Fields.optional("industry", d.industry(), 100);
        }
        if (d.has("website")) {
            String value = Fields.optional("website", d.website(), 500);
            if (value != null && !(value.startsWith("https://") || value.startsWith("http://"))) {
                throw new InvalidInput("website", "must be an http(s) URL");
            }
            website = value;
        }
        if (d.has("phone")) {
            phone = Fields.phone("phone", d.phone());
        }
        if (d.has("tier")) {
            tier = Fields.optional("tier", d.tier(), 50);
        }
        if (d.has("parentAccountId")) {
            if (id.equals(d.parentAccountId())) {
                throw new InvalidInput("parentAccountId", "cannot be the account itself");
            }
            parentAccountId = d.parentAccountId();
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
        updatedBy = by;
    }

    public void reassign(String newOwner) {
        owner = newOwner;
    }

    public void delete(String by) {
        deletedAt = Timestamps.now();
        updatedBy = by;
    }

    public void restore(String by) {
        deletedAt = null;
        updatedBy = by;
    }

    @PreUpdate
    void touch() {
        updatedAt = Timestamps.now();
    }

    public Snapshot snapshot() {
        return new Snapshot().with("name", name).with("domain", domain).with("industry", industry)
                .with("website", website).with("phone", phone).with("tier", tier)
                .with("parentAccountId", parentAccountId).with("owner", owner).with("tags", tags)
                .with("customFields", customFields).with("externalId", externalId).with("deletedAt", deletedAt);
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String domain() {
        return domain;
    }

    public String industry() {
        return industry;
    }

    public String website() {
        return website;
    }

    public String phone() {
        return phone;
    }

    public String tier() {
        return tier;
    }

    public UUID parentAccountId() {
        return parentAccountId;
    }

    public String owner() {
        return owner;
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
