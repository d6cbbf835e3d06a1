package org.tesseracrm.platform.control;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.tesseracrm.platform.entity.InvalidInput;

/**
 * The shape every batch upsert shares: each input names a key (e-mail, external id, domain), the records those keys
 * already match are read with one query, then each input updates its match or creates a record — all in the caller's
 * transaction, so the first invalid input fails the whole batch with its index and nothing is written.
 */
public final class BatchUpsert {

    public static final int MAX_BATCH = 100;

    /** One input's outcome: the record and whether it was created. */
    public record Result<E>(E record, boolean created) {
    }

    private BatchUpsert() {
    }

    /**
     * @param keyOf the normalised key of an input ({@code null} or blank: the input cannot be matched)
     * @param existing the records the keys match, by key (one query)
     * @param create makes (and persists) a record from an input
     * @param change applies an input to its matched record
     */
    public static <D, E> List<Result<E>> run(List<D> batch, String keyName, Function<D, String> keyOf,
            Function<Collection<String>, Map<String, E>> existing, Function<D, E> create, BiConsumer<E, D> change) {
        requireSize(batch.size());
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            String key = keyOf.apply(batch.get(i));
            if (key == null || key.isBlank()) {
                throw new InvalidInput("inputs[" + i + "]." + keyName, "is required to match on");
            }
            keys.add(key);
        }
        if (new HashSet<>(keys).size() != keys.size()) {
            throw new InvalidInput("inputs", "name the same " + keyName + " twice");
        }
        Map<String, E> matched = existing.apply(keys);
        List<Result<E>> results = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            try {
                E record = matched.get(keys.get(i));
                if (record == null) {
                    results.add(new Result<>(create.apply(batch.get(i)), true));
                } else {
                    change.accept(record, batch.get(i));
                    results.add(new Result<>(record, false));
                }
            } catch (InvalidInput e) {
                throw e.inBatch(i);
            }
        }
        return results;
    }

    /** Applies {@code action} to each input in order; the first invalid one fails the batch with its index. */
    public static <D, E> List<E> each(List<D> batch, Function<D, E> action) {
        requireSize(batch.size());
        List<E> done = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            try {
                done.add(action.apply(batch.get(i)));
            } catch (InvalidInput e) {
                throw e.inBatch(i);
            }
        }
        return done;
    }

    /** {@link #each} for updates: input {@code i} changes the record with {@code ids.get(i)}. */
    public static <D, E> List<E> eachById(List<UUID> ids, List<D> batch, BiFunction<UUID, D, E> action) {
        requireSize(batch.size());
        List<E> done = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            try {
                done.add(action.apply(ids.get(i), batch.get(i)));
            } catch (InvalidInput e) {
                throw e.inBatch(i);
            }
        }
        return done;
    }

    public static void requireSize(int size) {
        if (size == 0 || size > MAX_BATCH) {
            throw new InvalidInput("inputs", "must hold 1 to " + MAX_BATCH + " records");
        }
    }
}
