/** Leads: prospects moving through the sales-status funnel until they convert to contact, account and deal. */
package org.tesseracrm.lead;
