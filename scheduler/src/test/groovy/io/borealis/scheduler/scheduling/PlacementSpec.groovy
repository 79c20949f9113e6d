package io.borealis.scheduler.scheduling

import static io.borealis.api.model.TaskStatus.*

import io.borealis.api.model.JobKey
import io.borealis.api.model.PortRange
import io.borealis.api.model.Resources
import io.borealis.scheduler.storage.HostMode
import io.borealis.scheduler.storage.Task
import io.borealis.scheduler.storage.TaskId
import io.borealis.scheduler.testing.Fixtures
import spock.lang.Specification

class PlacementSpec extends Specification {
    static final JobKey OTHER = new JobKey('www-data', 'prod', 'other')

    static Placement.Result place(List agents, List<Task> pending, List<Task> active = [],
            int limit = 100, HostModes modes = HostModes.NONE, Map reservations = [:]) {
        new Placement(agents, active + pending, modes, reservations).place(pending, limit)
    }

    /** {@code count} PENDING instances of one job with {@code args} (Fixtures.config keys). */
    static List<Task> instances(Map args = [:], int count) {
        def config = Fixtures.config(args)
        (0..<count).collect {
            Fixtures.task(id: "${args.prefix ?: 't'}$it", instance: it, config: config,
                    timestamp: args.timestamp ?: 1000L)
        }
    }

    static List<String> agentsOf(Placement.Result result) {
        result.assignments()*.agent()*.agentId()
    }

    static String reason(Placement.Result result, String taskId) {
        result.reasons()[new TaskId(taskId)]
    }

    def "instances of one job go to different agents, then double up"() {
        given:
        def agents = [Fixtures.agent(id: 'a1'), Fixtures.agent(id: 'a2')]

        when:
        def result = place(agents, instances(4))

        then:
        agentsOf(result) == ['a1', 'a2', 'a1', 'a2']
        result.reasons().isEmpty()
    }

    def "while one agent has no task of the job, no agent gets a second one"() {
        given: 'a1 already runs an instance; a2 and a3 are empty'
        def agents = (1..3).collect { Fixtures.agent(id: "a$it") }
        def running = Fixtures.task(id: 'r', status: RUNNING, agent: 'a1')

        when:
        def result = place(agents, instances(3), [running])

        then: 'a2 and a3 first, then the agents double up'
        agentsOf(result).take(2) as Set == ['a2', 'a3'] as Set
        agentsOf(result)[2] in ['a1', 'a2', 'a3']
    }

    def "a job doubles up on the agents that have room when others are full"() {
        given: 'a2 is full'
        def agents = [Fixtures.agent(id: 'a1'), Fixtures.agent(id: 'a2')]
        def hog = Fixtures.task(id: 'hog', status: RUNNING, agent: 'a2', job: OTHER,
                resources: new Resources(4d, 1L, 1L, 0))

        when:
        def result = place(agents, instances(3), [hog])

        then:
        agentsOf(result) == ['a1', 'a1', 'a1']
    }

    def "instances spread over racks, preferring the rack with the fewest of the job's tasks"() {
        given: 'r1 holds a1, a2 and a3; r2 holds a4'
        def agents = (1..3).collect { Fixtures.agent(id: "a$it", attributes: [rack: 'r1']) } +
                [Fixtures.agent(id: 'a4', attributes: [rack: 'r2'])]

        when:
        def result = place(agents, instances(5))
        def racks = agentsOf(result).collect { it == 'a4' ? 'r2' : 'r1' }

        then: 'the first two land on both racks; the first four on four hosts'
        racks.take(2) as Set == ['r1', 'r2'] as Set
        agentsOf(result).take(4) as Set == ['a1', 'a2', 'a3', 'a4'] as Set
        and: 'the fifth doubles up on the rack with fewer of the job (r2: 1 of 4)'
        agentsOf(result)[4] == 'a4'
    }

