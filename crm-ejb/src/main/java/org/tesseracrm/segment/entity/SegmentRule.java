package org.tesseracrm.segment.entity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.tesseracrm.platform.entity.InvalidInput;

import static org.tesseracrm.platform.entity.JsonValues.JSON;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * A segment's rules as a tree: a group ({@code {"all": [...]}} or {@code {"any": [...]}}) of conditions and groups,
 * or one condition ({@code {"field": "tags", "operator": "has", "value": "vip"}}, engagement counts with
 * {@code "withinDays": 30}). Parsed strictly, with bounded depth and size, so a stored rule is always one the compiler
 * accepts; the field names and operators are checked against the object's fields by {@code SegmentSql}.
 */
public sealed interface SegmentRule permits SegmentRule.Group, SegmentRule.Condition {

    int MAX_DEPTH = 5;
    int MAX_CONDITIONS = 50;
    int MAX_VALUES = 100;
    int MAX_WITHIN_DAYS = 3650;

    /** AND ({@code all}) or OR ({@code any}) of its rules. */
    record Group(boolean all, List<SegmentRule> rules) implements SegmentRule {
        public Group {
            rules = List.copyOf(rules);
        }
    }

    /** One comparison; {@code withinDays} narrows engagement and activity counts to the last N days. */
    record Condition(String field, String operator, List<String> values, Integer withinDays) implements SegmentRule {
        public Condition {
            values = List.copyOf(values);
        }
    }

    /** The rule tree of a request or of a stored segment; {@link InvalidInput} naming the place that is wrong. */
    static SegmentRule parse(JsonValue json) {
        int[] conditions = {0};
        SegmentRule rule = parse(json, "rules", 1, conditions);
        if (!(rule instanceof Group)) {
            throw new InvalidInput("rules", "must be a group: {\"all\": [...]} or {\"any\": [...]}");
        }
        return rule;
    }

    private static SegmentRule parse(JsonValue json, String where, int depth, int[] conditions) {
        if (!(json instanceof JsonObject node)) {
            throw new InvalidInput(where, "must be an object");
        }
        if (node.containsKey("all") || node.containsKey("any")) {
            if (node.size() != 1) {
                throw new InvalidInput(where, "a group has exactly one of all or any, and nothing else");
            }
            if (depth > MAX_DEPTH) {
                throw new InvalidInput(where, "nests deeper than " + MAX_DEPTH + " groups");
            }
            boolean all = node.containsKey("all");
            String key = all ? "all" : "any";
            if (!(node.get(key) instanceof JsonArray members) || members.isEmpty()) {
                throw new InvalidInput(where + "." + key, "must be a non-empty array");
            }
            List<SegmentRule> rules = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                rules.add(parse(members.get(i), where + "." + key + "[" + i + "]", depth + 1, conditions));
            }
            return new Group(all, rules);
        }
        for (String name : node.keySet()) {
            if (!Set.of("field", "operator", "value", "values", "withinDays").contains(name)) {
                throw new InvalidInput(where + "." + name, "is not a part of a condition (field, operator, value,"
                        + " values, withinDays) or of a group (all, any)");
            }
        }
        if (++conditions[0] > MAX_CONDITIONS) {
            throw new InvalidInput("rules", "has more than " + MAX_CONDITIONS + " conditions");
        }
        String field = text(node.get("field"), where + ".field");
        String operator = node.containsKey("operator") ? text(node.get("operator"), where + ".operator") : "eq";
        List<String> values = new ArrayList<>();
        if (node.containsKey("values") == node.containsKey("value")) {
            throw new InvalidInput(where + ".value", "give value or values (one of them)");
        }
        if (node.containsKey("values")) {
            if (!(node.get("values") instanceof JsonArray array) || array.isEmpty() || array.size() > MAX_VALUES) {
                throw new InvalidInput(where + ".values", "must be an array of 1 to " + MAX_VALUES + " values");
            }
            for (int i = 0; i < array.size(); i++) {
                values.add(scalar(array.get(i), where + ".values[" + i + "]"));
            }
        } else {
            values.add(scalar(node.get("value"), where + ".value"));
        }
        Integer withinDays = null;
        if (node.containsKey("withinDays")) {
            if (!(node.get("withinDays") instanceof JsonNumber days) || !days.isIntegral()
                    || days.longValue() < 1 || days.longValue() > MAX_WITHIN_DAYS) {
                throw new InvalidInput(where + ".withinDays", "must be a whole number of days from 1 to "
                        + MAX_WITHIN_DAYS);
            }
            withinDays = days.intValue();
        }
        return new Condition(field, operator.toLowerCase(Locale.ROOT), values, withinDays);
    }

    private static String text(JsonValue value, String where) {
        if (!(value instanceof JsonString string) || string.getString().isBlank()) {
            throw new InvalidInput(where, "is required and must be a string");
        }
        if (string.getString().length() > 100) {
            throw new InvalidInput(where, "must be at most 100 characters");
        }
        return string.getString();
    }

    private static String scalar(JsonValue value, String where) {
        String text;
        if (value instanceof JsonString string) {
            text = string.getString();
        } else if (value instanceof JsonNumber || value == JsonValue.TRUE || value == JsonValue.FALSE) {
            text = value.toString();
        } else {
            throw new InvalidInput(where, "must be a string, number or boolean");
        }
        if (text.length() > 500) {
            throw new InvalidInput(where, "must be at most 500 characters");
        }
        if (text.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
            throw new InvalidInput(where, "must not contain control characters");
        }
        return text;
    }

    /** The rule as JSON, in the shape {@link #parse} reads (how it is stored and shown). */
    default JsonObject toJson() {
        if (this instanceof Group group) {
            JsonArrayBuilder members = JSON.createArrayBuilder();
            group.rules().forEach(rule -> members.add(rule.toJson()));
            return JSON.createObjectBuilder().add(group.all() ? "all" : "any", members).build();
        }
        Condition condition = (Condition) this;
        JsonObjectBuilder json = JSON.createObjectBuilder().add("field", condition.field())
                .add("operator", condition.operator());
        if (condition.values().size() == 1) {
            json.add("value", condition.values().get(0));
        } else {
            JsonArrayBuilder values = JSON.createArrayBuilder();
            condition.values().forEach(values::add);
            json.add("values", values);
        }
        if (condition.withinDays() != null) {
            json.add("withinDays", condition.withinDays());
        }
        return json.build();
    }
}
