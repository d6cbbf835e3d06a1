package org.tesseracrm.deal.boundary;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.tesseracrm.account.boundary.Accounts;
import org.tesseracrm.audit.entity.AuditEntry;
import org.tesseracrm.contact.boundary.Contacts;
import org.tesseracrm.deal.control.DealListing;
import org.tesseracrm.deal.control.PipelineStatistics;
import org.tesseracrm.deal.control.PipelineStatistics.DealGroup;
import org.tesseracrm.deal.entity.Deal;
import org.tesseracrm.deal.entity.DealDetails;
import org.tesseracrm.deal.entity.DealStageChange;
import org.tesseracrm.deal.entity.DealStatus;
import org.tesseracrm.deal.entity.Pipeline;
import org.tesseracrm.deal.entity.PipelineStage;
import org.tesseracrm.deal.entity.PipelineStats;
import org.tesseracrm.platform.control.Page;
import org.tesseracrm.platform.control.RecordSearch;
import org.tesseracrm.platform.entity.Caller;
import org.tesseracrm.platform.entity.Conflict;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.NotFound;
import org.tesseracrm.record.control.OwnedRecords;
import org.tesseracrm.record.control.RecordKind;
import org.tesseracrm.team.boundary.RecordAccess;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Deals of the current tenant: create and edit, move through stages, win, lose, reopen, bin and restore, and pipeline
 * figures. Every change is checked against the caller's rights on the deal's owner and audited; every stage or status
 * change is also written to the deal's stage history. Transactions start here.
 */
@ApplicationScoped
@Transactional
public class Deals {

    // bookkeeping the audit log need not repeat on every change
    static final RecordKind<Deal> KIND = new RecordKind<>(Deal.class, Deal.OBJECT_TYPE, DealListing.TABLE);

    @Inject
    TenantEntityManagers tenantData;

    @Inject
    RecordAccess access;

    @Inject
    OwnedRecords records;

    @Inject
    Accounts accounts;

    @Inject
    Contacts contacts;

    /** A live (not deleted) deal. */
    public Deal find(UUID id) {
        return records.find(KIND, id);
    }

    /** A deal, deleted or not (for its history and restore). */
    public Deal findIncludingDeleted(UUID id) {
        return records.findIncludingDeleted(KIND, id);
    }

    /** The deal's changes from the audit log, newest first. */
    public List<AuditEntry> history(UUID id) {
        return records.history(KIND, id);
    }

    public Page<Deal> list(RecordSearch search) {
        return records.list(KIND, search);
    }

    /**
     * A new open deal in {@code pipelineId} (null: the default pipeline) at {@code stageId} (null: its first open
     * stage), owned by the caller unless another owner is named (and allowed).
     */
    public Deal create(UUID pipelineId, UUID stageId, DealDetails details, Caller caller) {
        Pipeline pipeline = pipelineId == null ? defaultPipeline() : pipeline(pipelineId);
        PipelineStage stage = stageId == null
                ? pipeline.firstOpenStage()
                : pipeline.stage(stageId)
                        .orElseThrow(() -> new InvalidInput("stageId", "is not a stage of the pipeline"));
        requireLinks(details.accountId(), details.contactId());
        String owner = access.ownerFor(caller, details.owner());
        Deal deal = new Deal(details.withOwner(owner), stage, caller.username(), now());
        records.created(KIND, deal, caller);
        em().persist(deal.opened());
        em().flush();
        return deal;
    }

    /** Applies the fields sent; {@code expectedVersion} (from If-Match, null: none) guards against lost updates. */
    public Deal update(UUID id, Long expectedVersion, DealDetails details, Caller caller) {
        Deal deal = records.current(KIND, id, expectedVersion);
        return records.change(KIND, deal, caller, d -> {
            DealDetails merged = details.over(d);
            if (details.has("owner")) {
                merged = merged.withOwner(access.ownerFor(caller, details.owner()));
            }
            if (details.has("accountId") || details.has("contactId")) {
                requireLinks(details.has("accountId") ? merged.accountId() : null,
                        details.has("contactId") ? merged.contactId() : null);
            }
            d.update(merged, stage(d.stageId()), now());
            em().flush();
        });
    }

