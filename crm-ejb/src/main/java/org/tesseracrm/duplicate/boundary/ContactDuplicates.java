package org.tesseracrm.duplicate.boundary;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import org.tesseracrm.contact.entity.Contact;
import org.tesseracrm.platform.control.AfterTransaction;
import org.tesseracrm.platform.entity.Caller;
import org.tesseracrm.platform.entity.Conflict;
import org.tesseracrm.platform.entity.NotFound;
import org.tesseracrm.platform.entity.PhoneKeys;
import org.tesseracrm.platform.entity.Timestamps;
import org.tesseracrm.tenancy.boundary.CurrentTenant;
import org.tesseracrm.tenancy.boundary.TenantSql;
import org.tesseracrm.tenancy.entity.Tenant;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/**
 * Duplicate contacts (docs/duplicates.md). A contact is compared with the live ones by three signs, each answered
 * by an index: the same e-mail address (score 1), the same phone number once normalised ({@link PhoneKeys}, 0.9),
 * and a similar full name (pg_trgm similarity of at least {@value #NAME_THRESHOLD} among the contacts sharing a
 * blocking key with it — the last name's first or last three letters with the first name's initial: 0.5 to 0.85 with
 * the similarity, 0.1 more at the same account). A contact created through the API, and every contact an import
 * creates with a phone number another contact has or a name like one at its account, enters the queue of suspected
 * pairs with its score and reasons.
 */
@ApplicationScoped
@Transactional
public class ContactDuplicates {

    static final double NAME_THRESHOLD = 0.5;
    /** A name block is read up to this many rows (a block is about a thousand among a million varied names). */
    static final int BLOCK = 5000;
    /** An imported contact is compared by name with at most this many contacts of its account. */
    static final int IMPORT_ACCOUNT_PEERS = 1000;
    /** Pairs scoring at least this enter the queue. */
    static final double QUEUE_SCORE = 0.6;

    /** What a contact is compared by. */
    public record Probe(String firstName, String lastName, String email, String phone, UUID accountId) {
    }

    /** A live contact like the probe: how alike, and why (email, phone, name, account). */
    public record Candidate(UUID id, String firstName, String lastName, String email, String phone, UUID accountId,
            BigDecimal score, List<String> reasons) {
    }

    /** A suspected pair in the queue. */
    public record Pair(UUID id, Candidate record, Candidate duplicate, BigDecimal score, List<String> reasons,
            String status, OffsetDateTime foundAt) {
    }

    @Inject
    TenantSql tenantSql;

    @Inject
    CurrentTenant currentTenant;

    @Inject
    Event<DuplicateCheckQueued> checkEvents;

    @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transactions;

    @Resource(lookup = "java:app/jdbc/crm")
    DataSource dataSource;

    /** The probe checked with the contact fields' own rules (lengths, e-mail and phone syntax): a 400 otherwise. */
    public List<Candidate> check(Probe probe, int limit) {
        Probe checked = new Probe(org.tesseracrm.platform.entity.Fields.optional("firstName", probe.firstName(), 200),
                org.tesseracrm.platform.entity.Fields.optional("lastName", probe.lastName(), 200),
                org.tesseracrm.platform.entity.Fields.email("email", probe.email()),
                org.tesseracrm.platform.entity.Fields.phone("phone", probe.phone()), probe.accountId());
        return candidates(checked, null, limit);
    }

