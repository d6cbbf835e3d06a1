package org.tesseracrm.batch.platform;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeSet;

import org.tesseracrm.sequence.boundary.SequenceRunner.Result;

import jakarta.batch.api.partition.AbstractPartitionAnalyzer;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The run's progress per tenant as its exit status, e.g.
 * {@code acme: claimed=3 sent=2 task=1 finished=0 exited=0 failed=0; globex: claimed=0 …}.
 */
@Named("sequenceRunAnalyzer")
@Dependent
public class SequenceRunAnalyzer extends AbstractPartitionAnalyzer {

    @Inject
    JobContext job;

    private final TreeSet<String> tenants = new TreeSet<>();

    @Override
    public void analyzeCollectorData(Serializable data) {
        if (data != null && !data.toString().isEmpty()) {
            tenants.add(data.toString());
            job.setExitStatus(String.join("; ", tenants));
        }
    }

    @Override
    public void analyzeStatus(BatchStatus batchStatus, String exitStatus) {
        // the summaries say it all
    }

    static String summary(String tenant, int claimed, Map<Result, Integer> counts) {
        if (tenant == null || tenant.isEmpty()) {
            return "";
        }
        return tenant + ": claimed=" + claimed + " sent=" + counts.getOrDefault(Result.SENT, 0) + " task="
                + counts.getOrDefault(Result.TASK, 0) + " draft=" + counts.getOrDefault(Result.DRAFT, 0) + " finished="
                + counts.getOrDefault(Result.FINISHED, 0)
                + " exited=" + counts.getOrDefault(Result.EXITED, 0) + " failed=" + counts.getOrDefault(Result.FAILED,
                        0);
    }
}