    def "the rack already holding the job's tasks comes last"() {
        given:
        def agents = [Fixtures.agent(id: 'a1', attributes: [rack: 'r1']),
                      Fixtures.agent(id: 'a2', attributes: [rack: 'r1']),
                      Fixtures.agent(id: 'a3', attributes: [rack: 'r2']),
                      Fixtures.agent(id: 'a4', attributes: [rack: 'r2'])]
        def running = Fixtures.task(id: 'r', status: RUNNING, agent: 'a1')

        expect:
        agentsOf(place(agents, instances(1), [running])) in [['a3'], ['a4']]
    }

    def "free room is what the agent registered minus what its active tasks hold"() {
        given: 'an agent with 2 cpu, one of which a running task holds'
        def agent = Fixtures.agent(id: 'a1', resources: new Resources(2d, 1024L, 1024L, 0))
        def running = Fixtures.task(id: 'r', status: RUNNING, agent: 'a1', job: OTHER)

        when:
        def result = place([agent], instances(3, prefix: 'p'), [running])

        then:
        result.assignments()*.taskId()*.value() == ['p0']
        reason(result, 'p1') == 'Insufficient: CPU'
        reason(result, 'p2') == 'Insufficient: CPU'
    }

    def "a task that fits nowhere waits with Aurora's veto: #veto"() {
        given:
        def agent = Fixtures.agent(id: 'a1', resources: new Resources(4d, 4096L, 4096L, 1),
                ports: [new PortRange(31000, 31001)])
        def hog = Fixtures.task(id: 'hog', status: RUNNING, agent: 'a1', job: OTHER,
                resources: new Resources(3d, 4000L, 4000L, 1), assignedPorts: [http: 31000])

        when:
        def result = place([agent], [Fixtures.task(id: 't', config: config)], [hog])

        then:
        result.assignments().isEmpty()
        reason(result, 't') == veto

        where:
        veto                                              | config
        'Insufficient: CPU'                               | Fixtures.config(resources: new Resources(1.5d, 1L, 1L, 0))
        'Insufficient: RAM'                               | Fixtures.config(resources: new Resources(1d, 129L, 1L, 0))
        'Insufficient: DISK'                              | Fixtures.config(resources: new Resources(1d, 1L, 257L, 0))
        'Insufficient: GPU'                               | Fixtures.config(resources: new Resources(1d, 1L, 1L, 1))
        'Insufficient: PORTS'                             | Fixtures.config(resources: new Resources(1d, 1L, 1L, 0), ports: ['http', 'admin'])
        'Insufficient: CPU on 1 agent; Insufficient: RAM on 1 agent' | Fixtures.config(resources: new Resources(2d, 200L, 1L, 0))
    }

    def "a task asking for more than the largest agent says what it asks and what is offered"() {
        given:
        def agents = [Fixtures.agent(id: 'a1', resources: new Resources(8d, 24000L, 8192L, 0)),
                      Fixtures.agent(id: 'a2', resources: new Resources(16d, 16000L, 8192L, 0))]

        expect:
        reason(place(agents, [Fixtures.task(id: 't', resources: need)]), 't') == expected

        where:
        need                                   || expected
        new Resources(1d, 65536L, 1L, 0)       || 'Insufficient: RAM (asks 65536 MB; the largest agent offers 24000 MB)'
        new Resources(64d, 1L, 1L, 0)          || 'Insufficient: CPU (asks 64 cpus; the largest agent offers 16)'
        new Resources(1d, 1L, 10000L, 0)       || 'Insufficient: DISK (asks 10000 MB; the largest agent offers 8192 MB)'
        new Resources(1d, 1L, 1L, 2)           || 'Insufficient: GPU (asks 2 GPUs; the largest agent offers 0)'
        new Resources(32d, 30000L, 1L, 0)      || 'Insufficient: CPU (asks 32 cpus; the largest agent offers 16); ' +
                'Insufficient: RAM (asks 30000 MB; the largest agent offers 24000 MB)'
    }

    def "no agents registered"() {
        when:
        def result = place([], [Fixtures.task(id: 't')])

        then:
        result.assignments().isEmpty()
        reason(result, 't') == 'No agents registered'
    }