    /** Moves the deal to another stage of its pipeline (a won stage wins it; a lost stage needs {@link #lose}). */
    public Deal moveStage(UUID id, Long expectedVersion, UUID stageId, Caller caller) {
        Deal deal = current(id, expectedVersion);
        PipelineStage stage = stageOf(deal, stageId);
        return record(deal, caller, d -> d.moveTo(stage, caller.username(), now()));
    }

    /** Wins the deal: into the first won stage of its pipeline. */
    public Deal win(UUID id, Long expectedVersion, Caller caller) {
        Deal deal = current(id, expectedVersion);
        PipelineStage won = pipeline(deal.pipelineId()).wonStage()
                .orElseThrow(() -> new Conflict("no-won-stage", "the deal's pipeline has no won stage"));
        return record(deal, caller, d -> d.win(won, caller.username(), now()));
    }

    /** Loses the deal: into the first lost stage of its pipeline, with a reason and optionally the competitor. */
    public Deal lose(UUID id, Long expectedVersion, String reason, String competitor, Caller caller) {
        Deal deal = current(id, expectedVersion);
        PipelineStage lost = pipeline(deal.pipelineId()).lostStage()
                .orElseThrow(() -> new Conflict("no-lost-stage", "the deal's pipeline has no lost stage"));
        return record(deal, caller, d -> d.lose(lost, reason, competitor, caller.username(), now()));
    }

    /**
     * Opens a won or lost deal again in {@code stageId}; null means the open stage it was closed from, or the
     * pipeline's first open stage if that is gone.
     */
    public Deal reopen(UUID id, Long expectedVersion, UUID stageId, Caller caller) {
        Deal deal = current(id, expectedVersion);
        Pipeline pipeline = pipeline(deal.pipelineId());
        PipelineStage target = stageId != null ? stageOf(deal, stageId) : stageClosedFrom(deal, pipeline);
        return record(deal, caller, d -> d.reopen(target, caller.username(), now()));
    }

    /** Moves the deal to the bin (restorable). */
    public void delete(UUID id, Long expectedVersion, Caller caller) {
        records.delete(KIND, id, expectedVersion, caller);
    }

    /** Brings a deal back from the bin. */
    public Deal restore(UUID id, Caller caller) {
        return records.restore(KIND, id, caller);
    }

    /** The deal's stage and status changes, oldest first. */
    public List<DealStageChange> stageHistory(UUID id) {
        findIncludingDeleted(id);
        return em()
                .createQuery("SELECT c FROM DealStageChange c WHERE c.dealId = :deal ORDER BY c.changedAt, c.id",
                        DealStageChange.class)
                .setParameter("deal", id).getResultList();
    }

    /** Names of stages by id (stages of any pipeline), for showing history entries; a null key maps to null. */
    public Map<UUID, String> stageNames(Set<UUID> stageIds) {
        Set<UUID> wanted = new HashSet<>(stageIds);
        wanted.remove(null);
        Map<UUID, String> names = new HashMap<>();
        if (wanted.isEmpty()) {
            return names;
        }
        em().createQuery("SELECT s FROM PipelineStage s WHERE s.id IN :ids", PipelineStage.class)
                .setParameter("ids", wanted).getResultList().forEach(s -> names.put(s.id(), s.name()));
        return names;
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

    /** A stage or status move: the deal changes, its stage change is recorded, and both are audited. */
    private Deal record(Deal deal, Caller caller, Function<Deal, DealStageChange> change) {
        return records.change(KIND, deal, caller, d -> {
            em().persist(change.apply(d));
            em().flush();
        });
    }

    private Deal current(UUID id, Long expectedVersion) {
        return records.current(KIND, id, expectedVersion);
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

    /** The account and contact a deal names must be live records of this tenant (a 400 otherwise). */
    private void requireLinks(UUID accountId, UUID contactId) {
        if (accountId != null) {
            accounts.requireLive("accountId", Set.of(accountId));
        }
        if (contactId != null) {
            try {
                contacts.find(contactId);
            } catch (NotFound e) {
                throw new InvalidInput("contactId", "names no contact of this tenant: " + contactId);
            }
        }
    }

    private EntityManager em() {
        return tenantData.current();
    }

    private static DealStatus status(Object column) {
        return column instanceof DealStatus ? (DealStatus) column : DealStatus.fromCode((String) column);
    }

    private static BigDecimal decimal(Object sum) {
        return sum == null ? BigDecimal.ZERO : new BigDecimal(sum.toString());
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
