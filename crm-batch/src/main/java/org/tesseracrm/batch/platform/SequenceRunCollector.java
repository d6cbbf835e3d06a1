package org.tesseracrm.batch.platform;

import java.io.Serializable;

import jakarta.batch.api.partition.PartitionCollector;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Hands a partition's summary to the analyzer on the step's main thread. */
@Named("sequenceRunCollector")
@Dependent
public class SequenceRunCollector implements PartitionCollector {

    @Inject
    StepContext step;

    @Override
    public Serializable collectPartitionData() {
        Object summary = step.getTransientUserData();
        return summary == null ? null : summary.toString();
    }
}
