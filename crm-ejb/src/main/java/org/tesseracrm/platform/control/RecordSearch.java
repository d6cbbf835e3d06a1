package org.tesseracrm.platform.control;

import java.util.List;

import org.tesseracrm.platform.entity.InvalidInput;

/**
 * A list or search request: filter groups (OR of groups, AND within a group), an optional full-text query, sort,
 * page size and the cursor of the previous page. {@code deleted} lists the soft-deleted records instead.
 */
public record RecordSearch(List<List<Filter>> groups, String query, String sort, boolean descending, int limit,
        String after, boolean deleted) {

    public static final int MAX_LIMIT = 200;
    public static final int MAX_GROUPS = 10;
    public static final int MAX_FILTERS = 20;

    public RecordSearch {
        groups = groups.stream().map(List::copyOf).toList();
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInput("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (groups.size() > MAX_GROUPS || groups.stream().anyMatch(g -> g.isEmpty() || g.size() > MAX_FILTERS)) {
            throw new InvalidInput("filterGroups",
                    "at most " + MAX_GROUPS + " groups of 1 to " + MAX_FILTERS + " filters each");
        }
        if (query != null && query.length() > 200) {
            throw new InvalidInput("query", "must be at most 200 characters");
        }
    }
}
