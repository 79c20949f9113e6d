package io.borealis.observer

import io.borealis.api.checkpoint.ProcessState
import io.borealis.api.checkpoint.TaskLayout
import io.borealis.api.checkpoint.TaskState
import io.borealis.api.json.Json
import io.borealis.observer.app.ObserverServer
import io.borealis.observer.testing.Http
import io.borealis.observer.testing.TaskFixture
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** Task directories as they look while things are being written, or after something broke. */
class TaskDirectoryEdgeCasesSpec extends Specification {
    static final String TORN = '1700000000001-www-data-prod-torn-0-00000001'
    static final String NEW = '1700000000002-www-data-prod-new-3-00000002'
    static final String BROKEN = '1700000000003-www-data-prod-broken-5-00000003'
    static final String ORPHAN = '1700000000004-www-data-prod-orphan-0-00000004'

    @Shared @TempDir Path workDir
    @Shared @AutoCleanup('stop') ObserverServer server
    @Shared Http http

    def setupSpec() {
        new TaskFixture(workDir, TORN, 0, [main: 'true']).withCloseable { t ->
            t.header(0, ProcessHandle.current().pid()).task(TaskState.ACTIVE)
                    .process('main', 0, ProcessState.RUNNING, 123L)
                    .process('main', 0, ProcessState.SUCCESS, 123L, 0)
            // A write cut short by a crash: the rest of the line never reached the disk.
            Files.writeString(t.layout.checkpoint(), '{"type":"task","seq":5,"state":"SUC',
                    java.nio.file.StandardOpenOption.APPEND)
        }
        // The agent has written task.json; the executor has not started.
        new TaskFixture(workDir, NEW, 3, [main: 'true']).close()
        Files.delete(TaskLayout.of(workDir, NEW).checkpoint())
        Files.delete(TaskLayout.of(workDir, NEW).sandbox())
        // task.json is garbage, the checkpoint is fine, and it knows a process task.json lacks.
        new TaskFixture(workDir, BROKEN, 5, [:]).withCloseable { t ->
            t.header(5, 1L).task(TaskState.ACTIVE).process('extra', 0, ProcessState.FORKED)
        }
        Files.writeString(TaskLayout.of(workDir, BROKEN).taskJson(), '{"taskId": ')
        // The checkpoint says ACTIVE but its executor is long gone.
        def gone = new ProcessBuilder('true').start()
        gone.waitFor()
        new TaskFixture(workDir, ORPHAN, 0, [main: 'sleep 1000']).withCloseable { t ->
            t.header(0, gone.pid()).task(TaskState.ACTIVE)
        }
        // Not task directories: a stray file, and a name no task id can have.
        Files.writeString(workDir.resolve('tasks/README'), 'not a task')
        Files.createDirectories(workDir.resolve('tasks/has space'))
        // A task directory the agent's garbage collector is deleting (renamed before removal).
        Files.createDirectories(workDir.resolve("tasks/.removing-$TORN/sandbox"))
        server = new ObserverServer(workDir, 0).start()
        http = new Http(URI.create("http://127.0.0.1:${server.port()}"))
    }

    def "a torn checkpoint tail is ignored: the task shows its last complete state"() {
        when:
        def task = Json.mapper().readTree(http.get("/api/task/$TORN").body())

        then:
        task.path('summary').path('state').asText() == 'ACTIVE'
        task.path('processes').get(0).path('state').asText() == 'SUCCESS'
    }

    def "a task without a checkpoint is STARTING, with its instance from task.json"() {
        when:
        def task = Json.mapper().readTree(http.get("/api/task/$NEW").body())
        def page = http.get("/task/$NEW")

        then:
        task.path('summary').path('state').asText() == 'STARTING'
        task.path('summary').path('active').asBoolean()
        task.path('summary').path('instance').asInt() == 3
        task.path('processes').get(0).path('state').asText() == 'WAITING'
        page.statusCode() == 200
        page.body().contains('not started')
    }

    def "browsing a task that has no sandbox yet is a 404 that says so"() {
        when:
        def page = http.get("/browse/$NEW/")

        then:
        page.statusCode() == 404
        page.body().contains('the task has no sandbox yet')
    }

    def "an unreadable task.json is reported, and the checkpoint is still shown"() {
        when:
        def page = http.get("/task/$BROKEN").body()

        then:
        page.contains('task.json cannot be read')
        page.contains('>extra<')
        page.contains('FORKED')
        page.contains('instance 5')
    }

    def "an active task whose executor is gone is flagged; one whose executor lives is not"() {
        expect:
        http.get("/task/$ORPHAN").body().contains('is not running on this host')
        !http.get("/task/$TORN").body().contains('is not running on this host')
    }

    def "only task directories are listed"() {
        when:
        def ids = Json.mapper().readTree(http.get('/api/tasks').body())*.path('taskId')*.asText()

        then:
        ids as Set == [TORN, NEW, BROKEN, ORPHAN] as Set
    }
}
