package io.borealis.observer

import io.borealis.observer.app.ObserverMain
import io.borealis.observer.testing.Http
import picocli.CommandLine
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.nio.file.Path
import java.util.concurrent.TimeUnit

class ObserverMainSpec extends Specification {
    @TempDir Path workDir

    def "bad command lines stop startup with a clear message: #args"() {
        given:
        def err = new StringWriter()
        def cli = new CommandLine(new ObserverMain()).setErr(new PrintWriter(err))

        when:
        int status = cli.execute(args as String[])

        then:
        status == 2
        err.toString().contains(message)

        where:
        args                                                || message
        ['--work-dir', '/tmp', '--bogus']                   || "Unknown option: '--bogus'"
        ['--http-port', '0']                                || "Missing required option: '--work-dir=DIR'"
        ['--work-dir', '/tmp', '--http-port', 'x']          || "Invalid value for option '--http-port'"
        ['--work-dir', '/tmp', '--http-port', '70000']      || '--http-port must be from 0 to 65535, not 70000'
        ['--work-dir', '/etc/hostname', '--http-port', '0'] || 'is not a directory'
    }

    def "the program serves on an ephemeral port and logs where it listens"() {
        given:
        def java = Path.of(System.getProperty('java.home'), 'bin', 'java').toString()
        def process = new ProcessBuilder(java, '-cp', System.getProperty('java.class.path'),
                ObserverMain.name, '--work-dir', workDir.toString(), '--http-port', '0')
                .redirectErrorStream(true).start()
        def output = new StringBuffer()
        process.consumeProcessOutputStream(output)

        when:
        def listening = ~/listening on http:\/\/([^:\s]+):(\d+)/
        new PollingConditions(timeout: 30).eventually {
            assert listening.matcher(output).find()
        }
        def found = listening.matcher(output)
        found.find()
        int port = found.group(2) as int

        then:
        port > 0 && port != 1338
        new Http(URI.create("http://127.0.0.1:$port")).get('/health').body().trim() == 'OK'
        new Http(URI.create("http://127.0.0.1:$port")).get('/').body().contains('No active tasks.')

        cleanup:
        process.destroy()
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor()
        }
    }
}
