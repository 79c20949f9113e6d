package io.borealis.scheduler.app

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit
import picocli.CommandLine
import spock.lang.Specification
import spock.util.concurrent.PollingConditions

class SchedulerMainSpec extends Specification {
    StringWriter err = new StringWriter()

    int run(String... args) {
        CommandLine commandLine = SchedulerMain.commandLine()
        commandLine.err = new PrintWriter(err)
        commandLine.execute(args)
    }

    def "an unknown flag stops startup, names the flag and suggests the right one"() {
        expect:
        run('--home', '/tmp/x', '--http-prot', '0') == 2
        err.toString().contains("Unknown options: '--http-prot', '0'")
        err.toString().contains('Possible solutions: --http-port')
    }

    def "a missing --home stops startup"() {
        expect:
        run() == 2
        err.toString().contains("Missing required option: '--home=DIR'")
    }

    def "a malformed value stops startup and names the flag"() {
        expect:
        run('--home', '/tmp/x', '--http-port', 'eighty') == 2
        err.toString().contains("Invalid value for option '--http-port'")
    }

    def "a bad value is refused before anything starts: #why"() {
        expect:
        run(args as String[]) == 2
        err.toString().contains(message)

        where:
        why          | args                                                   || message
        'public URL' | ['--home', '/tmp/x', '--public-url', 'scheduler:8081'] || "public URL 'scheduler:8081' is not an http(s) URL such as http://host:8081"
        'port'       | ['--home', '/tmp/x', '--http-port', '70000']           || 'httpPort must be 0-65535, got 70000'
        'cluster'    | ['--home', '/tmp/x', '--cluster', ' ']                 || 'cluster must not be blank'
    }

    def "a bad tier config stops startup, naming the file and the problem"() {
        given:
        def file = Files.createTempFile('tiers', '.json')
        file.toFile().text = '{"default": "gold", "tiers": {"batch": {"preemptible": true, "revocable": false}}}'

        expect:
        run('--home', '/tmp/x', '--tier-config', file.toString()) == 2
        err.toString().contains("tier config $file: the default tier 'gold' is not among the tiers [batch]")

        cleanup:
        Files.deleteIfExists(file)
    }

    def "a malformed preemption delay stops startup"() {
        expect:
        run('--home', '/tmp/x', '--preemption-delay', 'soon') == 2
        err.toString().contains("'soon' is not a duration such as 15s, 3m or 1h")
    }

    def "a port already in use stops startup with one clear line"() {
        given:
        def socket = new ServerSocket(0)

        expect:
        run('--home', Files.createTempDirectory('busy').toString(),
                '--http-port', socket.localPort as String) == 1
        err.toString().startsWith('borealis-scheduler: cannot start: Failed to bind')

        cleanup:
        socket.close()
    }

    def "defaults follow docs/internals.md"() {
        given:
        def config = SchedulerConfig.defaults(Path.of('/srv/borealis'))

        expect:
        config.httpPort() == 8081
        config.cluster() == 'devcluster'
        config.publicUrl() == null
        config.jdbcUrl() == 'jdbc:h2:file:/srv/borealis/db/borealis;DB_CLOSE_ON_EXIT=FALSE'
        config.heartbeatInterval().toSeconds() == 5
        config.agentTimeout().toSeconds() == 60
        config.assignedGrace().toSeconds() == 30
        config.tiers().all() == io.borealis.scheduler.tier.Tiers.auroraDefaults().all()
        config.preemptionDelay().toSeconds() == 15
    }

    def "the program serves, then stops cleanly on SIGTERM"() {
        given:
        Path home = Files.createTempDirectory('scheduler-main')
        File log = home.resolve('scheduler.log').toFile()
        Process process = new ProcessBuilder(
                Path.of(System.getProperty('java.home'), 'bin', 'java').toString(),
                '-cp', System.getProperty('java.class.path'),
                '-Dlogback.configurationFile=logback.xml', // the program's own, not the tests'
                SchedulerMain.name, '--home', home.toString(), '--http-port', '0')
                .redirectErrorStream(true).redirectOutput(log).start()

        when:
        new PollingConditions(timeout: 30).eventually {
            assert log.text.contains('listening on http://')
        }
        process.destroy() // SIGTERM
        boolean exited = process.waitFor(30, TimeUnit.SECONDS)

        then:
        exited
        log.text.contains('shutting down')
        log.text.contains('scheduler stopped')
        !log.text.contains(' ERROR ')
        Files.exists(home.resolve('db/borealis.mv.db'))
        !Files.exists(home.resolve('db/borealis.trace.db')) // H2 logged no error

        cleanup:
        process?.destroyForcibly()
        home.toFile().deleteDir()
    }
}
