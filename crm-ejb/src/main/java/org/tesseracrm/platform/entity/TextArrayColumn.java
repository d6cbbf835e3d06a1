package org.tesseracrm.platform.entity;

import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * A {@code List<String>} in a PostgreSQL {@code text[]} column. Writes a {@code String[]}, which the PostgreSQL driver
 * binds as an array; reads the driver's {@link Array}. No connection is needed for either, so a plain JPA converter
 * does.
 */
@Converter
public class TextArrayColumn implements AttributeConverter<List<String>, Object> {

    @Override
    public Object convertToDatabaseColumn(List<String> values) {
        return values == null ? new String[0] : values.toArray(String[]::new);
    }

    @Override
    public List<String> convertToEntityAttribute(Object column) {
        if (column == null) {
            return List.of();
        }
        if (column instanceof String[] strings) {
            return List.of(strings);
        }
        if (column instanceof Array array) {
            try {
                Object[] elements = (Object[]) array.getArray();
                return Arrays.stream(elements).map(String.class::cast).toList();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read a text[] column: " + e.getMessage(), e);
            }
        }
        throw new IllegalStateException("a text[] column came back as " + column.getClass().getName());
    }
}