    def "named ports come from the agent's ranges and skip ports in use"() {
        given:
        def agent = Fixtures.agent(id: 'a1', ports: [new PortRange(31000, 31001),
                                                     new PortRange(32000, 32005)])
        def running = Fixtures.task(id: 'r', status: RUNNING, agent: 'a1', job: OTHER,
                resources: new Resources(0.1d, 1L, 1L, 0), assignedPorts: [http: 31000])
        def pending = instances(2, ports: ['http', 'admin'], resources: new Resources(0.1d, 1L, 1L, 0))

        when:
        def result = place([agent], pending, [running])

        then:
        result.assignments()*.ports() == [[admin: 31001, http: 32000], [admin: 32001, http: 32002]]
    }

    def "higher priority goes first, and at most the limit is placed"() {
        given:
        def agent = Fixtures.agent(id: 'a1')
        def low = Fixtures.task(id: 'low', priority: 0, timestamp: 1L, job: OTHER)
        def high = Fixtures.task(id: 'high', priority: 5, timestamp: 2L)

        expect:
        place([agent], [low, high], [], 1).assignments()*.taskId()*.value() == ['high']
    }

    def "a value constraint keeps every instance on agents with one of its values"() {
        given:
        def agents = [Fixtures.agent(id: 'a1', attributes: [rack: 'r1']),
                      Fixtures.agent(id: 'a2', attributes: [rack: 'r2']),
                      Fixtures.agent(id: 'a3', attributes: [rack: 'r3']),
                      Fixtures.agent(id: 'a4')]

        expect:
        agentsOf(place(agents, instances(4, constraints: [rack: values]))) as Set == expected as Set

        where:
        values   || expected
        'r2'     || ['a2']
        'r1,r3'  || ['a1', 'a3']
        '!r1,r2' || ['a3', 'a4']
    }

    def "a value constraint no agent satisfies leaves the task waiting: #why"() {
        given:
        def agents = [Fixtures.agent(id: 'a1', attributes: [rack: 'r1']),
                      Fixtures.agent(id: 'a2', attributes: [rack: 'r2'])]

        when:
        def result = place(agents, instances(2, constraints: constraints))

        then:
        result.assignments().isEmpty()
        reason(result, 't0') == expected
        reason(result, 't1') == expected

        where:
        why                 | constraints         || expected
        'no such value'     | [rack: 'r9']        || 'Constraint not satisfied: rack'
        'every value'       | [rack: '!r1,r2']    || 'Constraint not satisfied: rack'
        'unknown attribute' | [zone: 'z1']        || "Constraint not satisfied: zone (no agent has attribute 'zone')"
        'limit on unknown'  | [zone: 'limit:1']   || "Constraint not satisfied: zone (no agent has attribute 'zone')"
    }

    def "a negated constraint on an attribute an agent lacks is satisfied there"() {
        expect:
        agentsOf(place([Fixtures.agent(id: 'a1')], instances(1, constraints: [zone: '!z1']))) == ['a1']
    }

    def "host limit:1 puts one instance per host and leaves the rest waiting"() {
        given:
        def agents = (1..3).collect { Fixtures.agent(id: "a$it") }

        when:
        def result = place(agents, instances(4, constraints: [host: 'limit:1']))

        then:
        agentsOf(result) as Set == ['a1', 'a2', 'a3'] as Set
        reason(result, 't3') == 'Limit not satisfied: host'
    }

    def "a limit counts the job's tasks already running"() {
        given:
        def agents = [Fixtures.agent(id: 'a1'), Fixtures.agent(id: 'a2')]
        def config = Fixtures.config(constraints: [host: 'limit:1'])
        def running = Fixtures.task(id: 'r', status: RUNNING, agent: 'a1', config: config)
        def pending = (1..2).collect { Fixtures.task(id: "t$it", instance: it, config: config) }

        when:
        def result = place(agents, pending, [running])

        then:
        agentsOf(result) == ['a2']
        reason(result, 't2') == 'Limit not satisfied: host'
    }

