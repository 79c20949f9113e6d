package io.borealis.api.model

import spock.lang.Specification

class TaskUsageCodecSpec extends Specification {

    static final TaskConfig CONFIG = new TaskConfig(new JobKey('www-data', 'prod', 'hello'), true,
            0, false, null, 1, new Resources(0.1d, 16, 16, 0), [], [] as Set,
            new TaskSpec('hello', [], [], 1, 0, 30, null, null), null, [], null, null, null, null)
    static final AssignedTask ASSIGNED = new AssignedTask('t-1', 'a1', 'host1', CONFIG, [:], 0)
    static final TaskUsage USAGE = new TaskUsage(1_700_000_000_000L, 0.25d, 5_300_000L, 36L, 2)

    def "an agent task state keeps its usage through Thrift"() {
        given:
        def state = new AgentTaskState('t-1', TaskStatus.RUNNING, USAGE)

        expect:
        ThriftCodec.fromThrift(ThriftCodec.toThrift(state)) == state
        ThriftCodec.toThrift(state).getUsage().getRamBytes() == 5_300_000L
    }

    def "an agent task state without a sample has no usage on the wire"() {
        given:
        def state = new AgentTaskState('t-1', TaskStatus.RUNNING)

        expect:
        !ThriftCodec.toThrift(state).isSetUsage()
        ThriftCodec.fromThrift(ThriftCodec.toThrift(state)).usage() == null
    }

    def "a scheduled task keeps its usage through Thrift, and has none unless given one"() {
        given:
        def bare = new ScheduledTask(ASSIGNED, TaskStatus.RUNNING, 0, [], null, null)
        def measured = bare.withUsage(USAGE)

        expect:
        ThriftCodec.fromThrift(ThriftCodec.toThrift(measured)).usage() == USAGE
        !ThriftCodec.toThrift(bare).isSetUsage()
        ThriftCodec.fromThrift(ThriftCodec.toThrift(bare)).usage() == null
    }

    def "usage reads as '#text'"() {
        expect:
        new TaskUsage(0L, cpu, ram, disk, 1).summary() == text

        where:
        cpu    | ram                  | disk          || text
        0.02d  | 5_347_738L           | 36L           || '0.02 cpu, 5.1 MiB, 36 B'
        1.5d   | 1023L                | 1024L         || '1.50 cpu, 1023 B, 1.0 KiB'
        0d     | 3L * 1024 * 1024 * 1024 | 0L         || '0.00 cpu, 3.0 GiB, 0 B'
    }
}
