package org.tesseracrm.batch.platform;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.StringJoiner;

import javax.sql.DataSource;

import org.tesseracrm.tenancy.boundary.TenantRegistry;
import org.tesseracrm.tenancy.entity.Tenant;

import jakarta.annotation.Resource;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Counts the contacts of every active tenant; the exit status reads {@code acme=5 globex=3}. The smallest real
 * platform job: it proves the batch runtime, its job repository and the per-tenant iteration.
 */
@Named("tenantCensus")
@Dependent
public class TenantCensus extends AbstractBatchlet {

    @Inject
    TenantRegistry registry;

    @Inject
    JobContext job;

    @Resource(lookup = "java:app/jdbc/crm")
    DataSource dataSource;

    @Override
    public String process() throws SQLException {
        StringJoiner census = new StringJoiner(" ");
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (Tenant tenant : registry.active()) {
                // the schema name comes from the registry (format-checked there), never from job input
                try (ResultSet count = statement.executeQuery("SELECT count(*) FROM " + tenant.schema()
                        + ".contact")) {
                    count.next();
                    census.add(tenant.slug() + "=" + count.getLong(1));
                }
            }
        }
        // the census is the job's result, so it is the job's exit status (the return value only reaches the step)
        job.setExitStatus(census.toString());
        return census.toString();
    }
}
