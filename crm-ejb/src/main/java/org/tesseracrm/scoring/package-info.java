/**
 * Lead scoring (docs/scoring.md): profile and engagement rules per tenant, decay with a half-life, grades A to D,
 * MQL/SQL qualification and the score history on the lead's timeline.
 */
package org.tesseracrm.scoring;
