package org.tesseracrm.platform.entity;

import java.sql.Types;
import java.util.UUID;

import org.eclipse.persistence.mappings.DatabaseMapping;
import org.eclipse.persistence.mappings.converters.Converter;
import org.eclipse.persistence.sessions.Session;

/**
 * For nullable {@code uuid} columns: {@code @Convert(UuidColumn.NAME)} with the converter declared on the entity.
 * EclipseLink binds a null {@code UUID} as a null {@code varchar}, which PostgreSQL refuses for a {@code uuid} column
 * (checked with EclipseLink 4.0.7); typed {@code OTHER}, the null goes untyped and PostgreSQL infers {@code uuid}. Values
 * pass through (the driver binds {@code UUID} as {@code uuid}).
 */
public class UuidColumn implements Converter {

    /** The name entities declare the converter under. */
    public static final String NAME = "nullable-uuid";

    private static final long serialVersionUID = 1L;

    @Override
    public Object convertObjectValueToDataValue(Object value, Session session) {
        return value;
    }

    @Override
    public Object convertDataValueToObjectValue(Object column, Session session) {
        if (column == null || column instanceof UUID) {
            return column;
        }
        return UUID.fromString(column.toString());
    }

    @Override
    public boolean isMutable() {
        return false;
    }

    @Override
    public void initialize(DatabaseMapping mapping, Session session) {
        mapping.getField().setSqlType(Types.OTHER);
    }
}