    /** Up to {@code limit} live contacts like the probe (but {@code excluding}), most alike first. */
    public List<Candidate> candidates(Probe probe, UUID excluding, int limit) {
        String email = probe.email() == null || probe.email().isBlank()
                ? null
                : probe.email().strip().toLowerCase(Locale.ROOT);
        String phone = PhoneKeys.of(probe.phone());
        String name = probe.lastName() == null || probe.lastName().isBlank()
                ? null
                : ((probe.firstName() == null ? "" : probe.firstName().strip()) + " " + probe.lastName().strip())
                        .toLowerCase(Locale.ROOT);
        if (email == null && phone == null && name == null) {
            return List.of();
        }
        String lastName = name == null ? null : probe.lastName().strip();
        String firstName = probe.firstName() == null || probe.firstName().isBlank() ? null : probe.firstName().strip();
        List<Candidate> found = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            String fullName = "lower(coalesce(%1$s.first_name, '') || ' ' || %1$s.last_name)";
            // the blocks of the name's two keys (tenant migration V32): its last name's first and last three letters,
            // with the first name's initial when the probe has a first name; each read from its index alone, up to
            // BLOCK entries, and only its names at least NAME_THRESHOLD alike kept
            String initial = firstName == null
                    ? ""
                    : " AND lower(left(coalesce(first_name, ''), 1)) = lower(left(?, 1))";
            String contacts = tenantSql.table("contact");
            String block = "(SELECT b.id FROM (SELECT id, first_name, last_name FROM " + contacts + " WHERE %s"
                    + initial + " AND deleted_at IS NULL LIMIT " + BLOCK + ") b WHERE public.similarity("
                    + fullName.formatted("b") + ", ?) >= " + NAME_THRESHOLD + ")";
            // one index search per sign, united: an OR of the signs in one WHERE reads the whole table instead; and
            // never a scan of the table: enable_seqscan off for this statement only, set and reset by statements sent
            // with it (the driver sends the three at once, and the server plans each after the one before has run)
            try (PreparedStatement statement = connection.prepareStatement("SELECT set_config('enable_seqscan',"
                    + " 'off', true); SELECT c.id, c.first_name, c.last_name,"
                    + " c.email, c.phone, c.account_id, c.email IS NOT NULL AND lower(c.email) = ?, c.phone_key = ?,"
                    + " coalesce(public.similarity(" + fullName.formatted("c") + ", ?), 0), c.account_id = ? FROM "
                    + contacts + " c WHERE c.id <> ? AND c.id IN (SELECT id FROM " + contacts + " WHERE email IS NOT"
                    + " NULL AND lower(email) = ? AND deleted_at IS NULL UNION SELECT id FROM " + contacts + " WHERE"
                    + " phone_key IS NOT NULL AND phone_key = ? AND deleted_at IS NULL UNION "
                    + block.formatted("lower(left(last_name, 3)) = lower(left(?, 3))") + " UNION "
                    + block.formatted("lower(right(last_name, 3)) = lower(right(?, 3))") + ") ORDER BY 7 DESC NULLS"
                    + " LAST, 8 DESC NULLS LAST, 9 DESC, c.id LIMIT 200; SELECT set_config('enable_seqscan', 'on',"
                    + " true)")) {
                int at = 0;
                statement.setString(++at, email);
                statement.setString(++at, phone);
                statement.setString(++at, name);
                statement.setObject(++at, probe.accountId());
                statement.setObject(++at, excluding == null ? new UUID(0, 0) : excluding);
                statement.setString(++at, email);
                statement.setString(++at, phone);
                for (int key = 0; key < 2; key++) {
                    statement.setString(++at, lastName);
                    if (firstName != null) {
                        statement.setString(++at, firstName);
                    }
                    statement.setString(++at, name);
                }
                statement.execute();
                statement.getMoreResults(); // past the first set_config's row
                try (ResultSet r = statement.getResultSet()) {
                    while (r.next()) {
                        found.add(candidate(r.getObject(1, UUID.class), r.getString(2), r.getString(3), r.getString(4),
                                r.getString(5), r.getObject(6, UUID.class), r.getBoolean(7), r.getBoolean(8),
                                r.getDouble(9), r.getBoolean(10)));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("looking for duplicates failed: " + e.getMessage(), e);
        }
        found.sort(java.util.Comparator.comparing(Candidate::score).reversed().thenComparing(c -> c.id()));
        return found.size() > limit ? found.subList(0, limit) : found;
    }

    private static Candidate candidate(UUID id, String firstName, String lastName, String email, String phone,
            UUID accountId, boolean sameEmail, boolean samePhone, double nameSimilarity, boolean sameAccount) {
        List<String> reasons = new ArrayList<>();
        double score = 0;
        if (sameEmail) {
            reasons.add("email");
            score = 1;
        }
        if (samePhone) {
            reasons.add("phone");
            score = Math.max(score, 0.9);
        }
        if (nameSimilarity >= NAME_THRESHOLD) {
            reasons.add("name");
            double byName = 0.5 + 0.35 * (nameSimilarity - NAME_THRESHOLD) / (1 - NAME_THRESHOLD);
            if (sameAccount) {
                reasons.add("account");
                byName += 0.1;
            }
            score = Math.max(score, byName);
        }
        return new Candidate(id, firstName, lastName, email, phone, accountId, BigDecimal.valueOf(Math.min(score, 1))
                .setScale(3, RoundingMode.HALF_UP), List.copyOf(reasons));
    }

    /**
     * Asks for the duplicate check of a contact just created (and flushed): a row of {@code duplicate_check} in the
     * create's transaction, checked by {@link #checkQueued} once that transaction has committed. The create no longer
     * waits for the check, whose name blocks grow with the table, and two contacts created at the same moment are
     * compared once both are visible.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void checkAfterCommit(Contact created) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO "
                        + tenantSql.table("duplicate_check") + " (contact_id) VALUES (?) ON CONFLICT DO NOTHING")) {
            insert.setObject(1, created.id());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("queueing a duplicate check failed: " + e.getMessage(), e);
        }
        Tenant tenant = currentTenant.require();
        AfterTransaction.committed(transactions, () -> checkEvents.fire(new DuplicateCheckQueued(tenant)));
    }

    /** Said after the commit of a transaction that queued duplicate checks in the tenant. */
    public record DuplicateCheckQueued(Tenant tenant) {
    }

    /**
     * Checks up to {@code limit} of the current tenant's queued contacts, oldest first, and puts their pairs into the
     * queue (a pair already there stays, dismissed ones too); returns how many it took. Claimed with
     * {@code FOR UPDATE SKIP LOCKED}, so instances draining at once take different rows; a failure rolls the claim
     * back and the rows wait for the next drain.
     */
    public int checkQueued(int limit) {
        List<UUID> claimed = new ArrayList<>();
        List<Queued> contacts = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement claim = connection.prepareStatement("DELETE FROM "
                    + tenantSql.table("duplicate_check") + " WHERE contact_id IN (SELECT contact_id FROM "
                    + tenantSql.table("duplicate_check") + " ORDER BY queued_at LIMIT ? FOR UPDATE SKIP LOCKED)"
                    + " RETURNING contact_id")) {
                claim.setInt(1, limit);
                try (ResultSet r = claim.executeQuery()) {
                    while (r.next()) {
                        claimed.add(r.getObject(1, UUID.class));
                    }
                }
            }
            if (claimed.isEmpty()) {
                return 0;
            }
            // deleted (or merged) since they were queued: nothing to compare
            try (PreparedStatement live = connection.prepareStatement("SELECT id, first_name, last_name, email, phone,"
                    + " account_id FROM " + tenantSql.table("contact")
                    + " WHERE id = ANY (?) AND deleted_at IS NULL")) {
                live.setArray(1, connection.createArrayOf("uuid", claimed.toArray()));
                try (ResultSet r = live.executeQuery()) {
                    while (r.next()) {
                        contacts.add(new Queued(r.getObject(1, UUID.class), new Probe(r.getString(2), r.getString(3),
                                r.getString(4), r.getString(5), r.getObject(6, UUID.class))));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("claiming duplicate checks failed: " + e.getMessage(), e);
        }
        for (Queued contact : contacts) {
            queuePairs(contact.id(), candidates(contact.probe(), contact.id(), 20));
        }
        return claimed.size();
    }

    /** A queued contact as it is compared. */
    private record Queued(UUID id, Probe probe) {
    }

    /** Puts the pairs of a contact and its likes that score at least {@link #QUEUE_SCORE} into the queue. */
    private void queuePairs(UUID contactId, List<Candidate> likes) {
        List<Candidate> queued = likes.stream().filter(c -> c.score().doubleValue() >= QUEUE_SCORE).toList();
        if (queued.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO "
                        + tenantSql.table("duplicate_pair") + " (id, record_id, duplicate_id, score, reasons) VALUES"
                        + " (?, ?, ?, ?, ?) ON CONFLICT ((least(record_id, duplicate_id)), (greatest(record_id,"
                        + " duplicate_id))) DO NOTHING")) {
            for (Candidate like : queued) {
                insert.setObject(1, UUID.randomUUID());
                insert.setObject(2, contactId);
                insert.setObject(3, like.id());
                insert.setBigDecimal(4, like.score());
                insert.setArray(5, connection.createArrayOf("text", like.reasons().toArray()));
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("queueing duplicates failed: " + e.getMessage(), e);
        }
    }

    /**
     * The pairs an import's new contacts make with the live ones, in two statements per chunk: by phone, and by a
     * similar name at the same account (the "fuzzy name + company"; each new contact is compared with at most
     * {@value #IMPORT_ACCOUNT_PEERS} contacts of its account, so a very large account cannot stall a chunk). A
     * tenant-wide fuzzy name search per row would cost an index search per contact, too slow for a million rows; the
     * check endpoint and API creates do that one.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void detectImported(Connection connection, Collection<UUID> created) throws SQLException {
        if (created.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + tenantSql.table("duplicate_pair")
                + " (id, record_id, duplicate_id, score, reasons) SELECT gen_random_uuid(), n.id, c.id, 0.9,"
                + " ARRAY['phone'] FROM " + tenantSql.table("contact") + " n JOIN " + tenantSql.table("contact")
                + " c ON c.phone_key = n.phone_key AND c.id <> n.id AND c.deleted_at IS NULL WHERE n.id = ANY(?)"
                + " AND n.phone_key IS NOT NULL ON CONFLICT ((least(record_id, duplicate_id)), (greatest(record_id,"
                + " duplicate_id))) DO NOTHING")) {
            insert.setArray(1, connection.createArrayOf("uuid", created.toArray()));
            insert.executeUpdate();
        }
        String name = "lower(coalesce(%1$s.first_name, '') || ' ' || %1$s.last_name)";
        String similarity = "public.similarity(" + name.formatted("n") + ", " + name.formatted("c") + ")";
        // the score of ContactDuplicates.candidate for a similar name at the same account: 0.6 to 0.95
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + tenantSql.table("duplicate_pair")
                + " (id, record_id, duplicate_id, score, reasons) SELECT gen_random_uuid(), n.id, c.id,"
                + " least(1, round((0.6 + 0.7 * (" + similarity + " - " + NAME_THRESHOLD + "))::numeric, 3)),"
                + " ARRAY['name', 'account'] FROM " + tenantSql.table("contact") + " n JOIN LATERAL (SELECT p.id,"
                + " p.first_name, p.last_name FROM " + tenantSql.table("contact") + " p WHERE p.account_id ="
                + " n.account_id AND p.id <> n.id AND p.deleted_at IS NULL LIMIT " + IMPORT_ACCOUNT_PEERS + ") c ON "
                + similarity + " >= " + NAME_THRESHOLD + " WHERE n.id = ANY(?) AND n.account_id IS NOT NULL"
                + " ON CONFLICT ((least(record_id, duplicate_id)), (greatest(record_id, duplicate_id))) DO NOTHING")) {
            insert.setArray(1, connection.createArrayOf("uuid", created.toArray()));
            insert.executeUpdate();
        }
    }

    /** The open pairs, most alike first. */
    public List<Pair> open(int limit) {
        List<Pair> pairs = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT p.id, p.score, p.reasons, p.status,"
                        + " p.found_at, a.id, a.first_name, a.last_name, a.email, a.phone, a.account_id, b.id,"
                        + " b.first_name, b.last_name, b.email, b.phone, b.account_id FROM "
                        + tenantSql.table("duplicate_pair") + " p JOIN " + tenantSql.table("contact") + " a ON a.id ="
                        + " p.record_id AND a.deleted_at IS NULL JOIN " + tenantSql.table("contact") + " b ON b.id ="
                        + " p.duplicate_id AND b.deleted_at IS NULL WHERE p.status = 'open' ORDER BY p.score DESC,"
                        + " p.found_at DESC, p.id LIMIT ?")) {
            statement.setInt(1, Math.max(1, Math.min(limit, 500)));
            try (ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    List<String> reasons = List.of((String[]) r.getArray(3).getArray());
                    pairs.add(new Pair(r.getObject(1, UUID.class), summary(r, 6, reasons, r.getBigDecimal(2)),
                            summary(r, 12, reasons, r.getBigDecimal(2)), r.getBigDecimal(2), reasons, r.getString(4),
                            Timestamps.fromColumn(r.getObject(5))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the duplicates queue failed: " + e.getMessage(), e);
        }
        return pairs;
    }

    private static Candidate summary(ResultSet r, int first, List<String> reasons, BigDecimal score)
            throws SQLException {
        return new Candidate(r.getObject(first, UUID.class), r.getString(first + 1), r.getString(first + 2),
                r.getString(first + 3), r.getString(first + 4), r.getObject(first + 5, UUID.class), score, reasons);
    }

    /** Takes a pair out of the queue: not duplicates after all. */
    public void dismiss(UUID pairId, Caller caller) {
        resolve(pairId, "dismissed", caller);
    }

    /** Marks the pair of these two contacts merged (if queued); called by the merge. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void merged(Connection connection, UUID a, UUID b, String status, String by) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + tenantSql.table("duplicate_pair")
                + " SET status = ?, resolved_at = CASE WHEN ? = 'open' THEN NULL ELSE now() END, resolved_by ="
                + " CASE WHEN ? = 'open' THEN NULL ELSE ? END WHERE least(record_id, duplicate_id) = least(?::uuid,"
                + " ?::uuid) AND greatest(record_id, duplicate_id) = greatest(?::uuid, ?::uuid)")) {
            update.setString(1, status);
            update.setString(2, status);
            update.setString(3, status);
            update.setString(4, by);
            update.setObject(5, a);
            update.setObject(6, b);
            update.setObject(7, a);
            update.setObject(8, b);
            update.executeUpdate();
        }
    }

    private void resolve(UUID pairId, String status, Caller caller) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE " + tenantSql.table("duplicate_pair")
                        + " SET status = ?, resolved_at = now(), resolved_by = ? WHERE id = ? AND status = 'open'")) {
            update.setString(1, status);
            update.setString(2, caller.username());
            update.setObject(3, pairId);
            if (update.executeUpdate() == 0) {
                try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM "
                        + tenantSql.table("duplicate_pair") + " WHERE id = ?")) {
                    exists.setObject(1, pairId);
                    try (ResultSet r = exists.executeQuery()) {
                        if (!r.next()) {
                            throw new NotFound("duplicate pair " + pairId);
                        }
                    }
                }
                throw new Conflict("pair-resolved", "duplicate pair " + pairId + " is no longer open");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("resolving a duplicate pair failed: " + e.getMessage(), e);
        }
    }
}
