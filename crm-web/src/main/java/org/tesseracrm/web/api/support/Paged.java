package org.tesseracrm.web.api.support;

import java.util.List;
import java.util.function.Function;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tesseracrm.platform.control.Page;

/** A page of a list: {@code {"results": […], "paging": {"next": {"after": "…"}}}}; no {@code next} on the last. */
@Schema(name = "Page")
public record Paged<T>(List<T> results, Paging paging) {

    /** Where the next page starts. */
    public record Paging(Next next) {
    }

    /** The cursor to pass as {@code after}. */
    @Schema(name = "NextPage")
    public record Next(String after) {
    }

    public static <E, T> Paged<T> of(Page<E> page, Function<E, T> mapping) {
        return new Paged<>(page.results().stream().map(mapping).toList(),
                new Paging(page.nextCursor() == null ? null : new Next(page.nextCursor())));
    }
}
