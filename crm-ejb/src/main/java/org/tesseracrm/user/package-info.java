/**
 * The people of a tenant as the CRM knows them. Identity lives in Keycloak; the control plane's worker keeps the
 * {@code app_user} mirror, so the data plane lists users and requests invitations without admin credentials.
 */
package org.tesseracrm.user;
