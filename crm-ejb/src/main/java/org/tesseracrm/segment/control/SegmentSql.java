package org.tesseracrm.segment.control;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tesseracrm.customfield.entity.CustomFieldDefinition;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.Timestamps;
import org.tesseracrm.segment.entity.SegmentRule;

/**
 * Compiles a segment's rule tree into one parameterised SQL predicate over the object's table (alias {@code r}) and,
 * for contacts, their account (alias {@code a}). Every field name is looked up in a fixed catalog (plus the tenant's
 * custom field definitions), every operator is checked against the field's kind, and every value is parsed and bound
 * as a parameter: a rule can select rows, never change the statement. Relative times ({@code now-30d}) and
 * {@code withinDays} windows are resolved when compiled, that is at every refresh or preview.
 */
public final class SegmentSql {

    /** How a field is compared; the operators each kind offers are in {@link #OPERATORS}. */
    enum Kind {
        TEXT, ENUM, TIMESTAMP, DATE, NUMBER, INTEGER, UUID, BOOLEAN, TAGS,
        /** a count of related rows; takes {@code withinDays} */
        COUNT,
        /** a sum of related values; takes {@code withinDays} */
        SUM,
        /** the stage of an open deal: {@code in} / {@code none} of stage ids */
        STAGE,
        /** membership of other segments: {@code in} / {@code none} of segment ids */
        SEGMENT
    }

    private static final Map<Kind, Set<String>> OPERATORS = Map.ofEntries(
            Map.entry(Kind.TEXT, Set.of("eq", "neq", "in", "contains", "startswith", "exists")),
            Map.entry(Kind.ENUM, Set.of("eq", "neq", "in", "exists")),
            Map.entry(Kind.TIMESTAMP, Set.of("lt", "lte", "gt", "gte", "exists")),
            Map.entry(Kind.DATE, Set.of("eq", "neq", "lt", "lte", "gt", "gte", "exists")),
            Map.entry(Kind.NUMBER, Set.of("eq", "neq", "lt", "lte", "gt", "gte", "exists")),
            Map.entry(Kind.INTEGER, Set.of("eq", "neq", "lt", "lte", "gt", "gte", "in")),
            Map.entry(Kind.UUID, Set.of("eq", "neq", "in", "exists")),
            Map.entry(Kind.BOOLEAN, Set.of("eq", "exists")),
            Map.entry(Kind.TAGS, Set.of("has", "in", "none", "exists")),
            Map.entry(Kind.COUNT, Set.of("eq", "neq", "lt", "lte", "gt", "gte")),
            Map.entry(Kind.SUM, Set.of("eq", "lt", "lte", "gt", "gte")),
            Map.entry(Kind.STAGE, Set.of("in", "none")),
            Map.entry(Kind.SEGMENT, Set.of("in", "none")));

    private static final Pattern RELATIVE_TIME = Pattern.compile("^now(?:([+-])(\\d{1,5})([mhdw]))?$");
    private static final Pattern CUSTOM_FIELD_NAME = Pattern.compile("^[a-z][a-z0-9_]{0,62}$");

    /**
     * One field a rule may name. {@code sql} is the expression compared (for counts: the correlated sub-query's
     * FROM/WHERE tail, see {@link #count}); it is fixed here or built from a validated custom field name.
     */
    record Field(String name, String sql, Kind kind, Set<String> values, String windowColumn) {
        static Field of(String name, String sql, Kind kind) {
            return new Field(name, sql, kind, Set.of(), null);
        }
    }

    /** The compiled predicate: {@code FROM …} of the object, the {@code WHERE} condition and its parameters. */
    public record Compiled(String from, String where, List<Object> parameters) {

        /** Binds the parameters from position {@code first} on (text arrays as {@code text[]}). */
        public int bind(Connection connection, PreparedStatement statement, int first) throws SQLException {
            int position = first;
            for (Object parameter : parameters) {
                if (parameter instanceof String[] array) {
                    statement.setArray(position++, connection.createArrayOf("text", array));
                } else {
                    statement.setObject(position++, parameter);
                }
            }
            return position;
        }
    }

    private final String objectType;
    private final Map<String, Field> fields = new LinkedHashMap<>();
    private final UnaryOperator<String> table;
    private final OffsetDateTime now;
    private final List<Object> parameters = new ArrayList<>();
    private final Set<UUID> referencedSegments = new java.util.LinkedHashSet<>();

