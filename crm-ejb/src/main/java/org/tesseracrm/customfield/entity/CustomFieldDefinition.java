package org.tesseracrm.customfield.entity;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.tesseracrm.platform.entity.Timestamps;
import org.tesseracrm.platform.entity.Fields;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.TextArrayColumn;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** One custom field of one object type (contact, account, lead, deal) of a tenant, and how its values must look. */
@Entity
@Table(name = "custom_field_definition")
public class CustomFieldDefinition {

    public static final Set<String> OBJECT_TYPES = Set.of("contact", "account", "lead", "deal");
    public static final Set<String> FIELD_TYPES = Set.of("text", "number", "boolean", "date", "choice");
    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_]{0,62}$");

    @Id
    private UUID id;

    @Column(name = "object_type", nullable = false, updatable = false)
    private String objectType;

    @Column(nullable = false, updatable = false)
    private String name;

    @Column(nullable = false)
    private String label;

    @Column(name = "field_type", nullable = false, updatable = false)
    private String fieldType;

    @Convert(converter = TextArrayColumn.class)
    @Column(nullable = false)
    private List<String> choices;

    @Column(nullable = false)
    private boolean required;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    @Version
    private long version;

    protected CustomFieldDefinition() {
        // for JPA
    }

    public CustomFieldDefinition(String objectType, String name, String label, String fieldType,
            List<String> choices, boolean required, String createdBy) {
        if (objectType == null || !OBJECT_TYPES.contains(objectType)) {
            throw new InvalidInput("objectType", "must be one of contact, account, lead, deal");
        }
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInput("name", "must be lower-case letters, digits and _ starting with a letter");
        }
        if (fieldType == null || !FIELD_TYPES.contains(fieldType)) {
            throw new InvalidInput("fieldType", "must be one of text, number, boolean, date, choice");
        }
        this.choices = choices == null
                ? List.of()
                : choices.stream().map(c -> Fields.required("choices", c, 100)).distinct().toList();
        if (this.choices.size() > 200) {
            throw new InvalidInput("choices", "may hold at most 200 values");
        }
        if (fieldType.equals("choice") == this.choices.isEmpty()) {
            throw new InvalidInput("choices", "are required for a choice field and only for one");
        }
        this.id = UUID.randomUUID();
        this.objectType = objectType;
        this.name = name;
        this.label = Fields.required("label", label, 100);
        this.fieldType = fieldType;
        this.required = required;
        this.createdBy = createdBy;
        this.createdAt = Timestamps.now();
        this.updatedAt = createdAt;
    }

    /** {@link InvalidInput} naming {@code customFields.<name>} unless the value fits this field. */
    public void check(JsonValue value) {
        String field = "customFields." + name;
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            if (required) {
                throw new InvalidInput(field, "is required");
            }
            return;
        }
        boolean fits = switch (fieldType) {
            case "number" -> value instanceof JsonNumber;
            case "boolean" -> value == JsonValue.TRUE || value == JsonValue.FALSE;
            case "date" -> value instanceof JsonString && isDate(((JsonString) value).getString());
            case "choice" -> value instanceof JsonString && choices.contains(((JsonString) value).getString());
            default -> value instanceof JsonString && ((JsonString) value).getString().length() <= 2000;
        };
        if (!fits) {
            throw new InvalidInput(field, "must be " + switch (fieldType) {
                case "number" -> "a number";
                case "boolean" -> "true or false";
                case "date" -> "a date (yyyy-mm-dd)";
                case "choice" -> "one of " + String.join(", ", choices);
                default -> "text of at most 2000 characters";
            });
        }
    }

    private static boolean isDate(String text) {
        try {
            LocalDate.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    public UUID id() {
        return id;
    }

    public String objectType() {
        return objectType;
    }

    public String name() {
        return name;
    }

    public String label() {
        return label;
    }

    public String fieldType() {
        return fieldType;
    }

    public List<String> choices() {
        return choices;
    }

    public boolean required() {
        return required;
    }

    public long version() {
        return version;
    }
}
