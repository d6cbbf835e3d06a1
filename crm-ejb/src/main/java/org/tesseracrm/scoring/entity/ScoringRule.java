package org.tesseracrm.scoring.entity;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

import org.tesseracrm.platform.entity.Fields;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.JsonbConverter;
import org.tesseracrm.platform.entity.Timestamps;
import org.tesseracrm.segment.entity.SegmentRule;

import jakarta.json.JsonValue;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * One scoring rule. A {@code profile} rule gives its points to every lead its conditions (segment rule language)
 * match; an {@code engagement} rule gives them for each occurrence of its event, fading with the workspace's
 * half-life unless {@code decays} is false. Negative points are penalties (bounces, unsubscribes, a wrong industry).
 */
@Entity
@Table(name = "scoring_rule")
public class ScoringRule {

    public static final String PROFILE = "profile";
    public static final String ENGAGEMENT = "engagement";
    public static final Set<String> EVENTS = Set.of("email_opened", "email_clicked", "email_replied",
            "email_bounced", "unsubscribed", "call_completed", "meeting_held", "form_submitted");
    public static final int MAX_POINTS = 1000;

    @Id
    private UUID id;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String kind;

    @Convert(converter = JsonbConverter.class)
    private JsonValue conditions;

    private String event;

    @Column(nullable = false)
    private int points;

    @Column(nullable = false)
    private boolean decays;

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

    protected ScoringRule() {
        // for JPA
    }

    public ScoringRule(Definition definition, String createdBy) {
        this.id = UUID.randomUUID();
        this.createdBy = createdBy;
        this.createdAt = Timestamps.now();
        change(definition);
    }

    /** What an administrator writes. */
    public record Definition(String name, String kind, SegmentRule conditions, String event, Integer points,
            Boolean decays, Boolean active) {
    }

    public void change(Definition d) {
        this.name = Fields.required("name", d.name(), 200);
        if (!PROFILE.equals(d.kind()) && !ENGAGEMENT.equals(d.kind())) {
            throw new InvalidInput("kind", "must be profile (points for who the lead is) or engagement (points per"
                    + " event)");
        }
        if (PROFILE.equals(d.kind()) && (d.conditions() == null || d.event() != null)) {
            throw new InvalidInput("conditions", "a profile rule needs conditions and takes no event");
        }
        if (ENGAGEMENT.equals(d.kind()) && (d.event() == null || d.conditions() != null)) {
            throw new InvalidInput("event", "an engagement rule needs an event and takes no conditions");
        }
        if (d.event() != null && !EVENTS.contains(d.event())) {
            throw new InvalidInput("event", "must be one of " + new java.util.TreeSet<>(EVENTS));
        }
        if (d.points() == null || d.points() == 0 || Math.abs(d.points()) > MAX_POINTS) {
            throw new InvalidInput("points", "is required, from -" + MAX_POINTS + " to " + MAX_POINTS + ", not 0");
        }
        if (PROFILE.equals(d.kind()) && d.decays() != null) {
            throw new InvalidInput("decays", "applies to engagement rules only: profile points do not fade");
        }
        this.kind = d.kind();
        this.conditions = d.conditions() == null ? null : d.conditions().toJson();
        this.event = d.event();
        this.points = d.points();
        this.decays = ENGAGEMENT.equals(kind) && (d.decays() == null || d.decays());
        this.active = d.active() == null || d.active();
        this.updatedAt = Timestamps.now();
    }

    // @formatter:off
    public UUID id() { return id; }
    public String name() { return name; }
    public String kind() { return kind; }
    public boolean isProfile() { return PROFILE.equals(kind); }
    /** The conditions of a profile rule; null for an engagement rule. */
    public SegmentRule conditions() {
        return conditions == null || conditions == JsonValue.NULL ? null : SegmentRule.parse(conditions);
    }
    public String event() { return event; }
    public int points() { return points; }
    public boolean decays() { return decays; }
    public boolean active() { return active; }
    public OffsetDateTime createdAt() { return createdAt; }
    public OffsetDateTime updatedAt() { return updatedAt; }
    public String createdBy() { return createdBy; }
    public long version() { return version; }
    // @formatter:on
}
