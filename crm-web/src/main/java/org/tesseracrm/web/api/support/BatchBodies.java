package org.tesseracrm.web.api.support;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.tesseracrm.platform.entity.InvalidInput;

import jakarta.json.JsonArray;
import jakarta.json.JsonValue;

/**
 * Reads batch bodies strictly: {@code {"inputs": [{…}]}} for create, {@code {"idProperty": "…", "inputs": [{…}]}}
 * for upsert and {@code {"inputs": [{"id": "…", "properties": {…}}]}} for update; errors name the input.
 */
public final class BatchBodies {

    /** Ids and changes of a batch update, in input order. */
    public record Updates<D>(List<UUID> ids, List<D> changes) {
    }

    private BatchBodies() {
    }

    public static <D> List<D> inputs(JsonValue body, boolean upsert, Set<String> fields, Function<JsonBody, D> read) {
        JsonArray inputs = JsonBody.of(body, upsert ? Set.of("idProperty", "inputs") : Set.of("inputs"))
                .array("inputs");
        if (inputs == null) {
            throw new InvalidInput("inputs", "is required");
        }
        List<D> batch = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            batch.add(read.apply(JsonBody.element(inputs, i, "inputs", fields)));
        }
        return batch;
    }

    /** The upsert's {@code idProperty}, or {@code fallback} when absent. */
    public static String idProperty(JsonValue body, String fallback) {
        String idProperty = JsonBody.of(body, Set.of("idProperty", "inputs")).string("idProperty");
        return idProperty == null ? fallback : idProperty;
    }

    public static <D> Updates<D> updates(JsonValue body, Set<String> fields, Function<JsonBody, D> read) {
        JsonArray inputs = JsonBody.of(body, Set.of("inputs")).array("inputs");
        if (inputs == null) {
            throw new InvalidInput("inputs", "is required");
        }
        List<UUID> ids = new ArrayList<>();
        List<D> changes = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            JsonBody input = JsonBody.element(inputs, i, "inputs", Set.of("id", "properties"));
            UUID id = input.uuid("id");
            if (id == null) {
                throw new InvalidInput("inputs[" + i + "].id", "is required");
            }
            ids.add(id);
            changes.add(read.apply(input.nested("properties", fields)));
        }
        if (new HashSet<>(ids).size() != ids.size()) {
            throw new InvalidInput("inputs", "name the same id twice");
        }
        return new Updates<>(ids, changes);
    }
}
