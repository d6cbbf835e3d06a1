package org.tesseracrm.web.api.support;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tesseracrm.platform.control.Page;

/** A page of a list: {@code {"results": […], "paging": {"next": {"after": "…"}}}}; no {@code next} on the last. */
@Schema(name = "Page")
public record Paged<T>(List<T> results, Paging paging) {
    /**
     * Hashes the page size and cursor, which equal pages share. Yasson's cycle detection puts every object it
     * serializes into a HashSet, and a record's generated hash walks all its fields, nested records, custom fields
     * and tags included: a page of 50 was hashed whole, then each record again, then each nested value. The
     * response records therefore hash what identifies them (id and version), which keeps equals and hashCode
     * consistent at a fraction of the cost.
     */
    @Override
    public int hashCode() {
        return Objects.hash(results.size(), paging);
    }

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
