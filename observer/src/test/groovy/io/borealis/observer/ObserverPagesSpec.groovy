package io.borealis.observer

import io.borealis.api.checkpoint.ProcessState
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

class ObserverPagesSpec extends Specification {
    static final String DONE = '1700000000000-www-data-prod-hello-0-abcdef12'
    static final String LIVE = '1700000100000-www-data-prod-hello-1-0badf00d'

    @Shared @TempDir Path workDir
    @Shared @TempDir Path outside
    @Shared @AutoCleanup('stop') ObserverServer server
    @Shared Http http
    @Shared Process sleeper
    @Shared byte[] bigLog

    def setupSpec() {
        new TaskFixture(workDir, DONE, 0, [hello: 'echo hello; echo world >&2', '<script>': 'exit 3'],
                [http: 31001]).withCloseable { t ->
            t.header(0, 999_999_999L, [http: 31001])
                    .task(TaskState.ACTIVE)
                    .process('hello', 0, ProcessState.RUNNING, 4242L)
                    .process('hello', 0, ProcessState.SUCCESS, 4242L, 0)
                    .process('<script>', 0, ProcessState.RUNNING, 4243L)
                    .process('<script>', 0, ProcessState.FAILED, 4243L, 3, 'exited with 3')
                    .process('<script>', 1, ProcessState.RUNNING, 4244L)
                    .process('<script>', 1, ProcessState.FAILED, 4244L, 7)
                    .task(TaskState.FAILED, 'process <script> failed')
            t.file('.logs/hello/0/stdout', 'hello\n')
            t.file('.logs/hello/0/stderr', 'world\n')
            bigLog = (0..<20_000).collect { String.format('line %05d\n', it) }.join().bytes
            t.file('.logs/<script>/1/stdout', bigLog)
            t.file('notes/bold.html', '<b>bold</b> & more')
            t.file('digits.txt', '0123456789abcdefghij')
            Files.writeString(outside.resolve('outside-secret.txt'), 'TOP-SECRET')
            Files.createSymbolicLink(t.layout.sandbox().resolve('escape'),
                    outside.resolve('outside-secret.txt'))
            Files.createSymbolicLink(t.layout.sandbox().resolve('escape-dir'), outside)
            Files.createSymbolicLink(t.layout.sandbox().resolve('inside-link'),
                    t.layout.sandbox().resolve('digits.txt'))
        }
        sleeper = new ProcessBuilder('sleep', '120').start()
        new TaskFixture(workDir, LIVE, 1, [sleeper: 'sleep 120']).withCloseable { t ->
            t.header(1, ProcessHandle.current().pid())
                    .task(TaskState.ACTIVE)
                    .process('sleeper', 0, ProcessState.WAITING)
                    .process('sleeper', 0, ProcessState.RUNNING, sleeper.pid())
        }
        server = new ObserverServer(workDir, 0).start()
        http = new Http(URI.create("http://127.0.0.1:${server.port()}"))
    }

    def cleanupSpec() {
        sleeper?.destroyForcibly()?.waitFor()
    }

    def "GET /health answers OK"() {
        expect:
        with(http.get('/health')) {
            statusCode() == 200
            body().trim() == 'OK'
        }
    }

    def "the task list shows each task with its job and state, active tasks first"() {
        when:
        def page = http.get('/')

        then:
        page.statusCode() == 200
        page.headers().firstValue('content-type').get().startsWith('text/html')
        page.body().contains('<meta http-equiv="refresh"')
        page.body().contains("href=\"/task/$DONE\"")
        page.body().contains("href=\"/task/$LIVE\"")
        page.body().contains('www-data/prod/hello')
        page.body().contains('>FAILED<')
        page.body().contains('>ACTIVE<')
        page.body().indexOf(LIVE) < page.body().indexOf(DONE)
    }

