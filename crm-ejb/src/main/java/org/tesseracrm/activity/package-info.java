/**
 * Activities (calls, meetings, e-mails, notes, …) linked to leads, contacts, accounts and deals, the engagement
 * logging that moves a lead's funnel, and the timeline that merges them with status and stage changes.
 */
package org.tesseracrm.activity;