    /**
     * @param table qualifies a table name with the tenant's schema
     * @param customFields the tenant's custom field definitions (all object types)
     */
    public SegmentSql(String objectType, List<CustomFieldDefinition> customFields, UnaryOperator<String> table,
            OffsetDateTime now) {
        this.objectType = objectType;
        this.table = table;
        this.now = now;
        switch (objectType) {
            case "contact" -> contactFields(customFields);
            case "lead" -> leadFields(customFields);
            default -> throw new InvalidInput("objectType", "must be contact or lead");
        }
    }

    /** The field names rules may use for this object type (for documentation and error messages). */
    public List<String> fieldNames() {
        return List.copyOf(fields.keySet());
    }

    /** The segments the compiled rules refer to ({@code segment in …}), for the caller to check. */
    public Set<UUID> referencedSegments() {
        return Set.copyOf(referencedSegments);
    }

    public Compiled compile(SegmentRule rule) {
        parameters.clear();
        referencedSegments.clear();
        StringBuilder where = new StringBuilder("r.deleted_at IS NULL AND ");
        rule(rule, "rules", where);
        String from = objectType.equals("contact")
                ? table.apply("contact") + " r LEFT JOIN " + table.apply("account")
                        + " a ON a.id = r.account_id AND a.deleted_at IS NULL"
                : table.apply("lead") + " r";
        return new Compiled(from, where.toString(), List.copyOf(parameters));
    }

    private void rule(SegmentRule rule, String where, StringBuilder sql) {
        if (rule instanceof SegmentRule.Group group) {
            String key = group.all() ? "all" : "any";
            sql.append('(');
            for (int i = 0; i < group.rules().size(); i++) {
                sql.append(i == 0 ? "" : group.all() ? " AND " : " OR ");
                rule(group.rules().get(i), where + "." + key + "[" + i + "]", sql);
            }
            sql.append(')');
        } else {
            condition((SegmentRule.Condition) rule, where, sql);
        }
    }

    private void condition(SegmentRule.Condition condition, String where, StringBuilder sql) {
        Field field = fields.get(condition.field());
        if (field == null) {
            throw new InvalidInput(where + ".field", "'" + abbreviate(condition.field()) + "' is not a segment field"
                    + " of " + objectType + "; fields: " + String.join(", ", fields.keySet()));
        }
        String operator = condition.operator();
        if (!OPERATORS.get(field.kind()).contains(operator)) {
            throw new InvalidInput(where + ".operator", "'" + abbreviate(operator) + "' does not apply to "
                    + field.name() + "; it takes " + String.join(", ", OPERATORS.get(field.kind()).stream().sorted()
                            .toList()));
        }
        boolean windowed = field.kind() == Kind.COUNT || field.kind() == Kind.SUM;
        if (condition.withinDays() != null && (!windowed || field.windowColumn() == null)) {
            throw new InvalidInput(where + ".withinDays", "applies to engagement, activity and deal counts only");
        }
        boolean multiple = operator.equals("in") || operator.equals("none") || operator.equals("has");
        if (!multiple && condition.values().size() != 1) {
            throw new InvalidInput(where + ".values", field.name() + " " + operator + " takes one value");
        }
        String first = condition.values().get(0);
        switch (field.kind()) {
            case TAGS -> tags(field, operator, condition, where, sql);
            case STAGE -> {
                sql.append(operator.equals("none") ? "NOT " : "").append("EXISTS (SELECT 1 FROM ")
                        .append(table.apply("deal")).append(" d WHERE d.contact_id = r.id AND d.deleted_at IS NULL"
                                + " AND d.status = 'open' AND d.stage_id = ANY(CAST(? AS uuid[])))");
                parameters.add(uuids(condition, where, null));
            }
            case SEGMENT -> {
                sql.append(operator.equals("none") ? "NOT " : "").append("EXISTS (SELECT 1 FROM ")
                        .append(table.apply("segment_member")).append(" m WHERE m.record_id = r.id"
                                + " AND m.segment_id = ANY(CAST(? AS uuid[])))");
                parameters.add(uuids(condition, where, referencedSegments));
            }
            case COUNT, SUM -> {
                String aggregate = field.kind() == Kind.SUM ? "coalesce(sum(d.value), 0)" : "count(*)";
                sql.append("(SELECT ").append(aggregate).append(' ').append(field.sql());
                if (condition.withinDays() != null) {
                    sql.append(" AND ").append(field.windowColumn()).append(" >= ?");
                    parameters.add(now.minusDays(condition.withinDays()));
                }
                sql.append(") ").append(symbol(operator)).append(" ?");
                parameters.add(field.kind() == Kind.SUM ? number(field, first, where) : integer(field, first, where));
            }
            default -> scalar(field, operator, condition, where, sql);
        }
    }

