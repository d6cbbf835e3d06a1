package org.tesseracrm.deal.entity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What a user edits on a deal (stage and status change through their own verbs). {@code probability} null means "the
 * stage's default"; {@code priority} null means medium.
 */
public record DealDetails(String name, UUID accountId, UUID contactId, String owner, BigDecimal value, String currency,
        Integer probability, LocalDate expectedCloseDate, DealPriority priority, List<String> tags,
        String description) {
}
