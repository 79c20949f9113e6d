/*
 * Borealis model: immutable records mirroring the Thrift IDL (api/src/main/thrift). Thrift types
 * stay at the edge; ThriftCodec converts between the two.
 */
package io.borealis.api.model;

import java.util.List;
import java.util.Objects;

/** Mirrors Thrift {@code UpdateSettings}. Nullable: {@code pulseIntervalSecs}. */
public record UpdateSettings(
        int batchSize,
        int watchSecs,
        int maxPerInstanceFailures,
        int maxTotalFailures,
        boolean rollbackOnFailure,
        boolean waitForBatchCompletion,
        Integer pulseIntervalSecs,
        boolean slaAware,
        UpdateStrategyKind strategy,
        List<Integer> batchSizes,
        boolean autopauseAfterBatch) {
    public UpdateSettings {
        Objects.requireNonNull(strategy, "strategy is null");
        batchSizes = Copies.list(batchSizes, "batchSizes");
    }
}
