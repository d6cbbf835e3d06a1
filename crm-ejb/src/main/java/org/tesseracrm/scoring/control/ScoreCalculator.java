package org.tesseracrm.scoring.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import javax.sql.DataSource;

import org.tesseracrm.scoring.entity.ScoringRule;
import org.tesseracrm.scoring.entity.ScoringSettings;
import org.tesseracrm.segment.boundary.Segments;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;
import org.tesseracrm.tenancy.boundary.TenantSql;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.transaction.Transactional;

/**
 * Computes the scores of a set of leads as of a moment and writes those that moved, set-based: one statement per
 * profile rule (its conditions compiled by {@link Segments}), one for all engagement, one update and one insert of
 * history rows, however many leads the set holds. Engagement is read from where it is already kept (activities,
 * the e-mails' tracking columns, web form submissions), so nothing is counted twice and nothing needs a copy.
 * <p>
 * Scores are derived data: the update bumps the lead's version (its ETag changes with its representation) but
 * writes no audit entry; {@code lead_score_change} is the score's history. Without an active rule nothing is
 * written, so a workspace that sets scores by hand keeps them.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class ScoreCalculator {

    /** The largest score a lead can show (the sum of many rules' points is cut to it). */
    public static final int MAX_SCORE = 1_000_000;

    @Inject
    TenantEntityManagers tenantData;

    @Inject
    TenantSql tenantSql;

    @Inject
    Segments segments;

    @Resource(lookup = "java:app/jdbc/crm")
    DataSource dataSource;

    private record Current(int score, int profile, int engagement, String grade, String qualification) {
    }

    /**
     * Rescores the live, unconverted leads among {@code ids} as of {@code asOf} (events after it do not count) and
     * returns how many changed. The leads must be visible to this transaction's connection (flush first).
     */
    public int rescore(List<UUID> ids, OffsetDateTime asOf, String reason) {
        if (ids.isEmpty()) {
            return 0;
        }
        List<ScoringRule> rules = tenantData.current().createQuery("SELECT r FROM ScoringRule r WHERE r.active ="
                + " TRUE ORDER BY r.id", ScoringRule.class).getResultList();
        if (rules.isEmpty()) {
            return 0;
        }
        ScoringSettings settings = tenantData.current().createQuery("SELECT s FROM ScoringSettings s",
                ScoringSettings.class).getSingleResult();
        try (Connection connection = dataSource.getConnection()) {
            Map<UUID, Current> current = current(connection, ids);
            if (current.isEmpty()) {
                return 0;
            }
            List<UUID> live = new ArrayList<>(current.keySet());
            Map<UUID, Integer> profile = new HashMap<>();
            boolean graded = false;
            for (ScoringRule rule : rules) {
                if (rule.isProfile()) {
                    graded = true;
                    segments.matching("lead", rule.conditions(), live)
                            .forEach(id -> profile.merge(id, rule.points(), Integer::sum));
                }
            }
            boolean engaged = rules.stream().anyMatch(r -> !r.isProfile());
            Map<UUID, Double> engagement = engaged
                    ? engagement(connection, live, asOf, settings.halfLifeDays())
                    : Map.of();
            JsonArrayBuilder changed = Json.createArrayBuilder();
            int count = 0;
            for (Map.Entry<UUID, Current> entry : current.entrySet()) {
                Current before = entry.getValue();
                int profilePoints = profile.getOrDefault(entry.getKey(), 0);
                int engagementPoints = (int) Math.round(engagement.getOrDefault(entry.getKey(), 0d));
                int score = (int) Math.max(-MAX_SCORE, Math.min(MAX_SCORE, (long) profilePoints + engagementPoints));
                String grade = graded ? settings.grade(profilePoints) : null;
                String qualification = settings.qualification(score, before.qualification());
                boolean noted = score != before.score() || !Objects.equals(grade, before.grade())
                        || !Objects.equals(qualification, before.qualification());
                if (!noted && profilePoints == before.profile() && engagementPoints == before.engagement()) {
                    continue;
                }
                count++;
                JsonObjectBuilder row = Json.createObjectBuilder().add("id", entry.getKey().toString())
                        .add("score", score).add("profile", profilePoints).add("engagement", engagementPoints)
                        .add("fromScore", before.score()).add("noted", noted);
                nullable(row, "grade", grade);
                nullable(row, "fromGrade", before.grade());
                nullable(row, "qualification", qualification);
                nullable(row, "fromQualification", before.qualification());
                changed.add(row);
            }
            if (count > 0) {
                write(connection, changed.build().toString(), asOf, reason);
            }
            return count;
        } catch (SQLException e) {
            throw new IllegalStateException("scoring leads failed: " + e.getMessage(), e);
        }
    }

    private static void nullable(JsonObjectBuilder row, String name, String value) {
        if (value == null) {
            row.addNull(name);
        } else {
            row.add(name, value);
        }
    }

    private Map<UUID, Current> current(Connection connection, List<UUID> ids) throws SQLException {
        Map<UUID, Current> current = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT id, score, profile_score,"
                + " engagement_score, grade, qualification FROM " + tenantSql.table("lead") + " WHERE id = ANY (?)"
                + " AND deleted_at IS NULL AND converted_at IS NULL ORDER BY id")) {
            query.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    current.put(rows.getObject(1, UUID.class), new Current(rows.getInt(2), rows.getInt(3),
                            rows.getInt(4), rows.getString(5), rows.getString(6)));
                }
            }
        }
        return current;
    }

    /**
     * Each lead's engagement points: every event times its rule's points, halved per half-life of its age at
     * {@code asOf} when the rule decays. An e-mail counts once per kind (its first human open, first click, reply,
     * hard bounce, unsubscribe), so opening one message twenty times is one open; spam submissions never count.
     */
    private Map<UUID, Double> engagement(Connection connection, List<UUID> ids, OffsetDateTime asOf,
            int halfLifeDays) throws SQLException {
        String activity = tenantSql.table("activity");
        String sql = "SELECT e.lead_id, sum(r.points * CASE WHEN r.decays THEN power(0.5, greatest(0, extract(epoch"
                + " FROM (CAST(? AS timestamptz) - e.at))) / 86400.0 / ?) ELSE 1 END) FROM ("
                + "SELECT a.lead_id, 'call_completed' AS event, a.occurred_at AS at FROM " + activity + " a"
                + " WHERE a.lead_id = ANY (?) AND a.deleted_at IS NULL AND a.type = 'CALL'"
                + " AND (a.completed_at IS NOT NULL OR a.scheduled_for IS NULL)"
                + " UNION ALL SELECT a.lead_id, 'meeting_held', a.occurred_at FROM " + activity + " a"
                + " WHERE a.lead_id = ANY (?) AND a.deleted_at IS NULL AND a.type = 'MEETING'"
                + " AND a.completed_at IS NOT NULL"
                + " UNION ALL SELECT a.lead_id, v.event, v.at FROM " + activity + " a JOIN "
                + tenantSql.table("mail_outbox") + " o ON o.activity_id = a.id CROSS JOIN LATERAL (VALUES"
                + " ('email_opened', o.first_opened_at), ('email_clicked', o.first_clicked_at),"
                + " ('email_replied', o.replied_at), ('email_bounced', o.bounced_at),"
                + " ('unsubscribed', o.unsubscribed_at)) AS v (event, at)"
                + " WHERE a.lead_id = ANY (?) AND v.at IS NOT NULL"
                + " UNION ALL SELECT s.lead_id, 'form_submitted', s.submitted_at FROM "
                + tenantSql.table("web_form_submission") + " s WHERE s.lead_id = ANY (?) AND s.outcome <> 'spam'"
                + ") e JOIN " + tenantSql.table("scoring_rule") + " r ON r.active AND r.kind = 'engagement'"
                + " AND r.event = e.event WHERE e.at <= CAST(? AS timestamptz) GROUP BY e.lead_id";
        Map<UUID, Double> points = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            java.sql.Array leads = connection.createArrayOf("uuid", ids.toArray());
            query.setObject(1, asOf);
            query.setInt(2, halfLifeDays);
            for (int i = 3; i <= 6; i++) {
                query.setArray(i, leads);
            }
            query.setObject(7, asOf);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    points.put(rows.getObject(1, UUID.class), rows.getDouble(2));
                }
            }
        }
        return points;
    }

    private void write(Connection connection, String changed, OffsetDateTime asOf, String reason)
            throws SQLException {
        String rows = " FROM jsonb_to_recordset(CAST(? AS jsonb)) AS d (id uuid, score int, profile int, engagement"
                + " int, grade text, qualification text, \"fromScore\" int, \"fromGrade\" text,"
                + " \"fromQualification\" text, noted boolean)";
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + tenantSql.table("lead")
                + " l SET score = d.score, profile_score = d.profile, engagement_score = d.engagement, grade ="
                + " d.grade, qualification = d.qualification, version = l.version + 1" + rows
                + " WHERE l.id = d.id")) {
            update.setString(1, changed);
            update.executeUpdate();
        }
        try (PreparedStatement history = connection.prepareStatement("INSERT INTO "
                + tenantSql.table("lead_score_change") + " (id, lead_id, from_score, to_score, from_grade, to_grade,"
                + " from_qualification, to_qualification, reason, changed_at) SELECT gen_random_uuid(), d.id,"
                + " d.\"fromScore\", d.score, d.\"fromGrade\", d.grade, d.\"fromQualification\", d.qualification, ?,"
                + " ?" + rows + " WHERE d.noted")) {
            history.setString(1, reason);
            history.setObject(2, asOf);
            history.setString(3, changed);
            history.executeUpdate();
        }
    }
}
