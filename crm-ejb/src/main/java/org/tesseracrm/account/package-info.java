/** Accounts: the companies a tenant sells to, with parent/child structure, owner, tier, tags and custom fields. */
package org.tesseracrm.account;
