package org.tesseracrm.contact.entity;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

import org.tesseracrm.platform.entity.Fields;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A contact's role at an account other than (or besides) its employer: decision maker, champion, board member. */
@Entity
@Table(name = "contact_role")
@IdClass(ContactRole.Key.class)
public class ContactRole {

    @Id
    @Column(name = "contact_id")
    private UUID contactId;

    @Id
    @Column(name = "account_id")
    private UUID accountId;

    @Id
    private String role;

    protected ContactRole() {
        // for JPA
    }

    public ContactRole(UUID contactId, UUID accountId, String role) {
        this.contactId = contactId;
        this.accountId = accountId;
        this.role = Fields.required("role", role, 100);
    }

    public UUID contactId() {
        return contactId;
    }

    public UUID accountId() {
        return accountId;
    }

    public String role() {
        return role;
    }

    /** Composite key: contact, account and role. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private UUID contactId;
        private UUID accountId;
        private String role;

        public Key() {
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key && Objects.equals(contactId, ((Key) other).contactId)
                    && Objects.equals(accountId, ((Key) other).accountId) && Objects.equals(role, ((Key) other).role);
        }

        @Override
        public int hashCode() {
            return Objects.hash(contactId, accountId, role);
        }
    }
}
