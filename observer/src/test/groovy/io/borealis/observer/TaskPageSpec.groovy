package io.borealis.observer

import io.borealis.api.checkpoint.ProcessState
import io.borealis.api.checkpoint.ResourceUsage
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

/**
 * The task page: the end of each process's latest stdout under it, and the task's resource use
 * taken from the executor's {@code resources.json} while that is fresh, else measured by the
 * observer itself.
 */
class TaskPageSpec extends Specification {
    static final String OUTPUT = '1700000000000-www-data-prod-hello-0-0000000a'
    static final String FRESH = '1700000000001-www-data-prod-hello-1-0000000b'
    static final String STALE = '1700000000002-www-data-prod-hello-2-0000000c'
    static final String MISSING = '1700000000003-www-data-prod-hello-3-0000000d'
    static final String GARBAGE = '1700000000004-www-data-prod-hello-4-0000000e'
    static final String FINISHED = '1700000000005-www-data-prod-hello-5-0000000f'
    static final long GiB = 1024L * 1024 * 1024

    @Shared @TempDir Path workDir
    @Shared @AutoCleanup('stop') ObserverServer server
    @Shared Http http
    @Shared Process sleeper

    def setupSpec() {
        new TaskFixture(workDir, OUTPUT, 0, [hello: 'echo hello world', chatty: 'seq 100',
                html: 'echo "<b>"', quiet: 'true', later: 'sleep 1']).withCloseable { t ->
            t.header(0, 1L).task(TaskState.ACTIVE)
                    .process('hello', 0, ProcessState.SUCCESS, 10L, 0)
                    .process('chatty', 0, ProcessState.FAILED, 11L, 1)
                    .process('chatty', 1, ProcessState.SUCCESS, 12L, 0)
                    .process('html', 0, ProcessState.SUCCESS, 13L, 0)
                    .process('quiet', 0, ProcessState.SUCCESS, 14L, 0)
            t.file('.logs/hello/0/stdout', 'hello world\n')
            t.file('.logs/chatty/0/stdout', 'FROM-THE-FIRST-RUN\n')
            t.file('.logs/chatty/1/stdout', (1..100).collect { "line $it\n" }.join())
            t.file('.logs/html/0/stdout', '<script>alert(1)</script> & more\n')
            t.file('.logs/quiet/0/stdout', '')
        }
        sleeper = new ProcessBuilder('sleep', '120').start()
        liveTask(FRESH, 1).close()
        liveTask(STALE, 2).close()
        writeSample(STALE, 60_000)
        liveTask(MISSING, 3).close()
        liveTask(GARBAGE, 4).withCloseable { t ->
            Files.writeString(t.layout.resources(), '{"timestamp": ')
        }
        liveTask(FINISHED, 5).withCloseable { t ->
            t.process('sleeper', 0, ProcessState.KILLED, sleeper.pid()).task(TaskState.KILLED)
        }
        server = new ObserverServer(workDir, 0).start()
        http = new Http(URI.create("http://127.0.0.1:${server.port()}"))
    }

    def cleanupSpec() {
        sleeper?.destroyForcibly()?.waitFor()
    }

    /** An active task whose one process is the spec's real {@code sleep}, with a small sandbox. */
    TaskFixture liveTask(String taskId, int instance) {
        def t = new TaskFixture(workDir, taskId, instance, [sleeper: 'sleep 120'])
        t.header(instance, ProcessHandle.current().pid()).task(TaskState.ACTIVE)
                .process('sleeper', 0, ProcessState.RUNNING, sleeper.pid())
        t.file('.logs/sleeper/0/stdout', '')
        t.file('data.bin', new byte[1000])
        t
    }

    /**
     * Writes an executor sample taken {@code ageMillis} ago to the task's {@code resources.json}:
     * 1.25 cores, 3 GiB resident, 5 GiB on disk, 7 processes (none of which the observer could
     * measure itself: the task's one real process is a small {@code sleep}).
     */
    void writeSample(String taskId, long ageMillis) {
        new ResourceUsage(System.currentTimeMillis() - ageMillis, 1.25, 3 * GiB, 5 * GiB, 7, 2.0,
                4 * GiB, 8 * GiB).write(TaskLayout.of(workDir, taskId).resources())
    }

