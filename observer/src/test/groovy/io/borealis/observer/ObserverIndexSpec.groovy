package io.borealis.observer

import io.borealis.api.checkpoint.ProcessState
import io.borealis.api.checkpoint.TaskState
import io.borealis.api.web.PageAssets
import io.borealis.observer.app.ObserverServer
import io.borealis.observer.testing.Http
import io.borealis.observer.testing.TaskFixture
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/**
 * The task list of a busy host: finished tasks page by page, newest first, and what every page
 * shares (the pages script, the Content-Security-Policy, escaped log lines).
 */
class ObserverIndexSpec extends Specification {
    static final int FINISHED = 230
    static final long START = 1_700_000_000_000L
    static final String LIVE = '1800000000000-www-data-prod-hello-0-live0001'

    @Shared @TempDir Path workDir
    @Shared @AutoCleanup('stop') ObserverServer server
    @Shared Http http

    static String finished(int i) {
        String.format('%d-www-data-prod-hello-%d-done%04d', START + i * 1000L, i, i)
    }

    def setupSpec() {
        (0..<FINISHED).each { i ->
            new TaskFixture(workDir, finished(i), i, [hello: 'echo hello']).withCloseable { t ->
                t.header(i, 999_999_999L, [:], START + i * 1000L).task(TaskState.ACTIVE)
                        .process('hello', 0, ProcessState.RUNNING, 999_999_998L)
                        .process('hello', 0, ProcessState.SUCCESS, 999_999_998L, 0)
                        .task(TaskState.SUCCESS)
                t.file('.logs/hello/0/stdout', i == 0
                        ? 'before\n<script>alert("log")</script>\nafter\n' : 'hello\n')
            }
        }
        new TaskFixture(workDir, LIVE, 0, [hello: 'sleep 100']).withCloseable { t ->
            t.header(0, ProcessHandle.current().pid()).task(TaskState.ACTIVE)
        }
        server = new ObserverServer(workDir, 0).start()
        http = new Http(URI.create("http://127.0.0.1:${server.port()}"))
    }

    static int taskRows(String body) {
        body.findAll('<td><a href="/task/').size()
    }

    def "the first page shows the active task and the 100 newest finished ones"() {
        when:
        def body = http.get('/').body()

        then:
        body.contains('<h2>Finished (230)</h2>')
        body.contains('Showing 1–100 of 230, newest first.')
        taskRows(body) == 1 + 100
        body.contains(LIVE)
        body.contains(finished(229))
        body.contains(finished(130))
        !body.contains(finished(129))
        body.contains('<a rel="next" href="/?page=2">')
        !body.contains('rel="prev"')
    }

    def "the last page holds the oldest finished tasks"() {
        when:
        def body = http.get('/?page=3').body()

        then:
        taskRows(body) == 1 + 30
        body.contains('Showing 201–230 of 230, newest first.')
        body.contains(finished(0))
        !body.contains(finished(30))
        body.contains('<a rel="prev" href="/?page=2">')
        !body.contains('rel="next"')
    }

    def "a bad page number is refused with 400 naming it: #page"() {
        when:
        def response = http.get("/?page=$page")

        then:
        response.statusCode() == 400
        response.body().contains("page &#39;$page&#39; is not a page number from 1") // escaped

        where:
        page << ['0', '-2', 'x']
    }

    def "times are UTC <time> elements, and every page loads the one shared script under a CSP"() {
        when:
        def page = http.get('/')
        def script = http.get(PageAssets.SCRIPT_PATH)

        then:
        page.body().contains( // the newest finished task, started at START + 229 s
                '<time datetime="2023-11-14T22:17:09Z">2023-11-14 22:17:09 UTC</time>')
        page.body().contains("<script src=\"${PageAssets.SCRIPT_PATH}\" defer></script>")
        page.headers().firstValue('content-security-policy').get() ==
                PageAssets.CONTENT_SECURITY_POLICY
        script.statusCode() == 200
        script.headers().firstValue('content-type').get().startsWith('text/javascript')
        script.body() == PageAssets.PAGES_JS
        http.get('/static/other.js').statusCode() == 404
    }

    def "a log line holding a script renders as text on the task and process pages"() {
        when:
        def task = http.get("/task/${finished(0)}").body()
        def process = http.get("/process/${finished(0)}/hello").body()

        then:
        [task, process].every {
            it.contains('&lt;script&gt;alert(&quot;log&quot;)&lt;/script&gt;') &&
                    !it.contains('<script>alert')
        }
    }
}
