package org.tesseracrm.contact.boundary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.tesseracrm.account.boundary.Accounts;
import org.tesseracrm.audit.boundary.AuditTrail;
import org.tesseracrm.audit.entity.Snapshot;
import org.tesseracrm.contact.control.ContactListing;
import org.tesseracrm.contact.entity.Contact;
import org.tesseracrm.contact.entity.ContactDetails;
import org.tesseracrm.contact.entity.ContactRole;
import org.tesseracrm.customfield.boundary.CustomFields;
import org.tesseracrm.customfield.entity.CustomFieldRules;
import org.tesseracrm.platform.control.BatchUpsert;
import org.tesseracrm.platform.control.Page;
import org.tesseracrm.platform.control.RecordQueries;
import org.tesseracrm.platform.control.RecordSearch;
import org.tesseracrm.platform.entity.Caller;
import org.tesseracrm.platform.entity.Conflict;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.platform.entity.NotFound;
import org.tesseracrm.platform.entity.StaleVersion;
import org.tesseracrm.team.boundary.RecordAccess;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Contacts of the current tenant: every change is checked against the caller's rights and audited. */
@ApplicationScoped
@Transactional
public class Contacts {

    public static final int MAX_BATCH = BatchUpsert.MAX_BATCH;

    @Inject
    TenantEntityManagers tenantData;

    @Inject
    RecordAccess access;

    @Inject
    AuditTrail audit;

    @Inject
    CustomFields customFields;

    @Inject
    RecordQueries queries;

    @Inject
    Accounts accounts;

    /** A live contact; deleted and unknown ones are {@link NotFound}. */
    public Contact find(UUID id) {
        Contact contact = em().find(Contact.class, id);
        if (contact == null || contact.isDeleted()) {
            throw new NotFound("contact " + id);
        }
        return contact;
    }

    /** A contact, deleted or not (for its history and restore). */
    public Contact findIncludingDeleted(UUID id) {
        Contact contact = em().find(Contact.class, id);
        if (contact == null) {
            throw new NotFound("contact " + id);
        }
        return contact;
    }

    public Page<Contact> list(RecordSearch search) {
        Page<UUID> ids = queries.ids(ContactListing.TABLE, search);
        Map<UUID, Contact> loaded = load(ids.results());
        return ids.map(loaded::get);
    }

    public Contact create(ContactDetails details, Caller caller) {
        Contact contact = newContact(details, caller, customFields.rules(Contact.OBJECT_TYPE));
        accounts.requireLive("accountId", singleton(contact.accountId()));
        requireUniqueEmail(contact);
        em().persist(contact);
        audit.created(Contact.OBJECT_TYPE, contact.id(), contact.snapshot(), caller.username());
        return contact;
    }

    /** Applies the fields sent; {@code expectedVersion} (from If-Match) guards against lost updates. */
    public Contact update(UUID id, Long expectedVersion, ContactDetails details, Caller caller) {
        Contact contact = find(id);
        StaleVersion.check("contact " + id, contact.version(), expectedVersion);
        change(contact, details, caller, customFields.rules(Contact.OBJECT_TYPE));
        if (details.has("accountId")) {
            accounts.requireLive("accountId", singleton(contact.accountId()));
        }
        if (details.has("email")) {
            requireUniqueEmail(contact);
        }
        return contact;
    }

    public void delete(UUID id, Long expectedVersion, Caller caller) {
        Contact contact = find(id);
        StaleVersion.check("contact " + id, contact.version(), expectedVersion);
        access.requireMayChange(caller, contact.owner(), "contact " + id);
        Snapshot before = contact.snapshot();
        contact.delete(caller.username());
        audit.deleted(Contact.OBJECT_TYPE, id, before, contact.snapshot(), caller.username());
    }

    public Contact restore(UUID id, Caller caller) {
        Contact contact = em().find(Contact.class, id);
        if (contact == null || !contact.isDeleted()) {
            throw new NotFound("deleted contact " + id);
        }
        access.requireMayChange(caller, contact.owner(), "contact " + id);
        Snapshot before = contact.snapshot();
        contact.restore(caller.username());
        requireUniqueEmail(contact);
        em().flush();
        audit.restored(Contact.OBJECT_TYPE, id, before, contact.snapshot(), caller.username());
        return contact;
    }

    /**
     * Creates or updates up to {@link #MAX_BATCH} contacts matched by {@code email} or {@code externalId}, all or
     * nothing: the first invalid record fails the whole batch with its index, so a retry is safe.
     */
    public List<BatchUpsert.Result<Contact>> upsert(List<ContactDetails> batch, String matchBy, Caller caller) {
        boolean byEmail = "email".equals(matchBy);
        if (!byEmail && !"externalId".equals(matchBy)) {
            throw new InvalidInput("idProperty", "must be email or externalId");
        }
        // one read of the custom field rules and one account check for the whole batch
        CustomFieldRules rules = customFields.rules(Contact.OBJECT_TYPE);
        List<BatchUpsert.Result<Contact>> results = BatchUpsert.run(batch, matchBy,
                d -> byEmail
                        ? (d.email() == null ? null : d.email().strip().toLowerCase(Locale.ROOT))
                        : (d.externalId() == null ? null : d.externalId().strip()),
                keys -> existingBy(byEmail, keys), d -> {
                    Contact contact = newContact(d, caller, rules);
                    em().persist(contact);
                    return contact;
                }, (contact, d) -> change(contact, d, caller, rules));
        Set<UUID> accountIds = new HashSet<>();
        results.forEach(result -> accountIds.add(result.record().accountId()));
        accounts.requireLive("accountId", accountIds);
        if (byEmail) {
            // an update may have changed a matched record's e-mail to one taken by a contact outside the batch
            em().flush();
        }
        for (BatchUpsert.Result<Contact> result : results) {
            if (result.created()) {
                audit.created(Contact.OBJECT_TYPE, result.record().id(), result.record().snapshot(),
                        caller.username());
            }
        }
        return results;
    }

