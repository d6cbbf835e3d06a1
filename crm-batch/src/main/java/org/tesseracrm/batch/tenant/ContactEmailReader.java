package org.tesseracrm.batch.tenant;

import java.util.List;
import java.util.UUID;

import org.tesseracrm.contact.boundary.ContactHygiene;
import org.tesseracrm.contact.boundary.ContactHygiene.ContactEmail;
import org.tesseracrm.tenancy.entity.Tenant;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Reads the job's tenant's contacts' e-mail addresses in id order (checkpoints: {@link KeysetReader}). */
@Named("contactEmailReader")
@Dependent
public class ContactEmailReader extends KeysetReader<ContactEmail> {

    @Inject
    ContactHygiene hygiene;

    public ContactEmailReader() {
        super(500);
    }

    @Override
    List<ContactEmail> page(Tenant tenant, UUID after, int size) {
        return hygiene.emailsAfter(tenant, after, size);
    }

    @Override
    UUID idOf(ContactEmail item) {
        return item.id();
    }
}