    private void tags(Field field, String operator, SegmentRule.Condition condition, String where,
            StringBuilder sql) {
        if (operator.equals("exists")) {
            // a contact without an account has no account tags: NULL counts as none
            sql.append("coalesce(cardinality(").append(field.sql()).append("), 0) ").append(bool(first(condition),
                    where) ? "> 0" : "= 0");
            return;
        }
        // has: all of them (@>), in: any (&&), none: none of them (also when there are no tags at all); @> and &&
        // use the GIN index
        sql.append(operator.equals("none") ? "NOT coalesce(" : "(").append(field.sql())
                .append(operator.equals("has") ? " @> ?)" : operator.equals("none") ? " && ?, false)" : " && ?)");
        parameters.add(condition.values().stream().map(tag -> tag.strip().toLowerCase(Locale.ROOT))
                .toArray(String[]::new));
    }

    private void scalar(Field field, String operator, SegmentRule.Condition condition, String where,
            StringBuilder sql) {
        String column = field.sql();
        switch (operator) {
            case "exists" -> sql.append('(').append(column).append(bool(first(condition), where)
                    ? ") IS NOT NULL"
                    : ") IS NULL");
            case "in" -> {
                sql.append('(').append(column).append(") IN (");
                for (int i = 0; i < condition.values().size(); i++) {
                    sql.append(i == 0 ? "?" : ", ?");
                    parameters.add(value(field, condition.values().get(i), where + ".values[" + i + "]"));
                }
                sql.append(')');
            }
            case "contains", "startswith" -> {
                // ILIKE with the user's wildcards escaped: their % and _ are matched literally
                String escaped = first(condition).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
                sql.append('(').append(column).append(") ILIKE ?");
                parameters.add((operator.equals("contains") ? "%" : "") + escaped + "%");
            }
            // neq keeps rows without a value: "tier is not gold" includes those with no tier
            case "neq" -> {
                sql.append('(').append(column).append(") IS DISTINCT FROM ?");
                parameters.add(value(field, first(condition), where + ".value"));
            }
            default -> {
                sql.append('(').append(column).append(") ").append(symbol(operator)).append(" ?");
                parameters.add(value(field, first(condition), where + ".value"));
            }
        }
    }

    private Object value(Field field, String raw, String where) {
        try {
            return switch (field.kind()) {
                case TEXT -> field.sql().startsWith("lower(") ? raw.toLowerCase(Locale.ROOT) : raw;
                case ENUM -> {
                    if (!field.values().contains(raw)) {
                        throw new InvalidInput(where, "'" + abbreviate(raw) + "' is not one of " + String.join(", ",
                                field.values().stream().sorted().toList()));
                    }
                    yield raw;
                }
                case TIMESTAMP -> time(raw, where);
                case DATE -> Timestamps.supported(where, LocalDate.parse(raw));
                case NUMBER -> number(field, raw, where);
                case INTEGER -> integer(field, raw, where);
                case UUID -> java.util.UUID.fromString(raw);
                case BOOLEAN -> bool(raw, where);
                default -> throw new IllegalStateException(field.kind() + " has no scalar value");
            };
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new InvalidInput(where, "'" + abbreviate(raw) + "' is not a valid " + field.kind().name()
                    .toLowerCase(Locale.ROOT) + " for " + field.name());
        }
    }

    /** An ISO-8601 instant, or {@code now} give or take minutes, hours, days or weeks ({@code now-30d}). */
    private OffsetDateTime time(String raw, String where) {
        Matcher relative = RELATIVE_TIME.matcher(raw);
        if (!relative.matches()) {
            return Timestamps.parseInstant(where, raw);
        }
        if (relative.group(1) == null) {
            return now;
        }
        long amount = Long.parseLong(relative.group(2)) * (relative.group(1).equals("-") ? -1 : 1);
        return switch (relative.group(3)) {
            case "m" -> now.plusMinutes(amount);
            case "h" -> now.plusHours(amount);
            case "d" -> now.plusDays(amount);
            default -> now.plusWeeks(amount);
        };
    }

