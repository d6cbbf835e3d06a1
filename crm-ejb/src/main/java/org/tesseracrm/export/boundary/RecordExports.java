package org.tesseracrm.export.boundary;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import org.tesseracrm.account.control.AccountListing;
import org.tesseracrm.contact.control.ContactListing;
import org.tesseracrm.lead.control.LeadListing;
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
 * Exports of the contact, lead and account lists with the list's own filters, sort and search: the list's statement
 * ({@link RecordQueries#listing}, so an export holds exactly what the list shows, in its order) reading the rows'
 * columns, streamed through one database cursor a batch of rows at a time, so an export of any size holds one batch
 * in memory. Everyone who may read the list may export it.
 */
@ApplicationScoped
@Transactional
public class RecordExports {

    /** Rows fetched from the database at a time. */
    static final int FETCH = 1000;

    /** Takes the exported rows, one at a time, as cells in the header's order. */
    @FunctionalInterface
    public interface RowSink {
        void row(List<String> cells) throws IOException;
    }

    private record Shape(RecordTable table, List<String> header, String columns) {
    }

    private static final Map<String, Shape> SHAPES = Map.of(
            "contact", new Shape(ContactListing.TABLE, List.of("id", "firstName", "lastName", "email", "phone",
                    "title", "tier", "accountId", "accountName", "owner", "tags", "externalId", "timeZone",
                    "lastContactAt", "createdAt", "updatedAt", "customFields"),
                    "id, first_name, last_name, email, phone, title, tier, account_id, (SELECT a.name FROM %s a WHERE"
                            + " a.id = account_id), owner, array_to_string(tags, ','), external_id, time_zone,"
                            + " last_contact_at, created_at, updated_at, custom_fields::text"),
            "lead", new Shape(LeadListing.TABLE, List.of("id", "firstName", "lastName", "email", "phone", "company",
                    "industry", "source", "status", "priority", "score", "owner", "tags", "externalId",
                    "estimatedValue", "currency", "emailsSent", "emailsOpened", "lastContactAt", "nextFollowUpAt",
                    "createdAt", "updatedAt", "customFields"),
                    "id, first_name, last_name, email, phone, company, industry, source, status, priority, score,"
                            + " owner, array_to_string(tags, ','), external_id, estimated_value, currency,"
                            + " emails_sent, emails_opened, last_contact_at, next_follow_up_at, created_at,"
                            + " updated_at, custom_fields::text"),
            "account", new Shape(AccountListing.TABLE, List.of("id", "name", "domain", "industry", "website",
                    "phone", "tier", "parentAccountId", "owner", "tags", "externalId", "createdAt", "updatedAt",
                    "customFields"),
                    "id, name, domain, industry, website, phone, tier, parent_account_id, owner, array_to_string(tags,"
                            + " ','), external_id, created_at, updated_at, custom_fields::text"));

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

    /**
     * Runs the list's first row for {@code search}: a bad filter, sort or cursor is a 400 here, before an export
     * starts writing.
     */
    public void check(String objectType, RecordSearch search) {
        queries.ids(shape(objectType).table(), new RecordSearch(search.groups(), search.query(), search.sort(), search
                .descending(), 1, search.after(), search.deleted()));
    }

    /** Every row the list shows for {@code search} (its limit aside), in its order, to {@code sink}. */
    public void stream(String objectType, RecordSearch search, RowSink sink) throws IOException {
        Shape shape = shape(objectType);
        RecordQueries.Listing listing = queries.listing(shape.table(), search, shape.columns().contains("%s")
                ? shape.columns().formatted(tenantSql.table("account"))
                : shape.columns());
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(listing.sql(), ResultSet.TYPE_FORWARD_ONLY,
                        ResultSet.CONCUR_READ_ONLY)) {
            // inside the transaction the driver reads through a cursor, FETCH rows at a time
            statement.setFetchSize(FETCH);
            RecordQueries.bind(connection, statement, listing.parameters(), 1);
            try (ResultSet result = statement.executeQuery()) {
                int count = result.getMetaData().getColumnCount();
                while (result.next()) {
                    List<String> cells = new ArrayList<>(count);
                    for (int i = 1; i <= count; i++) {
                        cells.add(cell(result.getObject(i)));
                    }
                    sink.row(cells);
                }
            }
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