    def "the task page shows processes, runs, pids, exit codes, ports and links"() {
        when:
        def body = http.get("/task/$DONE").body()

        then:
        body.contains('process &lt;script&gt; failed')
        body.contains('&lt;script&gt;')
        !body.contains('<script>')
        body.contains('>4244<')
        body.contains('>7<')
        body.contains('exited with 3')
        body.contains('>http<') && body.contains('>31001<')
        body.contains("href=\"/browse/$DONE/\"")
        body.contains("href=\"/process/$DONE/%3Cscript%3E\"")
        body.contains("href=\"/file/$DONE/.logs/hello/0/stdout\"")
        body.contains("href=\"/file/$DONE/.logs/hello/0/stderr\"")
    }

    def "a running task shows the CPU and memory of its live process, measured from /proc"() {
        when:
        def task = Json.mapper().readTree(http.get("/api/task/$LIVE").body())

        then:
        task.path('summary').path('active').asBoolean()
        task.path('executorAlive').asBoolean()
        with(task.path('processes').get(0)) {
            path('name').asText() == 'sleeper'
            path('state').asText() == 'RUNNING'
            path('runs').get(0).path('live').asBoolean()
            path('resources').path('rssBytes').asLong() > 0
            path('resources').path('processCount').asInt() == 1
        }
        task.path('summary').path('resources').path('rssBytes').asLong() > 0
        task.path('summary').path('resources').path('diskBytes').isNumber()
    }

    def "a finished task measures no process even if its old pids are alive"() {
        expect:
        def task = Json.mapper().readTree(http.get("/api/task/$DONE").body())
        task.path('summary').path('resources').path('rssBytes').isNull()
        !task.path('processes').get(0).path('runs').get(0).path('live').asBoolean()
    }

    def "the JSON task list holds both tasks with their states"() {
        when:
        def tasks = Json.mapper().readTree(http.get('/api/tasks').body())

        then:
        tasks*.path('taskId')*.asText() == [LIVE, DONE]
        tasks*.path('state')*.asText() == ['ACTIVE', 'FAILED']
        tasks*.path('instance')*.asInt() == [1, 0]
    }

    def "the process page shows the command line and the stdout tail of the latest run"() {
        when:
        def body = http.get("/process/$DONE/hello").body()

        then:
        body.contains('echo hello; echo world &gt;&amp;2')
        body.contains('<pre>hello\n</pre>')
        body.contains('<pre>world\n</pre>')
    }

    def "the process page shows only the last 64 KiB of a long log"() {
        when:
        def body = http.get("/process/$DONE/%3Cscript%3E/1").body()

        then:
        body.contains('line 19999')
        !body.contains('line 00000')
        body.contains('the last 65536 characters shown')
    }

    def "the process page shows an earlier run when asked and says when a run has no log"() {
        when:
        def body = http.get("/process/$DONE/%3Cscript%3E/0").body()

        then:
        body.contains('<h2>Run 0</h2>')
        body.contains('No stdout yet.')
    }

    def "process page errors name what is wrong: #path -> #status"() {
        when:
        def page = http.get(path.replace('ID', DONE))

        then:
        page.statusCode() == status
        page.body().contains(message)

        where:
        path                   || status | message
        '/process/ID/nope'     || 404    | 'has no process &#39;nope&#39;'
        '/process/ID/hello/9'  || 404    | 'has no run 9'
        '/process/ID/hello/x'  || 400    | 'run &#39;x&#39; is not a run number'
    }

    def "an unknown task is a 404 that names it on every route: #route"() {
        when:
        def page = http.get("/$route/no-such-task${route == 'process' ? '/hello' : ''}")

        then:
        page.statusCode() == 404
        page.body().contains(route == 'api/task' ? "unknown task 'no-such-task'"
                : 'unknown task &#39;no-such-task&#39;')

        where:
        route << ['task', 'process', 'browse', 'file', 'download', 'api/task']
    }

    def "the sandbox listing shows names, sizes and links"() {
        when:
        def body = http.get("/browse/$DONE/").body()

        then:
        body.contains("href=\"/browse/$DONE/.logs/\"")
        body.contains("href=\"/file/$DONE/digits.txt\"")
        body.contains("href=\"/download/$DONE/digits.txt\"")
        body.contains('20 B')
        !body.contains('runner.ckpt')
    }

