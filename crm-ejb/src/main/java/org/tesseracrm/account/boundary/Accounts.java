package org.tesseracrm.account.boundary;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.tesseracrm.account.control.AccountListing;
import org.tesseracrm.account.entity.Account;
import org.tesseracrm.account.entity.AccountDetails;
import org.tesseracrm.audit.entity.AuditEntry;
import org.tesseracrm.customfield.boundary.CustomFields;
import org.tesseracrm.platform.control.BatchUpsert;
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

/** Accounts of the current tenant: every change is checked against the caller's rights and audited. */
@ApplicationScoped
@Transactional
public class Accounts {

    private static final int MAX_PARENT_DEPTH = 20;

    static final RecordKind<Account> KIND = new RecordKind<>(Account.class, Account.OBJECT_TYPE, AccountListing.TABLE);

    @Inject
    TenantEntityManagers tenantData;

    @Inject
    RecordAccess access;

    @Inject
    CustomFields customFields;

    @Inject
    OwnedRecords records;

    /** A live account; deleted and unknown ones are {@link NotFound}. */
    public Account find(UUID id) {
        return records.find(KIND, id);
    }

    /** The names of accounts by id in one statement (cards and lists that show a deal's or contact's account). */
    public Map<UUID, String> names(Collection<UUID> ids) {
        Map<UUID, String> names = new HashMap<>();
        records.load(KIND, new ArrayList<>(new HashSet<>(ids))).forEach((id, account) -> names.put(id,
                account.name()));
        return names;
    }

    /** An account, deleted or not (for its history and restore). */
    public Account findIncludingDeleted(UUID id) {
        return records.findIncludingDeleted(KIND, id);
    }

    /** The account's changes from the audit log, newest first. */
    public List<AuditEntry> history(UUID id) {
        return records.history(KIND, id);
    }

    public Page<Account> list(RecordSearch search) {
        return records.list(KIND, search);
    }

    public Account create(AccountDetails details, Caller caller) {
        Account account = new Account(details, access.ownerFor(caller, details.owner()), caller.username());
        check(account, details, true);
        return records.created(KIND, account, caller);
    }

    /** Creates or updates up to 100 accounts matched by {@code externalId} or {@code domain}, all or nothing. */
    public List<BatchUpsert.Result<Account>> upsert(List<AccountDetails> batch, String matchBy, Caller caller) {
        boolean byDomain = "domain".equals(matchBy);
        if (!byDomain && !"externalId".equals(matchBy)) {
            throw new InvalidInput("idProperty", "must be externalId or domain");
        }
        return BatchUpsert.run(batch, matchBy,
                d -> byDomain
                        ? (d.domain() == null ? null : d.domain().strip().toLowerCase(Locale.ROOT))
                        : (d.externalId() == null ? null : d.externalId().strip()),
                keys -> existing(byDomain, keys), d -> create(d, caller), (account, d) -> update(account.id(), null,
                        d, caller));
    }

    public List<Account> createAll(List<AccountDetails> batch, Caller caller) {
        return BatchUpsert.each(batch, details -> create(details, caller));
    }

    public List<Account> updateAll(List<UUID> ids, List<AccountDetails> batch, Caller caller) {
        return BatchUpsert.eachById(ids, batch, (id, details) -> update(id, null, details, caller));
    }

    /** Live accounts by domain or external id; two live accounts with one domain cannot be upserted into. */
    private Map<String, Account> existing(boolean byDomain, java.util.Collection<String> keys) {
        String jpql = byDomain
                ? "SELECT a FROM Account a WHERE a.domain IN :keys AND a.deletedAt IS NULL"
                : "SELECT a FROM Account a WHERE a.externalId IN :keys";
        Map<String, Account> found = new HashMap<>();
        for (Account account : em().createQuery(jpql, Account.class).setParameter("keys", keys).getResultList()) {
            if (account.isDeleted()) {
                throw new Conflict("deleted-record", "account with externalId " + account.externalId()
                        + " is deleted; restore it first (" + account.id() + ")");
            }
            String key = byDomain ? account.domain() : account.externalId();
            if (found.put(key, account) != null) {
                throw new Conflict("ambiguous-match", "several accounts have the domain " + key
                        + "; upsert by externalId instead");
            }
        }
        return found;
    }

    /** Applies the fields sent; {@code expectedVersion} (from If-Match) guards against lost updates. */
    public Account update(UUID id, Long expectedVersion, AccountDetails details, Caller caller) {
        Account account = records.current(KIND, id, expectedVersion);
        return records.change(KIND, account, caller, a -> {
            a.apply(details, caller.username());
            if (details.has("owner")) {
                a.reassign(access.ownerFor(caller, details.owner()));
            }
            check(a, details, false);
            em().flush();
        });
    }

    public void delete(UUID id, Long expectedVersion, Caller caller) {
        records.delete(KIND, id, expectedVersion, caller);
    }

    public Account restore(UUID id, Caller caller) {
        return records.restore(KIND, id, caller);
    }

    /** {@link InvalidInput} on {@code field} unless every id names a live account of this tenant. */
    public void requireLive(String field, Set<UUID> ids) {
        Set<UUID> wanted = new HashSet<>(ids);
        wanted.remove(null);
        if (wanted.isEmpty()) {
            return;
        }
        List<UUID> found = em().createQuery("SELECT a.id FROM Account a WHERE a.id IN :ids AND a.deletedAt IS NULL",
                UUID.class).setParameter("ids", wanted).getResultList();
        wanted.removeAll(found);
        if (!wanted.isEmpty()) {
            throw new InvalidInput(field, "names no account of this tenant: " + wanted.iterator().next());
        }
    }

    private void check(Account account, AccountDetails details, boolean creating) {
        if (creating || details.has("customFields")) {
            customFields.rules(Account.OBJECT_TYPE).check(account.customFields());
        }
        if (details.has("parentAccountId") && account.parentAccountId() != null) {
            requireLive("parentAccountId", Set.of(account.parentAccountId()));
            UUID ancestor = account.parentAccountId();
            for (int depth = 0; ancestor != null; depth++) {
                if (ancestor.equals(account.id()) || depth > MAX_PARENT_DEPTH) {
                    throw new InvalidInput("parentAccountId", "would make a cycle of parent accounts");
                }
                Account parent = em().find(Account.class, ancestor);
                ancestor = parent == null ? null : parent.parentAccountId();
            }
        }
    }

    private EntityManager em() {
        return tenantData.current();
    }
}
