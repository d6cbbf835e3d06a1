package org.tesseracrm.batch.tenant;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;

import org.tesseracrm.contact.boundary.ContactHygiene;
import org.tesseracrm.contact.boundary.ContactHygiene.ContactEmail;
import org.tesseracrm.tenancy.entity.Tenant;

import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Reads the job's tenant's contacts in id order, a page at a time, and checkpoints one chunk behind: the job
 * repository commits a checkpoint on its own, just before the chunk's transaction commits (its pool cannot join that
 * transaction), so the chunk being committed may still fail after its checkpoint is stored. The checkpoint is
 * therefore the end of the previous chunk, which is known to be committed; a restart may redo one chunk, which the
 * writer does idempotently, and never skips one.
 */
@Named("contactEmailReader")
@Dependent
public class ContactEmailReader extends AbstractItemReader {

    private static final int PAGE = 500;

    @Inject
    JobContext job;

    @Inject
    TenantJobs tenantJobs;

    @Inject
    ContactHygiene hygiene;

    private Tenant tenant;
    private UUID lastRead;
    private UUID previousChunkEnd;
    private final Deque<ContactEmail> page = new ArrayDeque<>();
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
            page.addAll(hygiene.emailsAfter(tenant, lastRead, PAGE));
            exhausted = page.size() < PAGE;
        }
        ContactEmail next = page.poll();
        if (next != null) {
            lastRead = next.id();
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
