package org.tesseracrm.web.api.support;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tesseracrm.platform.control.BatchUpsert;

/** The outcome of a batch, one entry per input in input order. */
public record BatchResult<T>(String status, List<Item<T>> results) {
    /** Hashes the status and size (why: Paged.hashCode). */
    @Override
    public int hashCode() {
        return Objects.hash(status, results.size());
    }

    /** What happened to one input: created or updated, and the record now. */
    @Schema(name = "BatchItem")
    public record Item<T>(int index, String action, T record) {
        /** Hashes position and action (why: Paged.hashCode). */
        @Override
        public int hashCode() {
            return Objects.hash(index, action);
        }
    }

    /** The outcome of a batch upsert: created or updated per input. */
    public static <E, T> BatchResult<T> ofUpserts(List<BatchUpsert.Result<E>> results, Function<E, T> mapping) {
        List<Item<T>> items = new java.util.ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            BatchUpsert.Result<E> result = results.get(i);
            items.add(new Item<>(i, result.created() ? "created" : "updated", mapping.apply(result.record())));
        }
        return new BatchResult<>("COMPLETE", items);
    }

    public static <E, T> BatchResult<T> of(List<E> records, Function<E, String> action, Function<E, T> mapping) {
        List<Item<T>> items = new java.util.ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            E record = records.get(i);
            items.add(new Item<>(i, action.apply(record), mapping.apply(record)));
        }
        return new BatchResult<>("COMPLETE", items);
    }
}
