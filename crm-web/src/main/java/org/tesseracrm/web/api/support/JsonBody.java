package org.tesseracrm.web.api.support;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.Timestamps;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * A JSON object body read strictly: unknown fields and values of the wrong type are a 400 naming the field, never
 * silently ignored. Which fields were present is kept, so updates change only what the client sent.
 */
public final class JsonBody {

    private final JsonObject json;
    private final String prefix;

    private JsonBody(JsonObject json, String prefix) {
        this.json = json;
        this.prefix = prefix;
    }

    /** The body, refusing a missing body and fields not in {@code allowed}. */
    public static JsonBody of(JsonValue body, Set<String> allowed) {
        return of(body, allowed, "");
    }

    static JsonBody of(JsonValue body, Set<String> allowed, String prefix) {
        if (body == null || body.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidInput(prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1),
                    "must be a JSON object");
        }
        JsonObject json = body.asJsonObject();
        for (String name : json.keySet()) {
            if (!allowed.contains(name)) {
                throw new InvalidInput(prefix + shorten(name), "is not a field here; fields: "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
        return new JsonBody(json, prefix);
    }

    /** The fields the body carried. */
    public Set<String> present() {
        return new LinkedHashSet<>(json.keySet());
    }

    public boolean has(String name) {
        return json.containsKey(name);
    }

    /** The field's JSON value as sent ({@code null} when absent or null). */
    public JsonValue raw(String name) {
        return value(name);
    }

    private JsonValue value(String name) {
        JsonValue value = json.get(name);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : value;
    }

    private InvalidInput wrongType(String name, String expected) {
        return new InvalidInput(prefix + name, "must be " + expected);
    }

    public String string(String name) {
        JsonValue value = value(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonString)) {
            throw wrongType(name, "a string");
        }
        return ((JsonString) value).getString();
    }

    public UUID uuid(String name) {
        String text = string(name);
        try {
            return text == null ? null : UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw wrongType(name, "an id (UUID)");
        }
    }

    public OffsetDateTime timestamp(String name) {
        String text = string(name);
        try {
            return text == null ? null : Timestamps.supported(prefix + name, OffsetDateTime.parse(text));
        } catch (DateTimeParseException e) {
            throw wrongType(name, "a date-time with offset, e.g. 2026-11-23T10:15:00Z");
        }
    }

    public LocalDate date(String name) {
        String text = string(name);
        try {
            return text == null ? null : Timestamps.supported(prefix + name, LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            throw wrongType(name, "a date, e.g. 2026-11-23");
        }
    }

    public BigDecimal decimal(String name) {
        JsonValue value = value(name);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonNumber number) {
            return number.bigDecimalValue();
        }
        // amounts are sent back as strings (Money), so clients may send them the same way
        if (value instanceof JsonString text && text.getString().matches(Money.PATTERN)) {
            return new BigDecimal(text.getString());
        }
        throw wrongType(name, "a number or a decimal string such as \"1200.50\"");
    }

    public Integer integer(String name) {
        JsonValue value = value(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonNumber number)) {
            throw wrongType(name, "a whole number");
        }
        try {
            return number.bigDecimalValue().intValueExact();
        } catch (ArithmeticException e) {
            throw wrongType(name, "a whole number");
        }
    }

    public Boolean bool(String name) {
        JsonValue value = value(name);
        if (value == null) {
            return null;
        }
        if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
            throw wrongType(name, "true or false");
        }
        return value == JsonValue.TRUE;
    }

    public List<String> strings(String name) {
        JsonArray array = array(name);
        if (array == null) {
            return null;
        }
        List<String> strings = new ArrayList<>();
        for (JsonValue element : array) {
            if (!(element instanceof JsonString)) {
                throw wrongType(name, "a list of strings");
            }
            strings.add(((JsonString) element).getString());
        }
        return strings;
    }

    public JsonArray array(String name) {
        JsonValue value = value(name);
        if (value == null) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw wrongType(name, "a list");
        }
        return value.asJsonArray();
    }

    public JsonObject object(String name) {
        JsonValue value = value(name);
        if (value == null) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw wrongType(name, "an object");
        }
        return value.asJsonObject();
    }

    /** A nested object read with its own allowed fields; errors name it as {@code outer.inner}. */
    public JsonBody nested(String name, Set<String> allowed) {
        return of(json.get(name), allowed, prefix + name + ".");
    }

    /** Element {@code index} of a list of objects, read strictly; errors name it as {@code list[3].field}. */
    public static JsonBody element(JsonArray list, int index, String listName, Set<String> allowed) {
        return of(list.get(index), allowed, listName + "[" + index + "].");
    }

    private static String shorten(String name) {
        return name.length() > 40 ? name.substring(0, 40) + "…" : name;
    }
}
