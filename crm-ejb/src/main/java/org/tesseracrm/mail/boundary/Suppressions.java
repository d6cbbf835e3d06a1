package org.tesseracrm.mail.boundary;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.tesseracrm.mail.entity.SuppressedAddress;
import org.tesseracrm.platform.control.Page;
import org.tesseracrm.platform.entity.Caller;
import org.tesseracrm.platform.entity.Conflict;
import org.tesseracrm.platform.entity.Fields;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.NotFound;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The tenant's suppression list: addresses it sends nothing to any more, because the recipient unsubscribed, the
 * address bounced for good, the recipient reported spam, or someone in the tenant put it there. Queuing an e-mail to
 * such an address is refused; one queued before the address got here is not sent (the dispatcher checks again).
 * Addresses are kept in lower case, so {@code Nancy@X} and {@code nancy@x} are one.
 */
@ApplicationScoped
@Transactional
public class Suppressions {

    public static final int MAX_LIMIT = 200;

    /** Why an address is suppressed, as stored. */
    public enum Reason {
        UNSUBSCRIBE("unsubscribe"), HARD_BOUNCE("hard-bounce"), SPAM_REPORT("spam-report"), MANUAL("manual");

        private final String value;

        Reason(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    @Inject
    TenantEntityManagers tenantData;

    /** Adds an address (nothing changes when it is there already); returns whether it was new. */
    public boolean suppress(String address, Reason reason, UUID outboxId, String by) {
        return em().createNativeQuery("INSERT INTO email_suppression (address, reason, outbox_id, created_by) VALUES"
                + " (?1, ?2, CAST(?3 AS uuid), ?4) ON CONFLICT (address) DO NOTHING")
                .setParameter(1, address.toLowerCase(Locale.ROOT)).setParameter(2, reason.value())
                .setParameter(3, outboxId == null ? null : outboxId.toString()).setParameter(4, by)
                .executeUpdate() == 1;
    }

    /** Someone in the tenant puts an address on the list by hand; 409 when it is there already. */
    public SuppressedAddress add(String address, Caller caller) {
        String normalised = Fields.email("address", address);
        if (normalised == null) {
            throw new InvalidInput("address", "is required");
        }
        if (!suppress(normalised, Reason.MANUAL, null, caller.username())) {
            throw new Conflict("already-suppressed", normalised + " is on the suppression list already");
        }
        return find(normalised);
    }

    /** Takes an address off the list: the tenant may send to it again. */
    public void remove(String address) {
        int removed = em().createNativeQuery("DELETE FROM email_suppression WHERE address = ?1")
                .setParameter(1, address.toLowerCase(Locale.ROOT)).executeUpdate();
        if (removed == 0) {
            throw new NotFound("email-suppression " + address);
        }
    }

    public SuppressedAddress find(String address) {
        List<SuppressedAddress> found = select("WHERE address = ?1", address.toLowerCase(Locale.ROOT), 1);
        if (found.isEmpty()) {
            throw new NotFound("email-suppression " + address);
        }
        return found.get(0);
    }

    /** The list in address order, a page at a time; {@code after} is the last address of the previous page. */
    public Page<SuppressedAddress> page(int limit, String after) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInput("limit", "must be a whole number between 1 and " + MAX_LIMIT);
        }
        List<SuppressedAddress> rows = select("WHERE address > ?1", after == null ? "" : after, limit + 1);
        boolean more = rows.size() > limit;
        List<SuppressedAddress> results = more ? rows.subList(0, limit) : rows;
        return new Page<>(List.copyOf(results), more ? results.get(limit - 1).address() : null);
    }

    /**
     * Which of these addresses are suppressed (lower case): listed, or erased at the person's request (kept only as
     * the address's SHA-256 hash, docs/privacy.md).
     */
    public Set<String> suppressed(Collection<String> addresses) {
        Set<String> found = new TreeSet<>();
        if (addresses.isEmpty()) {
            return found;
        }
        String[] lower = addresses.stream().map(a -> a.toLowerCase(Locale.ROOT)).toArray(String[]::new);
        for (Object address : em().createNativeQuery("SELECT a FROM unnest(string_to_array(?1, chr(1))) a"
                + " WHERE EXISTS (SELECT 1 FROM email_suppression s WHERE s.address = a) OR EXISTS (SELECT 1 FROM"
                + " email_suppression_hash h WHERE h.address_hash = encode(sha256(convert_to(a, 'UTF8')), 'hex'))")
                .setParameter(1, String.join("\u0001", lower)).getResultList()) {
            found.add((String) address);
        }
        return found;
    }

    private List<SuppressedAddress> select(String where, String value, int limit) {
        List<SuppressedAddress> rows = new ArrayList<>();
        for (Object row : em().createNativeQuery("SELECT address, reason, CAST(outbox_id AS text), created_at,"
                + " created_by FROM email_suppression " + where + " ORDER BY address LIMIT " + limit)
                .setParameter(1, value).getResultList()) {
            Object[] r = (Object[]) row;
            rows.add(new SuppressedAddress((String) r[0], (String) r[1],
                    r[2] == null ? null : UUID.fromString((String) r[2]),
                    org.tesseracrm.platform.entity.Timestamps.fromColumn(r[3]),
                    (String) r[4]));
        }
        return rows;
    }

    private EntityManager em() {
        return tenantData.current();
    }
}
