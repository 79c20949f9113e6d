package io.borealis.scheduler.scheduling

import static io.borealis.api.model.TaskStatus.*

import io.borealis.api.model.PortRange
import io.borealis.api.model.Resources
import io.borealis.scheduler.testing.Fixtures
import spock.lang.Specification

class PlacementSpec extends Specification {
    def "tasks spread over agents with room"() {
        given:
        def agents = [Fixtures.agent(id: 'a1'), Fixtures.agent(id: 'a2')]
        def pending = (0..<4).collect { Fixtures.task(id: "t$it", instance: it) }

        when:
        def assignments = new Placement(agents, [:]).place(pending, 100)

        then:
        assignments*.agent()*.agentId() == ['a1', 'a2', 'a1', 'a2']
    }

    def "free room is what the agent registered minus what its active tasks hold"() {
        given: 'an agent with 2 cpu, one of which a running task holds'
        def agent = Fixtures.agent(id: 'a1', resources: new Resources(2d, 1024L, 1024L, 0))
        def running = Fixtures.task(id: 'r', status: RUNNING, agent: 'a1')
        def pending = (0..<3).collect { Fixtures.task(id: "p$it", instance: it) }

        when:
        def assignments = new Placement([agent], [a1: [running]]).place(pending, 100)

        then:
        assignments*.taskId()*.value() == ['p0']
    }

    def "a task that fits nowhere is left out: #why"() {
        given:
        def agent = Fixtures.agent(id: 'a1', resources: new Resources(1d, 128L, 256L, 0),
                ports: [new PortRange(31000, 31000)])

        expect:
        new Placement([agent], [:]).place([task], 100).isEmpty()

        where:
        why         | task
        'cpu'       | Fixtures.task(resources: new Resources(1.5d, 1L, 1L, 0))
        'ram'       | Fixtures.task(resources: new Resources(1d, 129L, 1L, 0))
        'disk'      | Fixtures.task(resources: new Resources(1d, 1L, 257L, 0))
        'gpu'       | Fixtures.task(resources: new Resources(1d, 1L, 1L, 1))
        'ports'     | Fixtures.task(ports: ['http', 'admin'])
    }

    def "named ports come from the agent's ranges and skip ports in use"() {
        given:
        def agent = Fixtures.agent(id: 'a1', ports: [new PortRange(31000, 31001),
                                                     new PortRange(32000, 32005)])
        def running = Fixtures.task(id: 'r', status: RUNNING, agent: 'a1',
                resources: new Resources(0.1d, 1L, 1L, 0), assignedPorts: [http: 31000])
        def pending = Fixtures.task(id: 'p', ports: ['http', 'admin'],
                resources: new Resources(0.1d, 1L, 1L, 0))

        when:
        def assignments = new Placement([agent], [a1: [running]]).place([pending], 100)

        then:
        assignments*.ports() == [[admin: 31001, http: 32000]]
    }

    def "higher priority goes first, and at most the limit is placed"() {
        given:
        def agent = Fixtures.agent(id: 'a1')
        def low = Fixtures.task(id: 'low', priority: 0, timestamp: 1L)
        def high = Fixtures.task(id: 'high', priority: 5, timestamp: 2L)

        expect:
        new Placement([agent], [:]).place([low, high], 1)*.taskId()*.value() == ['high']
    }

    def "no agents, no assignments"() {
        expect:
        new Placement([], [:]).place([Fixtures.task()], 10).isEmpty()
    }
}
