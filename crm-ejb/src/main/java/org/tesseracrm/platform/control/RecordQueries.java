package org.tesseracrm.platform.control;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.tenancy.boundary.TenantSql;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Turns a {@link RecordSearch} into one parameterised SQL statement over the current tenant's table and returns the
 * ids of one page in order (the boundary then loads the records). Field names and operators are looked up in the
 * {@link RecordTable}; values are only bound as parameters, so a filter cannot inject SQL. Paging is keyset paging
 * on (sort value, id): a list that changes between pages shows no row twice and skips none that existed.
 */
@ApplicationScoped
public class RecordQueries {

    private static final Pattern TOKEN_NOISE = Pattern.compile("[^\\p{L}\\p{N}@._+-]");

    @Resource(lookup = "java:app/jdbc/crm")
    DataSource dataSource;

    @Inject
    TenantSql tenantSql;

    /** A list's statement: its ids (and sort values) in its order, every one that matches, with its parameters. */
    public record Listing(String sql, List<Object> parameters, RecordField sort) {
    }

    /** Reads one row of a page into what the page holds. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** The ids of one page; runs in the caller's transaction when there is one. */
    public Page<UUID> ids(RecordTable table, RecordSearch search) {
        Listing listing = listing(table, search);
        return run(listing, search, row -> row.getObject(1, UUID.class), id -> id);
    }

    /**
     * One page of rows, read by {@code reader} from {@code columns} (unqualified columns of the table; the sort value
     * follows them as the last column), in one statement with the page's filters, order and cursor: a list needs no
     * second statement to load its records.
     */
    public <T> Page<T> rows(RecordTable table, RecordSearch search, String columns, RowReader<T> reader,
            java.util.function.Function<T, UUID> idOf) {
        Listing listing = listing(table, search, columns + ", (" + sortOf(table, search).column()
                + ")::text AS sort_value");
        return run(listing, search, reader, idOf);
    }

    private static RecordField sortOf(RecordTable table, RecordSearch search) {
        return table.sortField(search.sort() == null ? table.defaultSort() : search.sort());
    }

    /**
     * The list's statement without a page size: {@code SELECT id, sort_value FROM … WHERE … ORDER BY …}, filters
     * and cursor checked (400 for a bad one) and bound as parameters. Exports stream it.
     */
    public Listing listing(RecordTable table, RecordSearch search) {
        return listing(table, search, null);
    }

    /**
     * The same with other output columns ({@code select}, over the table's unqualified columns; null: id and sort
     * value), for an export that reads the rows themselves in the list's order.
     */
    public Listing listing(RecordTable table, RecordSearch search, String select) {
        RecordField sort = sortOf(table, search);
        List<Object> parameters = new ArrayList<>();
        // the alias matters: an output column named like the sort column would make ORDER BY sort its text
        StringBuilder sql = new StringBuilder("SELECT ").append(select != null
                ? select
                : "id, (" + sort.column() + ")::text AS sort_value").append(" FROM ")
                .append(tenantSql.table(table.table())).append(" WHERE deleted_at IS ")
                .append(search.deleted() ? "NOT NULL" : "NULL");
        if (!search.groups().isEmpty()) {
            sql.append(" AND (");
            for (int g = 0; g < search.groups().size(); g++) {
                sql.append(g == 0 ? "(" : " OR (");
                List<Filter> group = search.groups().get(g);
                for (int f = 0; f < group.size(); f++) {
                    sql.append(f == 0 ? "" : " AND ");
                    condition(table, group.get(f), sql, parameters, tenantSql::table);
                }
                sql.append(')');
            }
            sql.append(')');
        }
        String tsQuery = tsQuery(search.query());
        if (tsQuery != null) {
            if (!table.fullText()) {
                throw new InvalidInput("query", "full-text search is not offered for " + table.objectType());
            }
            sql.append(" AND search @@ to_tsquery('simple', ?)");
            parameters.add(tsQuery);
        }
        String direction = search.descending() ? "DESC" : "ASC";
        if (search.after() != null) {
            Cursor cursor = Cursor.decode(search.after());
            if (!cursor.sort().equals(sort.name()) || cursor.descending() != search.descending()) {
                throw new InvalidInput("after", "belongs to another sort order; start again without it");
            }
            sql.append(" AND ((").append(sort.column()).append("), id) ").append(search.descending() ? "<" : ">")
                    .append(" (CAST(? AS ").append(sort.sqlType()).append("), ?)");
            parameters.add(cursor.value());
            parameters.add(cursor.id());
        }
        sql.append(" ORDER BY (").append(sort.column()).append(") ").append(direction).append(", id ")
                .append(direction);
        return new Listing(sql.toString(), parameters, sort);
    }

