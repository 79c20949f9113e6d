package io.borealis.scheduler.sim

import spock.lang.Requires
import spock.lang.Specification

/**
 * The scale benchmarks ({@link ScaleBench}), not part of the normal build: they print figures
 * and assert nothing about durations. Run all with
 * {@code mvn -B -o test -pl scheduler -am -Dtest=ScaleBenchSpec -Dsurefire.failIfNoSpecifiedTests=false -DargLine="-Dscale.bench=1 -Xmx8g"}
 * or some with {@code -Dscale.bench=placement,status} (names: placement, round, preemption,
 * status, jobstatus, loss, update); sizes in {@link ScaleBench}.
 */
@Requires({ System.getProperty('scale.bench') })
class ScaleBenchSpec extends Specification {
    static boolean wanted(String name) {
        String bench = System.getProperty('scale.bench')
        bench == '1' || bench.split(',').contains(name)
    }

    @Requires({ ScaleBenchSpec.wanted('placement') })
    def "placements per second filling the hosts"() {
        expect:
        ScaleBench.placement().placed > 0
    }

    @Requires({ ScaleBenchSpec.wanted('placement') || ScaleBenchSpec.wanted('round') })
    def "one scheduling round over the same hosts and mix, all tasks pending"() {
        expect:
        ScaleBench.placementRound().placed > 0
    }

    @Requires({ ScaleBenchSpec.wanted('preemption') })
    def "preemption for pending production tasks on a full cluster"() {
        expect:
        ScaleBench.preemption() != null
    }

    @Requires({ ScaleBenchSpec.wanted('status') })
    def "status updates applied per second"() {
        expect:
        ScaleBench.statusUpdates().size() == 4
    }

    @Requires({ ScaleBenchSpec.wanted('jobstatus') })
    def "getTasksStatus of a 10,000-instance job"() {
        expect:
        ScaleBench.jobStatus().p99 > 0
    }

    @Requires({ ScaleBenchSpec.wanted('loss') })
    def "an agent's tasks PENDING elsewhere after its last heartbeat"() {
        expect:
        ScaleBench.agentLoss().size() == 2
    }

    @Requires({ ScaleBenchSpec.wanted('update') })
    def "instances updated per minute, 1,000 instances, batch 100, watch_secs 0"() {
        expect:
        ScaleBench.update().perMinute > 0
    }
}
