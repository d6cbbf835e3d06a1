package org.tesseracrm.deal.boundary;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.tesseracrm.contact.entity.Contact;
import org.tesseracrm.deal.control.PipelineStatistics;
import org.tesseracrm.deal.control.PipelineStatistics.DealGroup;
import org.tesseracrm.deal.entity.Deal;
import org.tesseracrm.deal.entity.DealDetails;
import org.tesseracrm.deal.entity.DealStageChange;
import org.tesseracrm.deal.entity.DealStatus;
import org.tesseracrm.deal.entity.Pipeline;
import org.tesseracrm.deal.entity.PipelineStage;
import org.tesseracrm.deal.entity.PipelineStats;
import org.tesseracrm.platform.entity.Conflict;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.NotFound;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Deals of the current tenant: create and edit, move through stages, win, lose, reopen, bin and restore, and pipeline
 * figures. Every stage or status change is written to the deal's history. Transactions start here.
 */
@ApplicationScoped
@Transactional
public class Deals {

    @Inject
    TenantEntityManagers tenantData;

    /** A live (not deleted) deal. */
    public Deal find(UUID id) {
        Deal deal = findAny(id);
        if (deal.isDeleted()) {
            throw new NotFound("deal " + id);
        }
        return deal;
    }

    /**
     * A new open deal in {@code pipelineId} (null: the default pipeline) at {@code stageId} (null: its first open
     * stage).
     */
    public Deal create(UUID pipelineId, UUID stageId, DealDetails details, String createdBy) {
        Pipeline pipeline = pipelineId == null ? defaultPipeline() : pipeline(pipelineId);
        PipelineStage stage = stageId == null
                ? pipeline.firstOpenStage()
                : pipeline.stage(stageId)
                        .orElseThrow(() -> new InvalidInput("stageId", "is not a stage of the pipeline"));
        requireContact(details.contactId());
        Deal deal = new Deal(details, stage, createdBy, now());
        em().persist(deal);
        em().persist(deal.opened());
        em().flush();
        return deal;
    }

    /** Replaces what users edit; {@code expectedVersion} guards against lost updates. */
    public Deal update(UUID id, long expectedVersion, DealDetails details) {
        Deal deal = current(id, expectedVersion);
        requireContact(details.contactId());
        deal.update(details, stage(deal.stageId()), now());
        em().flush();
        return deal;
    }

    /** Moves the deal to another stage of its pipeline (a won stage wins it; a lost stage needs {@link #lose}). */
    public Deal moveStage(UUID id, long expectedVersion, UUID stageId, String by) {
        Deal deal = current(id, expectedVersion);
        return record(deal, deal.moveTo(stageOf(deal, stageId), by, now()));
    }

    /** Wins the deal: into the first won stage of its pipeline. */
    public Deal win(UUID id, long expectedVersion, String by) {
        Deal deal = current(id, expectedVersion);
        PipelineStage won = pipeline(deal.pipelineId()).wonStage()
                .orElseThrow(() -> new Conflict("no-won-stage", "the deal's pipeline has no won stage"));
        return record(deal, deal.win(won, by, now()));
    }

    /** Loses the deal: into the first lost stage of its pipeline, with a reason and optionally the competitor. */
    public Deal lose(UUID id, long expectedVersion, String reason, String competitor, String by) {
        Deal deal = current(id, expectedVersion);
        PipelineStage lost = pipeline(deal.pipelineId()).lostStage()
                .orElseThrow(() -> new Conflict("no-lost-stage", "the deal's pipeline has no lost stage"));
        return record(deal, deal.lose(lost, reason, competitor, by, now()));
    }

    /**
     * Opens a won or lost deal again in {@code stageId}; null means the open stage it was closed from, or the
     * pipeline's first open stage if that is gone.
     */
    public Deal reopen(UUID id, long expectedVersion, UUID stageId, String by) {
        Deal deal = current(id, expectedVersion);
        Pipeline pipeline = pipeline(deal.pipelineId());
        PipelineStage target = stageId != null ? stageOf(deal, stageId) : stageClosedFrom(deal, pipeline);
        return record(deal, deal.reopen(target, by, now()));
    }

    /** Moves the deal to the bin. */
    public Deal softDelete(UUID id) {
        Deal deal = find(id);
        deal.softDelete(now());
        em().flush();
        return deal;
    }

    /** Brings a deal back from the bin. */
    public Deal restore(UUID id) {
        Deal deal = findAny(id);
        deal.restore(now());
        em().flush();
        return deal;
    }

