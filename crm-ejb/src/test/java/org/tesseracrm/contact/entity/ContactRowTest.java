package org.tesseracrm.contact.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.sql.Array;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.persistence.Column;
import jakarta.persistence.Transient;

import org.junit.jupiter.api.Test;

/**
 * {@link Contact#read} is a second mapping of the contact table next to the JPA one, for list pages: a column mapped
 * in the entity but missing from {@link Contact#COLUMNS}, or read from the wrong position, would show as a wrong or
 * empty field in every list and nowhere else. Each column of a fake row holds a value derived from its position.
 */
class ContactRowTest {

    private static final List<String> COLUMNS = Arrays.stream(Contact.COLUMNS.split(",")).map(String::strip).toList();

    @Test
    void everyMappedFieldIsReadFromItsOwnColumn() throws Exception {
        Contact contact = Contact.read(row());

        Map<String, Field> mapped = mappedFields();
        assertThat(COLUMNS).containsExactlyInAnyOrderElementsOf(mapped.keySet());
        for (Map.Entry<String, Field> column : mapped.entrySet()) {
            Field field = column.getValue();
            field.setAccessible(true);
            assertThat(field.get(contact)).as(field.getName() + " from column " + column.getKey())
                    .isEqualTo(expected(field.getType(), COLUMNS.indexOf(column.getKey()) + 1));
        }
    }

    /** The entity's persistent fields by column name (the column's name, else the field's). */
    private static Map<String, Field> mappedFields() {
        Map<String, Field> mapped = new LinkedHashMap<>();
        for (Field field : Contact.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) || field.isSynthetic()
                    || field.isAnnotationPresent(Transient.class)) {
                continue;
            }
            Column column = field.getAnnotation(Column.class);
            mapped.put(column != null && !column.name().isEmpty() ? column.name() : field.getName().toLowerCase(),
                    field);
        }
        return mapped;
    }

    private static Object expected(Class<?> type, int position) {
        if (type == UUID.class) {
            return new UUID(0, position);
        }
        if (type == OffsetDateTime.class) {
            return OffsetDateTime.of(2026, 1, 1, 0, 0, position, 0, ZoneOffset.UTC);
        }
        if (type == List.class) {
            return List.of("c" + position);
        }
        if (type == long.class) {
            return (long) position;
        }
        if (type == jakarta.json.JsonValue.class) {
            return Json.createObjectBuilder().add("c", position).build();
        }
        return "c" + position;
    }

    /** A row whose every getter answers the value {@link #expected} derives from the column's position. */
    private static ResultSet row() {
        return (ResultSet) Proxy.newProxyInstance(ResultSet.class.getClassLoader(), new Class<?>[]{ResultSet.class},
                (proxy, method, arguments) -> {
                    int position = (Integer) arguments[0];
                    return switch (method.getName()) {
                        case "getString" -> "c" + position;
                        case "getLong" -> (long) position;
                        case "getArray" -> array(position);
                        case "getObject" -> arguments.length == 2
                                ? expected((Class<?>) arguments[1], position)
                                : "{\"c\":" + position + "}";
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                });
    }

    private static Array array(int position) {
        return (Array) Proxy.newProxyInstance(Array.class.getClassLoader(), new Class<?>[]{Array.class},
                (proxy, method, arguments) -> switch (method.getName()) {
                    case "getArray" -> new String[]{"c" + position};
                    case "free" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
