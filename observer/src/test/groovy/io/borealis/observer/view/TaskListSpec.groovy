package io.borealis.observer.view

import io.borealis.api.checkpoint.ProcessState
import io.borealis.api.checkpoint.TaskState
import io.borealis.observer.checkpoint.WorkDir
import io.borealis.observer.testing.TaskFixture
import java.nio.file.Path
import java.time.Clock
import java.time.Duration
import spock.lang.Specification
import spock.lang.TempDir

/** The task list keeps finished tasks' summaries only while their checkpoints are unchanged. */
class TaskListSpec extends Specification {
    static final String DONE = '1700000000000-www-data-prod-hello-0-done0001'
    static final String OTHER = '1700000001000-www-data-prod-hello-1-done0002'

    @TempDir Path workDir
    TaskList list

    def setup() {
        list = new TaskList(new WorkDir(workDir), new TaskViews(
                ResourceSampler.ofHost(Clock.systemUTC()),
                new DiskUsage(Duration.ofSeconds(30), System::nanoTime), Clock.systemUTC()))
    }

    void finish(String id, TaskState state) {
        new TaskFixture(workDir, id, 0, [hello: 'echo hello']).withCloseable { t ->
            t.header(0, 999_999_999L).task(TaskState.ACTIVE)
                    .process('hello', 0, ProcessState.RUNNING, 999_999_998L)
                    .task(state)
        }
    }

    def "a finished task's summary is read again once its checkpoint changes"() {
        given:
        finish(DONE, TaskState.SUCCESS)
        assert list.summaries()*.state == ['SUCCESS']

        when: 'something appends to its checkpoint'
        new TaskFixture(workDir, DONE, 0, [hello: 'echo hello']).withCloseable { t ->
            t.task(TaskState.FAILED, 'changed')
        }

        then:
        list.summaries()*.state == ['FAILED']
    }

    def "new task directories appear and removed ones disappear"() {
        given:
        finish(DONE, TaskState.SUCCESS)
        assert list.summaries()*.taskId == [DONE]

        when:
        finish(OTHER, TaskState.KILLED)

        then:
        list.summaries()*.taskId == [OTHER, DONE]

        when:
        workDir.resolve('tasks').resolve(DONE).toFile().deleteDir()

        then:
        list.summaries()*.taskId == [OTHER]
    }
}
