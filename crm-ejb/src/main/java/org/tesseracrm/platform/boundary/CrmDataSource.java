package org.tesseracrm.platform.boundary;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;

/**
 * Declares the application's datasource from MicroProfile Config ({@code crm.db.url}, {@code crm.db.user},
 * {@code crm.db.password}), so the same WAR runs against the embedded or an external PostgreSQL. Declared on an EJB so
 * that both the WAR and the EAR process it.
 *
 * <p>
 * The pool heals itself after a database restart, failover or network cut (see ARCHITECTURE.md, "Faults"): every
 * connection is validated ({@code SELECT 1}) when it leaves the pool, and one that fails is replaced, so no request
 * gets a dead connection. {@code fail-all-connections} stays off: dropping the whole pool on one failed validation also
 * destroyed connections that requests were using at that moment, and their commits failed seconds after the database
 * was back (the fault suite caught it). New connections
 * give up after 5 s ({@code connectTimeout}, {@code max-wait-time}), so a request during an outage gets its 503 quickly
 * instead of hanging.
 */
@Singleton
@DataSourceDefinition(name = "java:app/jdbc/crm", className = "org.postgresql.ds.PGSimpleDataSource", url = "${MPCONFIG=crm.db.url}", user = "${MPCONFIG=crm.db.user}", password = "${MPCONFIG=crm.db.password}", minPoolSize = 1, maxPoolSize = 20, initialPoolSize = 1, maxIdleTime = 300, properties = {
        "ApplicationName=tessera-crm", "connectTimeout=5", "tcpKeepAlive=true",
        "fish.payara.is-connection-validation-required=true",
        "fish.payara.connection-validation-method=custom-validation",
        "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.PostgresConnectionValidation",
        "fish.payara.fail-all-connections=false", "fish.payara.max-wait-time-in-millis=5000"})
public class CrmDataSource {

    /** Where the datasource is bound. */
    public static final String JNDI_NAME = "java:app/jdbc/crm";
}
