package org.tesseracrm.activity.entity;

/**
 * Fired in the transaction that logs a meeting with a lead or contact (directly, or on a deal with that contact):
 * the prospect is talking to the seller now, so their sequences end (Enrollments, exit reason {@code meeting}).
 */
public record MeetingLogged(Subject record) {
}