    def "a file is paged by offset and length"() {
        when:
        def body = http.get("/file/$DONE/digits.txt?offset=10&length=5").body()

        then:
        body.contains('<pre>abcde</pre>')
        body.contains('Bytes 10–15 of 20')
        body.contains("href=\"/file/$DONE/digits.txt?offset=5&amp;length=5\"")
        body.contains("href=\"/file/$DONE/digits.txt?offset=15&amp;length=5\"")
    }

    def "a file page shows the last 64 KiB by default and follow refreshes at the end"() {
        when:
        def tail = http.get("/file/$DONE/.logs/%3Cscript%3E/1/stdout").body()
        def follow = http.get("/file/$DONE/.logs/%3Cscript%3E/1/stdout?follow=1").body()

        then:
        tail.contains("Bytes ${bigLog.length - 65536}–${bigLog.length} of ${bigLog.length}")
        tail.contains('line 19999')
        !tail.contains('line 00000')
        follow.contains('<meta http-equiv="refresh" content="2; url=/file/')
        follow =~ /<meta http-equiv="refresh" content="2; url=\/file\/[^"#]+\?follow=1">/
        follow.contains('<pre data-follow>')
        follow.contains('<a id="end"></a>')
    }

    def "file content is escaped, not interpreted"() {
        expect:
        with(http.get("/file/$DONE/notes/bold.html").body()) {
            contains('&lt;b&gt;bold&lt;/b&gt; &amp; more')
            !contains('<b>bold</b>')
        }
    }

    def "bad paging parameters are refused with 400 naming the parameter: #query"() {
        when:
        def page = http.get("/file/$DONE/digits.txt?$query")

        then:
        page.statusCode() == 400
        page.body().contains(named)

        where:
        query                  || named
        'offset=abc'           || 'offset must be'
        'offset=-1'            || 'offset must be'
        'offset=21'            || 'offset 21 is past the end'
        'length=0'             || 'length must be'
        'length=x'             || 'length must be'
        'length=99999999'      || 'length must be'
    }

    def "download returns the raw bytes as an octet stream"() {
        when:
        def response = http.getBytes("/download/$DONE/.logs/%3Cscript%3E/1/stdout")

        then:
        response.statusCode() == 200
        response.headers().firstValue('content-type').get() == 'application/octet-stream'
        response.body() == bigLog
    }

    def "a link that stays inside the sandbox is followed"() {
        expect:
        http.get("/file/$DONE/inside-link").body().contains('0123456789abcdefghij')
    }

    def "no path leaves the sandbox: #path"() {
        when:
        def page = http.get(path.replace('ID', DONE))

        then:
        page.statusCode() in [403, 404]
        !page.body().contains('TOP-SECRET')
        !page.body().contains('"taskId"')
        page.body().contains(message)

        where:
        path                                  || message
        '/file/ID/../task.json'               || 'not allowed'
        '/file/ID/..%2Ftask.json'             || 'may not contain'
        '/file/ID/%2e%2e/runner.ckpt'         || 'not allowed'
        '/download/ID/%2E%2E/task.json'       || 'not allowed'
        '/browse/ID/%2e%2e/'                  || 'not allowed'
        '/browse/ID/notes/%2e%2e/%2e%2e/'     || 'not allowed'
        '/file/ID//etc/passwd'                || 'absolute paths are not allowed'
        '/download/ID/%2Fetc%2Fpasswd'        || 'absolute paths are not allowed'
        '/file/ID/escape'                     || 'outside the sandbox'
        '/download/ID/escape'                 || 'outside the sandbox'
        '/browse/ID/escape-dir/'              || 'outside the sandbox'
        '/file/ID/escape-dir/outside-secret.txt' || 'outside the sandbox'
        '/file/ID/.'                          || 'not allowed'
    }

    def "a task id cannot climb out of the tasks directory"() {
        expect:
        http.get('/task/..').statusCode() in [403, 404]
        http.get('/browse/%2e%2e/').statusCode() == 404
    }

    def "the observer only reads: other methods are refused"() {
        when:
        def response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:${server.port()}/"))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString('x')).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString())

        then:
        response.statusCode() == 405
    }
}
