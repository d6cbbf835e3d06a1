package org.tesseracrm.sequence.boundary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.tesseracrm.mail.boundary.EmailTemplates;
import org.tesseracrm.platform.entity.Caller;
import org.tesseracrm.platform.entity.Conflict;
import org.tesseracrm.platform.entity.Forbidden;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.NotFound;
import org.tesseracrm.platform.entity.StaleVersion;
import org.tesseracrm.sequence.entity.Sequence;
import org.tesseracrm.sequence.entity.SequenceStep;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The tenant's sequences and their steps. Everyone who sells creates sequences (they own them); the owner, managers
 * and admins change and delete them. Replacing the steps is how they are added, changed, removed and reordered: a
 * step that keeps its id keeps its history, so an enrollment never runs a step twice, wherever it moved.
 */
@ApplicationScoped
@Transactional
public class Sequences {

    public static final int MAX_STEPS = 50;

    /** The sequence step a task was created for ({@code step} counts from 1). */
    public record TaskOrigin(UUID sequenceId, String sequenceName, int step) {
    }

    /** A sequence with its steps in order. */
    public record Detail(Sequence sequence, List<SequenceStep> steps, Map<String, Long> enrollments) {
    }

    @Inject
    TenantEntityManagers tenantData;

    @Inject
    EmailTemplates templates;

    public List<Detail> all() {
        List<Sequence> sequences = em().createQuery("SELECT s FROM Sequence s ORDER BY LOWER(s.name), s.id",
                Sequence.class).getResultList();
        Map<UUID, List<SequenceStep>> steps = new HashMap<>();
        for (SequenceStep step : em().createQuery("SELECT t FROM SequenceStep t ORDER BY t.position",
                SequenceStep.class).getResultList()) {
            steps.computeIfAbsent(step.sequenceId(), k -> new ArrayList<>()).add(step);
        }
        Map<UUID, Map<String, Long>> counts = counts(null);
        return sequences.stream().map(s -> new Detail(s, steps.getOrDefault(s.id(), List.of()),
                counts.getOrDefault(s.id(), Map.of()))).toList();
    }

    public Detail find(UUID id) {
        Sequence sequence = em().find(Sequence.class, id);
        if (sequence == null) {
            throw new NotFound("sequence " + id);
        }
        return new Detail(sequence, steps(id), counts(id).getOrDefault(id, Map.of()));
    }

    public List<SequenceStep> steps(UUID sequenceId) {
        return em().createQuery("SELECT t FROM SequenceStep t WHERE t.sequenceId = :s ORDER BY t.position",
                SequenceStep.class).setParameter("s", sequenceId).getResultList();
    }

    public Detail create(String name, List<SequenceStep.Definition> steps, Caller caller) {
        requireSeller(caller);
        Sequence sequence = new Sequence(name, caller.username(), caller.username());
        requireUniqueName(sequence.name(), sequence.id());
        em().persist(sequence);
        em().flush();
        replaceSteps(sequence, steps);
        return find(sequence.id());
    }

    /** Replaces name and steps; steps given with their id keep it. */
    public Detail replace(UUID id, Long expectedVersion, String name, List<SequenceStep.Definition> steps,
            Caller caller) {
        Sequence sequence = find(id).sequence();
        requireChanger(sequence, caller);
        StaleVersion.check("sequence " + id, sequence.version(), expectedVersion);
        sequence.rename(name);
        requireUniqueName(sequence.name(), sequence.id());
        em().lock(sequence, jakarta.persistence.LockModeType.OPTIMISTIC_FORCE_INCREMENT);
        replaceSteps(sequence, steps);
        em().flush();
        return find(id);
    }

    /** Deletes a sequence nobody is going through any more (else 409: unenroll them first). */
    public void delete(UUID id, Caller caller) {
        Sequence sequence = find(id).sequence();
        requireChanger(sequence, caller);
        long running = em().createQuery("SELECT COUNT(e) FROM Enrollment e WHERE e.sequenceId = :s AND e.status IN"
                + " ('active', 'paused')", Long.class).setParameter("s", id).getSingleResult();
        if (running > 0) {
            throw new Conflict("sequence-in-use", running + " enrollment(s) are active or paused; unenroll them first");
        }
        em().createQuery("DELETE FROM Enrollment e WHERE e.sequenceId = :s").setParameter("s", id).executeUpdate();
        em().createQuery("DELETE FROM SequenceStep t WHERE t.sequenceId = :s").setParameter("s", id).executeUpdate();
        em().remove(sequence);
    }

