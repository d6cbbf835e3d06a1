package org.tesseracrm.contact.boundary;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.Collection;
import java.util.ArrayList;
import java.util.UUID;

import org.tesseracrm.account.boundary.Accounts;
import org.tesseracrm.audit.boundary.AuditTrail;
import org.tesseracrm.audit.entity.AuditEntry;
import org.tesseracrm.audit.entity.Snapshot;
import org.tesseracrm.contact.control.ContactListing;
import org.tesseracrm.contact.entity.Contact;
import org.tesseracrm.contact.entity.ContactDetails;
import org.tesseracrm.contact.entity.ContactRole;
import org.tesseracrm.customfield.boundary.CustomFields;
import org.tesseracrm.customfield.entity.CustomFieldRules;
import org.tesseracrm.platform.control.BatchUpsert;
import org.tesseracrm.platform.control.Page;
import org.tesseracrm.platform.control.RecordSearch;
import org.tesseracrm.platform.control.UniqueIndexes;
import org.tesseracrm.platform.entity.Caller;
import org.tesseracrm.platform.entity.Conflict;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.record.control.OwnedRecords;
import org.tesseracrm.record.control.RecordKind;
import org.tesseracrm.team.boundary.RecordAccess;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

/** Contacts of the current tenant: every change is checked against the caller's rights and audited. */
@ApplicationScoped
@Transactional
public class Contacts {

    public static final int MAX_BATCH = BatchUpsert.MAX_BATCH;

    /** The unique index of live contacts' e-mail addresses, case-insensitive. */
    static final String EMAIL_INDEX = "contact_email_idx";

    static final RecordKind<Contact> KIND = new RecordKind<>(Contact.class, Contact.OBJECT_TYPE, ContactListing.TABLE)
            .readingRows(Contact.COLUMNS, Contact::read);

    @Inject
    TenantEntityManagers tenantData;

    @Inject
    RecordAccess access;

    @Inject
    AuditTrail audit;

    @Inject
    CustomFields customFields;

    @Inject
    OwnedRecords records;

    @Inject
    Accounts accounts;

    @Inject
    org.tesseracrm.duplicate.boundary.ContactDuplicates duplicates;

    /** "First Last" of live contacts by id, in one statement (screens that list enrollments, drafts and the like). */
    public Map<UUID, String> names(Collection<UUID> ids) {
        Map<UUID, String> names = new HashMap<>();
        records.load(KIND, new ArrayList<>(new HashSet<>(ids))).forEach((id, record) -> names.put(id, String.join(" ",
                java.util.stream.Stream.of(record.firstName(), record.lastName()).filter(n -> n != null && !n.isBlank())
                        .toList())));
        return names;
    }

    /** A live contact; deleted and unknown ones are {@link org.tesseracrm.platform.entity.NotFound}. */
    public Contact find(UUID id) {
        return records.find(KIND, id);
    }

    /** A contact, deleted or not (for its history and restore). */
    public Contact findIncludingDeleted(UUID id) {
        return records.findIncludingDeleted(KIND, id);
    }

    /** The contact's changes from the audit log, newest first. */
    public List<AuditEntry> history(UUID id) {
        return records.history(KIND, id);
    }

    public Page<Contact> list(RecordSearch search) {
        return records.list(KIND, search);
    }

    public Contact create(ContactDetails details, Caller caller) {
        Contact contact = newContact(details, caller, customFields.rules(Contact.OBJECT_TYPE));
        accounts.requireLive("accountId", singleton(contact.accountId()));
        Contact created = records.created(KIND, contact, caller);
        flushRefusingTakenEmail(created);
        duplicates.checkAfterCommit(created); // suspected duplicates enter the queue moments after the commit
        return created;
    }

    /** Applies the fields sent; {@code expectedVersion} (from If-Match) guards against lost updates. */
    public Contact update(UUID id, Long expectedVersion, ContactDetails details, Caller caller) {
        Contact contact = records.current(KIND, id, expectedVersion);
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
        records.delete(KIND, id, expectedVersion, caller);
    }

    public Contact restore(UUID id, Caller caller) {
        return records.restore(KIND, id, caller, this::requireUniqueEmail);
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
                audit.created(KIND.name(), result.record().id(), result.record().snapshot(), caller.username());
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
        records.requireMayChange(KIND, find(contactId), caller);
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
        records.change(KIND, contact, caller, c -> {
            c.apply(details, caller.username());
            if (details.has("owner")) {
                c.reassign(access.ownerFor(caller, details.owner()));
            }
            if (details.has("customFields")) {
                rules.check(c.customFields());
            }
        });
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

    /**
     * Writes the new contact now, and lets the unique index of live e-mail addresses (tenant migration V3) refuse a
     * taken one: asking with a SELECT first cost every create a round trip, and the index decides anyway.
     */
    private void flushRefusingTakenEmail(Contact contact) {
        try {
            em().flush();
        } catch (PersistenceException e) {
            if (UniqueIndexes.refusedBy(e, EMAIL_INDEX)) {
                throw emailTaken(contact);
            }
            throw e;
        }
    }

    private static Conflict emailTaken(Contact contact) {
        return new Conflict("duplicate-email", "another contact has the e-mail address " + contact.email());
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
            throw emailTaken(contact);
        }
    }

    private static Set<UUID> singleton(UUID id) {
        return id == null ? Set.of() : Set.of(id);
    }

    private EntityManager em() {
        return tenantData.current();
    }
}
