package io.borealis.api.rpc

import io.borealis.api.thrift.AssignedTask
import io.borealis.api.thrift.JobKey
import io.borealis.api.thrift.Process
import io.borealis.api.thrift.Resources
import io.borealis.api.thrift.ScheduleStatus
import io.borealis.api.thrift.ScheduleStatusResult
import io.borealis.api.thrift.ScheduledTask
import io.borealis.api.thrift.TaskConfig
import io.borealis.api.thrift.TaskEvent
import io.borealis.api.thrift.TaskSpec
import org.apache.thrift.TDeserializer
import org.apache.thrift.protocol.TCompactProtocol
import org.apache.thrift.protocol.TJSONProtocol
import org.apache.thrift.protocol.TProtocol
import org.apache.thrift.protocol.TProtocolDecorator
import org.apache.thrift.transport.TMemoryBuffer
import spock.lang.Specification

class SharedTaskConfigSpec extends Specification {
    static TaskConfig config() {
        new TaskConfig().setJob(new JobKey('www-data', 'prod', 'hello')).setIsService(true)
                .setPriority(5).setProduction(true).setResources(new Resources(1.5d, 512L, 1024L, 0))
                .setRequestedPorts(['http', 'admin'] as Set)
                .setTask(new TaskSpec().setName('hello').setProcesses([new Process().setName('web')
                        .setCmdline('python3 -m http.server {{thermos.ports[http]}}')]))
                .setTier('preferred').setMaxTaskFailures(3)
    }

    static ScheduleStatusResult reply(TaskConfig shared) {
        new ScheduleStatusResult((0..<3).collect { int i ->
            new ScheduledTask().setAssignedTask(new AssignedTask().setTaskId("t$i").setAgentHost('h')
                    .setTask(shared).setAssignedPorts([http: 31000 + i]).setInstanceId(i))
                    .setStatus(ScheduleStatus.RUNNING).setFailureCount(i)
                    .setTaskEvents([new TaskEvent(1000L + i, ScheduleStatus.RUNNING)])
        })
    }

    static byte[] encode(ScheduleStatusResult result, Closure<TProtocol> wire) {
        TMemoryBuffer buffer = new TMemoryBuffer(1024)
        result.write(wire(buffer))
        Arrays.copyOf(buffer.array, buffer.length())
    }

    static class Watching extends TProtocolDecorator implements DecoratedProtocol {
        final TProtocol inner

        Watching(TProtocol inner) {
            super(inner)
            this.inner = inner
        }

        TProtocol decorated() {
            inner
        }
    }

    static class Opaque extends TProtocolDecorator {
        Opaque(TProtocol inner) {
            super(inner)
        }
    }

    def "a shared configuration encodes to the bytes of encoding it in place, #name"() {
        when:
        byte[] plain = encode(reply(config()), wire)
        def shared = new SharedTaskConfig(config())
        byte[] once = encode(reply(shared), wire)
        byte[] again = encode(reply(shared), wire)

        then:
        once == plain
        again == plain
        and: 'it decodes to the same tasks'
        def decoded = new ScheduleStatusResult()
        new TDeserializer(name.contains('JSON') ? new TJSONProtocol.Factory() : new TCompactProtocol.Factory())
                .deserialize(decoded, once)
        decoded.equals(reply(config())) // equals: Groovy's == would use compareTo
        decoded.tasks*.assignedTask*.task*.task*.processes*.cmdline.flatten().every { it.contains('thermos.ports') }

        where:
        name                          | wire
        'compact'                     | { t -> new TCompactProtocol(t) }
        'compact behind a decorator'  | { t -> new Watching(new TCompactProtocol(t)) }
        'compact behind an opaque one'| { t -> new Opaque(new TCompactProtocol(t)) }
        'JSON'                        | { t -> new TJSONProtocol(t) }
        'JSON behind a decorator'     | { t -> new Watching(new TJSONProtocol(t)) }
    }

    def "the compact encoding is made once per configuration, seen through decorators that say what they wrap, #name"() {
        given:
        def shared = new SharedTaskConfig(config())
        byte[] first = encode(reply(shared), wire)

        when: 'the configuration changes after its first encoding (which its contract forbids)'
        shared.setPriority(99)

        then: 'the compact protocol repeats the first bytes; others encode it anew'
        (encode(reply(shared), wire) == first) == reused

        where:
        name                  | wire                                           | reused
        'compact'             | { t -> new TCompactProtocol(t) }               | true
        'compact, decorated'  | { t -> new Watching(new TCompactProtocol(t)) } | true
        'compact, opaque'     | { t -> new Opaque(new TCompactProtocol(t)) }   | false
        'JSON'                | { t -> new TJSONProtocol(t) }                  | false
    }
}