    private void replaceSteps(Sequence sequence, List<SequenceStep.Definition> definitions) {
        if (definitions == null || definitions.isEmpty()) {
            throw new InvalidInput("steps", "a sequence has at least one step");
        }
        if (definitions.size() > MAX_STEPS) {
            throw new InvalidInput("steps", "a sequence has at most " + MAX_STEPS + " steps");
        }
        Map<UUID, SequenceStep> existing = new HashMap<>();
        steps(sequence.id()).forEach(step -> existing.put(step.id(), step));
        Set<UUID> kept = new HashSet<>();
        for (int position = 0; position < definitions.size(); position++) {
            SequenceStep.Definition definition = definitions.get(position);
            if (definition == null) {
                throw new InvalidInput("steps[" + position + "]", "is required");
            }
            if (definition.templateId() != null) {
                try {
                    templates.find(definition.templateId());
                } catch (NotFound e) {
                    throw new InvalidInput("steps[" + position + "].templateId", "is no e-mail template of this"
                            + " workspace");
                }
            }
            if (definition.id() != null) {
                SequenceStep step = existing.get(definition.id());
                if (step == null || !kept.add(step.id())) {
                    throw new InvalidInput("steps[" + position + "].id", "is no step of this sequence (or given"
                            + " twice)");
                }
                step.apply(position, definition);
            } else {
                em().persist(new SequenceStep(sequence.id(), position, definition));
            }
        }
        existing.values().stream().filter(step -> !kept.contains(step.id())).forEach(em()::remove);
        em().flush(); // positions are unique per sequence when the transaction ends (a deferred constraint)
    }

    private Map<UUID, Map<String, Long>> counts(UUID only) {
        Map<UUID, Map<String, Long>> counts = new HashMap<>();
        var query = em().createQuery("SELECT e.sequenceId, e.status, COUNT(e) FROM Enrollment e"
                + (only == null ? "" : " WHERE e.sequenceId = :s") + " GROUP BY e.sequenceId, e.status",
                Object[].class);
        if (only != null) {
            query.setParameter("s", only);
        }
        for (Object[] row : query.getResultList()) {
            counts.computeIfAbsent((UUID) row[0], k -> new HashMap<>()).put((String) row[1], (Long) row[2]);
        }
        return counts;
    }

    private void requireUniqueName(String name, UUID self) {
        boolean taken = !em().createQuery("SELECT s.id FROM Sequence s WHERE LOWER(s.name) = LOWER(:n) AND s.id <>"
                + " :self", UUID.class).setParameter("n", name).setParameter("self", self).setMaxResults(1)
                .getResultList().isEmpty();
        if (taken) {
            throw new Conflict("duplicate-sequence-name", "a sequence named '" + name + "' already exists");
        }
    }

    static void requireSeller(Caller caller) {
        if (!caller.isSeller()) {
            throw new Forbidden("sellers-only", "only crm-admins, sales-managers and sales-reps work with sequences");
        }
    }

    private static void requireChanger(Sequence sequence, Caller caller) {
        if (!caller.isAdmin() && !caller.isManager() && !sequence.owner().equals(caller.username())) {
            throw new Forbidden("not-your-sequence", "only its owner, managers and admins change a sequence");
        }
    }

    /** For those of the tasks a CALL or TASK step created: which sequence and step. */
    public Map<UUID, TaskOrigin> originsOfTasks(java.util.Collection<UUID> taskIds) {
        if (taskIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, TaskOrigin> origins = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em().createNativeQuery("SELECT CAST(r.task_id AS text), CAST(s.id AS text), s.name,"
                + " r.position FROM sequence_step_run r JOIN sequence_enrollment e ON e.id = r.enrollment_id"
                + " JOIN sequence s ON s.id = e.sequence_id WHERE r.task_id = ANY(CAST(?1 AS uuid[]))")
                // ids are UUIDs, so the array literal carries nothing but hex and dashes (as OwnedRecords.load)
                .setParameter(1, taskIds.stream().map(UUID::toString).collect(java.util.stream.Collectors.joining(",",
                        "{", "}")))
                .getResultList();
        for (Object[] row : rows) {
            origins.put(UUID.fromString((String) row[0]), new TaskOrigin(UUID.fromString((String) row[1]),
                    (String) row[2], ((Number) row[3]).intValue() + 1));
        }
        return origins;
    }

    private EntityManager em() {
        return tenantData.current();
    }

}