    /** The contact's roles at accounts. */
    public List<ContactRole> roles(UUID contactId) {
        find(contactId);
        return em().createQuery("SELECT r FROM ContactRole r WHERE r.contactId = :contact ORDER BY r.role",
                ContactRole.class).setParameter("contact", contactId).getResultList();
    }

    /** The contacts with roles at an account. */
    public List<ContactRole> rolesAt(UUID accountId) {
        accounts.find(accountId);
        return em().createQuery("SELECT r FROM ContactRole r WHERE r.accountId = :account ORDER BY r.role",
                ContactRole.class).setParameter("account", accountId).setMaxResults(1000).getResultList();
    }

    /** Replaces the contact's roles at accounts (at most 50); audited as a change of {@code accountRoles}. */
    public List<ContactRole> replaceRoles(UUID contactId, List<ContactRole> wanted, Caller caller) {
        Contact contact = find(contactId);
        access.requireMayChange(caller, contact.owner(), "contact " + contactId);
        if (wanted.size() > 50) {
            throw new InvalidInput("roles", "may hold at most 50 entries");
        }
        Set<UUID> accountIds = new HashSet<>();
        wanted.forEach(role -> accountIds.add(role.accountId()));
        accounts.requireLive("roles.accountId", accountIds);
        List<ContactRole> current = roles(contactId);
        Snapshot before = new Snapshot().with("accountRoles", describe(current));
        current.forEach(em()::remove);
        em().flush();
        Set<String> seen = new HashSet<>();
        for (ContactRole role : wanted) {
            if (seen.add(role.accountId() + "/" + role.role())) {
                em().persist(role);
            }
        }
        em().flush();
        List<ContactRole> now = roles(contactId);
        audit.updated(Contact.OBJECT_TYPE, contactId, before, new Snapshot().with("accountRoles", describe(now)),
                caller.username());
        return now;
    }

    private static List<String> describe(List<ContactRole> roles) {
        return roles.stream().map(r -> r.accountId() + ":" + r.role()).sorted().toList();
    }

    /** Creates up to {@link #MAX_BATCH} contacts, all or nothing. */
    public List<Contact> createAll(List<ContactDetails> batch, Caller caller) {
        return BatchUpsert.each(batch, details -> create(details, caller));
    }

    /** Updates up to {@link #MAX_BATCH} contacts by id, all or nothing. */
    public List<Contact> updateAll(List<UUID> ids, List<ContactDetails> batch, Caller caller) {
        return BatchUpsert.eachById(ids, batch, (id, details) -> update(id, null, details, caller));
    }

    private Contact newContact(ContactDetails details, Caller caller, CustomFieldRules rules) {
        Contact contact = new Contact(details, access.ownerFor(caller, details.owner()), caller.username());
        rules.check(contact.customFields());
        return contact;
    }

    private void change(Contact contact, ContactDetails details, Caller caller, CustomFieldRules rules) {
        access.requireMayChange(caller, contact.owner(), "contact " + contact.id());
        Snapshot before = contact.snapshot();
        contact.apply(details, caller.username());
        if (details.has("owner")) {
            contact.reassign(access.ownerFor(caller, details.owner()));
        }
        if (details.has("customFields")) {
            rules.check(contact.customFields());
        }
        audit.updated(Contact.OBJECT_TYPE, contact.id(), before, contact.snapshot(), caller.username());
    }

    private Map<String, Contact> existingBy(boolean byEmail, java.util.Collection<String> keys) {
        String jpql = byEmail
                ? "SELECT c FROM Contact c WHERE LOWER(c.email) IN :keys AND c.deletedAt IS NULL"
                : "SELECT c FROM Contact c WHERE c.externalId IN :keys";
        Map<String, Contact> found = new HashMap<>();
        for (Contact contact : em().createQuery(jpql, Contact.class).setParameter("keys", keys).getResultList()) {
            if (!byEmail && contact.isDeleted()) {
                throw new Conflict("deleted-record", "contact with externalId " + contact.externalId()
                        + " is deleted; restore it first (" + contact.id() + ")");
            }
            found.put(byEmail ? contact.email().toLowerCase(Locale.ROOT) : contact.externalId(), contact);
        }
        return found;
    }

    private void requireUniqueEmail(Contact contact) {
        if (contact.email() == null) {
            return;
        }
        boolean taken = !em().createQuery("SELECT c.id FROM Contact c WHERE LOWER(c.email) = :email"
                + " AND c.deletedAt IS NULL AND c.id <> :self", UUID.class)
                .setParameter("email", contact.email().toLowerCase(Locale.ROOT)).setParameter("self", contact.id())
                .setMaxResults(1).getResultList().isEmpty();
        if (taken) {
            throw new Conflict("duplicate-email", "another contact has the e-mail address " + contact.email());
        }
    }

    private Map<UUID, Contact> load(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return em().createQuery("SELECT c FROM Contact c WHERE c.id IN :ids", Contact.class)
                .setParameter("ids", ids).getResultList().stream()
                .collect(Collectors.toMap(Contact::id, Function.identity()));
    }

    private static Set<UUID> singleton(UUID id) {
        return id == null ? Set.of() : Set.of(id);
    }

    private EntityManager em() {
        return tenantData.current();
    }
}