    def taskJson(String taskId) {
        Json.mapper().readTree(http.get("/api/task/$taskId").body())
    }

    def "the task page shows each process's latest stdout with a link to the full log"() {
        when:
        def body = http.get("/task/$OUTPUT").body()

        then:
        body.contains('<pre class="tail">hello world\n</pre>')
        body.contains("href=\"/file/$OUTPUT/.logs/hello/0/stdout\">full log</a>")
        body.contains("href=\"/file/$OUTPUT/.logs/chatty/1/stdout\">full log</a>")
    }

    def "only the latest run's output is shown, and only its last 20 lines"() {
        when:
        def body = http.get("/task/$OUTPUT").body()
        def tail = (body =~ /(?s)<pre class="tail">(line .*?)<\/pre>/)[0][1]

        then:
        !body.contains('FROM-THE-FIRST-RUN')
        tail.readLines() == (81..100).collect { "line $it".toString() }
    }

    def "output is escaped, not interpreted"() {
        when:
        def body = http.get("/task/$OUTPUT").body()

        then:
        body.contains('<pre class="tail">&lt;script&gt;alert(1)&lt;/script&gt; &amp; more\n</pre>')
        !body.contains('<script>')
    }

    def "empty output and a process that has not run say 'no output yet'"() {
        when:
        def body = http.get("/task/$OUTPUT").body()

        then: 'quiet wrote nothing, later never ran'
        body.findAll('no output yet').size() == 2
        body.contains("href=\"/process/$OUTPUT/later\">later</a>")
    }

    def "a fresh executor sample is the task's use, with its age"() {
        given:
        writeSample(FRESH, 12_000)

        when:
        def use = taskJson(FRESH).path('summary').path('resources')
        def body = http.get("/task/$FRESH").body()
        def age = (body =~ /sampled by the executor (\d+) s ago/)[0][1] as int

        then:
        use.path('cpuCores').asDouble() == 1.25d
        use.path('rssBytes').asLong() == 3 * GiB
        use.path('diskBytes').asLong() == 5 * GiB
        use.path('processCount').asInt() == 7
        use.path('executorSample').path('ageMillis').asLong() >= 12_000
        age >= 12 && age <= 30
        body.contains('>3.0 GiB<')
        body.contains('>5.0 GiB<')
        body.contains('>1.25<')
    }

    def "the task list shows the executor's figures too"() {
        given:
        writeSample(FRESH, 0)

        expect:
        def summary = Json.mapper().readTree(http.get('/api/tasks').body())
                .find { it.path('taskId').asText() == FRESH }
        summary.path('resources').path('rssBytes').asLong() == 3 * GiB
    }

    def "without a usable executor sample the observer measures the task itself: #why"() {
        when:
        def use = taskJson(taskId).path('summary').path('resources')
        def body = http.get("/task/$taskId").body()

        then: 'the figures are the real sleep process and the 1000-byte sandbox file'
        use.path('executorSample').isNull()
        use.path('processCount').asInt() == 1
        use.path('rssBytes').asLong() > 0
        use.path('rssBytes').asLong() < GiB
        use.path('diskBytes').asLong() == 1000
        body.contains('measured by the observer')
        !body.contains('sampled by the executor')

        where:
        why                     | taskId
        'a sample 60 s old'     | STALE
        'no resources.json'     | MISSING
        'an unreadable sample'  | GARBAGE
    }

    def "a finished task does not show its executor's last sample as use now"() {
        given:
        writeSample(FINISHED, 0)

        when:
        def use = taskJson(FINISHED).path('summary').path('resources')

        then:
        use.path('executorSample').isNull()
        use.path('rssBytes').isNull()
        use.path('processCount').asInt() == 0
        use.path('diskBytes').asLong() == 1000
    }
}
