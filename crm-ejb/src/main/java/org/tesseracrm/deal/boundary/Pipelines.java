package org.tesseracrm.deal.boundary;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.tesseracrm.audit.boundary.AuditTrail;
import org.tesseracrm.audit.entity.Snapshot;
import org.tesseracrm.deal.entity.Pipeline;
import org.tesseracrm.deal.entity.StageDefinition;
import org.tesseracrm.platform.entity.Caller;
import org.tesseracrm.platform.entity.Conflict;
import org.tesseracrm.platform.entity.NotFound;
import org.tesseracrm.platform.entity.StaleVersion;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * Pipelines of the current tenant with their stages. Only crm-admins change them (the web layer enforces the role);
 * every change is audited. Transactions start here.
 */
@ApplicationScoped
@Transactional
public class Pipelines {

    private static final Set<String> NOT_AUDITED = Set.of("id", "version", "createdAt", "updatedAt", "createdBy");

    @Inject
    TenantEntityManagers tenantData;

    @Inject
    AuditTrail audit;

    /** All pipelines in their order, stages included. */
    public List<Pipeline> all() {
        return em().createQuery("SELECT p FROM Pipeline p ORDER BY p.position, LOWER(p.name), p.id", Pipeline.class)
                .getResultList();
    }

    public Pipeline find(UUID id) {
        Pipeline pipeline = id == null ? null : em().find(Pipeline.class, id);
        if (pipeline == null) {
            throw new NotFound("pipeline " + id);
        }
        return pipeline;
    }

    /** The pipeline new deals go to when none is named. */
    public Pipeline defaultPipeline() {
        return em().createQuery("SELECT p FROM Pipeline p WHERE p.defaultPipeline = TRUE", Pipeline.class)
                .getResultStream().findFirst().orElseThrow(() -> new NotFound("default pipeline"));
    }

    /** A new pipeline after the existing ones; {@code makeDefault} takes the default from the current one. */
    public Pipeline create(String name, boolean makeDefault, List<StageDefinition> stages, Caller caller) {
        OffsetDateTime now = now();
        Integer last = em().createQuery("SELECT MAX(p.position) FROM Pipeline p", Integer.class).getSingleResult();
        Pipeline pipeline = new Pipeline(name, last == null ? 0 : last + 1, stages, caller.username(), now);
        requireUniqueName(pipeline.name(), pipeline.id());
        if (makeDefault) {
            takeDefault(pipeline, now);
        }
        em().persist(pipeline);
        em().flush();
        audit.created(Pipeline.OBJECT_TYPE, pipeline.id(), snapshot(pipeline), caller.username());
        return pipeline;
    }

    /**
     * Changes what is given (null: unchanged): name, position, default and stages (see {@link Pipeline#replaceStages});
     * {@code makeDefault} true makes it the default. Stages that still hold deals cannot be removed.
     * {@code expectedVersion} (from If-Match, null: none) guards against lost updates.
     */
    public Pipeline update(UUID id, Long expectedVersion, String newName, Integer newPosition, Boolean defaultOrNot,
            List<StageDefinition> newStages, Caller caller) {
        Pipeline pipeline = find(id);
        StaleVersion.check("pipeline " + id, pipeline.version(), expectedVersion);
        Snapshot before = snapshot(pipeline);
        String name = newName == null ? pipeline.name() : newName;
        int position = newPosition == null ? pipeline.position() : newPosition;
        boolean makeDefault = defaultOrNot == null ? pipeline.isDefault() : defaultOrNot;
        List<StageDefinition> stages = newStages == null
                ? pipeline.stages().stream().map(s -> new StageDefinition(s.id(), s.name(), s.probability(),
                        s.isWon(), s.isLost(), s.colour(), s.idleDays())).toList()
                : newStages;
        String by = caller.username();
        if (pipeline.isDefault() && !makeDefault) {
            throw new Conflict("default-pipeline", "make another pipeline the default instead");
        }
        Set<UUID> removed = pipeline.removedBy(stages == null ? List.of() : stages);
        if (!removed.isEmpty() && em()
                .createQuery("SELECT d.id FROM Deal d WHERE d.stageId IN :stages", UUID.class)
                .setParameter("stages", removed).setMaxResults(1).getResultList().size() > 0) {
            throw new Conflict("stage-in-use", "a stage to remove still holds deals; move them first");
        }
        // stage rows do not bump the pipeline's version by themselves
        em().lock(pipeline, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
        OffsetDateTime now = now();
        pipeline.rename(name, now);
        pipeline.moveToPosition(position, now);
        pipeline.replaceStages(stages, by, now);
        requireUniqueName(pipeline.name(), pipeline.id());
        if (makeDefault && !pipeline.isDefault()) {
            takeDefault(pipeline, now);
        }
        em().flush();
        audit.updated(Pipeline.OBJECT_TYPE, id, before, snapshot(pipeline), by);
        return pipeline;
    }

    /** Deletes a pipeline without deals (deleted ones count: they can be restored); never the default. */
    public void delete(UUID id, Long expectedVersion, Caller caller) {
        Pipeline pipeline = find(id);
        StaleVersion.check("pipeline " + id, pipeline.version(), expectedVersion);
        if (pipeline.isDefault()) {
            throw new Conflict("default-pipeline", "the default pipeline cannot be deleted");
        }
        boolean hasDeals = !em().createQuery("SELECT d.id FROM Deal d WHERE d.pipelineId = :p", UUID.class)
                .setParameter("p", id).setMaxResults(1).getResultList().isEmpty();
        if (hasDeals) {
            throw new Conflict("pipeline-has-deals", "pipeline '" + pipeline.name() + "' still has deals");
        }
        Snapshot before = snapshot(pipeline);
        em().remove(pipeline);
        audit.deleted(Pipeline.OBJECT_TYPE, id, before, null, caller.username());
    }

    private void takeDefault(Pipeline pipeline, OffsetDateTime now) {
        for (Pipeline other : em()
                .createQuery("SELECT p FROM Pipeline p WHERE p.defaultPipeline = TRUE AND p.id <> :self",
                        Pipeline.class)
                .setParameter("self", pipeline.id()).getResultList()) {
            other.clearDefault(now);
        }
        // the old default is cleared in the database before the new one is set (the unique index is not deferrable)
        em().flush();
        pipeline.makeDefault(now);
    }

    private void requireUniqueName(String name, UUID self) {
        boolean taken = !em()
                .createQuery("SELECT p.id FROM Pipeline p WHERE LOWER(p.name) = LOWER(:name) AND p.id <> :self",
                        UUID.class)
                .setParameter("name", name).setParameter("self", self).setMaxResults(1).getResultList()
                .isEmpty();
        if (taken) {
            throw new Conflict("duplicate-pipeline-name", "a pipeline named '" + name + "' already exists");
        }
    }

    private static Snapshot snapshot(Pipeline pipeline) {
        return Snapshot.of(pipeline.snapshot(), NOT_AUDITED);
    }

    private EntityManager em() {
        return tenantData.current();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
