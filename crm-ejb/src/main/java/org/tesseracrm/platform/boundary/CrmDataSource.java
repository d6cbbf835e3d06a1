package org.tesseracrm.platform.boundary;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;

/**
 * Declares the application's datasource from MicroProfile Config ({@code crm.db.url}, {@code crm.db.user},
 * {@code crm.db.password}), so the same WAR runs against the embedded or an external PostgreSQL. Declared on an EJB so
 * that both the WAR and the EAR process it.
 */
@Singleton
@DataSourceDefinition(name = "java:app/jdbc/crm", className = "org.postgresql.ds.PGSimpleDataSource", url = "${MPCONFIG=crm.db.url}", user = "${MPCONFIG=crm.db.user}", password = "${MPCONFIG=crm.db.password}", minPoolSize = 1, maxPoolSize = 20, initialPoolSize = 1, properties = {
        "ApplicationName=tessera-crm"})
public class CrmDataSource {
}
