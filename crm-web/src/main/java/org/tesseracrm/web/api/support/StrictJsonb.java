package org.tesseracrm.web.api.support;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * The JSON-B instance of the API. Bodies bound to records by JSON-B (teams, invitations, tenants) are read as strictly
 * as those read by {@link JsonBody}: a field the record does not have is a 400, never silently dropped, as the
 * contract's {@code additionalProperties: false} promises. Writing is JSON-B's default (nulls left out).
 */
@Provider
public class StrictJsonb implements ContextResolver<Jsonb> {

    private static final Jsonb JSONB = JsonbBuilder
            .create(new JsonbConfig().setProperty("jsonb.fail-on-unknown-properties", true));

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }
}
