package org.tesseracrm.platform.boundary;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Ready only when PostgreSQL answers and the platform registry is readable. The data also says whether commits are
 * durable (fsync, synchronous_commit), so an operator sees at a glance a server that would lose data in a crash.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @Resource(lookup = "java:app/jdbc/crm")
    DataSource dataSource;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("database");
        try (Connection connection = dataSource.getConnection();
                var statement = connection.createStatement();
                var row = statement.executeQuery("SELECT (SELECT count(*) FROM platform.tenant),"
                        + " current_setting('fsync'), current_setting('synchronous_commit')")) {
            row.next();
            return response.up().withData("tenants", row.getLong(1)).withData("fsync", row.getString(2))
                    .withData("synchronousCommit", row.getString(3)).build();
        } catch (SQLException e) {
            // the message only: no stack trace, no connection string
            return response.down().withData("error", e.getMessage()).build();
        }
    }
}
