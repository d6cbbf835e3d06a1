package org.tesseracrm.web.console.pipeline;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.primefaces.event.DragDropEvent;
import org.tesseracrm.account.boundary.Accounts;
import org.tesseracrm.deal.boundary.Deals;
import org.tesseracrm.deal.boundary.Pipelines;
import org.tesseracrm.deal.control.DealListing;
import org.tesseracrm.deal.entity.Deal;
import org.tesseracrm.platform.control.Page;
import org.tesseracrm.platform.entity.Forbidden;
import org.tesseracrm.platform.entity.StaleVersion;
import org.tesseracrm.web.api.deal.DealResponse;
import org.tesseracrm.web.api.deal.PipelineResponse;
import org.tesseracrm.web.api.deal.PipelineResponse.StageResponse;
import org.tesseracrm.web.api.support.Callers;
import org.tesseracrm.web.api.support.ListParams;
import org.tesseracrm.web.console.shell.ConsoleTime;
import org.tesseracrm.web.console.shell.Messages;
import org.tesseracrm.task.boundary.Tasks;
import org.tesseracrm.activity.boundary.Engagements;
import java.time.OffsetDateTime;

import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.ws.rs.core.MultivaluedHashMap;

/**
 * The pipeline kanban: a column per open stage with its deal count and, per currency, total and weighted value; a card
 * per open deal. A deal moves by drag and drop or by its "Move to stage" menu (the keyboard's way); both call
 * {@link Deals#moveStage} at the version the card shows, so a deal changed meanwhile is not overwritten, and
 * {@code RecordAccess} decides who may move which deal, as for the API.
 */
