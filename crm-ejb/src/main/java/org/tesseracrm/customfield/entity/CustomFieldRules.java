package org.tesseracrm.customfield.entity;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.tesseracrm.platform.entity.InvalidInput;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** The custom fields of one object type, checked together: unknown names and wrong types are refused. */
public final class CustomFieldRules {

    private final String objectType;
    private final Map<String, CustomFieldDefinition> byName;

    public CustomFieldRules(String objectType, List<CustomFieldDefinition> definitions) {
        this.objectType = objectType;
        this.byName = definitions.stream()
                .collect(Collectors.toMap(CustomFieldDefinition::name, Function.identity()));
    }

    /** The values, checked; {@code null} is an empty object. */
    public JsonObject check(JsonObject values) {
        JsonObject given = values == null ? JsonValue.EMPTY_JSON_OBJECT : values;
        for (String name : given.keySet()) {
            if (!byName.containsKey(name)) {
                throw new InvalidInput("customFields." + (name.length() > 40 ? name.substring(0, 40) : name),
                        "is not a custom field of " + objectType + " (an admin defines them first)");
            }
        }
        byName.values().forEach(definition -> definition.check(given.get(definition.name())));
        return given;
    }
}
