package org.tesseracrm.platform.entity;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Free-form labels on records: trimmed, lower-case (so filters match however they were typed), no duplicates. */
public final class Tags {

    private static final int MAX_TAGS = 50;
    private static final int MAX_LENGTH = 50;

    private Tags() {
    }

    /** The tags normalised, in their first-seen order; {@link InvalidInput} on {@code field} if one is unusable. */
    public static List<String> normalise(String field, Collection<String> tags) {
        if (tags == null) {
            return List.of();
        }
        Set<String> normalised = new LinkedHashSet<>();
        for (String tag : tags) {
            String t = tag == null ? "" : tag.strip().toLowerCase(Locale.ROOT);
            if (t.isEmpty() || t.length() > MAX_LENGTH) {
                throw new InvalidInput(field, "must be 1 to " + MAX_LENGTH + " characters each");
            }
            normalised.add(t);
        }
        if (normalised.size() > MAX_TAGS) {
            throw new InvalidInput(field, "must be at most " + MAX_TAGS + " tags");
        }
        return List.copyOf(normalised);
    }
}
