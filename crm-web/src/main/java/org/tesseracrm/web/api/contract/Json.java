package org.tesseracrm.web.api.contract;

import java.io.StringReader;
import java.io.Writer;
import java.util.Collection;
import java.util.Map;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;

/** The document is built as plain maps and lists; this turns them into JSON. */
final class Json {

    private static final JsonProvider JSON = JsonProvider.provider();

    private Json() {
    }

    static JsonValue parse(String text) {
        try (var reader = JSON.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    static void write(Map<String, Object> document, Writer out) {
        try (var writer = JSON.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out)) {
            writer.write(value(document));
        }
    }

    @SuppressWarnings("unchecked")
    static JsonValue value(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        }
        if (value instanceof JsonValue json) {
            return json;
        }
        if (value instanceof Map<?, ?> map) {
            JsonObjectBuilder object = JSON.createObjectBuilder();
            ((Map<String, Object>) map).forEach((key, item) -> object.add(key, value(item)));
            return object.build();
        }
        if (value instanceof Collection<?> list) {
            JsonArrayBuilder array = JSON.createArrayBuilder();
            list.forEach(item -> array.add(value(item)));
            return array.build();
        }
        if (value instanceof String text) {
            return JSON.createValue(text);
        }
        if (value instanceof Boolean bool) {
            return bool ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value instanceof Integer number) {
            return JSON.createValue(number);
        }
        if (value instanceof Long number) {
            return JSON.createValue(number);
        }
        throw new IllegalArgumentException("not JSON: " + value.getClass());
    }
}