    /** The deal's stage and status changes, oldest first. */
    public List<DealStageChange> history(UUID id) {
        find(id);
        return em()
                .createQuery("SELECT c FROM DealStageChange c WHERE c.dealId = :deal ORDER BY c.changedAt, c.id",
                        DealStageChange.class)
                .setParameter("deal", id).getResultList();
    }

    /** Per-stage figures of a pipeline's live deals, the win rate and average time in stage: three queries. */
    public PipelineStats stats(UUID pipelineId) {
        Pipeline pipeline = pipeline(pipelineId);
        List<DealGroup> groups = em().createQuery(
                "SELECT d.stageId, d.status, d.currency, COUNT(d), SUM(d.value), SUM(d.value * d.probability)"
                        + " FROM Deal d WHERE d.pipelineId = :p AND d.deletedAt IS NULL"
                        + " GROUP BY d.stageId, d.status, d.currency",
                Object[].class).setParameter("p", pipelineId).getResultList().stream()
                .map(row -> new DealGroup((UUID) row[0], status(row[1]), ((String) row[2]).strip(),
                        ((Number) row[3]).longValue(), decimal(row[4]), decimal(row[5])))
                .toList();
        List<UUID> stageIds = pipeline.stages().stream().map(PipelineStage::id).toList();
        Map<UUID, Double> averageSeconds = new HashMap<>();
        em().createQuery("SELECT c.fromStageId, AVG(c.timeInPreviousStageSeconds) FROM DealStageChange c"
                + " WHERE c.fromStageId IN :stages GROUP BY c.fromStageId", Object[].class)
                .setParameter("stages", stageIds).getResultList()
                .forEach(row -> averageSeconds.put((UUID) row[0], ((Number) row[1]).doubleValue()));
        return PipelineStatistics.of(pipeline, groups, averageSeconds);
    }

    private Deal record(Deal deal, DealStageChange change) {
        em().persist(change);
        em().flush();
        return deal;
    }

    private Deal findAny(UUID id) {
        Deal deal = id == null ? null : em().find(Deal.class, id);
        if (deal == null) {
            throw new NotFound("deal " + id);
        }
        return deal;
    }

    private Deal current(UUID id, long expectedVersion) {
        Deal deal = find(id);
        if (deal.version() != expectedVersion) {
            throw new Conflict("stale-version", "deal " + id + " was changed by someone else (version "
                    + deal.version() + ", yours " + expectedVersion + ")");
        }
        return deal;
    }

    private PipelineStage stageClosedFrom(Deal deal, Pipeline pipeline) {
        List<UUID> from = em().createQuery("SELECT c.fromStageId FROM DealStageChange c WHERE c.dealId = :deal"
                + " AND c.toStageId = :stage ORDER BY c.changedAt DESC, c.id DESC", UUID.class)
                .setParameter("deal", deal.id()).setParameter("stage", deal.stageId()).setMaxResults(1)
                .getResultList();
        return from.isEmpty() || from.get(0) == null
                ? pipeline.firstOpenStage()
                : pipeline.stage(from.get(0)).filter(PipelineStage::isOpen).orElseGet(pipeline::firstOpenStage);
    }

    private PipelineStage stageOf(Deal deal, UUID stageId) {
        PipelineStage stage = stageId == null ? null : em().find(PipelineStage.class, stageId);
        if (stage == null || !stage.pipelineId().equals(deal.pipelineId())) {
            throw new InvalidInput("stageId", "is not a stage of the deal's pipeline");
        }
        return stage;
    }

    private PipelineStage stage(UUID stageId) {
        return em().find(PipelineStage.class, stageId);
    }

    private Pipeline pipeline(UUID id) {
        Pipeline pipeline = id == null ? null : em().find(Pipeline.class, id);
        if (pipeline == null) {
            throw new NotFound("pipeline " + id);
        }
        return pipeline;
    }

    private Pipeline defaultPipeline() {
        return em().createQuery("SELECT p FROM Pipeline p WHERE p.defaultPipeline = TRUE", Pipeline.class)
                .getResultStream().findFirst().orElseThrow(() -> new NotFound("default pipeline"));
    }

    // Account has no entity yet: its foreign key is the check until it does
    private void requireContact(UUID contactId) {
        if (contactId != null && em().find(Contact.class, contactId) == null) {
            throw new InvalidInput("contactId", "is not a contact");
        }
    }

    private EntityManager em() {
        return tenantData.current();
    }

    private static DealStatus status(Object column) {
        return column instanceof DealStatus status ? status : DealStatus.fromCode((String) column);
    }

    private static BigDecimal decimal(Object sum) {
        return sum == null ? BigDecimal.ZERO : new BigDecimal(sum.toString());
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
