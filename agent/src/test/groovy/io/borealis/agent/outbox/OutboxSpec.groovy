package io.borealis.agent.outbox

import io.borealis.api.model.TaskStatus
import io.borealis.api.model.TaskStatusUpdate
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardOpenOption
import java.time.Clock
import java.time.Instant
import java.time.ZoneOffset
import spock.lang.Specification
import spock.lang.TempDir

class OutboxSpec extends Specification {
    @TempDir
    Path dir
    Clock clock = Clock.fixed(Instant.ofEpochMilli(1_000), ZoneOffset.UTC)

    def "updates are numbered in order, stamped, and still pending after a reopen"() {
        given:
        def outbox = Outbox.open(dir, clock)

        when:
        outbox.append('t1', TaskStatus.STARTING, null)
        outbox.append('t1', TaskStatus.RUNNING, null)
        outbox.append('t2', TaskStatus.FAILED, 'boom')
        outbox.close()
        def reopened = Outbox.open(dir, clock)

        then:
        reopened.pending() == [
                new TaskStatusUpdate('t1', TaskStatus.STARTING, 1_000, null, 1),
                new TaskStatusUpdate('t1', TaskStatus.RUNNING, 1_000, null, 2),
                new TaskStatusUpdate('t2', TaskStatus.FAILED, 1_000, 'boom', 3)]
        reopened.lastSeq() == 3
    }

    def "acked updates are forgotten, and seq keeps increasing across a reopen with nothing pending"() {
        given:
        def outbox = Outbox.open(dir, clock)
        outbox.append('t1', TaskStatus.STARTING, null)
        outbox.append('t1', TaskStatus.RUNNING, null)

        when:
        outbox.ack(1)

        then:
        outbox.pending()*.seq() == [2L]
        outbox.isPending(2)
        !outbox.isPending(1)

        when:
        outbox.ack(2)
        outbox.close()
        def reopened = Outbox.open(dir, clock)

        then:
        reopened.pending().isEmpty()
        reopened.append('t1', TaskStatus.FINISHED, null).seq() == 3
    }

    def "an ack older than what was acked changes nothing"() {
        given:
        def outbox = Outbox.open(dir, clock)
        3.times { outbox.append('t1', TaskStatus.RUNNING, null) }
        outbox.ack(2)

        when:
        outbox.ack(1)

        then:
        outbox.pending()*.seq() == [3L]
    }

    def "a torn last line, left by a crash while appending, is ignored"() {
        given:
        def outbox = Outbox.open(dir, clock)
        outbox.append('t1', TaskStatus.STARTING, null)
        outbox.close()
        Files.writeString(dir.resolve(Outbox.PENDING_FILE), '{"taskId":"t1","sta',
                StandardOpenOption.APPEND)

        when:
        def reopened = Outbox.open(dir, clock)
        reopened.append('t1', TaskStatus.RUNNING, null)

        then:
        reopened.pending()*.seq() == [1L, 2L]

        when:
        reopened.close()

        then:
        Outbox.open(dir, clock).pending()*.status() == [TaskStatus.STARTING, TaskStatus.RUNNING]
    }

    def "a batch holds at most the requested number of the oldest updates"() {
        given:
        def outbox = Outbox.open(dir, clock)
        5.times { outbox.append("t$it", TaskStatus.STARTING, null) }

        expect:
        outbox.awaitBatch(3, 0)*.seq() == [1L, 2L, 3L]
        outbox.pending().size() == 5
    }

    def "waiting for a batch ends empty-handed when nothing arrives"() {
        expect:
        Outbox.open(dir, clock).awaitBatch(10, 20).isEmpty()
    }

    def "a seq file that does not hold a number stops the outbox from opening"() {
        given:
        Files.writeString(dir.resolve(Outbox.SEQ_FILE), 'seven')

        when:
        Outbox.open(dir, clock)

        then:
        def e = thrown(IOException)
        e.message == "outbox seq file ${dir.resolve(Outbox.SEQ_FILE)} does not hold a number"
    }
}
