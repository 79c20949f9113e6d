package io.borealis.observer

import io.borealis.api.checkpoint.ProcessState
import io.borealis.api.checkpoint.TaskState
import io.borealis.observer.app.ObserverServer
import io.borealis.observer.testing.TaskFixture
import spock.lang.AutoCleanup
import spock.lang.Requires
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * The pages as a real browser renders them: headless Chromium's DOM after load. Runs only where
 * {@code /usr/bin/chromium} is installed (CI installs it).
 */
@Requires({ Files.isExecutable(Path.of('/usr/bin/chromium')) })
class BrowserSpec extends Specification {
    static final String TASK = '1700000000000-www-data-prod-hello-0-abcdef12'

    @Shared @TempDir Path workDir
    @Shared @TempDir Path profile
    @Shared @AutoCleanup('stop') ObserverServer server

    def setupSpec() {
        new TaskFixture(workDir, TASK, 0, [hello: 'echo hello', '<script>': 'exit 1']).withCloseable { t ->
            t.header(0, 1L).task(TaskState.ACTIVE)
                    .process('hello', 0, ProcessState.RUNNING, 1L)
                    .process('hello', 0, ProcessState.SUCCESS, 1L, 0)
                    .process('<script>', 0, ProcessState.FAILED, null, 1)
                    .task(TaskState.FAILED, 'it failed')
        }
        server = new ObserverServer(workDir, 0).start()
    }

    String dom(String path) {
        def process = new ProcessBuilder('/usr/bin/chromium', '--headless', '--no-sandbox',
                '--disable-gpu', "--user-data-dir=$profile", '--dump-dom',
                "http://127.0.0.1:${server.port()}$path").redirectError(ProcessBuilder.Redirect.DISCARD).start()
        def out = new ByteArrayOutputStream()
        process.consumeProcessOutputStream(out)
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor()
            throw new IllegalStateException("chromium did not finish rendering $path")
        }
        process.waitForProcessOutput()
        out.toString('UTF-8')
    }

    def "the task list renders in a browser with the task and its state"() {
        when:
        def html = dom('/')

        then:
        html.contains(TASK)
        html.contains('FAILED')
    }

    def "the task page renders process names as text, never as markup"() {
        when:
        def html = dom("/task/$TASK")

        then:
        html.contains('&lt;script&gt;')
        html.contains('it failed')
        !html.contains('<script>')
    }
}