    def "a rack limit allows N instances per rack"() {
        given: 'r1 has three agents, r2 one'
        def agents = (1..3).collect { Fixtures.agent(id: "a$it", attributes: [rack: 'r1']) } +
                [Fixtures.agent(id: 'a4', attributes: [rack: 'r2'])]

        when:
        def result = place(agents, instances(5, constraints: [rack: 'limit:2']))
        def racks = agentsOf(result).collect { it == 'a4' ? 'r2' : 'r1' }

        then:
        racks.count { it == 'r1' } == 2
        racks.count { it == 'r2' } == 2
        reason(result, 't4') == 'Limit not satisfied: rack'
    }

    def "a dedicated job runs only on hosts dedicated to it"() {
        given:
        def agents = [Fixtures.agent(id: 'a1'),
                      Fixtures.agent(id: 'a2', attributes: [dedicated: 'www-data/db']),
                      Fixtures.agent(id: 'a3', attributes: [dedicated: 'ops/other'])]

        when:
        def result = place(agents, instances(3, constraints: [dedicated: 'www-data/db']))

        then:
        agentsOf(result) == ['a2', 'a2', 'a2']
    }

    def "a wildcard dedicated constraint matches hosts dedicated to */NAME"() {
        given:
        def agents = [Fixtures.agent(id: 'a1'),
                      Fixtures.agent(id: 'a2', attributes: [dedicated: '*/shared'])]

        expect:
        agentsOf(place(agents, instances(1, constraints: [dedicated: '*/shared']))) == ['a2']
    }

    def "a dedicated host takes no other job: Host is dedicated"() {
        given:
        def agents = [Fixtures.agent(id: 'a1', attributes: [dedicated: 'www-data/db'])]

        when:
        def result = place(agents, instances(1))

        then:
        result.assignments().isEmpty()
        reason(result, 't0') == 'Host is dedicated'
    }

    def "a dedicated job without its hosts waits: Constraint not satisfied: dedicated"() {
        given:
        def agents = [Fixtures.agent(id: 'a1'),
                      Fixtures.agent(id: 'a2', attributes: [dedicated: 'ops/other'])]

        when:
        def result = place(agents, instances(1, constraints: [dedicated: 'www-data/db']))

        then:
        reason(result, 't0') == 'Constraint not satisfied: dedicated'
    }

    def "hosts draining or drained for maintenance take nothing: #mode"() {
        given:
        HostModes modes = { host -> host == 'a1' ? mode : HostMode.NONE }
        def agents = [Fixtures.agent(id: 'a1')]

        when:
        def result = place(agents, instances(1), [], 100, modes)

        then:
        result.assignments().isEmpty() == (mode != HostMode.SCHEDULED)
        reason(result, 't0') == expected

        where:
        mode                || expected
        HostMode.DRAINING   || 'Host draining for maintenance'
        HostMode.DRAINED    || 'Host drained for maintenance'
        HostMode.SCHEDULED  || null
    }

    def "a host in SCHEDULED maintenance takes tasks only once no other host can"() {
        given: 'a1 is SCHEDULED; a2 and a3 hold two 1-cpu tasks each'
        HostModes modes = { host -> host == 'a1' ? HostMode.SCHEDULED : HostMode.NONE }
        def agents = [Fixtures.agent(id: 'a1'),
                      Fixtures.agent(id: 'a2', resources: new Resources(2d, 4096L, 8192L, 0)),
                      Fixtures.agent(id: 'a3', resources: new Resources(2d, 4096L, 8192L, 0))]

        when: 'six instances'
        def result = place(agents, instances(6), [], 100, modes)

        then: 'the job doubles up on a2 and a3 before a1 gets any, then a1 takes the rest'
        agentsOf(result).take(4) as Set == ['a2', 'a3'] as Set
        agentsOf(result).drop(4) == ['a1', 'a1']
        result.reasons().isEmpty()
    }

