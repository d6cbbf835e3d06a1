package org.tesseracrm.activity.boundary;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.tesseracrm.account.boundary.Accounts;
import org.tesseracrm.activity.entity.Activity;
import org.tesseracrm.activity.entity.ActivityChanges;
import org.tesseracrm.activity.entity.ActivityDetails;
import org.tesseracrm.activity.entity.ActivityType;
import org.tesseracrm.activity.entity.Links;
import org.tesseracrm.activity.entity.MeetingLogged;
import org.tesseracrm.activity.entity.Subject;
import org.tesseracrm.audit.entity.AuditEntry;
import org.tesseracrm.contact.boundary.Contacts;
import org.tesseracrm.contact.entity.Contact;
import org.tesseracrm.deal.boundary.Deals;
import org.tesseracrm.deal.entity.Deal;
import org.tesseracrm.lead.boundary.Leads;
import org.tesseracrm.lead.entity.Lead;
import org.tesseracrm.lead.entity.LeadStatusChange;
import org.tesseracrm.platform.entity.Caller;
import org.tesseracrm.scoring.boundary.LeadScoring;
import org.tesseracrm.platform.entity.InvalidInput;
import org.tesseracrm.record.control.OwnedRecords;
import org.tesseracrm.record.control.RecordKind;
import org.tesseracrm.team.boundary.RecordAccess;
import org.tesseracrm.tenancy.boundary.TenantEntityManagers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Logs calls, meetings, e-mails and notes on a record and applies what a sales rep expects in the same transaction: a
 * completed call counts and marks the lead contacted, a planned call or meeting becomes the next follow-up, an
 * inbound e-mail marks it replied, and the contact's last-contact date moves (also for one logged on a deal of
 * theirs).
 */
@ApplicationScoped
@Transactional
public class Engagements {

    /** Activities are listed on timelines, not by the record protocol's list. */
    static final RecordKind<Activity> KIND = new RecordKind<>(Activity.class, Activity.OBJECT_TYPE, null);

    @Inject
    OwnedRecords records;

    @Inject
    TenantEntityManagers tenantData;

    @Inject
    RecordAccess access;

    @Inject
    Leads leads;

    @Inject
    Contacts contacts;

    @Inject
    Accounts accounts;

    @Inject
    Deals deals;

    @Inject
    jakarta.enterprise.event.Event<MeetingLogged> meetingLogged;

    @Inject
    LeadScoring scoring;

    /**
     * Logs an interaction. {@code followUpAt} sets the lead's next follow-up; {@code inbound} marks an e-mail the
     * prospect sent.
     */
    public Activity log(Subject subject, ActivityDetails details, OffsetDateTime followUpAt, boolean inbound,
            Caller caller) {
        if (details.type() == ActivityType.TASK) {
            throw new InvalidInput("type", "tasks are created through /tasks");
        }
        switch (subject.kind()) {
            case LEAD -> {
                Lead lead = leads.find(subject.id());
                Activity activity = new Activity(details, new Links(lead.id(), null, null, null), caller.username());
                record(activity, caller);
                leads.change(lead, caller, l -> effectOnLead(l, activity, followUpAt, inbound, caller));
                scoring.rescore(lead, LeadScoring.ENGAGEMENT);
                announceMeeting(activity, subject);
                return activity;
            }
            case CONTACT -> {
                Contact contact = contacts.find(subject.id());
                access.requireMayChange(caller, contact.owner(), "contact " + contact.id());
                Activity activity = new Activity(details,
                        new Links(null, contact.id(), contact.accountId(), null), caller.username());
                record(activity, caller);
                if (activity.happened() && activity.type() != ActivityType.NOTE) {
                    contact.contacted(activity.occurredAt());
                }
                announceMeeting(activity, subject);
                return activity;
            }
            case ACCOUNT -> {
                var account = accounts.find(subject.id());
                access.requireMayChange(caller, account.owner(), "account " + account.id());
                Activity activity = new Activity(details, new Links(null, null, account.id(), null),
                        caller.username());
                record(activity, caller);
                return activity;
            }
            case DEAL -> {
                Deal deal = deals.find(subject.id());
                access.requireMayChange(caller, deal.owner(), "deal " + deal.id());
                // linked to the deal's account and contact too, so their timelines show it
                Activity activity = new Activity(details,
                        new Links(null, deal.contactId(), deal.accountId(), deal.id()), caller.username());
                record(activity, caller);
                if (deal.contactId() != null && activity.happened() && activity.type() != ActivityType.NOTE) {
                    Contact contact = tenantData.current().find(Contact.class, deal.contactId());
                    if (contact != null && !contact.isDeleted()) {
                        contact.contacted(activity.occurredAt());
                    }
                }
                if (deal.contactId() != null) {
                    announceMeeting(activity, new Subject(Subject.Kind.CONTACT, deal.contactId()));
                }
                return activity;
            }
            default -> throw new InvalidInput("subject", "engagements are logged on leads, contacts, accounts, deals");
        }
    }

    /** A meeting with a person ends their sequences (observed in this transaction). */
    private void announceMeeting(Activity activity, Subject person) {
        if (activity.type() == ActivityType.MEETING) {
            meetingLogged.fire(new MeetingLogged(person));
        }
    }