    private static BigDecimal number(Field field, String raw, String where) {
        try {
            BigDecimal value = new BigDecimal(raw);
            if (value.abs().compareTo(new BigDecimal("1e18")) > 0) {
                throw new InvalidInput(where, "is out of range for " + field.name());
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidInput(where, "'" + abbreviate(raw) + "' is not a number");
        }
    }

    private static Long integer(Field field, String raw, String where) {
        try {
            return Long.valueOf(raw);
        } catch (NumberFormatException e) {
            throw new InvalidInput(where, "'" + abbreviate(raw) + "' is not a whole number (" + field.name() + ")");
        }
    }

    private static boolean bool(String raw, String where) {
        if (!raw.equals("true") && !raw.equals("false")) {
            throw new InvalidInput(where, "must be true or false");
        }
        return raw.equals("true");
    }

    private static String[] uuids(SegmentRule.Condition condition, String where, Set<UUID> collect) {
        String[] ids = new String[condition.values().size()];
        for (int i = 0; i < ids.length; i++) {
            try {
                UUID id = UUID.fromString(condition.values().get(i));
                ids[i] = id.toString();
                if (collect != null) {
                    collect.add(id);
                }
            } catch (IllegalArgumentException e) {
                throw new InvalidInput(where + ".values[" + i + "]", "is not an id");
            }
        }
        return ids;
    }

    private static String first(SegmentRule.Condition condition) {
        return condition.values().get(0);
    }

    private static String symbol(String operator) {
        return switch (operator) {
            case "eq" -> "=";
            case "neq" -> "<>";
            case "lt" -> "<";
            case "lte" -> "<=";
            case "gt" -> ">";
            default -> ">=";
        };
    }

    private void contactFields(List<CustomFieldDefinition> customFields) {
        text("firstName", "lower(r.first_name)");
        text("lastName", "lower(r.last_name)");
        text("email", "lower(r.email)");
        text("phone", "r.phone");
        text("title", "r.title");
        text("tier", "r.tier");
        text("owner", "r.owner");
        text("externalId", "r.external_id");
        text("timeZone", "r.time_zone");
        add(Field.of("accountId", "r.account_id", Kind.UUID));
        add(Field.of("tags", "r.tags", Kind.TAGS));
        add(Field.of("createdAt", "r.created_at", Kind.TIMESTAMP));
        add(Field.of("updatedAt", "r.updated_at", Kind.TIMESTAMP));
        add(Field.of("lastContactAt", "r.last_contact_at", Kind.TIMESTAMP));
        custom(customFields, "contact", "custom.", "r");
        text("account.name", "lower(a.name)");
        text("account.domain", "lower(a.domain)");
        text("account.industry", "a.industry");
        text("account.tier", "a.tier");
        text("account.owner", "a.owner");
        add(Field.of("account.tags", "a.tags", Kind.TAGS));
        custom(customFields, "account", "account.custom.", "a");
        engagement("contact_id");
        String deals = "FROM " + table.apply("deal") + " d WHERE d.contact_id = r.id AND d.deleted_at IS NULL";
        add(new Field("openDeals", deals + " AND d.status = 'open'", Kind.COUNT, Set.of(), null));
        add(new Field("wonDeals", deals + " AND d.status = 'won'", Kind.COUNT, Set.of(), "d.closed_at"));
        add(new Field("wonValue", deals + " AND d.status = 'won'", Kind.SUM, Set.of(), "d.closed_at"));
        add(Field.of("dealStage", "", Kind.STAGE));
        add(Field.of("segment", "", Kind.SEGMENT));
    }

    private void leadFields(List<CustomFieldDefinition> customFields) {
        text("firstName", "lower(r.first_name)");
        text("lastName", "lower(r.last_name)");
        text("email", "lower(r.email)");
        text("phone", "r.phone");
        text("company", "r.company");
        text("industry", "r.industry");
        text("source", "r.source");
        text("owner", "r.owner");
        text("externalId", "r.external_id");
        text("timeZone", "r.time_zone");
        add(new Field("status", "r.status", Kind.ENUM, Set.of("new", "contacted", "replied", "scheduled",
                "proposal", "closed_won", "closed_lost"), null));
        add(new Field("priority", "r.priority", Kind.ENUM, Set.of("hot", "warm", "cold"), null));
        add(Field.of("score", "r.score", Kind.INTEGER));
        add(Field.of("estimatedValue", "r.estimated_value", Kind.NUMBER));
        add(Field.of("tags", "r.tags", Kind.TAGS));
        add(Field.of("createdAt", "r.created_at", Kind.TIMESTAMP));
        add(Field.of("updatedAt", "r.updated_at", Kind.TIMESTAMP));
        add(Field.of("lastContactAt", "r.last_contact_at", Kind.TIMESTAMP));
        add(Field.of("nextFollowUpAt", "r.next_follow_up_at", Kind.TIMESTAMP));
        add(Field.of("convertedAt", "r.converted_at", Kind.TIMESTAMP));
        custom(customFields, "lead", "custom.", "r");
        engagement("lead_id");
        add(Field.of("segment", "", Kind.SEGMENT));
    }

    /**
     * E-mail engagement counts the e-mails sent to the record that reached a state (human opens and clicks only:
     * the outbox counts machine opens apart); activity counts go by when the activity happened.
     */
    private void engagement(String link) {
        String emails = "FROM " + table.apply("activity") + " x JOIN " + table.apply("mail_outbox")
                + " o ON o.activity_id = x.id WHERE x." + link + " = r.id AND x.deleted_at IS NULL";
        emailCount("emailsSent", emails, "o.sent_at");
        emailCount("emailsDelivered", emails, "o.delivered_at");
        emailCount("emailsOpened", emails, "o.first_opened_at");
        emailCount("emailsClicked", emails, "o.first_clicked_at");
        emailCount("emailsReplied", emails, "o.replied_at");
        emailCount("emailsBounced", emails, "o.bounced_at");
        String activities = "FROM " + table.apply("activity") + " x WHERE x." + link + " = r.id AND x.deleted_at"
                + " IS NULL";
        add(new Field("activities", activities + " AND x.type <> 'EMAIL_DRAFT'", Kind.COUNT, Set.of(),
                "x.occurred_at"));
        add(new Field("calls", activities + " AND x.type = 'CALL'", Kind.COUNT, Set.of(), "x.occurred_at"));
        add(new Field("meetings", activities + " AND x.type = 'MEETING'", Kind.COUNT, Set.of(), "x.occurred_at"));
    }

    private void emailCount(String name, String emails, String column) {
        add(new Field(name, emails + " AND " + column + " IS NOT NULL", Kind.COUNT, Set.of(), column));
    }

    /** Custom fields by their definition's type; stored values were checked against it when written. */
    private void custom(List<CustomFieldDefinition> definitions, String type, String prefix, String alias) {
        for (CustomFieldDefinition definition : definitions) {
            if (!definition.objectType().equals(type) || !CUSTOM_FIELD_NAME.matcher(definition.name()).matches()) {
                continue;
            }
            String json = alias + ".custom_fields->'" + definition.name() + "'";
            String text = alias + ".custom_fields->>'" + definition.name() + "'";
            String name = prefix + definition.name();
            switch (definition.fieldType()) {
                case "number" -> add(Field.of(name, "CASE WHEN jsonb_typeof(" + json + ") = 'number' THEN ("
                        + text + ")::numeric END", Kind.NUMBER));
                case "boolean" -> add(Field.of(name, "CASE WHEN jsonb_typeof(" + json + ") = 'boolean' THEN ("
                        + text + ")::boolean END", Kind.BOOLEAN));
                case "date" -> add(Field.of(name, "CASE WHEN jsonb_typeof(" + json + ") = 'string' AND " + text
                        + " ~ '^\\d{4}-\\d{2}-\\d{2}$' THEN ("
                        + text + ")::date END", Kind.DATE));
                case "choice" -> add(new Field(name, text, Kind.ENUM, Set.copyOf(definition.choices()), null));
                default -> add(Field.of(name, text, Kind.TEXT));
            }
        }
    }

    private void text(String name, String sql) {
        add(Field.of(name, sql, Kind.TEXT));
    }

    private void add(Field field) {
        fields.put(field.name(), field);
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
