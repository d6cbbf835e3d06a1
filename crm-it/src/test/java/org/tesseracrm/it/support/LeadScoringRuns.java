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

    /** The schedule starts a run this long after a change (crm.scoring.recalculation-delay) plus a margin. */
    private static final Duration SETTLE = Duration.ofMillis(2_500);

    /**
     * Until a lead-scoring run of {@code tenant} created since {@code since} has completed, none is going, and none
     * started while the schedule could still have had a change waiting (changes that fell into two of its ticks get
     * two runs).
     */
    public static void awaitSince(Api api, String tenant, Instant since) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            List<Map<String, Object>> recent = runsSince(api, tenant, since);
            if (!recent.isEmpty() && recent.stream().allMatch(r -> ENDED.contains(r.get("status")))) {
                Thread.sleep(SETTLE.toMillis());
                List<Map<String, Object>> settled = runsSince(api, tenant, since);
                if (settled.size() == recent.size() && settled.stream().allMatch(r -> ENDED.contains(r.get(
                        "status")))) {
                    assertThat(settled).allSatisfy(r -> assertThat(r.get("status")).as(r.toString())
                            .isEqualTo("COMPLETED"));
                    return;
                }
                continue;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no finished lead-scoring run of " + tenant + " since " + since + " after 120 s");
    }

    /** The tenant's lead-scoring runs created since {@code since}, and any still going. */
    private static List<Map<String, Object>> runsSince(Api api, String tenant, Instant since) {
        List<Map<String, Object>> runs = api.on("localhost").auth().oauth2(Api.token("operator"))
                .queryParam("limit", 100).get("/api/v1/platform/jobs/executions").then().statusCode(200).extract()
                .jsonPath().getList("$");
        return runs.stream().filter(r -> "lead-scoring".equals(r.get("job")) && tenant.equals(r.get("tenant"))
                && (!Instant.parse((String) r.get("createdAt")).isBefore(since) || !ENDED.contains(r.get("status"))))
                .toList();
    }
}
