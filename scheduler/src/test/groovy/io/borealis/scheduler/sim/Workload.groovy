package io.borealis.scheduler.sim

import groovy.transform.CompileStatic
import io.borealis.api.model.Constraint
import io.borealis.api.model.CronCollisionPolicy
import io.borealis.api.model.JobConfiguration
import io.borealis.api.model.JobKey
import io.borealis.api.model.Resources
import io.borealis.api.model.TaskConfig
import io.borealis.api.model.TaskSpec
import io.borealis.scheduler.testing.Fixtures

/**
 * Job configurations for simulations and benchmarks, and the realistic mix of the placement
 * benchmark (issue 7): 30% of jobs {@code host: limit:1}, 20% with a {@code rack} value
 * constraint, a few dedicated jobs for the 5% of hosts whose {@code dedicated} attribute names
 * them, and small, medium and large tasks. Deterministic: job {@code j} is always the same.
 */
@CompileStatic
final class Workload {
    static final Resources SMALL = new Resources(0.25d, 256L, 512L, 0)
    static final Resources MEDIUM = new Resources(1d, 2048L, 4096L, 0)
    static final Resources LARGE = new Resources(4d, 8192L, 16_384L, 0)
    /** Role of the dedicated jobs: host {@code i} with {@code i % 20 == 0} is dedicated. */
    static final String DEDICATED_ROLE = 'bench-ded'
    static final int DEDICATED_GROUPS = 5

    private Workload() {}

    /** A valid task configuration; {@code tier} null means the default tier. */
    static TaskConfig config(JobKey key, Resources resources, List<Constraint> constraints = [],
            Map options = [:]) {
        new TaskConfig(key, (options.service ?: true) as boolean, (options.priority ?: 0) as int,
                (options.production ?: false) as boolean, options.tier as String, -1, resources,
                constraints, (options.ports ?: []) as Set<String>,
                new TaskSpec('main', [Fixtures.process()], [], 1, 0, 30, null, null),
                null, [], null, null, null, null)
    }

    static JobConfiguration job(TaskConfig config, int instances, String cluster) {
        new JobConfiguration(config.job(), config.job().role(), instances, config, null,
                CronCollisionPolicy.KILL_EXISTING, null, cluster)
    }

    /** Host {@code index}'s dedicated value in the mix: 5% of hosts, in five groups. */
    static String dedicatedHost(int index) {
        index % 20 == 0 ? "$DEDICATED_ROLE/db${index.intdiv(20) % DEDICATED_GROUPS}".toString() : null
    }

    /** Host {@code index}'s resources in the mix: three machine shapes. */
    static Resources hostShape(int index) {
        switch (index % 3) {
            case 0: return new Resources(16d, 65_536L, 1_048_576L, 0)
            case 1: return new Resources(32d, 131_072L, 2_097_152L, 0)
            default: return new Resources(8d, 32_768L, 524_288L, 0)
        }
    }

    /**
     * Job {@code j} of the placement mix, with {@code instances} instances, for a cluster with
     * {@code racks} racks: the first {@link #DEDICATED_GROUPS} are dedicated, then of each ten
     * jobs three are {@code host: limit:1} and two name ten racks; task sizes cycle half small,
     * 35% medium, 15% large.
     */
    static JobConfiguration mixed(int j, int instances, int racks, String cluster) {
        if (j < DEDICATED_GROUPS) {
            JobKey key = new JobKey(DEDICATED_ROLE, 'prod', "db$j")
            return job(config(key, MEDIUM, [new Constraint('dedicated', false,
                    ["$DEDICATED_ROLE/db$j".toString()] as Set, 0)]), instances, cluster)
        }
        JobKey key = new JobKey("team${j % 40}", 'prod', "job$j")
        int size = j % 20
        Resources resources = size < 10 ? SMALL : size < 17 ? MEDIUM : LARGE
        List<Constraint> constraints = []
        switch (j % 10) {
            case 0..2:
                constraints << new Constraint('host', false, [] as Set<String>, 1)
                break
            case 3..4:
                Set<String> chosen = (0..<10).collect { int k -> "r${(j * 7 + k * 25) % racks}".toString() } as Set
                constraints << new Constraint('rack', false, chosen, 0)
                break
            default:
                break
        }
        job(config(key, resources, constraints, [ports: j % 4 == 0 ? ['http'] : []]), instances, cluster)
    }
}