    private void record(Activity activity, Caller caller) {
        records.created(KIND, activity, caller);
    }

    /**
     * When each deal last saw an activity, for the pipeline board's rotting mark; deals without one are absent.
     * One grouped query over the activity_deal index.
     */
    public java.util.Map<UUID, OffsetDateTime> lastActivityByDeal(java.util.Collection<UUID> dealIds) {
        if (dealIds.isEmpty()) {
            return java.util.Map.of();
        }
        java.util.Map<UUID, OffsetDateTime> last = new java.util.HashMap<>();
        tenantData.current().createQuery("SELECT a.dealId, MAX(a.occurredAt) FROM Activity a"
                + " WHERE a.dealId IN :deals AND a.deletedAt IS NULL GROUP BY a.dealId", Object[].class)
                .setParameter("deals", dealIds).getResultList()
                .forEach(row -> last.put((UUID) row[0], (OffsetDateTime) row[1]));
        return last;
    }

    /**
     * The calls and meetings {@code author} logged or planned for {@code [from, to)} (one day of My day), in time
     * order; at most {@code limit}.
     */
    public List<Activity> callsAndMeetings(String author, OffsetDateTime from, OffsetDateTime to, int limit) {
        return tenantData.current().createQuery("SELECT a FROM Activity a WHERE a.author = :author"
                + " AND a.deletedAt IS NULL AND a.type IN :types AND a.occurredAt >= :from AND a.occurredAt < :to"
                + " ORDER BY a.occurredAt, a.id", Activity.class).setParameter("author", author)
                .setParameter("types", List.of(ActivityType.CALL, ActivityType.MEETING)).setParameter("from", from)
                .setParameter("to", to).setMaxResults(limit).getResultList();
    }

    /**
     * The latest activity on the leads, contacts and deals {@code owner} owns, and what they logged themselves,
     * newest first: what happened on my records.
     */
    public List<Activity> recentOnRecordsOf(String owner, OffsetDateTime since, int limit) {
        return tenantData.current().createQuery("SELECT a FROM Activity a WHERE a.deletedAt IS NULL"
                + " AND a.occurredAt >= :since AND a.occurredAt <= :now AND (a.author = :owner"
                + " OR a.leadId IN (SELECT l.id FROM Lead l WHERE l.owner = :owner)"
                + " OR a.contactId IN (SELECT c.id FROM Contact c WHERE c.owner = :owner)"
                + " OR a.dealId IN (SELECT d.id FROM Deal d WHERE d.owner = :owner))"
                + " ORDER BY a.occurredAt DESC, a.id DESC", Activity.class).setParameter("owner", owner)
                .setParameter("since", since).setParameter("now", OffsetDateTime.now()).setMaxResults(limit)
                .getResultList();
    }

    /** A logged activity, deleted or not when {@code includingDeleted}. */
    public Activity find(UUID id, boolean includingDeleted) {
        return includingDeleted ? records.findIncludingDeleted(KIND, id) : records.find(KIND, id);
    }

    /** The activity's changes from the audit log, newest first. */
    public List<AuditEntry> history(UUID id) {
        return records.history(KIND, id);
    }

    /** Corrects a logged activity; its author's rights decide (the author counts as owner). */
    public Activity edit(UUID id, Long expectedVersion, ActivityChanges changes, Caller caller) {
        Activity activity = records.current(KIND, id, expectedVersion);
        Activity edited = records.change(KIND, activity, caller, a -> {
            a.edit(changes, caller.username());
            tenantData.current().flush();
        });
        rescoreLeadOf(edited);
        return edited;
    }

    public void delete(UUID id, Long expectedVersion, Caller caller) {
        records.delete(KIND, id, expectedVersion, caller);
        rescoreLeadOf(records.findIncludingDeleted(KIND, id));
    }

    public Activity restore(UUID id, Caller caller) {
        Activity restored = records.restore(KIND, id, caller);
        rescoreLeadOf(restored);
        return restored;
    }

    /** A call or meeting completed, corrected, deleted or restored moves its lead's engagement points. */
    private void rescoreLeadOf(Activity activity) {
        if (activity.leadId() != null) {
            scoring.rescore(List.of(activity.leadId()), LeadScoring.ENGAGEMENT);
        }
    }

    private static Optional<LeadStatusChange> effectOnLead(Lead lead, Activity activity, OffsetDateTime followUpAt,
            boolean inbound, Caller caller) {
        String by = caller.username();
        Optional<LeadStatusChange> change = switch (activity.type()) {
            case CALL -> {
                if (activity.happened()) {
                    yield lead.callCompleted(activity.occurredAt(), followUpAt, by);
                }
                lead.callScheduled(activity.scheduledFor());
                yield Optional.empty();
            }
            case MEETING -> activity.happened()
                    ? lead.meetingHeld(activity.occurredAt(), by)
                    : lead.meetingScheduled(activity.scheduledFor(), by);
            case EMAIL -> inbound
                    ? lead.emailReceived(activity.occurredAt(), by)
                    : lead.emailSent(activity.occurredAt(), by);
            default -> Optional.empty();
        };
        if (followUpAt != null && activity.type() != ActivityType.CALL) {
            lead.planFollowUp(followUpAt);
        }
        return change;
    }
}
