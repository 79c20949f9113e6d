/*
 * Borealis model: immutable records mirroring the Thrift IDL (api/src/main/thrift). Thrift types
 * stay at the edge; ThriftCodec converts between the two.
 */
package io.borealis.api.model;

import java.util.List;

/**
 * Mirrors Thrift {@code RestartSettings}: what {@code job restart} sets. Every field is
 * nullable; a null one comes from the job's {@link UpdateSettings}. A batch size given
 * restarts in batches (the BATCH strategy: each batch ends before the next starts), as
 * Aurora's restart does.
 */
public record RestartSettings(
        Integer batchSize,
        Integer watchSecs,
        Integer maxPerInstanceFailures,
        Integer maxTotalFailures,
        Boolean rollbackOnFailure) {

    /** The job's settings with the fields this sets replaced. */
    public UpdateSettings over(UpdateSettings job) {
        return new UpdateSettings(
                batchSize != null ? batchSize : job.batchSize(),
                watchSecs != null ? watchSecs : job.watchSecs(),
                maxPerInstanceFailures != null ? maxPerInstanceFailures
                        : job.maxPerInstanceFailures(),
                maxTotalFailures != null ? maxTotalFailures : job.maxTotalFailures(),
                rollbackOnFailure != null ? rollbackOnFailure : job.rollbackOnFailure(),
                job.waitForBatchCompletion(),
                job.pulseIntervalSecs(),
                job.slaAware(),
                batchSize != null ? UpdateStrategyKind.BATCH : job.strategy(),
                batchSize != null ? List.of() : job.batchSizes(),
                job.autopauseAfterBatch());
    }
}
