package org.tesseracrm.batch.tenant;

import java.util.List;
import java.util.UUID;

import org.tesseracrm.segment.boundary.Segments;
import org.tesseracrm.tenancy.boundary.TenantTasks;
import org.tesseracrm.tenancy.entity.Tenant;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Reads the ids of the tenant's dynamic segments in id order. A restart may refresh one segment again (harmless: a
 * refresh of an up-to-date segment changes nothing) and never skips one ({@link KeysetReader}).
 */
@Named("segmentRefreshReader")
@Dependent
public class SegmentRefreshReader extends KeysetReader<UUID> {

    @Inject
    TenantTasks tenantTasks;

    @Inject
    Segments segments;

    public SegmentRefreshReader() {
        super(100);
    }

    @Override
    List<UUID> page(Tenant tenant, UUID after, int size) {
        return tenantTasks.inTenant(tenant, () -> segments.dynamicSegmentsAfter(after, size));
    }

    @Override
    UUID idOf(UUID item) {
        return item;
    }
}
