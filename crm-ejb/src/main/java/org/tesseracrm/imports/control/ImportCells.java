package org.tesseracrm.imports.control;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.tesseracrm.customfield.entity.CustomFieldDefinition;
import org.tesseracrm.imports.entity.ImportPlan;
import org.tesseracrm.imports.entity.ImportPlan.Row;
import org.tesseracrm.platform.entity.Timestamps;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

/**
 * A staged row's cells read into the API's terms, the same for every kind of record: the mapped fields' values
 * (stripped; control characters refused), custom fields typed by their definitions and joined with a
 * {@code customFields} JSON column, and the fields the row carries (blank cells leave a field alone).
 */
public final class ImportCells {

    /** What a row holds: the text per field, the present fields, the custom fields (null: none). */
    public record Cells(Map<String, String> values, Set<String> present, JsonObject customFields) {
    }

    private ImportCells() {
    }

    /** {@code presentAs}: a field that counts as another one being present (a contact's accountName: accountId). */
    public static Cells read(ImportPlan plan, Row row, Map<String, CustomFieldDefinition> definitions,
            Map<String, String> presentAs) {
        List<String> fields = plan.fields();
        if (row.cells().size() > fields.size()) {
            throw new org.tesseracrm.platform.entity.InvalidInput("row", "has " + row.cells().size()
                    + " cells; the header has " + fields.size());
        }
        Set<String> present = new HashSet<>();
        Map<String, String> values = new HashMap<>();
        JsonObjectBuilder custom = null;
        for (int i = 0; i < row.cells().size(); i++) {
            String field = fields.get(i);
            String cell = row.cells().get(i);
            if (field == null || cell.isBlank()) {
                continue;
            }
            if (cell.chars().anyMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
                throw new org.tesseracrm.platform.entity.InvalidInput(field, "contains a control character");
            }
            String value = cell.strip();
            if (field.startsWith(ImportColumns.CUSTOM_PREFIX)) {
                CustomFieldDefinition definition = definitions.get(field.substring(ImportColumns.CUSTOM_PREFIX
                        .length()));
                if (definition == null) {
                    throw new org.tesseracrm.platform.entity.InvalidInput(field, "is no longer a custom field");
                }
                if (custom == null) {
                    custom = Json.createObjectBuilder();
                }
                custom.add(definition.name(), customValue(field, definition, value));
                present.add("customFields");
            } else {
                values.put(field, value);
                present.add(presentAs.getOrDefault(field, field));
            }
        }
        JsonObject customFields = values.containsKey("customFields")
                ? jsonObject(values.get("customFields"))
                : null;
        if (custom != null) {
            JsonObjectBuilder all = customFields == null
                    ? Json.createObjectBuilder()
                    : Json.createObjectBuilder(customFields);
            custom.build().forEach(all::add);
            customFields = all.build();
        }
        return new Cells(values, present, customFields);
    }

    static JsonValue customValue(String field, CustomFieldDefinition definition, String value) {
        switch (definition.fieldType()) {
            case "number" :
                try {
                    BigDecimal number = new BigDecimal(value);
                    if (number.precision() > 30 || Math.abs(number.scale()) > 30) {
                        throw new NumberFormatException();
                    }
                    return Json.createValue(number);
                } catch (NumberFormatException e) {
                    throw new org.tesseracrm.platform.entity.InvalidInput(field, "must be a number");
                }
            case "boolean" :
                return switch (value.toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "y", "1", "ja", "oui" -> JsonValue.TRUE;
                    case "false", "no", "n", "0", "nein", "non" -> JsonValue.FALSE;
                    default -> throw new org.tesseracrm.platform.entity.InvalidInput(field, "must be true or false");
                };
            default :
                return Json.createValue(value);
        }
    }

    static JsonObject jsonObject(String text) {
        try (JsonReader reader = Json.createReader(new java.io.StringReader(text))) {
            return reader.readObject();
        } catch (RuntimeException | StackOverflowError e) {
            throw new org.tesseracrm.platform.entity.InvalidInput("customFields", "must be a JSON object");
        }
    }

    public static UUID uuid(String field, String text) {
        if (text == null) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new org.tesseracrm.platform.entity.InvalidInput(field, "must be a UUID");
        }
    }

    /** Tags separated by commas (as the export writes them) or semicolons. */
    public static List<String> tags(String text) {
        if (text == null) {
            return null;
        }
        List<String> tags = new ArrayList<>();
        for (String tag : text.split("[,;]")) {
            if (!tag.isBlank()) {
                tags.add(tag.strip());
            }
        }
        return tags;
    }

    /** An instant (2026-03-01T10:00:00Z) or a date (2026-03-01, midnight UTC). */
    public static java.time.OffsetDateTime instant(String field, String text) {
        if (text == null) {
            return null;
        }
        if (text.length() == 10) {
            try {
                return Timestamps.supported(field, LocalDate.parse(text)).atStartOfDay()
                        .atOffset(ZoneOffset.UTC);
            } catch (java.time.format.DateTimeParseException e) {
                // not a date: read as an instant below, which names the field in its error
            }
        }
        return Timestamps.parseInstant(field, text);
    }
}