    def "a SCHEDULED host is not used while another host has room, even one holding the job"() {
        given:
        HostModes modes = { host -> host == 'a1' ? HostMode.SCHEDULED : HostMode.NONE }
        def agents = [Fixtures.agent(id: 'a1'), Fixtures.agent(id: 'a2')]

        expect:
        agentsOf(place(agents, instances(3), [], 100, modes)) == ['a2', 'a2', 'a2']
    }

    def "filters apply in Aurora's order: the first that fails is the veto"() {
        given: 'a dedicated, draining, full host on rack r1'
        HostModes modes = { HostMode.DRAINING }
        def agent = Fixtures.agent(id: 'a1', attributes: [dedicated: 'www-data/db', rack: 'r1'])
        def hog = Fixtures.task(id: 'hog', status: RUNNING, agent: 'a1', job: OTHER,
                resources: new Resources(4d, 4096L, 8192L, 0))

        expect:
        reason(place([agent], instances(1, constraints: constraints), [hog], 100, modes), 't0') ==
                expected

        where:
        constraints                                || expected
        [:]                                        || 'Host is dedicated'
        [dedicated: 'www-data/db']                 || 'Host draining for maintenance'
    }

    def "several reasons read most common first, with how many agents gave each"() {
        given:
        def agents = [Fixtures.agent(id: 'a1', resources: new Resources(4d, 64L, 8192L, 0)),
                      Fixtures.agent(id: 'a2', resources: new Resources(4d, 64L, 8192L, 0)),
                      Fixtures.agent(id: 'a3', attributes: [dedicated: 'ops/db'])]

        expect:
        reason(place(agents, instances(1)), 't0') ==
                'Insufficient: RAM on 2 agents; Host is dedicated on 1 agent'
    }

    def "once a configuration fits nowhere its other tasks are not tried, and share the reason"() {
        given: 'an agent with 2 cpus, one held'
        def agent = Fixtures.agent(id: 'a1', resources: new Resources(2d, 4096L, 8192L, 0))
        def hog = Fixtures.task(id: 'hog', status: RUNNING, agent: 'a1', job: OTHER,
                resources: new Resources(1d, 1L, 1L, 0))
        def big = instances(3, resources: new Resources(2d, 1L, 1L, 0), prefix: 'big')
        def small = instances(1, job: OTHER, prefix: 'small')

        when:
        def result = place([agent], big + small, [hog])

        then:
        agentsOf(result) == ['a1']
        result.assignments()*.taskId()*.value() == ['small0']
        result.reasons().keySet()*.value() as Set == ['big0', 'big1', 'big2'] as Set
        result.reasons().values() as Set == ['Insufficient: CPU'] as Set
    }

    def "an agent held for a preemptor takes that task first and no other"() {
        given:
        def agents = [Fixtures.agent(id: 'a1'), Fixtures.agent(id: 'a2')]
        def preemptor = Fixtures.task(id: 'p', job: OTHER, timestamp: 5L)
        def others = instances(2, timestamp: 1L)

        when:
        def result = place(agents, others + [preemptor], [], 100, HostModes.NONE,
                [a2: new TaskId('p')])

        then:
        result.assignments().find { it.taskId().value() == 'p' }.agent().agentId() == 'a2'
        result.assignments().findAll { it.taskId().value() != 'p' }*.agent()*.agentId() ==
                ['a1', 'a1']
    }

    def "a task whose held agent is still full waits for its victims; others are told why"() {
        given: 'the only agent is full, and held for p'
        def agent = Fixtures.agent(id: 'a1', resources: new Resources(1d, 4096L, 8192L, 0))
        def victim = Fixtures.task(id: 'v', status: PREEMPTING, agent: 'a1', job: OTHER)
        def preemptor = Fixtures.task(id: 'p', job: OTHER, timestamp: 5L, priority: 1)
        def other = Fixtures.task(id: 't')

        when:
        def result = place([agent], [preemptor, other], [victim], 100, HostModes.NONE,
                [a1: new TaskId('p')])

        then:
        result.assignments().isEmpty()
        reason(result, 'p') == 'Waiting for preempted tasks to end on a1 (held for this task)'
        reason(result, 't') == 'Host reserved for a task that preempted its tasks'
    }
}
