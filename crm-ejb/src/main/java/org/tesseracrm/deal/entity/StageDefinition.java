package org.tesseracrm.deal.entity;

import java.util.UUID;

/**
 * A stage as a pipeline's editor describes it; position is its place in the list. {@code id} is null for a new stage
 * and names an existing stage of the same pipeline otherwise.
 */
public record StageDefinition(UUID id, String name, int probability, boolean won, boolean lost, String colour,
        Integer idleDays) {

    /** A stage without an idle limit: its deals never show as rotting. */
    public StageDefinition(UUID id, String name, int probability, boolean won, boolean lost, String colour) {
        this(id, name, probability, won, lost, colour, null);
    }

    /** A new stage. */
    public static StageDefinition of(String name, int probability, boolean won, boolean lost) {
        return new StageDefinition(null, name, probability, won, lost, null);
    }
}
