package org.tesseracrm.platform.control;

import java.util.List;
import java.util.function.Function;

/** One page of results and the cursor of the next page ({@code null} on the last page). */
public record Page<T>(List<T> results, String nextCursor) {

    public <R> Page<R> map(Function<T, R> mapping) {
        return new Page<>(results.stream().map(mapping).toList(), nextCursor);
    }
}
