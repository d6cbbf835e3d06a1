package org.tesseracrm.tenantconfig;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * The control plane's connection: its role owns the platform, batch and tenant schemas. {@code appRole} is the data
 * plane's role, which migrations grant DML to (and nothing more).
 */
public record ControlPlaneDatabase(String url, String user, String password, String appRole) {

    public ControlPlaneDatabase {
        if (!appRole.matches("^[a-z_][a-z0-9_]{0,62}$")) {
            throw new IllegalArgumentException("the data-plane role name '" + appRole + "' is not a plain identifier");
        }
    }

    public DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        dataSource.setApplicationName("tessera-tenant-config");
        return dataSource;
    }

    public Connection connect() throws SQLException {
        return dataSource().getConnection();
    }
}
