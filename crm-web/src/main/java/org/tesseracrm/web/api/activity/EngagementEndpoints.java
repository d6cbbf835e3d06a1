package org.tesseracrm.web.api.activity;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import org.tesseracrm.activity.boundary.Engagements;
import org.tesseracrm.activity.boundary.Timelines;
import org.tesseracrm.activity.entity.Activity;
import org.tesseracrm.activity.entity.ActivityDetails;
import org.tesseracrm.activity.entity.ActivityType;
import org.tesseracrm.activity.entity.Subject;
import org.tesseracrm.platform.entity.Fields;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.Timestamps;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.api.support.JsonBody;
import org.tesseracrm.web.api.support.ListParams;
import org.tesseracrm.web.api.support.Paged;
import org.tesseracrm.web.api.support.Versions;
import static org.tesseracrm.platform.entity.JsonValues.JSON;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * What the lead, contact, account and deal resources share: logging calls, meetings, e-mails and notes with type-specific
 * fields, and reading the timeline. Each resource exposes these under its own path.
 */
@RequestScoped
public class EngagementEndpoints {

    private static final Set<String> CALL = Set.of("subject", "body", "outcome", "durationSeconds", "objections",
            "nextSteps", "scheduledFor", "completedAt", "followUpAt", "recordingUrl", "metadata");
    private static final Set<String> MEETING = Set.of("subject", "body", "outcome", "durationSeconds", "location",
            "attendees", "nextSteps", "scheduledFor", "completedAt", "followUpAt", "timeZone", "link", "metadata");
    private static final Set<String> EMAIL = Set.of("subject", "body", "direction", "to", "cc", "completedAt",
            "followUpAt", "metadata");
    private static final Set<String> NOTE = Set.of("subject", "body", "followUpAt", "metadata");
    private static final Set<String> TIMELINE_PARAMS = Set.of("types", "from", "to", "q", "limit", "after");

    @Inject
    Engagements engagements;

    @Inject
    Timelines timelines;

    @Inject
    Callers callers;

    /** Logs one engagement of {@code kind} (calls, meetings, emails, notes) on the subject: 201 with the activity. */
    public Response log(Subject subject, String kind, JsonValue json, UriInfo uriInfo) {
        Activity activity;
        switch (kind) {
            case "calls" -> {
                JsonBody body = JsonBody.of(json, CALL);
                JsonObjectBuilder extra = metadata(body);
                String recording = Fields.optional("recordingUrl", body.string("recordingUrl"), 2000);
                if (recording != null) {
                    requireHttpUrl("recordingUrl", recording);
                    extra.add("recordingUrl", recording);
                }
                activity = engagements.log(subject, new ActivityDetails(ActivityType.CALL, body.string("subject"),
                        body.string("body"), body.string("outcome"), body.integer("durationSeconds"), null, null,
                        body.string("objections"), body.string("nextSteps"), body.timestamp("scheduledFor"),
                        body.timestamp("completedAt"), extra.build()), body.timestamp("followUpAt"), false,
                        callers.current());
            }
            case "meetings" -> {
                JsonBody body = JsonBody.of(json, MEETING);
                JsonObjectBuilder extra = metadata(body);
                String timeZone = Fields.optional("timeZone", body.string("timeZone"), 64);
                if (timeZone != null) {
                    try {
                        java.time.ZoneId.of(timeZone);
                    } catch (java.time.DateTimeException e) {
                        throw new InvalidInput("timeZone", "is not a time zone such as Europe/Berlin");
                    }
                    extra.add("timeZone", timeZone);
                }
                String link = Fields.optional("link", body.string("link"), 2000);
                if (link != null) {
                    requireHttpUrl("link", link);
                    extra.add("link", link);
                }
                activity = engagements.log(subject, new ActivityDetails(ActivityType.MEETING, body.string("subject"),
                        body.string("body"), body.string("outcome"), body.integer("durationSeconds"),
                        body.string("location"), body.array("attendees"), null, body.string("nextSteps"),
                        body.timestamp("scheduledFor"), body.timestamp("completedAt"), extra.build()),
                        body.timestamp("followUpAt"), false, callers.current());
            }
            case "emails" -> {
                JsonBody body = JsonBody.of(json, EMAIL);
                JsonObjectBuilder extra = metadata(body);
                String direction = body.string("direction");
                if (direction != null && !direction.equals("outbound") && !direction.equals("inbound")) {
                    throw new InvalidInput("direction", "must be outbound or inbound");
                }
                boolean inbound = "inbound".equals(direction);
                extra.add("direction", inbound ? "inbound" : "outbound");
                extra.add("to", addresses(body, "to"));
                extra.add("cc", addresses(body, "cc"));
                OffsetDateTime sentAt = body.timestamp("completedAt");
                activity = engagements.log(subject, new ActivityDetails(ActivityType.EMAIL, body.string("subject"),
                        body.string("body"), null, null, null, null, null, null, null,
                        sentAt == null ? Timestamps.now() : sentAt, extra.build()),
                        body.timestamp("followUpAt"), inbound, callers.current());
            }
            case "notes" -> {
                JsonBody body = JsonBody.of(json, NOTE);
                activity = engagements.log(subject, new ActivityDetails(ActivityType.NOTE, body.string("subject"),
                        body.string("body"), null, null, null, null, null, null, null, null, body.object("metadata")),
                        body.timestamp("followUpAt"), false, callers.current());
            }
            default -> throw new InvalidInput("kind", "must be calls, meetings, emails or notes");
        }
        URI location = uriInfo.getBaseUriBuilder().path("activities").path(activity.id().toString()).build();
        return Response.created(location).entity(ActivityResponse.of(activity))
                .tag(Versions.tag(activity.version())).build();
    }