@Named("pipeline")
@ViewScoped
public class PipelinePage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int PAGE = 200;
    /** A card's and a column's client ids under ui:repeat: {@code board:columns:2:cards:5:card}. */
    private static final Pattern CARD_ID = Pattern.compile(":columns:(\\d+):cards:(\\d+):card$");
    private static final Pattern COLUMN_ID = Pattern.compile(":columns:(\\d+):column$");

    /**
     * A deal on the board with its account's name; {@code nextActivity} is when its next open task is due (overdue,
     * today, later, none: the card's colour), {@code idleDays} how long nothing happened on it in this stage, and
     * {@code rotting} whether that is more than the stage allows.
     */
    public record Card(DealResponse deal, String accountName, String nextActivity, long idleDays, boolean rotting)
            implements
                Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** A column's sum in one currency; weighted by each deal's probability. */
    public record Total(String currency, BigDecimal value, BigDecimal weighted) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** One open stage and its deals, largest value first. */
    public record Column(StageResponse stage, List<Card> cards, List<Total> totals) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Inject
    Pipelines pipelines;

    @Inject
    Deals deals;

    @Inject
    Accounts accounts;

    @Inject
    Tasks tasks;

    @Inject
    Engagements engagements;

    @Inject
    ConsoleTime time;

    @Inject
    Callers callers;

    @Inject
    Messages messages;

    private List<PipelineResponse> all = List.of();
    private String pipelineId;
    private String owner = "";
    private String tag = "";
    private List<Column> columns = List.of();
    private List<String> owners = List.of();
    private final Map<String, String> targets = new HashMap<>();

    @PostConstruct
    void init() {
        all = pipelines.all().stream().map(PipelineResponse::of).toList();
        pipelineId = all.stream().filter(PipelineResponse::defaultPipeline).findFirst()
                .or(() -> all.stream().findFirst()).map(PipelineResponse::id).orElse(null);
        load();
    }

    /** Reads the board again (after a move, or when the pipeline or owner filter changed). */
    public void load() {
        targets.clear();
        Optional<PipelineResponse> shown = all.stream().filter(p -> p.id().equals(pipelineId)).findFirst();
        if (shown.isEmpty()) {
            columns = List.of();
            return;
        }
        List<StageResponse> open = shown.get().stages().stream().filter(s -> !s.won() && !s.lost())
                .sorted(Comparator.comparingInt(StageResponse::position)).toList();
        List<Deal> found;
        try {
            found = openDeals();
        } catch (org.tesseracrm.platform.entity.DomainException e) {
            // a tag the rules refuse: said at the form, the board shows nothing rather than the wrong deals
            messages.add(FacesMessage.SEVERITY_ERROR, "list.bad-filter", e.getMessage());
            found = List.of();
        }
        Map<UUID, String> accountNames = accounts.names(found.stream().map(Deal::accountId).filter(
                Objects::nonNull).toList());
        List<UUID> ids = found.stream().map(Deal::id).toList();
        Map<UUID, OffsetDateTime> nextDue = tasks.nextDueByDeal(ids);
        Map<UUID, OffsetDateTime> lastActivity = engagements.lastActivityByDeal(ids);
        Map<String, Integer> idleLimits = new HashMap<>();
        open.forEach(stage -> idleLimits.put(stage.id(), stage.idleDays()));
        OffsetDateTime now = OffsetDateTime.now();
        java.time.LocalDate today = now.atZoneSameInstant(time.zone()).toLocalDate();
        Map<String, List<Card>> byStage = new HashMap<>();
        java.util.Set<String> seenOwners = new java.util.TreeSet<>();
        for (Deal deal : found) {
            seenOwners.add(deal.owner());
            if (!owner.isEmpty() && !owner.equals(deal.owner())) {
                continue;
            }
            // idle since it entered the stage or since its last activity, whichever came later
            OffsetDateTime since = deal.stageEnteredAt();
            OffsetDateTime active = lastActivity.get(deal.id());
            if (active != null && (since == null || active.isAfter(since))) {
                since = active;
            }
            long idle = since == null ? 0 : Math.max(0, java.time.Duration.between(since, now).toDays());
            Integer limit = idleLimits.get(deal.stageId().toString());
            byStage.computeIfAbsent(deal.stageId().toString(), id -> new ArrayList<>()).add(new Card(DealResponse
                    .of(deal), deal.accountId() == null ? null : accountNames.get(deal.accountId()),
                    nextActivity(nextDue.get(deal.id()), now, today), idle, limit != null && idle > limit));
        }
        owners = List.copyOf(seenOwners);
        columns = open.stream().map(stage -> {
            List<Card> cards = byStage.getOrDefault(stage.id(), List.of()).stream()
                    .sorted(Comparator.comparing((Card c) -> new BigDecimal(c.deal().value())).reversed()).toList();
            return new Column(stage, cards, totals(cards));
        }).toList();
    }

    private String nextActivity(OffsetDateTime due, OffsetDateTime now, java.time.LocalDate today) {
        if (due == null) {
            return "none";
        }
        if (due.isBefore(now)) {
            return "overdue";
        }
        return due.atZoneSameInstant(time.zone()).toLocalDate().equals(today) ? "today" : "later";
    }

    private List<Deal> openDeals() {
        List<Deal> found = new ArrayList<>();
        String after = null;
        do {
            MultivaluedHashMap<String, String> query = new MultivaluedHashMap<>();
            query.putSingle("pipelineId", pipelineId);
            query.putSingle("status", "open");
            if (!tag.isBlank()) {
                query.putSingle("tags", tag.strip());
            }
            query.putSingle("limit", String.valueOf(PAGE));
            if (after != null) {
                query.putSingle("after", after);
            }
            Page<Deal> page = deals.list(ListParams.fromQuery(DealListing.TABLE, query));
            found.addAll(page.results());
            after = page.nextCursor();
        } while (after != null);
        return found;
    }

    private static List<Total> totals(List<Card> cards) {
        Map<String, BigDecimal[]> sums = new TreeMap<>();
        for (Card card : cards) {
            BigDecimal value = new BigDecimal(card.deal().value());
            BigDecimal[] sum = sums.computeIfAbsent(card.deal().currency(), c -> new BigDecimal[]{BigDecimal.ZERO,
                    BigDecimal.ZERO});
            sum[0] = sum[0].add(value);
            sum[1] = sum[1].add(value.multiply(BigDecimal.valueOf(card.deal().probability()))
                    .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_EVEN));
        }
        Map<String, Total> ordered = new LinkedHashMap<>();
        sums.forEach((currency, sum) -> ordered.put(currency, new Total(currency, sum[0], sum[1])));
        return List.copyOf(ordered.values());
    }

    /** The card's "Move to stage" menu changed. */
    public void moveSelected(Card card) {
        String target = targets.get(card.deal().id());
        if (target != null && !target.isEmpty() && !target.equals(card.deal().stageId())) {
            move(card, target);
        }
    }

    /** A card was dropped on a column. */
    public void onDrop(DragDropEvent<?> event) {
        Matcher dragged = CARD_ID.matcher(event.getDragId());
        Matcher target = COLUMN_ID.matcher(event.getDropId());
        if (!dragged.find() || !target.find()) {
            return;
        }
        int from = Integer.parseInt(dragged.group(1));
        int index = Integer.parseInt(dragged.group(2));
        int to = Integer.parseInt(target.group(1));
        if (from >= columns.size() || to >= columns.size() || index >= columns.get(from).cards().size()
                || from == to) {
            return;
        }
        move(columns.get(from).cards().get(index), columns.get(to).stage().id());
    }

    private void move(Card card, String stageId) {
        try {
            deals.moveStage(UUID.fromString(card.deal().id()), card.deal().version(), UUID.fromString(stageId),
                    callers.current());
            messages.info("pipeline.moved", card.deal().name(), stageName(stageId));
        } catch (StaleVersion e) {
            messages.add(FacesMessage.SEVERITY_WARN, "pipeline.stale", card.deal().name());
        } catch (Forbidden e) {
            messages.add(FacesMessage.SEVERITY_ERROR, "pipeline.refused", card.deal().name(), card.deal().owner());
        }
        load();
    }

    private String stageName(String stageId) {
        return columns.stream().map(Column::stage).filter(s -> s.id().equals(stageId)).map(StageResponse::name)
                .findFirst().orElse("");
    }

    public List<PipelineResponse> getPipelines() {
        return all;
    }

    public List<StageResponse> getStages() {
        return columns.stream().map(Column::stage).toList();
    }

    public String getPipelineId() {
        return pipelineId;
    }

    public void setPipelineId(String pipelineId) {
        this.pipelineId = pipelineId;
    }

    public String getOwner() {
        return owner;
    }

    public void setOwner(String owner) {
        this.owner = owner == null ? "" : owner;
    }

    public String getTag() {
        return tag;
    }

    public void setTag(String tag) {
        this.tag = tag == null ? "" : tag;
    }

    public List<String> getOwners() {
        return owners;
    }

    public List<Column> getColumns() {
        return columns;
    }

    public Map<String, String> getTargets() {
        return targets;
    }
}
