package org.tesseracrm.platform.entity;

import jakarta.json.spi.JsonProvider;

/**
 * The JSON-P provider, looked up once. {@code jakarta.json.Json}'s static methods look the provider up with a
 * {@code ServiceLoader} on every call; on Payara that scans the application's jars and was 45 % of the CPU of a batch
 * upsert (JFR).
 */
public final class JsonValues {

    public static final JsonProvider JSON = JsonProvider.provider();

    private JsonValues() {
    }
}
