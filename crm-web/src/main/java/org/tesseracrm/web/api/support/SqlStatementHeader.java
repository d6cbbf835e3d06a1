package org.tesseracrm.web.api.support;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tesseracrm.platform.control.SqlStatements;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * With {@code crm.diagnostics.sql-statement-header=true}, each API response says in {@code X-SQL-Statements} how many
 * SQL statements the request sent (tests and benchmarks check that reads stay at a few). Off by default.
 */
@Provider
@Priority(Priorities.AUTHENTICATION - 100)
public class SqlStatementHeader implements ContainerRequestFilter, ContainerResponseFilter {

    public static final String HEADER = "X-SQL-Statements";

    @Inject
    @ConfigProperty(name = "crm.diagnostics.sql-statement-header", defaultValue = "false")
    boolean enabled;

    @Override
    public void filter(ContainerRequestContext request) {
        if (enabled) {
            SqlStatements.begin();
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (enabled) {
            response.getHeaders().putSingle(HEADER, SqlStatements.end());
        }
    }
}
