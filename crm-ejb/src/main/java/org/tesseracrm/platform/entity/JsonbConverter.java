package org.tesseracrm.platform.entity;

import java.io.StringReader;
import java.sql.SQLException;

import org.postgresql.util.PGobject;

import static org.tesseracrm.platform.entity.JsonValues.JSON;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** A PostgreSQL {@code jsonb} column as a JSON-P value (custom fields, attendees, metadata, audit changes). */
@Converter
public class JsonbConverter implements AttributeConverter<JsonValue, Object> {

    @Override
    public Object convertToDatabaseColumn(JsonValue value) {
        PGobject jsonb = new PGobject();
        jsonb.setType("jsonb");
        try {
            jsonb.setValue(value == null ? null : value.toString());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return jsonb;
    }

    @Override
    public JsonValue convertToEntityAttribute(Object column) {
        if (column == null) {
            return null;
        }
        String text = column instanceof PGobject ? ((PGobject) column).getValue() : column.toString();
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }
}
