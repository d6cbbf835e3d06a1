/** Contacts: the people a tenant sells to. (The full model and API arrive with the CRM core.) */
package org.tesseracrm.contact;