    /** {@code ?types=CALL,NOTE,STATUS_CHANGE,STAGE_CHANGE,TASK&from=…&to=…&q=…&limit=50&after=…} */
    public Paged<TimelineEntryResponse> timeline(Subject subject, MultivaluedMap<String, String> query) {
        for (String name : query.keySet()) {
            if (!TIMELINE_PARAMS.contains(name)) {
                throw new InvalidInput(name.length() > 40 ? name.substring(0, 40) : name,
                        "is not a timeline parameter; parameters: types, from, to, q, limit, after");
            }
            if (query.get(name).size() > 1) {
                throw new InvalidInput(name, "may be given once");
            }
        }
        Set<String> kinds = new LinkedHashSet<>();
        String types = query.getFirst("types");
        if (types != null && !types.isBlank()) {
            for (String type : Arrays.asList(types.split(","))) {
                String kind = type.strip().toUpperCase(Locale.ROOT);
                if (!Timelines.kinds().contains(kind)) {
                    throw new InvalidInput("types", "may list " + String.join(", ", Timelines.kinds().stream()
                            .sorted().toList()));
                }
                kinds.add(kind);
            }
        }
        String limit = query.getFirst("limit");
        int size;
        try {
            size = limit == null ? ListParams.DEFAULT_LIMIT : Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw new InvalidInput("limit", "must be a whole number between 1 and " + Timelines.MAX_LIMIT);
        }
        return Paged.of(timelines.timeline(subject, kinds, instant(query, "from"), instant(query, "to"),
                query.getFirst("q"), size, query.getFirst("after")), TimelineEntryResponse::of);
    }

    private static OffsetDateTime instant(MultivaluedMap<String, String> query, String name) {
        String value = query.getFirst(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        return Timestamps.parseInstant(name, value);
    }

    private static JsonObjectBuilder metadata(JsonBody body) {
        JsonObject given = body.object("metadata");
        return given == null ? JSON.createObjectBuilder() : JSON.createObjectBuilder(given);
    }

    private static JsonArray addresses(JsonBody body, String field) {
        var list = JSON.createArrayBuilder();
        var given = body.strings(field);
        if (given != null) {
            if (given.size() > 100) {
                throw new InvalidInput(field, "may list at most 100 addresses");
            }
            for (int i = 0; i < given.size(); i++) {
                String address = Fields.email(field + "[" + i + "]", given.get(i));
                if (address == null) {
                    throw new InvalidInput(field + "[" + i + "]", "is not an e-mail address");
                }
                list.add(address);
            }
        }
        return list.build();
    }

    private static void requireHttpUrl(String field, String url) {
        if (!(url.startsWith("https://") || url.startsWith("http://")) || url.contains(" ")) {
            throw new InvalidInput(field, "must be an http(s) URL");
        }
    }
}
