package org.tesseracrm.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Waits for the lead-scoring runs that changes of scoring rules ask for (docs/scoring.md: started moments after the
 * change, from the schedule): suites that change rules wait for them, so the suites after them find the tenant's
 * leads at rest.
 */
public final class LeadScoringRuns {

    private static final List<String> ENDED = List.of("COMPLETED", "FAILED", "ABANDONED", "STOPPED");

    private LeadScoringRuns() {
    }

    /** Until a lead-scoring run of {@code tenant} created since {@code since} has completed and none is going. */
    public static void awaitSince(Api api, String tenant, Instant since) throws InterruptedException {
        String operator = Api.token("operator");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            List<Map<String, Object>> runs = api.on("localhost").auth().oauth2(operator).queryParam("limit", 100)
                    .get("/api/v1/platform/jobs/executions").then().statusCode(200).extract().jsonPath()
                    .getList("$");
            List<Map<String, Object>> ours = runs.stream().filter(r -> "lead-scoring".equals(r.get("job"))
                    && tenant.equals(r.get("tenant"))).toList();
            List<Map<String, Object>> recent = ours.stream().filter(r -> !Instant.parse((String) r.get("createdAt"))
                    .isBefore(since)).toList();
            boolean busy = ours.stream().anyMatch(r -> !ENDED.contains(r.get("status")));
            if (!recent.isEmpty() && !busy) {
                assertThat(recent).allSatisfy(r -> assertThat(r.get("status")).as(r.toString())
                        .isEqualTo("COMPLETED"));
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no finished lead-scoring run of " + tenant + " since " + since + " after 120 s");
    }
}
