package org.tesseracrm.web.api.privacy;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The shape of a personal data export, for the contract: every row held about the person, each as the table stores
 * it (column names in snake_case), grouped by kind. The resource sends what {@code PersonalData.export} builds.
 */
@Schema(name = "PersonalDataExport")
public record PersonalDataExport(OffsetDateTime generatedAt, String email, List<Map<String, Object>> contacts,
        List<Map<String, Object>> leads, List<Map<String, Object>> activities, List<Map<String, Object>> tasks,
        List<Map<String, Object>> emails, List<Map<String, Object>> emailEvents,
        List<Map<String, Object>> receivedEmails, List<Map<String, Object>> emailDrafts,
        List<Map<String, Object>> sequenceEnrollments, List<Map<String, Object>> segmentMemberships,
        List<Map<String, Object>> webFormSubmissions, List<Map<String, Object>> deals,
        List<Map<String, Object>> accountRoles, List<Map<String, Object>> leadStatusHistory,
        List<Map<String, Object>> leadScoreHistory, List<Map<String, Object>> suppression,
        List<Map<String, Object>> history) {
}
