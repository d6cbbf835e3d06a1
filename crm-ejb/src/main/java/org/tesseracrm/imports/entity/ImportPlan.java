package org.tesseracrm.imports.entity;

import java.util.List;
import java.util.UUID;

import org.tesseracrm.platform.entity.Caller;

/**
 * How an import's rows become records: the field of each column (null: left out), the key that finds an existing
 * record, what a match does, and whose rights apply (the person who started it, with the roles they had then).
 */
public record ImportPlan(UUID importId, String objectType, List<String> fields, MatchBy matchBy,
        OnDuplicate onDuplicate, Caller caller) {

    public ImportPlan {
        fields = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(fields));
    }

    /** The key that finds the record a row is about. */
    public enum MatchBy {
        EMAIL("email"), EXTERNAL_ID("externalId"), DOMAIN("domain"), NONE("none");

        private final String wire;

        MatchBy(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        public static MatchBy of(String wire) {
            for (MatchBy value : values()) {
                if (value.wire.equals(wire)) {
                    return value;
                }
            }
            throw new org.tesseracrm.platform.entity.InvalidInput("matchBy",
                    "must be email, externalId, domain (accounts) or none");
        }
    }

    /** What a row that matches an existing record does: update it, leave it, or create a new record anyway. */
    public enum OnDuplicate {
        UPDATE, SKIP, CREATE;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static OnDuplicate of(String wire) {
            for (OnDuplicate value : values()) {
                if (value.wire().equals(wire)) {
                    return value;
                }
            }
            throw new org.tesseracrm.platform.entity.InvalidInput("duplicates", "must be update, skip or create");
        }
    }

    /** One staged row: its line in the file (the header is line 1) and its cells. */
    public record Row(long line, List<String> cells) {
    }

    /** What a chunk did. */
    public record Outcome(int created, int updated, int skipped, List<Refusal> refused) {
    }

    /** A row that was not imported, and why. */
    public record Refusal(long line, String reason) {
    }
}
