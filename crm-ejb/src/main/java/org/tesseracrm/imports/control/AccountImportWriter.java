package org.tesseracrm.imports.control;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.tesseracrm.account.boundary.Accounts;
import org.tesseracrm.account.entity.Account;
import org.tesseracrm.account.entity.AccountDetails;
import org.tesseracrm.customfield.boundary.CustomFields;
import org.tesseracrm.imports.entity.ImportPlan;
import org.tesseracrm.imports.entity.ImportPlan.MatchBy;
import org.tesseracrm.imports.entity.ImportPlan.Row;
import org.tesseracrm.platform.entity.Caller;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Account imports through {@link Accounts} ({@link BoundaryImportWriter}), audited as API writes are. Rows match by
 * domain (the oldest live account with it) or external id.
 */
@ApplicationScoped
// the kinds' checks refuse rows by throwing: that must not doom the chunk's transaction
@Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = org.tesseracrm.platform.entity.DomainException.class)
public class AccountImportWriter implements BoundaryImportWriter.Kind<Account, AccountDetails> {

    @Inject
    BoundaryImportWriter writer;

    @Inject
    Accounts accounts;

    @Inject
    CustomFields customFields;

    @Inject
    TenantEntityManagers tenantData;

    public ImportPlan.Outcome write(ImportPlan plan, List<Row> rows) {
        return writer.write(plan, rows, this);
    }

    @Override
    public String objectType() {
        return Account.OBJECT_TYPE;
    }

    @Override
    public AccountDetails details(ImportCells.Cells cells) {
        Map<String, String> v = cells.values();
        return new AccountDetails(v.get("name"), domain(v.get("domain")), v.get("industry"), v.get("website"),
                v.get("phone"), v.get("tier"), null, v.get("owner"), ImportCells.tags(v.get("tags")),
                cells.customFields(), v.get("externalId"), cells.present());
    }

    /** "https://www.Example.com/about" and "www.example.com" both name example.com. */
    private static String domain(String text) {
        if (text == null) {
            return null;
        }
        String domain = text.strip().toLowerCase(Locale.ROOT).replaceFirst("^[a-z]+://", "").replaceFirst("[/?#].*$",
                "");
        return domain.startsWith("www.") ? domain.substring(4) : domain;
    }

    @Override
    public String key(MatchBy matchBy, AccountDetails details) {
        return switch (matchBy) {
            case DOMAIN -> details.domain();
            case EXTERNAL_ID -> externalId(details);
            default -> null;
        };
    }

    @Override
    public String keyOf(MatchBy matchBy, Account account) {
        return switch (matchBy) {
            case DOMAIN -> account.domain();
            case EXTERNAL_ID -> account.externalId();
            default -> null;
        };
    }

    @Override
    public String externalId(AccountDetails details) {
        return details.externalId() == null ? null : details.externalId().strip();
    }

    @Override
    public List<Account> existing(MatchBy matchBy, Set<String> keys) {
        String jpql = matchBy == MatchBy.DOMAIN
                ? "SELECT a FROM Account a WHERE a.domain IN :keys AND a.deletedAt IS NULL ORDER BY a.createdAt"
                : "SELECT a FROM Account a WHERE a.externalId IN :keys";
        return tenantData.current().createQuery(jpql, Account.class).setParameter("keys", keys).getResultList();
    }

    @Override
    public Map<String, UUID> externalIdsTaken(Set<String> ids) {
        Map<String, UUID> taken = new HashMap<>();
        tenantData.current().createQuery("SELECT a.externalId, a.id FROM Account a WHERE a.externalId IN :ids",
                Object[].class).setParameter("ids", ids).getResultList()
                .forEach(row -> taken.put((String) row[0], (UUID) row[1]));
        return taken;
    }

    /** On a throwaway account; a row that updates need not carry a name. */
    @Override
    public void check(AccountDetails details, boolean creating, Caller caller) {
        AccountDetails probe = details;
        if (!creating && !details.has("name")) {
            Set<String> present = new HashSet<>(details.present());
            present.add("name");
            probe = new AccountDetails("probe", details.domain(), details.industry(), details.website(),
                    details.phone(), details.tier(), details.parentAccountId(), details.owner(), details.tags(),
                    details.customFields(), details.externalId(), present);
        }
        Account account = new Account(probe, caller.username(), caller.username());
        if (creating || details.has("customFields")) {
            customFields.rules(Account.OBJECT_TYPE).check(account.customFields());
        }
    }

    @Override
    public UUID id(Account account) {
        return account.id();
    }

    @Override
    public String owner(Account account) {
        return account.owner();
    }

    @Override
    public boolean deleted(Account account) {
        return account.isDeleted();
    }

    @Override
    public String requestedOwner(AccountDetails details) {
        return details.has("owner") ? details.owner() : null;
    }

    @Override
    public Account create(AccountDetails details, Caller caller) {
        return accounts.create(details, caller);
    }

    @Override
    public Account update(UUID id, AccountDetails details, Caller caller) {
        return accounts.update(id, null, details, caller);
    }
}
