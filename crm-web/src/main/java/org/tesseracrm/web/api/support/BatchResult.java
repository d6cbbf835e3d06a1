package org.tesseracrm.web.api.support;

import java.util.List;
import java.util.function.Function;

/** The outcome of a batch, one entry per input in input order. */
public record BatchResult<T>(String status, List<Item<T>> results) {

    /** What happened to one input: created or updated, and the record now. */
    public record Item<T>(int index, String action, T record) {
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
