package org.tesseracrm.deal.entity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What a user edits on a deal (stage and status change through their own verbs). {@code probability} null means "the
 * stage's default"; {@code priority} null means medium. {@code present} names the fields a request carried, so a
 * partial update ({@link #over}) keeps the others.
 */
public record DealDetails(String name, UUID accountId, UUID contactId, String owner, BigDecimal value, String currency,
        Integer probability, LocalDate expectedCloseDate, DealPriority priority, List<String> tags,
        String description, Set<String> present) {

    /** The fields a client may send. */
    public static final Set<String> FIELDS = Set.of("name", "accountId", "contactId", "owner", "value", "currency",
            "probability", "expectedCloseDate", "priority", "tags", "description");

    public DealDetails {
        present = Set.copyOf(present);
    }

    /** Details that give every field. */
    public DealDetails(String name, UUID accountId, UUID contactId, String owner, BigDecimal value, String currency,
            Integer probability, LocalDate expectedCloseDate, DealPriority priority, List<String> tags,
            String description) {
        this(name, accountId, contactId, owner, value, currency, probability, expectedCloseDate, priority, tags,
                description, FIELDS);
    }

    public boolean has(String field) {
        return present.contains(field);
    }

    /** The same details with another owner (the one access rules settled on). */
    public DealDetails withOwner(String newOwner) {
        return new DealDetails(name, accountId, contactId, newOwner, value, currency, probability, expectedCloseDate,
                priority, tags, description, present);
    }

    /** The deal's current values with the fields carried here laid over them: what a partial update makes. */
    public DealDetails over(Deal deal) {
        return new DealDetails(has("name") ? name : deal.name(), has("accountId") ? accountId : deal.accountId(),
                has("contactId") ? contactId : deal.contactId(), has("owner") ? owner : deal.owner(),
                has("value") ? value : deal.value(), has("currency") ? currency : deal.currency(),
                has("probability") ? probability : deal.isProbabilitySet() ? Integer.valueOf(deal.probability()) : null,
                has("expectedCloseDate") ? expectedCloseDate : deal.expectedCloseDate(),
                has("priority") ? priority : deal.priority(), has("tags") ? tags : deal.tags(),
                has("description") ? description : deal.description(), FIELDS);
    }
}
