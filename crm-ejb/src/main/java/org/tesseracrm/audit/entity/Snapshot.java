package org.tesseracrm.audit.entity;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.tesseracrm.platform.entity.JsonValues.JSON;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/** The auditable state of a record at one moment: field name to a plain value, compared to find what changed. */
public final class Snapshot {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    /** Adds a field; dates, ids and enums are kept as their string form so before and after compare as text. */
    public Snapshot with(String field, Object value) {
        fields.put(field, plain(value));
        return this;
    }

    /**
     * The snapshot of a record that keeps its state as a field map (deals, pipelines, tasks), leaving out bookkeeping
     * fields such as the version, which would otherwise show as a change on every write.
     */
    public static Snapshot of(Map<String, ?> state, Set<String> leaveOut) {
        Snapshot snapshot = new Snapshot();
        state.forEach((field, value) -> {
            if (!leaveOut.contains(field)) {
                snapshot.with(field, value);
            }
        });
        return snapshot;
    }

    /** {@code {"field": {"before": …, "after": …}}} for the fields whose values differ. */
    public static JsonObject changes(Snapshot before, Snapshot after) {
        JsonObjectBuilder changes = JSON.createObjectBuilder();
        Map<String, Object> old = before == null ? Map.of() : before.fields;
        Map<String, Object> now = after == null ? Map.of() : after.fields;
        LinkedHashMap<String, Object> all = new LinkedHashMap<>(old);
        now.forEach(all::putIfAbsent);
        for (String field : all.keySet()) {
            Object a = old.get(field);
            Object b = now.get(field);
            if (!Objects.equals(a, b)) {
                changes.add(field, JSON.createObjectBuilder().add("before", json(a)).add("after", json(b)));
            }
        }
        return changes.build();
    }

    private static Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof JsonValue) {
            return value;
        }
        if (value instanceof BigDecimal) {
            return ((BigDecimal) value).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Number) {
            return ((Number) value).longValue();
        }
        if (value instanceof Collection) {
            return ((Collection<?>) value).stream().map(Snapshot::plain).toList();
        }
        if (value instanceof Map) {
            // nested state (a pipeline's stages) compares and shows as JSON objects
            JsonObjectBuilder object = JSON.createObjectBuilder();
            ((Map<?, ?>) value).forEach((name, element) -> object.add(String.valueOf(name), json(plain(element))));
            return object.build();
        }
        return value.toString();
    }

    private static JsonValue json(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        }
        if (value instanceof JsonValue) {
            return (JsonValue) value;
        }
        if (value instanceof Boolean) {
            return (Boolean) value ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value instanceof Long) {
            return JSON.createValue((Long) value);
        }
        if (value instanceof Collection) {
            JsonArrayBuilder array = JSON.createArrayBuilder();
            ((Collection<?>) value).forEach(element -> array.add(json(element)));
            return array.build();
        }
        return JSON.createValue(value.toString());
    }
}