    /** Binds a listing's parameters (text arrays as arrays) to a statement, from parameter {@code first} on. */
    public static void bind(Connection connection, PreparedStatement statement, List<Object> parameters, int first)
            throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            Object parameter = parameters.get(i);
            if (parameter instanceof String[]) {
                statement.setArray(first + i, connection.createArrayOf("text", (String[]) parameter));
            } else {
                statement.setObject(first + i, parameter);
            }
        }
    }

    private <T> Page<T> run(Listing listing, RecordSearch search, RowReader<T> reader,
            java.util.function.Function<T, UUID> idOf) {
        String sql = listing.sql() + " LIMIT " + (search.limit() + 1);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(connection, statement, listing.parameters(), 1);
            List<T> results = new ArrayList<>();
            String lastValue = null;
            SqlStatements.counted();
            try (ResultSet wrapped = statement.executeQuery()) {
                // the pool's wrapper finds getObject(column, type) by reflection on every call (12 % of a list
                // page's CPU samples, docs/performance.md); the driver's own result set answers directly
                ResultSet rows = wrapped.unwrap(org.postgresql.jdbc.PgResultSet.class);
                int sortValue = rows.getMetaData().getColumnCount();
                while (results.size() < search.limit() && rows.next()) {
                    results.add(reader.read(rows));
                    lastValue = rows.getString(sortValue);
                }
                boolean more = rows.next();
                String next = more
                        ? new Cursor(listing.sort().name(), search.descending(),
                                idOf.apply(results.get(results.size() - 1)), lastValue).encode()
                        : null;
                return new Page<>(results, next);
            }
        } catch (SQLException e) {
            // filter values are parsed before they are bound; only a cursor's sort value reaches SQL as text
            if (search.after() != null && e.getSQLState() != null && e.getSQLState().startsWith("22")) {
                throw new InvalidInput("after", "is not a cursor this API handed out");
            }
            throw new IllegalStateException("list query failed: " + e.getMessage(), e);
        }
    }

    private static void condition(RecordTable table, Filter filter, StringBuilder sql, List<Object> parameters,
            java.util.function.UnaryOperator<String> tenantTable) {
        RecordField field = table.field(filter.field());
        String column = field.column();
        Filter.Operator operator = filter.operator();
        if (field.type() == FieldType.SEGMENT) {
            // members at the segment's last refresh (docs/segments.md); eq/in: in one of them, neq: in none
            if (operator != Filter.Operator.EQ && operator != Filter.Operator.IN && operator != Filter.Operator.NEQ) {
                throw new InvalidInput("filter", field.name() + " supports eq, in and neq");
            }
            sql.append(operator == Filter.Operator.NEQ ? "NOT " : "").append("EXISTS (SELECT 1 FROM ")
                    .append(tenantTable.apply("segment_member"))
                    .append(" m WHERE m.record_id = id AND m.segment_id = ANY(CAST(? AS uuid[])))");
            if (operator != Filter.Operator.IN) {
                single(filter);
            }
            parameters.add(filter.values().stream().map(v -> value(field, v).toString()).toArray(String[]::new));
            return;
        }
        if (operator == Filter.Operator.EXISTS) {
            boolean exists = Boolean.parseBoolean(single(filter));
            sql.append('(').append(column).append(exists ? ") IS NOT NULL" : ") IS NULL");
            return;
        }
        if (field.type() == FieldType.TAGS) {
            if (operator != Filter.Operator.HAS && operator != Filter.Operator.IN) {
                throw new InvalidInput("filter", field.name() + " supports has, in and exists");
            }
            // has: all given tags (@>), in: any of them (&&); both use the GIN index
            sql.append(column).append(operator == Filter.Operator.HAS ? " @> ?" : " && ?");
            parameters.add(filter.values().stream().map(v -> text(field, v).strip().toLowerCase(Locale.ROOT))
                    .toArray(String[]::new));
            return;
        }
        switch (operator) {
            case EQ, NEQ, LT, LTE, GT, GTE -> {
                requireOrdered(field, operator);
                sql.append('(').append(column).append(") ").append(symbol(operator)).append(" ?");
                parameters.add(value(field, single(filter)));
            }
            case IN -> {
                sql.append('(').append(column).append(") IN (");
                for (int i = 0; i < filter.values().size(); i++) {
                    sql.append(i == 0 ? "?" : ", ?");
                    parameters.add(value(field, filter.values().get(i)));
                }
                sql.append(')');
            }
            default -> throw new InvalidInput("filter", "has applies to tags only");
        }
    }

    private static void requireOrdered(RecordField field, Filter.Operator operator) {
        boolean ordering = operator != Filter.Operator.EQ && operator != Filter.Operator.NEQ;
        boolean ordered = switch (field.type()) {
            case TIMESTAMP, DATE, NUMBER, INTEGER, TEXT, TEXT_IGNORE_CASE -> true;
            default -> false;
        };
        if (ordering && !ordered) {
            throw new InvalidInput("filter", field.name() + " supports eq, neq, in and exists");
        }
    }

    private static String symbol(Filter.Operator operator) {
        return switch (operator) {
            case EQ -> "=";
            case NEQ -> "<>";
            case LT -> "<";
            case LTE -> "<=";
            case GT -> ">";
            default -> ">=";
        };
    }

    private static String single(Filter filter) {
        if (filter.values().size() != 1) {
            throw new InvalidInput("filter", filter.field() + " " + filter.operator().name().toLowerCase(Locale.ROOT)
                    + " takes one value");
        }
        return filter.values().get(0);
    }

    /** The value parsed for the field's type; {@link InvalidInput} naming the field if it does not parse. */
    public static Object value(RecordField field, String raw) {
        try {
            return switch (field.type()) {
                case TEXT -> text(field, raw);
                case TEXT_IGNORE_CASE -> text(field, raw).toLowerCase(Locale.ROOT);
                case ENUM -> {
                    if (!field.values().contains(raw)) {
                        throw new InvalidInput(field.name(), "must be one of " + String.join(", ",
                                field.values().stream().sorted().toList()));
                    }
                    yield raw;
                }
                case TIMESTAMP -> org.tesseracrm.platform.entity.Timestamps.parseInstant(field.name(), raw);
                case DATE -> org.tesseracrm.platform.entity.Timestamps.supported(field.name(), LocalDate.parse(raw));
                case NUMBER -> new BigDecimal(raw);
                case INTEGER -> Long.valueOf(raw);
                case UUID, SEGMENT -> java.util.UUID.fromString(raw);
                case BOOLEAN -> {
                    if (!raw.equals("true") && !raw.equals("false")) {
                        throw new IllegalArgumentException();
                    }
                    yield Boolean.valueOf(raw);
                }
                case TAGS -> text(field, raw);
            };
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new InvalidInput(field.name(), "'" + RecordTable.abbreviate(raw) + "' is not a valid "
                    + field.type().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        }
    }

    private static String text(RecordField field, String raw) {
        if (raw.length() > 500) {
            throw new InvalidInput(field.name(), "filter values are at most 500 characters");
        }
        return raw;
    }

    /**
     * A prefix query over the words typed: {@code acme nan} becomes {@code 'acme':* & 'nan':*}. Characters that mean
     * something to tsquery are dropped, so user input can only ever be search words.
     */
    static String tsQuery(String query) {
        if (query == null || query.isBlank()) {
            return null;
        }
        List<String> terms = new ArrayList<>();
        for (String word : query.strip().split("\\s+")) {
            String cleaned = TOKEN_NOISE.matcher(word).replaceAll("").toLowerCase(Locale.ROOT);
            if (cleaned.codePoints().anyMatch(Character::isLetterOrDigit) && terms.size() < 8) {
                terms.add("'" + cleaned + "':*");
            }
        }
        if (terms.isEmpty()) {
            throw new InvalidInput("query", "contains no words to search for");
        }
        return String.join(" & ", terms);
    }
}
