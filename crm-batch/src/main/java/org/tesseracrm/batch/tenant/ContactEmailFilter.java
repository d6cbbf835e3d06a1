package org.tesseracrm.batch.tenant;

import org.tesseracrm.contact.boundary.ContactHygiene.ContactEmail;

import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;

/** Passes on only contacts whose address would change; the others count as filtered in the step's metrics. */
@Named("contactEmailFilter")
@Dependent
public class ContactEmailFilter implements ItemProcessor {

    @Override
    public Object processItem(Object item) {
        return ((ContactEmail) item).needsNormalising() ? item : null;
    }
}
