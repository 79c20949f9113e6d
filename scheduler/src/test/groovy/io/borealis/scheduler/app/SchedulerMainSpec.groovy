package io.borealis.scheduler.app

import io.borealis.api.testing.TestCertificates
import io.borealis.scheduler.state.Flapping
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import java.util.concurrent.TimeUnit
import picocli.CommandLine
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

class SchedulerMainSpec extends Specification {
    StringWriter err = new StringWriter()
    @TempDir
    Path scratch

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
        'size'       | ['--home', '/tmp/x', '--max-request-size', 'lots']     || "--max-request-size 'lots' is not a size"
        'tiny size'  | ['--home', '/tmp/x', '--max-request-size', '10b']      || 'max request size must be at least 1k, got 10 bytes'
        'no users'   | ['--home', '/tmp/x', '--authorize-reads']              || '--authorize-reads and --pages-require-login need --shiro-ini'
        'database'   | ['--home', '/tmp/x', '--db-url', 'jdbc:mysql://db/x']  || "database URL 'jdbc:mysql://db/x' is not a PostgreSQL (jdbc:postgresql://HOST:PORT/DB) or H2 JDBC URL"
        'password'   | ['--home', '/tmp/x', '--db-password-file', '/tmp/pw']  || 'a database password file needs --db-url: embedded H2 has no password'
    }

    def "a missing database password file stops startup, naming it"() {
        given:
        Path home = Files.createTempDirectory('scheduler-main')

        expect:
        run('--home', home.toString(), '--http-port', '0', '--db-url',
                'jdbc:postgresql://127.0.0.1:1/borealis?user=borealis',
                '--db-password-file', home.resolve('nothing').toString()) == 1
        err.toString().contains("cannot start: the database password file ${home.resolve('nothing')} does not exist")

        cleanup:
        home.toFile().deleteDir()
    }

    def "a Shiro INI with a password in clear stops startup, naming the file and the user"() {
        given:
        def dir = Files.createTempDirectory('scheduler-main-ini')
        def ini = dir.resolve('security.ini')
        Files.writeString(ini, '[users]\nbob = secret, admin\n')

        expect:
        run('--home', dir.resolve('home').toString(), '--http-port', '0', '--shiro-ini', ini.toString()) == 1
        err.toString().contains("borealis-scheduler: cannot start: Shiro INI file $ini: user 'bob' " +
                'has a password in clear; store its hash instead (borealis-admin hash_password)')
        !Files.exists(dir.resolve('home/db'))

        cleanup:
        dir.toFile().deleteDir()
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

    def "bad TLS flags stop startup before anything starts, naming the problem: #why"() {
        given:
        Path dir = Files.createTempDirectory('scheduler-tls')
        def certs = TestCertificates.create(dir.resolve('certs'))
        Path junk = dir.resolve('junk.pem')
        Files.writeString(junk, 'not pem')
        def values = [CERT: certs.cert().toString(), KEY: certs.key().toString(),
                      CA: certs.ca().toString(), JUNK: junk.toString(),
                      MISSING: dir.resolve('missing.pem').toString()]

        expect:
        run((['--home', dir.resolve('home').toString()] +
                args.collect { values.getOrDefault(it, it) }) as String[]) == 2
        err.toString().contains(message.replace('JUNK', junk.toString())
                .replace('MISSING', dir.resolve('missing.pem').toString()))
        !Files.exists(dir.resolve('home'))

        cleanup:
        dir.toFile().deleteDir()

        where:
        why              | args                                        || message
        'cert alone'     | ['--tls-cert', 'CERT']                      || '--tls-cert and --tls-key go together: give both or neither'
        'missing cert'   | ['--tls-cert', 'MISSING', '--tls-key', 'KEY'] || 'certificate MISSING: no such file'
        'key is no key'  | ['--tls-cert', 'CERT', '--tls-key', 'JUNK'] || 'key JUNK: no PEM private key in it'
        'CA is no CA'    | ['--tls-ca', 'JUNK']                        || 'CA file JUNK: no PEM certificate in it'
    }

    def "a malformed preemption delay stops startup"() {
        expect:
        run('--home', '/tmp/x', '--preemption-delay', 'soon') == 2
        err.toString().contains("'soon' is not a duration such as 500ms, 30s, 15m, 12h or 7d")
    }

    def "a port already in use stops startup with one clear line"() {
        given:
        def socket = new ServerSocket(0)

        expect:
        run('--home', scratch.toString(),
                '--http-port', socket.localPort as String) == 1
        err.toString().startsWith('borealis-scheduler: cannot start: Failed to bind')

        cleanup:
        socket.close()
    }

    def "defaults follow docs/internals.md and scheduler/README.md"() {
        given:
        def config = SchedulerConfig.defaults(Path.of('/srv/borealis'))

        expect:
        config.httpPort() == 8081
        config.cluster() == 'devcluster'
        config.publicUrl() == null
        config.jdbcUrl() == 'jdbc:h2:file:/srv/borealis/db/borealis;DB_CLOSE_ON_EXIT=FALSE'
        config.heartbeatInterval() == Duration.ofSeconds(2)
        config.agentTimeout() == Duration.ofSeconds(10)
        config.agentCheckInterval() == Duration.ofSeconds(1)
        config.assignedGrace().toSeconds() == 30
        with(config.lifecycle()) {
            flapping() == new Flapping.Settings(Duration.ofMinutes(5), Duration.ofSeconds(30),
                    Duration.ofMinutes(5))
            timers().transientTimeout() == Duration.ofMinutes(5)
            timers().killRetryInterval() == Duration.ofSeconds(5)
            history().pruneThreshold() == Duration.ofDays(2)
            history().maxTasksPerJob() == 100
            history().minRetention() == Duration.ofHours(1)
        }
        config.tiers().all() == io.borealis.scheduler.tier.Tiers.auroraDefaults().all()
        config.preemptionDelay().toSeconds() == 15
    }

    SchedulerConfig parsed(String... args) {
        CommandLine commandLine = SchedulerMain.commandLine()
        commandLine.parseArgs(args)
        (commandLine.getCommand() as SchedulerMain).config()
    }

    def "the flags' defaults are the configuration's defaults"() {
        expect:
        parsed('--home', '/srv/borealis') == SchedulerConfig.defaults(Path.of('/srv/borealis'))
    }

    def "every lifecycle flag maps to its setting"() {
        when:
        def config = parsed('--home', '/x', '--heartbeat-interval', '500ms',
                '--agent-timeout', '3s', '--transient-task-state-timeout', '2m',
                '--initial-task-kill-retry-interval', '15s', '--flapping-task-threshold', '10m',
                '--initial-flapping-task-delay', '1m', '--max-flapping-task-delay', '1h',
                '--history-prune-threshold', '7d', '--history-max-tasks-per-job', '0',
                '--history-min-retention', '12h')

        then:
        config.heartbeatInterval() == Duration.ofMillis(500)
        config.agentTimeout() == Duration.ofSeconds(3)
        config.agentCheckInterval() == Duration.ofMillis(600)
        config.lifecycle().timers().transientTimeout() == Duration.ofMinutes(2)
        config.lifecycle().timers().killRetryInterval() == Duration.ofSeconds(15)
        config.lifecycle().flapping() == new Flapping.Settings(Duration.ofMinutes(10),
                Duration.ofMinutes(1), Duration.ofHours(1))
        config.lifecycle().history().pruneThreshold() == Duration.ofDays(7)
        config.lifecycle().history().maxTasksPerJob() == 0
        config.lifecycle().history().minRetention() == Duration.ofHours(12)
    }

    def "bad lifecycle values are refused before anything starts: #why"() {
        expect:
        run((['--home', '/tmp/x'] + args) as String[]) == 2
        err.toString().contains(message)

        where:
        why                   | args                                                   || message
        'not a duration'      | ['--agent-timeout', '10x']                             || "Invalid value for option '--agent-timeout': '10x' is not a duration such as 500ms, 30s, 15m, 12h or 7d"
        'negative duration'   | ['--history-min-retention', '-1h']                     || "Invalid value for option '--history-min-retention': '-1h' is not a duration"
        'timeout too short'   | ['--agent-timeout', '3s']                              || 'agent timeout 3 s must be at least twice the heartbeat interval 2 s, or one late heartbeat loses an agent'
        'zero heartbeat'      | ['--heartbeat-interval', '0s']                         || 'heartbeat interval must be positive'
        'absurd timeout'      | ['--agent-timeout', '999999999d']                      || 'agent timeout 999999999 days is longer than the 24 days agents can be told'
        'zero kill retry'     | ['--initial-task-kill-retry-interval', '0s']           || 'transient timeout, kill retry interval and tick must be positive'
        'negative count'      | ['--history-max-tasks-per-job', '-1']                  || 'history max tasks per job must be 0 or more, got -1'
        'count not a number'  | ['--history-max-tasks-per-job', 'many']                || "Invalid value for option '--history-max-tasks-per-job': 'many' is not an int"
        'max under initial'   | ['--max-flapping-task-delay', '10s']                   || 'max flapping task delay 10 s is less than the initial delay 30 s'
    }

    def "problems with several lifecycle flags are reported at once"() {
        expect:
        run('--home', '/tmp/x', '--agent-timeout', '1s', '--max-flapping-task-delay', '1s',
                '--history-max-tasks-per-job', '-5') == 2
        err.toString().contains('agent timeout 1 s must be at least twice the heartbeat '
                + 'interval 2 s, or one late heartbeat loses an agent; max flapping task delay '
                + '1 s is less than the initial delay 30 s; history max tasks per job must be 0 '
                + 'or more, got -5')
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
