package org.tesseracrm.scoring.entity;

import java.time.OffsetDateTime;

import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.Timestamps;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** The workspace's scoring thresholds (one row): the half-life, the grade bounds and the MQL/SQL thresholds. */
@Entity
@Table(name = "scoring_settings")
public class ScoringSettings {

    public static final int MAX_HALF_LIFE_DAYS = 3650;
    public static final int MAX_THRESHOLD = 100_000;

    @Id
    private boolean id = true;

    @Column(name = "half_life_days", nullable = false)
    private int halfLifeDays;

    @Column(name = "grade_a", nullable = false)
    private int gradeA;

    @Column(name = "grade_b", nullable = false)
    private int gradeB;

    @Column(name = "grade_c", nullable = false)
    private int gradeC;

    @Column(name = "mql_threshold", nullable = false)
    private int mqlThreshold;

    @Column(name = "sql_threshold", nullable = false)
    private int sqlThreshold;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Column(name = "updated_by")
    private String updatedBy;

    @Version
    private long version;

    protected ScoringSettings() {
        // for JPA; the row is made by the migration
    }

    public record Definition(Integer halfLifeDays, Integer gradeA, Integer gradeB, Integer gradeC,
            Integer mqlThreshold, Integer sqlThreshold) {
    }

    public void change(Definition d, String by) {
        int halfLife = required("halfLifeDays", d.halfLifeDays(), 1, MAX_HALF_LIFE_DAYS);
        int a = required("gradeA", d.gradeA(), -MAX_THRESHOLD, MAX_THRESHOLD);
        int b = required("gradeB", d.gradeB(), -MAX_THRESHOLD, MAX_THRESHOLD);
        int c = required("gradeC", d.gradeC(), -MAX_THRESHOLD, MAX_THRESHOLD);
        if (!(a > b && b > c)) {
            throw new InvalidInput("gradeA", "grade bounds must fall: gradeA > gradeB > gradeC");
        }
        int mql = required("mqlThreshold", d.mqlThreshold(), -MAX_THRESHOLD, MAX_THRESHOLD);
        int sql = required("sqlThreshold", d.sqlThreshold(), -MAX_THRESHOLD, MAX_THRESHOLD);
        if (sql <= mql) {
            throw new InvalidInput("sqlThreshold", "must be above mqlThreshold");
        }
        this.halfLifeDays = halfLife;
        this.gradeA = a;
        this.gradeB = b;
        this.gradeC = c;
        this.mqlThreshold = mql;
        this.sqlThreshold = sql;
        this.updatedAt = Timestamps.now();
        this.updatedBy = by;
    }

    private static int required(String field, Integer value, int min, int max) {
        if (value == null || value < min || value > max) {
            throw new InvalidInput(field, "is required, from " + min + " to " + max);
        }
        return value;
    }

    /** The grade of {@code profilePoints}. */
    public String grade(int profilePoints) {
        return profilePoints >= gradeA ? "A" : profilePoints >= gradeB ? "B" : profilePoints >= gradeC ? "C" : "D";
    }

    /** The qualification a score reaches from {@code current}: it only moves forward (none, mql, sql). */
    public String qualification(int score, String current) {
        String reached = score >= sqlThreshold ? "sql" : score >= mqlThreshold ? "mql" : null;
        return rank(reached) > rank(current) ? reached : current;
    }

    private static int rank(String qualification) {
        return qualification == null ? 0 : "mql".equals(qualification) ? 1 : 2;
    }

    // @formatter:off
    public int halfLifeDays() { return halfLifeDays; }
    public int gradeA() { return gradeA; }
    public int gradeB() { return gradeB; }
    public int gradeC() { return gradeC; }
    public int mqlThreshold() { return mqlThreshold; }
    public int sqlThreshold() { return sqlThreshold; }
    public OffsetDateTime updatedAt() { return updatedAt; }
    public String updatedBy() { return updatedBy; }
    public long version() { return version; }
    // @formatter:on
}
