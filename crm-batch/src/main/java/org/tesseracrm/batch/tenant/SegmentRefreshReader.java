package org.tesseracrm.batch.tenant;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;

import org.tesseracrm.segment.boundary.Segments;
import org.tesseracrm.tenancy.boundary.TenantTasks;
import org.tesseracrm.tenancy.entity.Tenant;

import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Reads the ids of the tenant's dynamic segments in id order, a page at a time. The checkpoint is one chunk behind,
 * for the reason {@link ContactEmailReader} gives: a restart may refresh one segment again (harmless: a refresh of
 * an up-to-date segment changes nothing) and never skips one.
 */
@Named("segmentRefreshReader")
@Dependent
public class SegmentRefreshReader extends AbstractItemReader {

    private static final int PAGE = 100;

    @Inject
    JobContext job;

    @Inject
    TenantJobs tenantJobs;

    @Inject
    TenantTasks tenantTasks;

    @Inject
    Segments segments;

    private Tenant tenant;
    private UUID lastRead;
    private UUID previousChunkEnd;
    private final Deque<UUID> page = new ArrayDeque<>();
    private boolean exhausted;

    @Override
    public void open(Serializable checkpoint) {
        tenant = tenantJobs.activeTenant(job);
        lastRead = (UUID) checkpoint;
        previousChunkEnd = lastRead;
    }

    @Override
    public Object readItem() {
        if (page.isEmpty() && !exhausted) {
            UUID after = lastRead;
            page.addAll(tenantTasks.inTenant(tenant, () -> segments.dynamicSegmentsAfter(after, PAGE)));
            exhausted = page.size() < PAGE;
        }
        UUID next = page.poll();
        if (next != null) {
            lastRead = next;
        }
        return next;
    }

    @Override
    public Serializable checkpointInfo() {
        UUID committed = previousChunkEnd;
        previousChunkEnd = lastRead;
        return committed;
    }
}
