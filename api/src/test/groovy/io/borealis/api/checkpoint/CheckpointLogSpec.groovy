package io.borealis.api.checkpoint

import java.nio.file.Files
import java.nio.file.Path
import spock.lang.Specification
import spock.lang.TempDir

class CheckpointLogSpec extends Specification {
    @TempDir
    Path dir

    def "records appended to a checkpoint replay into the task's state"() {
        given:
        def file = dir.resolve('runner.ckpt')
        def log = CheckpointLog.openForAppend(file)

        when:
        log.append(new CheckpointRecord.Header(1, 1000, 'task-1', 'host-a', 'www-data', 42, 0, [http: 31000]))
        log.append(new CheckpointRecord.TaskUpdate(2, 1001, TaskState.ACTIVE, null))
        log.append(new CheckpointRecord.ProcessUpdate(3, 1002, 'hello', 0, ProcessState.FORKED, null, null, null))
        log.append(new CheckpointRecord.ProcessUpdate(4, 1003, 'hello', 0, ProcessState.RUNNING, 4711L, null, null))
        log.append(new CheckpointRecord.ProcessUpdate(5, 1010, 'hello', 0, ProcessState.FAILED, null, 1, 'exit status 1'))
        log.append(new CheckpointRecord.TaskUpdate(6, 1011, TaskState.FAILED, 'hello failed'))
        log.close()
        def state = CheckpointState.replay(CheckpointLog.read(file))

        then:
        state.header().taskId() == 'task-1'
        state.header().ports() == [http: 31000]
        state.state() == TaskState.FAILED
        state.message() == 'hello failed'
        state.lastSeq() == 6
        def run = state.latestRun('hello').get()
        run.run() == 0
        run.state() == ProcessState.FAILED
        run.pid() == 4711L
        run.exitCode() == 1
        run.startTime() == 1003
        run.stopTime() == 1010
    }

    def "a torn line at the tail ends the readable log without failing"() {
        given:
        def file = dir.resolve('runner.ckpt')
        def log = CheckpointLog.openForAppend(file)
        log.append(new CheckpointRecord.TaskUpdate(1, 1000, TaskState.ACTIVE, null))
        log.close()
        Files.writeString(file, Files.readString(file) + '{"type":"task","seq":2,"timest')

        expect:
        CheckpointLog.read(file).collect { it.seq() } == [1L]
        CheckpointState.replay(CheckpointLog.read(file)).state() == TaskState.ACTIVE
    }

    def "a missing checkpoint reads as empty"() {
        expect:
        CheckpointLog.read(dir.resolve('nope')).isEmpty()
        CheckpointState.replay([]).state() == null
    }

    def "health records replay into the latest verdict; a log without any counts as healthy"() {
        given:
        def file = dir.resolve('runner.ckpt')
        def log = CheckpointLog.openForAppend(file)

        when:
        log.append(new CheckpointRecord.Health(1, 1000, false, 'waiting for the http health check'))
        log.append(new CheckpointRecord.TaskUpdate(2, 1001, TaskState.ACTIVE, null))
        log.close()
        def pending = CheckpointState.replay(CheckpointLog.read(file))

        then:
        Files.readAllLines(file)[0] ==
                '{"type":"health","seq":1,"timestamp":1000,"healthy":false,"message":"waiting for the http health check"}'
        pending.healthy() == false
        !pending.isHealthy()
        pending.healthMessage() == 'waiting for the http health check'

        when:
        log = CheckpointLog.openForAppend(file)
        log.append(new CheckpointRecord.Health(3, 1002, true, 'health check passed'))
        log.close()
        def healthy = CheckpointState.replay(CheckpointLog.read(file))

        then:
        healthy.isHealthy()
        healthy.lastSeq() == 3
        healthy.state() == TaskState.ACTIVE

        expect: 'no verdict at all'
        CheckpointState.replay([new CheckpointRecord.TaskUpdate(1, 1000, TaskState.ACTIVE, null)]).isHealthy()
    }
}
