package org.tesseracrm.export.boundary;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

import org.tesseracrm.account.control.AccountListing;
import org.tesseracrm.contact.control.ContactListing;
import org.tesseracrm.lead.control.LeadListing;
import org.tesseracrm.platform.control.Page;
import org.tesseracrm.platform.control.RecordQueries;
import org.tesseracrm.platform.control.RecordSearch;
import org.tesseracrm.platform.control.RecordTable;
import org.tesseracrm.platform.entity.Timestamps;
import org.tesseracrm.tenancy.boundary.TenantSql;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Exports of the contact, lead and account lists with the list's own filters, sort and search: each page is the list
 * query's page (the same {@link RecordQueries}, so an export holds exactly what the list shows, in its order), then
 * one statement for those rows' columns. Everyone who may read the list may export it.
 */
@ApplicationScoped
@Transactional
public class RecordExports {

    /** Rows per page: the list's largest page. */
    public static final int PAGE = RecordSearch.MAX_LIMIT;

    /** One exported page: the rows' cells in the columns' order, and the cursor of the next page (null: the last). */
    public record ExportPage(List<List<String>> rows, String nextCursor) {
    }

    private record Shape(RecordTable table, List<String> header, String columns, String joins) {
    }

    private static final Map<String, Shape> SHAPES = Map.of(
            "contact", new Shape(ContactListing.TABLE, List.of("id", "firstName", "lastName", "email", "phone",
                    "title", "tier", "accountId", "accountName", "owner", "tags", "externalId", "timeZone",
                    "lastContactAt", "createdAt", "updatedAt", "customFields"),
                    "r.id, r.first_name, r.last_name, r.email, r.phone, r.title, r.tier, r.account_id, a.name,"
                            + " r.owner, array_to_string(r.tags, ','), r.external_id, r.time_zone,"
                            + " r.last_contact_at, r.created_at, r.updated_at, r.custom_fields::text",
                    " LEFT JOIN %s a ON a.id = r.account_id"),
            "lead", new Shape(LeadListing.TABLE, List.of("id", "firstName", "lastName", "email", "phone", "company",
                    "industry", "source", "status", "priority", "score", "owner", "tags", "externalId",
                    "estimatedValue", "currency", "emailsSent", "emailsOpened", "lastContactAt", "nextFollowUpAt",
                    "createdAt", "updatedAt", "customFields"),
                    "r.id, r.first_name, r.last_name, r.email, r.phone, r.company, r.industry, r.source, r.status,"
                            + " r.priority, r.score, r.owner, array_to_string(r.tags, ','), r.external_id,"
                            + " r.estimated_value, r.currency, r.emails_sent, r.emails_opened, r.last_contact_at,"
                            + " r.next_follow_up_at, r.created_at, r.updated_at, r.custom_fields::text",
                    ""),
            "account", new Shape(AccountListing.TABLE, List.of("id", "name", "domain", "industry", "website",
                    "phone", "tier", "parentAccountId", "owner", "tags", "externalId", "createdAt", "updatedAt",
                    "customFields"),
                    "r.id, r.name, r.domain, r.industry, r.website, r.phone, r.tier, r.parent_account_id, r.owner,"
                            + " array_to_string(r.tags, ','), r.external_id, r.created_at, r.updated_at,"
                            + " r.custom_fields::text",
                    ""));

    @Inject
    RecordQueries queries;

    @Inject
    TenantSql tenantSql;

    @Resource(lookup = "java:app/jdbc/crm")
    DataSource dataSource;

    /** The table whose list parameters an export of {@code objectType} takes. */
    public static RecordTable table(String objectType) {
        return shape(objectType).table();
    }

    /** The export's header row. */
    public static List<String> header(String objectType) {
        return shape(objectType).header();
    }

    /** One page of the export: the list's page for {@code search} (its limit, cursor, filters), as cells. */
    public ExportPage page(String objectType, RecordSearch search) {
        Shape shape = shape(objectType);
        Page<UUID> ids = queries.ids(shape.table(), search);
        if (ids.results().isEmpty()) {
            return new ExportPage(List.of(), null);
        }
        String sql = "SELECT " + shape.columns() + " FROM unnest(CAST(? AS uuid[])) WITH ORDINALITY AS k(id, n) JOIN "
                + tenantSql.table(objectType) + " r ON r.id = k.id" + (shape.joins().isEmpty()
                        ? ""
                        : shape.joins().formatted(tenantSql.table("account")))
                + " ORDER BY k.n";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("uuid", ids.results().toArray()));
            List<List<String>> rows = new ArrayList<>(ids.results().size());
            try (ResultSet result = statement.executeQuery()) {
                int count = result.getMetaData().getColumnCount();
                while (result.next()) {
                    List<String> cells = new ArrayList<>(count);
                    for (int i = 1; i <= count; i++) {
                        cells.add(cell(result.getObject(i)));
                    }
                    rows.add(cells);
                }
            }
            return new ExportPage(rows, ids.nextCursor());
        } catch (SQLException e) {
            throw new IllegalStateException("exporting " + objectType + " failed: " + e.getMessage(), e);
        }
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof java.sql.Timestamp || value instanceof OffsetDateTime) {
            return Timestamps.fromColumn(value).toString();
        }
        return value.toString();
    }

    private static Shape shape(String objectType) {
        Shape shape = SHAPES.get(objectType);
        if (shape == null) {
            throw new IllegalArgumentException("no export of " + objectType);
        }
        return shape;
    }
}
