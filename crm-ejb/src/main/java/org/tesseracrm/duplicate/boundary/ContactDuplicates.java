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
import org.tesseracrm.platform.entity.Caller;
import org.tesseracrm.platform.entity.Conflict;
import org.tesseracrm.platform.entity.NotFound;
import org.tesseracrm.platform.entity.PhoneKeys;
import org.tesseracrm.platform.entity.Timestamps;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;
import org.tesseracrm.tenancy.boundary.TenantSql;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Duplicate contacts (docs/duplicates.md). A contact is compared with the live ones by three signs, each answered
 * by an index: the same e-mail address (score 1), the same phone number once normalised ({@link PhoneKeys}, 0.9),
 * and a similar full name (pg_trgm similarity of at least {@value #NAME_THRESHOLD}: 0.5 to 0.85 with the
 * similarity, 0.1 more at the same account). A contact created through the API, and every contact an import
 * creates with a phone number another contact has, enters the queue of suspected pairs with its score and reasons.
 */
@ApplicationScoped
@Transactional
public class ContactDuplicates {

    static final double NAME_THRESHOLD = 0.5;
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
    TenantEntityManagers tenantData;

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
        List<Candidate> found = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement threshold = connection.prepareStatement(
                    "SELECT set_config('pg_trgm.similarity_threshold', ?, true), set_config('enable_seqscan', 'off', true)")) {
                threshold.setString(1, Double.toString(NAME_THRESHOLD));
                threshold.execute();
            }
            String fullName = "lower(coalesce(c.first_name, '') || ' ' || c.last_name)";
            // one index search per sign, united: an OR of the three in one WHERE reads the whole table instead. The
            // name's search stops at 200 hits, and never turns into a scan of the table (enable_seqscan off, for
            // this statement only): among a million near-identical names the planner would choose one
            String contacts = tenantSql.table("contact");
            try (PreparedStatement statement = connection.prepareStatement("SELECT c.id, c.first_name, c.last_name,"
                    + " c.email, c.phone, c.account_id, c.email IS NOT NULL AND lower(c.email) = ?, c.phone_key = ?,"
                    + " coalesce(public.similarity(" + fullName + ", ?), 0), c.account_id = ? FROM " + contacts
                    + " c WHERE c.id <> ? AND c.id IN (SELECT id FROM " + contacts + " WHERE email IS NOT NULL AND"
                    + " lower(email) = ? AND deleted_at IS NULL UNION SELECT id FROM " + contacts + " WHERE phone_key"
                    + " IS NOT NULL AND phone_key = ? AND deleted_at IS NULL UNION (SELECT id FROM " + contacts + " c"
                    + " WHERE " + fullName + " OPERATOR(public.%) ? AND deleted_at IS NULL LIMIT 200)) LIMIT 200")) {
                statement.setString(1, email);
                statement.setString(2, phone);
                statement.setString(3, name);
                statement.setObject(4, probe.accountId());
                statement.setObject(5, excluding == null ? new UUID(0, 0) : excluding);
                statement.setString(6, email);
                statement.setString(7, phone);
                statement.setString(8, name);
                try (ResultSet r = statement.executeQuery()) {
                    while (r.next()) {
                        found.add(candidate(r.getObject(1, UUID.class), r.getString(2), r.getString(3), r.getString(4),
                                r.getString(5), r.getObject(6, UUID.class), r.getBoolean(7), r.getBoolean(8),
                                r.getDouble(9), r.getBoolean(10)));
                    }
                }
            }
            try (PreparedStatement reset = connection.prepareStatement("SELECT set_config('enable_seqscan', 'on',"
                    + " true)")) {
                reset.execute();
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

    /** Puts the pairs of a contact just created and its likes into the queue (a pair already there stays). */
    public void detect(Contact created) {
        tenantData.current().flush();
        List<Candidate> likes = candidates(new Probe(created.firstName(), created.lastName(), created.email(),
                created.phone(), created.accountId()), created.id(), 20);
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
                insert.setObject(2, created.id());
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
     * The pairs an import's new contacts make by phone with the live ones, in one statement per chunk (the fuzzy
     * name comparison costs an index search per contact, too slow for a million rows; the queue's check endpoint and
     * API creates do it).
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
