package io.borealis.executor.checkpoint

import io.borealis.api.checkpoint.CheckpointLog
import io.borealis.api.checkpoint.CheckpointRecord
import io.borealis.api.checkpoint.CheckpointState
import io.borealis.api.checkpoint.ProcessState
import io.borealis.api.checkpoint.TaskState
import java.nio.file.Path
import java.time.Clock
import spock.lang.Specification
import spock.lang.TempDir

/** Held records reach the log together, numbered in order, and never get lost on close. */
class CheckpointWriterSpec extends Specification {
    @TempDir
    Path dir

    def "held records stay off the log until released, then land together in order"() {
        given:
        def file = dir.resolve('runner.ckpt')
        def writer = CheckpointWriter.open(file, Clock.systemUTC(), 'task-1', 0)

        when:
        writer.hold()
        writer.header('host-a', 'www-data', 42, 0, [http: 31000])
        writer.health(true, 'no health check: healthy once running')
        writer.task(TaskState.ACTIVE, null)

        then:
        CheckpointLog.read(file).isEmpty()

        when:
        writer.release()
        writer.process('hello', 0, ProcessState.WAITING, null, null, null)

        then:
        def records = CheckpointLog.read(file)
        records*.seq() == [1L, 2L, 3L, 4L]
        records*.getClass() == [CheckpointRecord.Header, CheckpointRecord.Health,
                                CheckpointRecord.TaskUpdate, CheckpointRecord.ProcessUpdate]
        with(CheckpointState.replay(records)) {
            header().taskId() == 'task-1'
            state() == TaskState.ACTIVE
            latestRun('hello').get().state() == ProcessState.WAITING
        }

        cleanup:
        writer?.close()
    }

    def "closing the writer writes the records it still holds"() {
        given:
        def file = dir.resolve('runner.ckpt')
        def writer = CheckpointWriter.open(file, Clock.systemUTC(), 'task-1', 6)

        when:
        writer.hold()
        writer.process('hello', 1, ProcessState.FORKED, null, null, null)
        writer.process('hello', 1, ProcessState.RUNNING, 4711L, null, null)
        writer.close()

        then:
        def replayed = CheckpointState.replay(CheckpointLog.read(file))
        replayed.lastSeq() == 8
        def latest = replayed.latestRun('hello').get()
        latest.run() == 1
        latest.state() == ProcessState.RUNNING
        latest.pid() == 4711L
    }
}
