package org.tesseracrm.imports.control;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.tesseracrm.account.boundary.Accounts;
import org.tesseracrm.account.entity.Account;
import org.tesseracrm.account.entity.AccountDetails;
import org.tesseracrm.audit.entity.Snapshot;
import org.tesseracrm.contact.entity.Contact;
import org.tesseracrm.contact.entity.ContactDetails;
import org.tesseracrm.customfield.boundary.CustomFields;
import org.tesseracrm.customfield.entity.CustomFieldDefinition;
import org.tesseracrm.customfield.entity.CustomFieldRules;
import org.tesseracrm.imports.entity.ImportPlan;
import org.tesseracrm.imports.entity.ImportPlan.MatchBy;
import org.tesseracrm.imports.entity.ImportPlan.OnDuplicate;
import org.tesseracrm.imports.entity.ImportPlan.Refusal;
import org.tesseracrm.imports.entity.ImportPlan.Row;
import org.tesseracrm.platform.entity.DomainException;
import org.tesseracrm.platform.entity.Timestamps;
import org.tesseracrm.team.boundary.RecordAccess;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;
import org.tesseracrm.tenancy.boundary.TenantSql;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Writes one chunk of a contact import in the caller's transaction. Each row goes through the API's own rules: the
 * {@link Contact} constructor and {@link Contact#apply} check the fields, {@link RecordAccess} the owner and the
 * right to change a matched contact, {@link CustomFieldRules} the custom fields, {@link Accounts} the account. The
 * chunk is then written with a handful of set-based statements (one INSERT of every new contact, one UPDATE of every
 * matched one, guarded by its version, one INSERT of their audit entries), not a statement per row.
 * <p>
 * A refused row is reported with its reason and changes nothing. Two rows of one chunk about the same person (same
 * match key) act in file order: the second updates (or, with {@code skip}, leaves) what the first created.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class ContactImportWriter {

    @Inject
    TenantEntityManagers tenantData;

    @Inject
    TenantSql tenantSql;

    @Inject
    RecordAccess access;

    @Inject
    CustomFields customFields;

    @Inject
    Accounts accounts;

    @Inject
    org.tesseracrm.duplicate.boundary.ContactDuplicates duplicates;

    @Resource(lookup = "java:app/jdbc/crm")
    DataSource dataSource;

    /** A row read into the API's terms. */
    private record Parsed(long line, ContactDetails details, String accountName) {
    }

    /** A contact the chunk writes: new, or matched and changed (with its state before). */
    private static final class Change {
        final Contact contact;
        final boolean created;
        final Snapshot before;
        final long version;
        /** The last row that wrote it, for a refusal. */
        long line;
        /** The e-mail address it has in the database (null for a new one). */
        final String storedEmail;

        Change(Contact contact, boolean created, Snapshot before, long version) {
            this.contact = contact;
            this.created = created;
            this.before = before;
            this.version = version;
            this.storedEmail = created ? null : contact.email();
        }
    }

    public ImportPlan.Outcome write(ImportPlan plan, List<Row> rows) {
        CustomFieldRules rules = customFields.rules(Contact.OBJECT_TYPE);
        Map<String, CustomFieldDefinition> definitions = new HashMap<>();
        customFields.all().stream().filter(d -> d.objectType().equals(Contact.OBJECT_TYPE))
                .forEach(d -> definitions.put(d.name(), d));
        List<Refusal> refused = new ArrayList<>();
        List<Parsed> parsed = new ArrayList<>(rows.size());
        for (Row row : rows) {
            try {
                parsed.add(parse(plan, row, definitions));
            } catch (DomainException e) {
                refused.add(new Refusal(row.line(), e.getMessage()));
            }
        }
        Map<String, UUID> accountIds = accountsByName(plan, parsed, refused);
        Map<UUID, Boolean> liveAccounts = liveAccounts(parsed);
        Existing existing = existing(parsed);
        String by = plan.caller().username();
        Map<UUID, Change> changes = new LinkedHashMap<>();
        Map<String, Change> byEmail = new HashMap<>();
        Map<String, Change> byExternalId = new HashMap<>();
        int skipped = 0;
        for (Parsed row : parsed) {
            try {
                ContactDetails details = withAccount(row, accountIds);
                if (details.accountId() != null && !liveAccounts.getOrDefault(details.accountId(), true)) {
                    throw new org.tesseracrm.platform.entity.InvalidInput("accountId", "is not a live account: "
                            + details.accountId());
                }
                Change matched = match(plan, details, existing, byEmail, byExternalId);
                if (matched != null && plan.onDuplicate() == OnDuplicate.SKIP) {
                    skipped++;
                    continue;
                }
                Change change;
                if (matched != null) {
                    change = matched;
                    if (!changed(plan, change, details, rules, existing, byEmail, byExternalId)) {
                        skipped++;
                        continue;
                    }
                } else {
                    Contact contact = new Contact(details, access.ownerFor(plan.caller(), details.owner()), by);
                    rules.check(contact.customFields());
                    requireUnique(contact, contact.email(), contact.externalId(), existing, byEmail, byExternalId);
                    change = new Change(contact, true, null, 0);
                }
                change.line = row.line();
                changes.put(change.contact.id(), change);
                index(change, byEmail, byExternalId);
            } catch (DomainException e) {
                refused.add(new Refusal(row.line(), e.getMessage()));
            }
        }
        int[] written = store(plan, changes.values(), refused);
        refused.sort(java.util.Comparator.comparingLong(Refusal::line));
        return new ImportPlan.Outcome(written[0], written[1], skipped, refused);
    }

    // --- reading a row -------------------------------------------------------------------------------------------

    private static Parsed parse(ImportPlan plan, Row row, Map<String, CustomFieldDefinition> definitions) {
        ImportCells.Cells cells = ImportCells.read(plan, row, definitions, Map.of("accountName", "accountId"));
        Map<String, String> values = cells.values();
        ContactDetails details = new ContactDetails(values.get("firstName"), values.get("lastName"),
                values.get("email"), values.get("phone"), values.get("title"), ImportCells.uuid("accountId",
                        values.get("accountId")),
                values.get("owner"), values.get("tier"), ImportCells.tags(values.get("tags")),
                cells.customFields(), values.get("externalId"), ImportCells.instant("lastContactAt",
                        values.get("lastContactAt")),
                values.get("timeZone"), cells.present());
        return new Parsed(row.line(), details, values.get("accountName"));
    }

    // --- accounts -------------------------------------------------------------------------------------------------

    /** Live accounts by lower-cased name for the chunk's account names; a name no account has gets a new account. */
    private Map<String, UUID> accountsByName(ImportPlan plan, List<Parsed> parsed, List<Refusal> refused) {
        Set<String> names = new HashSet<>();
        parsed.forEach(row -> {
            if (row.accountName() != null) {
                names.add(row.accountName().toLowerCase(Locale.ROOT));
            }
        });
        Map<String, UUID> found = new HashMap<>();
        if (names.isEmpty()) {
            return found;
        }
        for (Object[] hit : em().createQuery("SELECT LOWER(a.name), a.id FROM Account a WHERE LOWER(a.name) IN"
                + " :names AND a.deletedAt IS NULL ORDER BY a.createdAt DESC", Object[].class)
                .setParameter("names", names).getResultList()) {
            found.put((String) hit[0], (UUID) hit[1]); // the oldest account of a name wins (it comes last)
        }
        for (Parsed row : parsed) {
            String key = row.accountName() == null ? null : row.accountName().toLowerCase(Locale.ROOT);
            if (key != null && !found.containsKey(key)) {
                try {
                    // checked here, not in Accounts: a refusal thrown through that boundary would doom the chunk
                    org.tesseracrm.platform.entity.Fields.required("name", row.accountName(), 300);
                    Account account = accounts.create(new AccountDetails(row.accountName(), null, null, null, null,
                            null, null, null, null, null, null, Set.of("name")), plan.caller());
                    found.put(key, account.id());
                } catch (DomainException e) {
                    found.put(key, null);
                    refused.add(new Refusal(row.line(), "accountName: " + e.getMessage()));
                }
            }
        }
        em().flush(); // the accounts created exist before the contacts' INSERT names them
        return found;
    }

    private static ContactDetails withAccount(Parsed row, Map<String, UUID> accountIds) {
        if (row.accountName() == null) {
            return row.details();
        }
        UUID accountId = accountIds.get(row.accountName().toLowerCase(Locale.ROOT));
        if (accountId == null) {
            throw new org.tesseracrm.platform.entity.InvalidInput("accountName", "could not be created");
        }
        ContactDetails d = row.details();
        return new ContactDetails(d.firstName(), d.lastName(), d.email(), d.phone(), d.title(), accountId, d.owner(),
                d.tier(), d.tags(), d.customFields(), d.externalId(), d.lastContactAt(), d.timeZone(), d.present());
    }

    /** Which of the accounts the rows name by id are live (one statement). */
    private Map<UUID, Boolean> liveAccounts(List<Parsed> parsed) {
        Set<UUID> ids = new HashSet<>();
        parsed.forEach(row -> {
            if (row.details().accountId() != null) {
                ids.add(row.details().accountId());
            }
        });
        Map<UUID, Boolean> live = new HashMap<>();
        if (ids.isEmpty()) {
            return live;
        }
        ids.forEach(id -> live.put(id, false));
        em().createQuery("SELECT a.id FROM Account a WHERE a.id IN :ids AND a.deletedAt IS NULL", UUID.class)
                .setParameter("ids", ids).getResultList().forEach(id -> live.put(id, true));
        return live;
    }

    // --- matching -------------------------------------------------------------------------------------------------

    /** The contacts that hold any e-mail address or external id of the chunk, detached (the chunk writes by SQL). */
    private record Existing(Map<String, Change> byEmail, Map<String, Change> byExternalId,
            Map<String, Contact> deletedByExternalId) {
    }

    private Existing existing(List<Parsed> parsed) {
        Set<String> emails = new HashSet<>();
        Set<String> externalIds = new HashSet<>();
        for (Parsed row : parsed) {
            if (row.details().email() != null) {
                emails.add(row.details().email().strip().toLowerCase(Locale.ROOT));
            }
            if (row.details().externalId() != null) {
                externalIds.add(row.details().externalId().strip());
            }
        }
        Existing existing = new Existing(new HashMap<>(), new HashMap<>(), new HashMap<>());
        if (emails.isEmpty() && externalIds.isEmpty()) {
            return existing;
        }
        // two statements, not one with OR: each IN list is answered by its own index
        // one entry per contact: the two queries return the same managed instance for a contact both find
        Set<Contact> found = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        if (!emails.isEmpty()) {
            found.addAll(em().createQuery("SELECT c FROM Contact c WHERE c.email IS NOT NULL AND LOWER(c.email) IN"
                    + " :emails AND c.deletedAt IS NULL", Contact.class).setParameter("emails", emails)
                    .getResultList());
        }
        if (!externalIds.isEmpty()) {
            found.addAll(em().createQuery("SELECT c FROM Contact c WHERE c.externalId IN :externalIds",
                    Contact.class).setParameter("externalIds", externalIds).getResultList());
        }
        for (Contact contact : found) {
            em().detach(contact);
            if (contact.isDeleted()) {
                existing.deletedByExternalId().put(contact.externalId(), contact);
                continue;
            }
            Change change = new Change(contact, false, contact.snapshot(), contact.version());
            if (contact.email() != null) {
                existing.byEmail().put(contact.email().toLowerCase(Locale.ROOT), change);
            }
            if (contact.externalId() != null) {
                existing.byExternalId().put(contact.externalId(), change);
            }
        }
        return existing;
    }

    /** The contact the row is about by the plan's key: one of this chunk's, or one already stored. */
    private static Change match(ImportPlan plan, ContactDetails details, Existing existing,
            Map<String, Change> byEmail, Map<String, Change> byExternalId) {
        if (plan.matchBy() == MatchBy.NONE || plan.onDuplicate() == OnDuplicate.CREATE) {
            return null;
        }
        if (plan.matchBy() == MatchBy.EMAIL) {
            return details.email() == null
                    ? null
                    : holder(byEmail, existing.byEmail(), details.email().strip().toLowerCase(Locale.ROOT));
        }
        if (details.externalId() == null) {
            return null;
        }
        String key = details.externalId().strip();
        if (existing.deletedByExternalId().containsKey(key)) {
            throw new org.tesseracrm.platform.entity.Conflict("deleted-record", "contact with externalId " + key
                    + " is deleted; restore it first (" + existing.deletedByExternalId().get(key).id() + ")");
        }
        return holder(byExternalId, existing.byExternalId(), key);
    }

    /** Who holds a key now: this chunk's writes first (null when a row of it took the key away), then the store. */
    private static Change holder(Map<String, Change> chunk, Map<String, Change> stored, String key) {
        return chunk.containsKey(key) ? chunk.get(key) : stored.get(key);
    }

    /**
     * Applies a row to a matched contact, all or nothing: every check runs before the contact changes (a refused
     * row leaves it as the rows before it left it). False when the row changes nothing.
     */
    private boolean changed(ImportPlan plan, Change change, ContactDetails details, CustomFieldRules rules,
            Existing existing, Map<String, Change> byEmail, Map<String, Change> byExternalId) {
        Contact contact = change.contact;
        access.requireMayChange(plan.caller(), contact.owner(), "contact " + contact.id());
        // the field rules, on a scratch contact (the constructor runs the same apply)
        Set<String> scratchFields = new HashSet<>(details.present());
        scratchFields.add("lastName");
        Contact scratch = new Contact(new ContactDetails(details.firstName(), details.has("lastName")
                ? details
                        .lastName()
                : "-", details.email(), details.phone(), details.title(), details.accountId(), null,
                details.tier(), details.tags(), null, details.externalId(), details.lastContactAt(), details
                        .timeZone(),
                scratchFields), null, plan.caller().username());
        String owner = details.has("owner") ? access.ownerFor(plan.caller(), details.owner()) : null;
        ContactDetails effective = details;
        if (details.has("customFields")) {
            JsonObjectBuilder merged = Json.createObjectBuilder(contact.customFields());
            details.customFields().forEach(merged::add);
            JsonObject values = rules.check(merged.build());
            effective = new ContactDetails(details.firstName(), details.lastName(), details.email(),
                    details.phone(), details.title(), details.accountId(), details.owner(), details.tier(),
                    details.tags(), values, details.externalId(), details.lastContactAt(), details.timeZone(),
                    details.present());
        }
        requireUnique(contact, details.has("email") ? scratch.email() : contact.email(),
                details.has("externalId") ? scratch.externalId() : contact.externalId(), existing, byEmail,
                byExternalId);
        Snapshot previous = contact.snapshot();
        contact.apply(effective, plan.caller().username());
        if (owner != null) {
            contact.reassign(owner);
        }
        return !Snapshot.changes(previous, contact.snapshot()).isEmpty();
    }

    /** No two live contacts share an e-mail address, and no two contacts an external id (as the API's indexes). */
    private static void requireUnique(Contact contact, String email, String externalId, Existing existing,
            Map<String, Change> byEmail, Map<String, Change> byExternalId) {
        if (email != null) {
            Change holder = holder(byEmail, existing.byEmail(), email.toLowerCase(Locale.ROOT));
            if (holder != null && holder.contact != contact) {
                throw new org.tesseracrm.platform.entity.Conflict("duplicate-email",
                        "another contact has the e-mail address " + email);
            }
        }
        if (externalId != null) {
            Change holder = holder(byExternalId, existing.byExternalId(), externalId);
            if ((holder != null && holder.contact != contact)
                    || existing.deletedByExternalId().containsKey(externalId)) {
                throw new org.tesseracrm.platform.entity.Conflict("duplicate-external-id",
                        "another contact has the externalId " + externalId);
            }
        }
    }

    private static void index(Change change, Map<String, Change> byEmail, Map<String, Change> byExternalId) {
        Contact contact = change.contact;
        if (change.storedEmail != null && !change.storedEmail.equalsIgnoreCase(String.valueOf(contact.email()))) {
            // a row changed the matched contact's address: the old one is free from now on
            byEmail.put(change.storedEmail.toLowerCase(Locale.ROOT), null);
        }
        if (contact.email() != null) {
            byEmail.put(contact.email().toLowerCase(Locale.ROOT), change);
        }
        if (contact.externalId() != null) {
            byExternalId.put(contact.externalId(), change);
        }
    }

    // --- writing --------------------------------------------------------------------------------------------------

    private static final String CONTACT_COLUMNS = "id, account_id, first_name, last_name, email, phone, phone_key, title,"
            + " time_zone, owner, tier, tags, custom_fields, external_id, last_contact_at";

    /** Writes the chunk's contacts, their audit entries and its refusals; counts created and updated. */
    private int[] store(ImportPlan plan, java.util.Collection<Change> changes, List<Refusal> refused) {
        List<Change> created = new ArrayList<>();
        List<Change> updated = new ArrayList<>();
        for (Change change : changes) {
            (change.created ? created : updated).add(change);
        }
        String by = plan.caller().username();
        try (Connection connection = dataSource.getConnection()) {
            if (!created.isEmpty()) {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO "
                        + tenantSql.table("contact") + " (" + CONTACT_COLUMNS + ", created_by, updated_by)"
                        + " SELECT id::uuid, account_id::uuid, first_name, last_name, email, phone, phone_key, title,"
                        + " time_zone,"
                        + " owner, tier, ARRAY(SELECT jsonb_array_elements_text(tags::jsonb)), custom_fields::jsonb,"
                        + " external_id, last_contact_at::timestamptz, ?, ? FROM " + UNNEST)) {
                    insert.setString(1, by);
                    insert.setString(2, by);
                    bindContacts(connection, insert, 3, created);
                    insert.executeUpdate();
                }
                duplicates.detectImported(connection, created.stream().map(change -> change.contact.id()).toList());
            }
            List<Change> stale = new ArrayList<>();
            if (!updated.isEmpty()) {
                try (PreparedStatement update = connection.prepareStatement("UPDATE " + tenantSql.table("contact")
                        + " c SET account_id = u.account_id::uuid, first_name = u.first_name,"
                        + " last_name = u.last_name, email = u.email, phone = u.phone, phone_key = u.phone_key,"
                        + " title = u.title,"
                        + " time_zone = u.time_zone, owner = u.owner, tier = u.tier,"
                        + " tags = ARRAY(SELECT jsonb_array_elements_text(u.tags::jsonb)),"
                        + " custom_fields = u.custom_fields::jsonb, external_id = u.external_id,"
                        + " last_contact_at = u.last_contact_at::timestamptz, updated_at = now(), updated_by = ?,"
                        + " version = c.version + 1 FROM " + UNNEST.replace(") AS t(", ", ?::bigint[]) AS u(")
                                .replace("last_contact_at)", "last_contact_at, version)")
                        + " WHERE c.id = u.id::uuid AND c.version = u.version AND c.deleted_at IS NULL"
                        + " RETURNING c.id")) {
                    update.setString(1, by);
                    int next = bindContacts(connection, update, 2, updated);
                    update.setArray(next, connection.createArrayOf("bigint", updated.stream()
                            .map(change -> change.version).toArray()));
                    Set<UUID> done = new HashSet<>();
                    try (java.sql.ResultSet result = update.executeQuery()) {
                        while (result.next()) {
                            done.add(result.getObject(1, UUID.class));
                        }
                    }
                    for (Change change : updated) {
                        if (!done.contains(change.contact.id())) {
                            stale.add(change);
                        }
                    }
                }
                updated.removeAll(stale);
                stale.forEach(change -> refused.add(new Refusal(change.line, "contact " + change.contact.id()
                        + " was changed by someone else during the import; import this row again")));
            }
            audit(connection, created, updated, by);
        } catch (SQLException e) {
            throw new IllegalStateException("writing a chunk of import " + plan.importId() + " failed: "
                    + e.getMessage(), e);
        }
        return new int[]{created.size(), updated.size()};
    }

    private static final String UNNEST = "unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
            + " ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
            + " AS t(id, account_id, first_name, last_name, email, phone, phone_key, title, time_zone, owner, tier,"
            + " tags, custom_fields, external_id, last_contact_at)";

    private static int bindContacts(Connection connection, PreparedStatement statement, int first,
            List<Change> changes) throws SQLException {
        int n = changes.size();
        String[][] columns = new String[15][n];
        for (int i = 0; i < n; i++) {
            Contact c = changes.get(i).contact;
            columns[0][i] = c.id().toString();
            columns[1][i] = c.accountId() == null ? null : c.accountId().toString();
            columns[2][i] = c.firstName();
            columns[3][i] = c.lastName();
            columns[4][i] = c.email();
            columns[5][i] = c.phone();
            columns[6][i] = c.phoneKey();
            columns[7][i] = c.title();
            columns[8][i] = c.timeZone();
            columns[9][i] = c.owner();
            columns[10][i] = c.tier();
            columns[11][i] = Json.createArrayBuilder(c.tags()).build().toString();
            columns[12][i] = c.customFields().toString();
            columns[13][i] = c.externalId();
            columns[14][i] = c.lastContactAt() == null ? null : c.lastContactAt().toString();
        }
        for (int column = 0; column < columns.length; column++) {
            statement.setArray(first + column, connection.createArrayOf("text", columns[column]));
        }
        return first + columns.length;
    }

    /** The audit entries the API would write: the whole contact on create, the fields that changed on update. */
    private void audit(Connection connection, List<Change> created, List<Change> updated, String by)
            throws SQLException {
        List<String> ids = new ArrayList<>();
        List<String> actions = new ArrayList<>();
        List<String> changes = new ArrayList<>();
        for (Change change : created) {
            ids.add(change.contact.id().toString());
            actions.add("create");
            changes.add(Snapshot.changes(null, change.contact.snapshot()).toString());
        }
        for (Change change : updated) {
            ids.add(change.contact.id().toString());
            actions.add("update");
            changes.add(Snapshot.changes(change.before, change.contact.snapshot()).toString());
        }
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + tenantSql.table("audit_log")
                + " (id, object_type, object_id, action, changes, changed_by) SELECT uuidv7(), 'contact',"
                + " a.object_id::uuid, a.action, a.changes::jsonb, ? FROM unnest(?::text[], ?::text[], ?::text[])"
                + " AS a(object_id, action, changes)")) {
            insert.setString(1, by);
            insert.setArray(2, connection.createArrayOf("text", ids.toArray()));
            insert.setArray(3, connection.createArrayOf("text", actions.toArray()));
            insert.setArray(4, connection.createArrayOf("text", changes.toArray()));
            insert.executeUpdate();
        }
    }

    private EntityManager em() {
        return tenantData.current();
    }
}
