package org.tesseracrm.deal.entity;

import java.util.UUID;

/**
 * A stage as a pipeline's editor describes it; position is its place in the list. {@code id} is null for a new stage
 * and names an existing stage of the same pipeline otherwise.
 */
public record StageDefinition(UUID id, String name, int probability, boolean won, boolean lost, String colour) {

    /** A new stage. */
    public static StageDefinition of(String name, int probability, boolean won, boolean lost) {
        return new StageDefinition(null, name, probability, won, lost, null);
    }
}
