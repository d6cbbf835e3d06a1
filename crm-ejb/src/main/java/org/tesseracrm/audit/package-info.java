/** Audit trail: who created, changed, deleted or restored which record, with the changed fields before and after. */
package org.tesseracrm.audit;
