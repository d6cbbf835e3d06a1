package org.tesseracrm.web.api.contract;

import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * JSON Schemas of the API's records, derived from the records Yasson serializes, so the document cannot describe a
 * field the server does not send. A record becomes a named component: {@code @Schema(name)} or its simple name without
 * {@code Response}; a generic record is named after its type argument ({@code Paged<ContactResponse>} is
 * {@code ContactPage}). Nulls are not serialized, so only primitives and {@code @Schema(required = true)} are required.
 */
final class Schemas {

    /** Records clients send: unknown fields are refused by the server, so the schema says so. */
    private static final List<String> INPUT_SUFFIXES = List.of("Input", "Request", "BatchCreate", "BatchUpsert",
            "BatchUpdate", "BatchUpdateInput", "FilterGroup", "SearchFilter");

    private final Map<String, Object> components = new TreeMap<>();
    private final Map<String, String> namedBy = new HashMap<>();

    Map<String, Object> components() {
        return components;
    }

    /** A schema for the type: inline for scalars, arrays and maps, a {@code $ref} for records. */
    Map<String, Object> of(Type type) {
        return of(type, Map.of());
    }

    private Map<String, Object> of(Type type, Map<TypeVariable<?>, Type> bindings) {
        if (type instanceof TypeVariable<?> variable) {
            Type bound = bindings.get(variable);
            if (bound == null) {
                throw new IllegalStateException("unbound type variable " + variable);
            }
            return of(bound, Map.of());
        }
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] arguments = Arrays.stream(parameterized.getActualTypeArguments())
                    .map(argument -> resolve(argument, bindings)).toArray(Type[]::new);
            if (Collection.class.isAssignableFrom(raw)) {
                return map("type", "array", "items", of(arguments[0]));
            }
            if (Map.class.isAssignableFrom(raw)) {
                Map<String, Object> values = of(arguments[1]);
                // "true" rather than the equal "{}": Payara drops empty schemas when it serves the document
                return map("type", "object", "additionalProperties", values.isEmpty() ? true : values);
            }
            if (raw.isRecord()) {
                return record(raw, arguments);
            }
            throw new IllegalStateException("no schema for " + type);
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            return map("type", "string");
        }
        if (c == int.class || c == Integer.class) {
            return map("type", "integer", "format", "int32");
        }
        if (c == long.class || c == Long.class) {
            return map("type", "integer", "format", "int64");
        }
        if (c == double.class || c == Double.class) {
            return map("type", "number", "format", "double");
        }
        if (c == boolean.class || c == Boolean.class) {
            return map("type", "boolean");
        }
        if (c == BigDecimal.class) {
            throw new IllegalStateException("money and other decimals travel as strings (see Money): " + c);
        }
        if (c == OffsetDateTime.class || c == Instant.class) {
            return map("type", "string", "format", "date-time");
        }
        if (c == LocalDate.class) {
            return map("type", "string", "format", "date");
        }
        if (c == URI.class) {
            return map("type", "string", "format", "uri");
        }
        if (c == UUID.class) {
            return map("type", "string", "format", "uuid");
        }
        if (JsonObject.class.isAssignableFrom(c)) {
            return map("type", "object", "additionalProperties", true);
        }
        if (c == JsonValue.class || c == Object.class) {
            return map(); // any JSON value
        }
        if (c.isEnum()) {
            return map("type", "string", "enum", Arrays.stream(c.getEnumConstants()).map(Object::toString).toList());
        }
        if (c.isRecord()) {
            if (c.getTypeParameters().length > 0) {
                throw new IllegalStateException("raw use of generic record " + c.getName());
            }
            return record(c, new Type[0]);
        }
        throw new IllegalStateException("no schema for " + c.getName());
    }

    /** The type with every type variable replaced by its binding, however deep ({@code List<Item<T>>}). */
    private static Type resolve(Type type, Map<TypeVariable<?>, Type> bindings) {
        if (type instanceof TypeVariable<?> variable && bindings.containsKey(variable)) {
            return bindings.get(variable);
        }
        if (type instanceof ParameterizedType p) {
            return parameterized((Class<?>) p.getRawType(), Arrays.stream(p.getActualTypeArguments())
                    .map(argument -> resolve(argument, bindings)).toArray(Type[]::new));
        }
        return type;
    }

    private Map<String, Object> record(Class<?> record, Type[] arguments) {
        String name = name(record, arguments);
        String key = key(record, arguments);
        String previous = namedBy.putIfAbsent(name, key);
        if (previous != null && !previous.equals(key)) {
            throw new IllegalStateException("two schemas named " + name + ": " + previous + " and " + key);
        }
        Map<String, Object> ref = map("$ref", "#/components/schemas/" + name);
        if (previous != null) {
            return ref;
        }
        components.put(name, Map.of()); // placeholder: records may refer to themselves
        Map<TypeVariable<?>, Type> bindings = new HashMap<>();
        TypeVariable<?>[] variables = record.getTypeParameters();
        for (int i = 0; i < variables.length; i++) {
            bindings.put(variables[i], arguments[i]);
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (RecordComponent component : record.getRecordComponents()) {
            Schema annotation = annotation(record, component);
            Map<String, Object> schema = new LinkedHashMap<>(of(component.getGenericType(), bindings));
            if (annotation != null && !schema.containsKey("$ref")) {
                refine(schema, annotation);
            }
            properties.put(component.getName(), schema);
            if (component.getType().isPrimitive() || annotation != null && annotation.required()) {
                required.add(component.getName());
            }
        }
        Map<String, Object> schema = map("type", "object");
        Schema onType = record.getAnnotation(Schema.class);
        if (onType != null && !onType.description().isEmpty()) {
            schema.put("description", onType.description());
        }
        schema.put("properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        if (INPUT_SUFFIXES.stream().anyMatch(name::endsWith)) {
            schema.put("additionalProperties", false);
        }
        if (onType != null && !onType.example().isEmpty()) {
            schema.put("example", Json.parse(onType.example()));
        }
        components.put(name, schema);
        return ref;
    }

    /** The same text for the same type, whether it came from reflection or from {@link #parameterized}. */
    private static String key(Class<?> raw, Type[] arguments) {
        StringBuilder key = new StringBuilder(raw.getName());
        if (arguments.length > 0) {
            key.append('<');
            for (Type argument : arguments) {
                key.append(argument instanceof ParameterizedType p
                        ? key((Class<?>) p.getRawType(), p.getActualTypeArguments())
                        : argument.getTypeName()).append(',');
            }
            key.append('>');
        }
        return key.toString();
    }

    private static Schema annotation(Class<?> record, RecordComponent component) {
        try {
            Field field = record.getDeclaredField(component.getName());
            return field.getAnnotation(Schema.class);
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    private static void refine(Map<String, Object> schema, Schema annotation) {
        if (!annotation.description().isEmpty()) {
            schema.put("description", annotation.description());
        }
        if (annotation.enumeration().length > 0) {
            schema.put("enum", List.of(annotation.enumeration()));
        }
        if (!annotation.format().isEmpty()) {
            schema.put("format", annotation.format());
        }
        if (!annotation.pattern().isEmpty()) {
            schema.put("pattern", annotation.pattern());
        }
        if (annotation.maxLength() != Integer.MAX_VALUE) {
            schema.put("maxLength", annotation.maxLength());
        }
        if (annotation.maxItems() != Integer.MIN_VALUE) {
            schema.put("maxItems", annotation.maxItems());
        }
        if (!annotation.minimum().isEmpty()) {
            schema.put("minimum", Integer.valueOf(annotation.minimum()));
        }
        if (!annotation.maximum().isEmpty()) {
            schema.put("maximum", Integer.valueOf(annotation.maximum()));
        }
        if (!annotation.example().isEmpty()) {
            schema.put("example", annotation.example());
        }
    }

    /** {@code ContactResponse} → {@code Contact}; {@code Paged<ContactResponse>} → {@code ContactPage}. */
    static String name(Class<?> record, Type[] arguments) {
        Schema annotation = record.getAnnotation(Schema.class);
        String own = annotation != null && !annotation.name().isEmpty()
                ? annotation.name()
                : withoutResponse(record.getSimpleName());
        StringBuilder name = new StringBuilder();
        for (Type argument : arguments) {
            name.append(argumentName(argument));
        }
        return name + own;
    }

    private static String argumentName(Type argument) {
        if (argument instanceof Class<?> c) {
            return strip(name(c, new Type[0]));
        }
        if (argument instanceof ParameterizedType p) {
            return name((Class<?>) p.getRawType(), p.getActualTypeArguments());
        }
        throw new IllegalStateException("cannot name " + argument + " (" + argument.getClass() + ")");
    }

    private static String withoutResponse(String name) {
        return name.endsWith("Response") && name.length() > "Response".length()
                ? name.substring(0, name.length() - "Response".length())
                : name;
    }

    private static String strip(String name) {
        for (String suffix : List.of("Response", "Input")) {
            if (name.endsWith(suffix) && name.length() > suffix.length()) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }

    /** A parameterized type made up here, for bodies documented by annotations ({@code BatchCreate<ContactInput>}). */
    static ParameterizedType parameterized(Class<?> raw, Type... arguments) {
        return new ParameterizedType() {
            @Override
            public Type[] getActualTypeArguments() {
                return arguments.clone();
            }

            @Override
            public Type getRawType() {
                return raw;
            }

            @Override
            public Type getOwnerType() {
                return raw.getDeclaringClass();
            }

            @Override
            public boolean equals(Object other) {
                return other instanceof ParameterizedType p && raw.equals(p.getRawType())
                        && Arrays.equals(arguments, p.getActualTypeArguments());
            }

            @Override
            public int hashCode() {
                return Objects.hash(raw, Arrays.hashCode(arguments));
            }

            @Override
            public String toString() {
                return raw.getName() + Arrays.toString(arguments);
            }
        };
    }

    /** An ordered, mutable map from alternating keys and values. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
