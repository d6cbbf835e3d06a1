package org.tesseracrm.web.api.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tesseracrm.platform.control.FieldType;
import org.tesseracrm.platform.control.Filter;
import org.tesseracrm.platform.control.RecordSearch;
import org.tesseracrm.platform.control.RecordTable;
import org.tesseracrm.platform.entity.InvalidInput;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * Reads list parameters ({@code ?limit=50&after=…&sort=-createdAt&q=acme&owner=alice&status=new,contacted
 * &createdAt.gte=2026-01-01&deleted=true}) and search bodies into a {@link RecordSearch}. Unknown parameters are a
 * 400, so a typo never silently widens a filter.
 */
public final class ListParams {

    public static final int DEFAULT_LIMIT = 50;
    private static final Set<String> PAGING = Set.of("limit", "after", "sort", "q", "deleted");
    private static final Set<String> SEARCH_FIELDS = Set.of("filterGroups", "query", "sort", "limit", "after",
            "deleted");

    private ListParams() {
    }

    public static RecordSearch fromQuery(RecordTable table, MultivaluedMap<String, String> query) {
        for (String single : PAGING) {
            List<String> values = query.get(single);
            if (values != null && values.size() > 1) {
                throw new InvalidInput(single, "may be given once");
            }
        }
        String deleted = query.getFirst("deleted");
        if (deleted != null && !deleted.equals("true") && !deleted.equals("false")) {
            throw new InvalidInput("deleted", "must be true or false");
        }
        List<Filter> filters = new ArrayList<>();
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            String name = parameter.getKey();
            if (PAGING.contains(name)) {
                continue;
            }
            int dot = name.lastIndexOf('.');
            String field = dot < 0 ? name : name.substring(0, dot);
            table.field(field);
            Filter.Operator operator = dot < 0 ? null : Filter.Operator.parse(name.substring(dot + 1));
            for (String value : parameter.getValue()) {
                List<String> values = Arrays.asList(value.split(",", -1));
                Filter.Operator effective = operator != null
                        ? operator
                        : table.field(field).type() == FieldType.TAGS
                                ? Filter.Operator.HAS
                                : values.size() > 1 ? Filter.Operator.IN : Filter.Operator.EQ;
                filters.add(new Filter(field, effective, values));
            }
        }
        String sort = query.getFirst("sort");
        return new RecordSearch(filters.isEmpty() ? List.of() : List.of(filters), query.getFirst("q"),
                sortField(sort), sort != null && sort.startsWith("-"), limit(query.getFirst("limit")),
                blankToNull(query.getFirst("after")), "true".equals(query.getFirst("deleted")));
    }

    /**
     * A search body: {@code {"filterGroups": [{"filters": [{"field": "owner", "operator": "eq", "value": "alice"}]}],
     * "query": "acme", "sort": "-createdAt", "limit": 50, "after": "…"}}. Groups are OR-ed, filters in a group AND-ed.
     */
    public static RecordSearch fromBody(JsonValue json) {
        JsonBody body = JsonBody.of(json == null ? JsonValue.EMPTY_JSON_OBJECT : json, SEARCH_FIELDS);
        List<List<Filter>> groups = new ArrayList<>();
        JsonArray groupList = body.array("filterGroups");
        if (groupList != null) {
            for (int g = 0; g < groupList.size(); g++) {
                JsonBody group = JsonBody.element(groupList, g, "filterGroups", Set.of("filters"));
                JsonArray filterList = group.array("filters");
                if (filterList == null) {
                    throw new InvalidInput("filterGroups[" + g + "].filters", "is required");
                }
                List<Filter> filters = new ArrayList<>();
                for (int f = 0; f < filterList.size(); f++) {
                    String where = "filterGroups[" + g + "].filters";
                    JsonBody filter = JsonBody.element(filterList, f, where,
                            Set.of("field", "operator", "value", "values"));
                    String field = filter.string("field");
                    if (field == null) {
                        throw new InvalidInput(where + "[" + f + "].field", "is required");
                    }
                    String operator = filter.string("operator");
                    List<String> values = filter.has("values")
                            ? filter.strings("values")
                            : filter.has("value")
                                    ? List.of(scalar(filter, where + "[" + f + "].value"))
                                    : null;
                    if (values == null) {
                        throw new InvalidInput(where + "[" + f + "].value", "is required");
                    }
                    filters.add(new Filter(field, Filter.Operator.parse(operator == null ? "eq" : operator),
                            values));
                }
                groups.add(filters);
            }
        }
        String sort = body.string("sort");
        Integer limit = body.integer("limit");
        return new RecordSearch(groups, body.string("query"), sortField(sort), sort != null && sort.startsWith("-"),
                limit == null ? DEFAULT_LIMIT : limit, blankToNull(body.string("after")),
                Boolean.TRUE.equals(body.bool("deleted")));
    }

    private static String scalar(JsonBody filter, String where) {
        JsonValue value = filter.raw("value");
        if (value instanceof JsonString) {
            return ((JsonString) value).getString();
        }
        if (value instanceof JsonNumber || value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value.toString();
        }
        throw new InvalidInput(where, "must be a string, number or boolean");
    }

    private static String sortField(String sort) {
        if (sort == null || sort.isBlank()) {
            return null;
        }
        return sort.startsWith("-") || sort.startsWith("+") ? sort.substring(1) : sort;
    }

    private static int limit(String limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        try {
            return Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw new InvalidInput("limit", "must be a whole number between 1 and " + RecordSearch.MAX_LIMIT);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
