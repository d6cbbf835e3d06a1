package org.tesseracrm.web.api.support;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The shapes of batch bodies, for the contract ({@code ContactBatchCreate}, {@code ContactBatchUpsert}, …). The bodies
 * themselves are read strictly by {@link BatchBodies}; these records only name their parts.
 */
public final class BatchRequests {

    private BatchRequests() {
    }

    /** Up to 100 records to create, all or nothing. */
    @Schema(name = "BatchCreate")
    public record Create<T>(@Schema(required = true, maxItems = 100) List<T> inputs) {
    }

    /** Up to 100 records to create or update, matched by {@code idProperty}, all or nothing. */
    @Schema(name = "BatchUpsert")
    public record Upsert<T>(@Schema(description = "the field that matches existing records (email or externalId"
            + " for contacts and leads, domain or externalId for accounts)") String idProperty,
            @Schema(required = true, maxItems = 100) List<T> inputs) {
    }

    /** Up to 100 records to update by id, all or nothing. */
    @Schema(name = "BatchUpdate")
    public record Update<T>(@Schema(required = true, maxItems = 100) List<UpdateInput<T>> inputs) {
    }

    /** One record of a batch update: its id and the fields to change. */
    @Schema(name = "BatchUpdateInput")
    public record UpdateInput<T>(@Schema(required = true, format = "uuid") String id,
            @Schema(required = true) T properties) {
    }

    /**
     * A search: {@code filterGroups} are OR-ed, the filters of a group AND-ed; {@code query} is a full-text prefix
     * search.
     */
    @Schema(name = "SearchRequest")
    public record Search(List<FilterGroup> filterGroups, String query,
            @Schema(description = "a sortable field, '-' first for descending") String sort,
            @Schema(minimum = "1", maximum = "100") Integer limit,
            @Schema(description = "the cursor from paging.next.after") String after,
            @Schema(description = "true lists the deleted records instead") Boolean deleted) {
    }

    /** Filters that must all match. */
    @Schema(name = "FilterGroup")
    public record FilterGroup(@Schema(required = true) List<SearchFilter> filters) {
    }

    /** One condition: a field, an operator (default eq) and a value, or values for {@code in}. */
    @Schema(name = "SearchFilter")
    public record SearchFilter(@Schema(required = true) String field,
            @Schema(enumeration = {
                    "eq", "neq", "in", "lt", "lte", "gt", "gte", "has", "exists"}) String operator,
            @Schema(description = "a string, number or boolean") String value, List<String> values){
    }
}
