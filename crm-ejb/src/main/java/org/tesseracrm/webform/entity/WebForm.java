package org.tesseracrm.webform.entity;

import java.net.URI;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.tesseracrm.platform.entity.Fields;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.JsonbConverter;
import org.tesseracrm.platform.entity.TextArrayColumn;
import org.tesseracrm.platform.entity.Timestamps;
import org.tesseracrm.platform.entity.UuidColumn;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A public web form that creates leads. Its fields are lead fields ({@link #STANDARD_FIELDS}) or the lead's custom
 * fields ({@code custom.<name>}); {@code lastName} is always one of them and required, as a lead needs it.
 */
@Entity
@Table(name = "web_form")
@org.eclipse.persistence.annotations.Converter(name = UuidColumn.NAME, converterClass = UuidColumn.class)
public class WebForm {

    public static final Set<String> STANDARD_FIELDS = Set.of("firstName", "lastName", "company", "industry", "email",
            "phone");
    public static final int MAX_FIELDS = 30;
    public static final int MAX_ORIGINS = 20;
    private static final Pattern CUSTOM_FIELD = Pattern.compile("^custom\\.[a-z][a-z0-9_]{0,62}$");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One field of the form, in the order shown. */
    public record Field(String name, String label, boolean required) {
    }

    /** What an administrator writes. */
    public record Definition(String name, List<Field> fields, List<String> allowedOrigins, String owner,
            UUID sequenceId, String successMessage, Boolean active) {
    }

    @Id
    private UUID id;

    @Column(name = "public_key", nullable = false, updatable = false)
    private String publicKey;

    @Column(nullable = false)
    private String name;

    @Convert(converter = JsonbConverter.class)
    @Column(nullable = false)
    private JsonValue fields;

    @Convert(converter = TextArrayColumn.class)
    @Column(name = "allowed_origins", nullable = false)
    private List<String> allowedOrigins;

    @Column(nullable = false)
    private String owner;

    @org.eclipse.persistence.annotations.Convert(UuidColumn.NAME)
    @Column(name = "sequence_id")
    private UUID sequenceId;

    @Column(name = "success_message")
    private String successMessage;

    @Column(nullable = false)
    private boolean active;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    @Version
    private long version;

    protected WebForm() {
        // for JPA
    }

    public WebForm(Definition definition, String createdBy) {
        this.id = UUID.randomUUID();
        byte[] key = new byte[16];
        RANDOM.nextBytes(key);
        this.publicKey = Base64.getUrlEncoder().withoutPadding().encodeToString(key);
        this.createdBy = createdBy;
        this.createdAt = Timestamps.now();
        change(definition);
    }

    public void change(Definition d) {
        this.name = Fields.required("name", d.name(), 200);
        if (d.fields() == null || d.fields().isEmpty() || d.fields().size() > MAX_FIELDS) {
            throw new InvalidInput("fields", "list 1 to " + MAX_FIELDS + " fields");
        }
        Set<String> seen = new HashSet<>();
        JsonArrayBuilder list = Json.createArrayBuilder();
        boolean lastName = false;
        for (int i = 0; i < d.fields().size(); i++) {
            Field field = d.fields().get(i);
            String where = "fields[" + i + "]";
            if (field == null || field.name() == null
                    || !(STANDARD_FIELDS.contains(field.name()) || CUSTOM_FIELD.matcher(field.name()).matches())) {
                throw new InvalidInput(where + ".name", "must be one of " + new java.util.TreeSet<>(STANDARD_FIELDS)
                        + " or custom.<name> of a lead custom field");
            }
            if (!seen.add(field.name())) {
                throw new InvalidInput(where + ".name", "'" + field.name() + "' is listed twice");
            }
            if (field.name().equals("lastName")) {
                if (!field.required()) {
                    throw new InvalidInput(where + ".required", "lastName is required: a lead has one");
                }
                lastName = true;
            }
            list.add(Json.createObjectBuilder().add("name", field.name())
                    .add("label", Fields.required(where + ".label", field.label(), 200))
                    .add("required", field.required()));
        }
        if (!lastName) {
            throw new InvalidInput("fields", "must include lastName (required): a lead has one");
        }
        this.fields = list.build();
        this.allowedOrigins = origins(d.allowedOrigins());
        this.owner = Fields.required("owner", d.owner(), 100);
        this.sequenceId = d.sequenceId();
        this.successMessage = Fields.optional("successMessage", d.successMessage(), 1000);
        this.active = d.active() == null || d.active();
        this.updatedAt = Timestamps.now();
    }

    /** Origins as browsers send them: {@code scheme://host[:port]}, lower case, no path; http(s) only. */
    private static List<String> origins(List<String> given) {
        if (given == null) {
            return List.of();
        }
        if (given.size() > MAX_ORIGINS) {
            throw new InvalidInput("allowedOrigins", "at most " + MAX_ORIGINS);
        }
        List<String> origins = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String value = given.get(i) == null ? "" : given.get(i).strip().toLowerCase(Locale.ROOT);
            URI uri;
            try {
                uri = new URI(value);
            } catch (java.net.URISyntaxException e) {
                uri = null;
            }
            if (uri == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                    || uri.getHost() == null || uri.getRawUserInfo() != null
                    || !(uri.getRawPath() == null || uri.getRawPath().isEmpty()) || uri.getRawQuery() != null
                    || uri.getRawFragment() != null || value.length() > 200) {
                throw new InvalidInput("allowedOrigins[" + i + "]", "must be an origin such as"
                        + " https://www.example.com (scheme, host, optional port; no path)");
            }
            if (!origins.contains(value)) {
                origins.add(value);
            }
        }
        return origins;
    }

    public List<Field> fields() {
        List<Field> list = new ArrayList<>();
        for (JsonValue value : fields.asJsonArray()) {
            JsonObject field = value.asJsonObject();
            list.add(new Field(field.getString("name"), field.getString("label"), field.getBoolean("required")));
        }
        return list;
    }

    public boolean allowsOrigin(String origin) {
        return origin != null && allowedOrigins.contains(origin.strip().toLowerCase(Locale.ROOT));
    }

    public UUID id() {
        return id;
    }

    public String publicKey() {
        return publicKey;
    }

    public String name() {
        return name;
    }

    public List<String> allowedOrigins() {
        return List.copyOf(allowedOrigins);
    }

    public String owner() {
        return owner;
    }

    public UUID sequenceId() {
        return sequenceId;
    }

    public String successMessage() {
        return successMessage;
    }

    public boolean active() {
        return active;
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
