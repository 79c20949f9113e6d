package io.borealis.dsl.spec;

import static io.borealis.dsl.spec.TaskBuilder.anyNull;
import static java.util.Objects.requireNonNull;

import io.borealis.api.model.UpdateSettings;
import io.borealis.api.model.UpdateStrategyKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a job's {@code update_config} ({@code UpdateConfig} with its optional update strategy)
 * into {@link UpdateSettings}. Returns null when there is a problem, already reported.
 */
final class UpdateSettingsReader {
    private final Values values;

    UpdateSettingsReader(Values values) {
        this.values = requireNonNull(values, "values is null");
    }

    UpdateSettings read(Struct job, String path) {
        Struct config = values.struct(job, "update_config", path, Schemas.UPDATE_CONFIG);
        if (config == null) {
            return null;
        }
        Integer batchSize = positive(config, "batch_size", path);
        Integer watchSecs = values.integer(config, "watch_secs", path + ".watch_secs");
        Integer maxPerShard = values.integer(config, "max_per_shard_failures",
                path + ".max_per_shard_failures");
        Integer maxTotal = values.integer(config, "max_total_failures",
                path + ".max_total_failures");
        Boolean rollback = values.bool(config, "rollback_on_failure",
                path + ".rollback_on_failure");
        Boolean waitForBatch = values.bool(config, "wait_for_batch_completion",
                path + ".wait_for_batch_completion");
        Integer pulse = config.isSet("pulse_interval_secs")
                ? values.integer(config, "pulse_interval_secs", path + ".pulse_interval_secs")
                : null;
        Boolean slaAware = values.bool(config, "sla_aware", path + ".sla_aware");
        if (anyNull(batchSize, watchSecs, maxPerShard, maxTotal, rollback, waitForBatch, slaAware)) {
            return null;
        }
        UpdateStrategyKind kind = waitForBatch ? UpdateStrategyKind.BATCH
                : UpdateStrategyKind.QUEUE;
        List<Integer> batchSizes = new ArrayList<>();
        boolean autopause = false;
        Struct strategy = values.struct(config, "update_strategy", path + ".update_strategy",
                Schemas.QUEUE_UPDATE_STRATEGY, Schemas.BATCH_UPDATE_STRATEGY,
                Schemas.VARIABLE_BATCH_UPDATE_STRATEGY);
        if (strategy != null) {
            String strategyPath = path + ".update_strategy";
            if (batchSize > 1 || waitForBatch) {
                values.error(config.location(), strategyPath, "cannot be combined with "
                        + "batch_size > 1 or wait_for_batch_completion");
                return null;
            }
            if (strategy.schema() == Schemas.VARIABLE_BATCH_UPDATE_STRATEGY) {
                kind = UpdateStrategyKind.VARIABLE_BATCH;
                if (!readSizes(strategy, strategyPath + ".batch_sizes", batchSizes)) {
                    return null;
                }
            } else {
                kind = strategy.schema() == Schemas.BATCH_UPDATE_STRATEGY
                        ? UpdateStrategyKind.BATCH : UpdateStrategyKind.QUEUE;
                batchSize = positive(strategy, "batch_size", strategyPath);
            }
            if (strategy.schema() != Schemas.QUEUE_UPDATE_STRATEGY) {
                Boolean pause = values.bool(strategy, "autopause_after_batch",
                        strategyPath + ".autopause_after_batch");
                autopause = Boolean.TRUE.equals(pause);
            }
            if (batchSize == null) {
                return null;
            }
        }
        return new UpdateSettings(batchSize, watchSecs, maxPerShard, maxTotal, rollback,
                waitForBatch, pulse, slaAware, kind, batchSizes, autopause);
    }

    private boolean readSizes(Struct strategy, String path, List<Integer> into) {
        List<?> sizes = values.list(strategy, "batch_sizes", path);
        if (sizes == null) {
            return false;
        }
        for (Object size : sizes) {
            if (!(size instanceof Integer n) || n <= 0) {
                values.error(strategy.location(), path, "every batch size must be a positive "
                        + "integer, got " + Values.describe(size));
                return false;
            }
            into.add(n);
        }
        if (into.isEmpty()) {
            values.error(strategy.location(), path, "is empty");
            return false;
        }
        return true;
    }

    private Integer positive(Struct struct, String field, String path) {
        Integer value = values.integer(struct, field, path + "." + field);
        if (value != null && value <= 0) {
            values.error(struct.location(), path + "." + field, "must be greater than 0, got "
                    + value);
            return null;
        }
        return value;
    }
}
