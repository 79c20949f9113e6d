package io.borealis.scheduler.scheduling

import io.borealis.api.model.AgentInfo
import io.borealis.api.model.JobKey
import io.borealis.api.model.PortRange
import io.borealis.api.model.Resources
import io.borealis.api.model.TaskConfig
import io.borealis.scheduler.testing.Fixtures

/**
 * A realistic cluster for benchmarks, the same for every seed: agents of 8 cpus and 32 GB in
 * racks of 40, 5% of them dedicated (to ten roles, 50 hosts each); jobs of mixed sizes until
 * their tasks ask for {@code fill} of the cluster's cpus: 30% with {@code host: limit:1}, 20%
 * with a {@code rack} value constraint (three racks), 5% dedicated, the rest unconstrained.
 */
final class ClusterMix {
    static final int RACK_SIZE = 40
    static final List<Resources> SIZES = [
            new Resources(0.5d, 1024L, 2048L, 0), new Resources(1d, 2048L, 4096L, 0),
            new Resources(1d, 4096L, 4096L, 0), new Resources(2d, 4096L, 8192L, 0),
            new Resources(4d, 8192L, 16384L, 0)]

    final List<AgentInfo> agents = []
    /** Each job's configuration and instance count. */
    final List<Map.Entry<TaskConfig, Integer>> jobs = []

    ClusterMix(int agentCount, double fill, long seed = 42L) {
        Random random = new Random(seed)
        int racks = Math.max(1, agentCount.intdiv(RACK_SIZE))
        int dedicatedEvery = 20 // 5%
        for (int i = 0; i < agentCount; i++) {
            Map attributes = [rack: "r${i % racks}"]
            if (i % dedicatedEvery == 0) {
                attributes.dedicated = "role${(i.intdiv(dedicatedEvery)) % 10}/db"
            }
            agents << Fixtures.agent(id: "a$i", resources: new Resources(8d, 32768L, 262144L, 0),
                    ports: [new PortRange(31000, 31999)], attributes: attributes)
        }
        double sharedCpu = agentCount * 8d * fill * 0.95
        double dedicatedCpu = agentCount * 8d * fill * 0.05
        double asked = 0
        double askedDedicated = 0
        int job = 0
        while (asked < sharedCpu || askedDedicated < dedicatedCpu) {
            int kind = random.nextInt(100)
            boolean dedicated = kind < 5
            if (dedicated ? askedDedicated >= dedicatedCpu : asked >= sharedCpu) {
                continue
            }
            Resources size = SIZES[random.nextInt(SIZES.size())]
            int instances = 1 + random.nextInt(dedicated ? 20 : 100)
            String role = dedicated ? "role${random.nextInt(10)}" : "team${random.nextInt(50)}"
            Map constraints = [:]
            if (dedicated) {
                constraints.dedicated = "$role/db"
            } else if (kind < 35) {
                constraints.host = 'limit:1'
            } else if (kind < 55) {
                int first = random.nextInt(racks)
                constraints.rack = (0..<3).collect { "r${(first + it * 7) % racks}" }.join(',')
            }
            def config = Fixtures.config(job: new JobKey(role, 'prod', "job${job++}"),
                    resources: size, constraints: constraints, service: true,
                    ports: random.nextInt(4) == 0 ? ['http'] : [])
            jobs << new AbstractMap.SimpleEntry(config, instances)
            double cpu = size.cpu() * instances
            if (dedicated) {
                askedDedicated += cpu
            } else {
                asked += cpu
            }
        }
    }

    int taskCount() {
        jobs.sum { it.value } as int
    }
}
