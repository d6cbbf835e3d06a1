package org.tesseracrm.batch.tenant;

import java.util.List;
import java.util.UUID;

import org.tesseracrm.scoring.boundary.LeadScoring;
import org.tesseracrm.tenancy.boundary.TenantTasks;
import org.tesseracrm.tenancy.entity.Tenant;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Reads the ids of the tenant's live, unconverted leads in id order. A restart may rescore one chunk again
 * (harmless) and never skips one ({@link KeysetReader}).
 */
@Named("leadScoringReader")
@Dependent
public class LeadScoringReader extends KeysetReader<UUID> {

    @Inject
    TenantTasks tenantTasks;

    @Inject
    LeadScoring scoring;

    public LeadScoringReader() {
        super(500);
    }

    @Override
    List<UUID> page(Tenant tenant, UUID after, int size) {
        return tenantTasks.inTenant(tenant, () -> scoring.leadIdsAfter(after, size));
    }

    @Override
    UUID idOf(UUID item) {
        return item;
    }
}
