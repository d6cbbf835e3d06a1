package org.tesseracrm.web.console.record;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.tesseracrm.customfield.entity.CustomFieldDefinition;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * A record's custom fields as a 360 page shows and edits them: one input per field the tenant defined for the kind
 * of record, in the definitions' order, values as text. Turned back into JSON with each field's type; the boundary's
 * {@code CustomFieldRules} check the values as for the API.
 */
public final class CustomFieldInputs implements Serializable {

    private static final long serialVersionUID = 1L;

    /** One custom field: its definition's name, label, type and choices, and the value as text. */
    public static final class Input implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String name;
        private final String label;
        private final String type;
        private final List<String> choices;
        private String value;

        Input(String name, String label, String type, List<String> choices, String value) {
            this.name = name;
            this.label = label;
            this.type = type;
            this.choices = List.copyOf(choices);
            this.value = value;
        }

        public String getName() {
            return name;
        }
        public String getLabel() {
            return label;
        }
        public String getType() {
            return type;
        }
        public List<String> getChoices() {
            return choices;
        }
        public String getValue() {
            return value;
        }
        public void setValue(String value) {
            this.value = value == null ? "" : value;
        }
    }

    private final List<Input> inputs;
    private final JsonObject others;
    private final JsonObject stored;

    private CustomFieldInputs(List<Input> inputs, JsonObject others, JsonObject stored) {
        this.inputs = inputs;
        this.others = others;
        this.stored = stored;
    }

    /** The inputs for {@code objectType}'s definitions filled from {@code values}. */
    public static CustomFieldInputs of(List<CustomFieldDefinition> definitions, String objectType, JsonObject values) {
        List<Input> inputs = new ArrayList<>();
        JsonObjectBuilder others = Json.createObjectBuilder(values);
        definitions.stream().filter(d -> d.objectType().equals(objectType)).forEach(d -> {
            inputs.add(new Input(d.name(), d.label(), d.fieldType(), d.choices() == null ? List.of() : d.choices(),
                    text(values.get(d.name()))));
            others.remove(d.name());
        });
        return new CustomFieldInputs(inputs, others.build(), values);
    }

    private static String text(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return "";
        }
        if (value instanceof JsonString s) {
            return s.getString();
        }
        return value instanceof JsonNumber n ? n.bigDecimalValue().toPlainString() : value.toString();
    }

    /**
     * The values as the record stores them; an empty input leaves its field out, values of fields no longer defined
     * are kept as they were. A number that is none is refused with {@link EngagementForms.Unreadable}.
     */
    public JsonObject toJson() {
        JsonObjectBuilder json = Json.createObjectBuilder(others);
        for (Input input : inputs) {
            String value = input.getValue() == null ? "" : input.getValue().strip();
            if (value.isEmpty()) {
                continue;
            }
            switch (input.getType()) {
                case "number" -> {
                    try {
                        json.add(input.getName(), new BigDecimal(value));
                    } catch (NumberFormatException e) {
                        throw new EngagementForms.Unreadable("customFields", e);
                    }
                }
                case "boolean" -> json.add(input.getName(), Boolean.parseBoolean(value));
                default -> json.add(input.getName(), value);
            }
        }
        return json.build();
    }

    /** Whether the inputs say something else than the record held when it was read. */
    public boolean changed() {
        return !toJson().equals(stored);
    }

    public List<Input> getInputs() {
        return inputs;
    }
}
