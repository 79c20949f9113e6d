package io.borealis.e2e

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

/** bin/borealis-devcluster as a newcomer uses it: start, run hello, stop, start again. */
class DevclusterSpec extends Specification {
    @TempDir
    Path dir

    def conditions = new PollingConditions(timeout: 60, initialDelay: 0.2, delay: 0.5)

    Path home
    Path configRoot
    int schedulerPort = LocalCluster.freePort()
    int observerPort = LocalCluster.freePort()

    def setup() {
        home = dir.resolve('devcluster')
        configRoot = dir.resolve('config')
    }

    def cleanup() {
        devcluster('stop')
    }

    def "stop leaves no process behind and a second start finds the earlier jobs"() {
        when:
        def started = devcluster('start', '--home', home.toString())

        then:
        started.exit == 0
        Files.readString(configRoot.resolve('clusters.json')).contains("http://localhost:${schedulerPort}")

        when:
        def created = borealis('job', 'create', 'devcluster/www-data/prod/hello', 'examples/hello_world.groovy')

        then:
        created.exit == 0
        conditions.eventually {
            assert borealis('job', 'status', 'devcluster/www-data/prod/hello').out.contains('RUNNING')
        }

        when:
        def stopped = devcluster('stop', '--home', home.toString())

        then:
        stopped.exit == 0
        LocalCluster.processesWith('BOREALIS_DEVCLUSTER', home.toString()).isEmpty()

        when:
        def restarted = devcluster('start', '--home', home.toString())

        then:
        restarted.exit == 0
        borealis('job', 'list', 'devcluster/www-data').out.readLines().contains('devcluster/www-data/prod/hello')
    }

    def "bad options are refused with a clear message"() {
        expect:
        with(devcluster('start', '--agents', 'many')) {
            exit == 2
            err.contains("--agents must be a whole number")
        }
        with(devcluster('launch')) {
            exit == 2
            err.contains("unknown command 'launch'")
        }
    }

    LocalCluster.Result devcluster(String... args) {
        run('bin/borealis-devcluster', args)
    }

    LocalCluster.Result borealis(String... args) {
        run('bin/borealis', args)
    }

    LocalCluster.Result run(String launcher, String... args) {
        def builder = new ProcessBuilder([LocalCluster.ROOT.resolve(launcher).toString()] + args.toList())
                .directory(LocalCluster.ROOT.toFile())
        builder.environment().putAll([
                BOREALIS_CONFIG_ROOT                : configRoot.toString(),
                BOREALIS_DEVCLUSTER_HOME            : home.toString(),
                BOREALIS_DEVCLUSTER_SCHEDULER_PORT  : schedulerPort.toString(),
                BOREALIS_DEVCLUSTER_OBSERVER_PORT   : observerPort.toString()])
        def process = builder.start()
        def out = new ByteArrayOutputStream()
        def err = new ByteArrayOutputStream()
        process.consumeProcessOutput(out, err)
        assert process.waitFor(180, TimeUnit.SECONDS)
        process.waitForProcessOutput()
        new LocalCluster.Result(process.exitValue(), out.toString('UTF-8'), err.toString('UTF-8'))
    }
}
