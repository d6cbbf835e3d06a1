package org.tesseracrm.batch.tenant;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;

import org.tesseracrm.tenancy.entity.Tenant;

import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;

/**
 * Reads the job's tenant's records in id order, a page at a time, and checkpoints one chunk behind: the job
 * repository commits a checkpoint on its own, just before the chunk's transaction commits (its pool cannot join that
 * transaction), so the chunk being committed may still fail after its checkpoint is stored. The checkpoint is
 * therefore the end of the previous chunk, which is known to be committed; a restart may redo one chunk, which every
 * writer does idempotently, and never skips one.
 */
abstract class KeysetReader<T> extends AbstractItemReader {

    @Inject
    JobContext job;

    @Inject
    TenantJobs tenantJobs;

    private final int pageSize;
    private Tenant tenant;
    private UUID lastRead;
    private UUID previousChunkEnd;
    private final Deque<T> page = new ArrayDeque<>();
    private boolean exhausted;

    KeysetReader(int pageSize) {
        this.pageSize = pageSize;
    }

    /** Up to {@code size} records of the tenant after {@code after} (null: from the first), in id order. */
    abstract List<T> page(Tenant tenant, UUID after, int size);

    abstract UUID idOf(T item);

    @Override
    public void open(Serializable checkpoint) {
        tenant = tenantJobs.activeTenant(job);
        lastRead = (UUID) checkpoint;
        previousChunkEnd = lastRead;
    }

    @Override
    public Object readItem() {
        if (page.isEmpty() && !exhausted) {
            page.addAll(page(tenant, lastRead, pageSize));
            exhausted = page.size() < pageSize;
        }
        T next = page.poll();
        if (next != null) {
            lastRead = idOf(next);
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
