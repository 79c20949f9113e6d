package io.borealis.e2e

import groovy.json.JsonSlurper
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions
import java.util.concurrent.TimeUnit
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

/**
 * bin/borealis-devcluster as a newcomer uses it: start, run hello, stop, start again; two
 * clusters side by side; ports held by other programs; what each fake agent offers; three
 * secure replicas on a shared store, across a SIGKILL of the leader. Every cluster here has its
 * own home, config root and ports: nothing touches ~/.borealis, 8081, 1338 or 2181.
 */
class DevclusterSpec extends Specification {
    static final String PORTS_JOB = 'e2e/src/test/resources/jobs/ports.groovy'

    @TempDir
    Path dir

    def conditions = new PollingConditions(timeout: 60, initialDelay: 0.2, delay: 0.5)

    List<Cluster> clusters = []

    Cluster cluster

    def setup() {
        cluster = newCluster('devcluster')
    }

    def cleanup() {
        clusters.each { it.devcluster('stop') }
    }

    def "stop leaves no process behind and a second start finds the earlier jobs"() {
        when:
        def started = cluster.devcluster('start', '--home', cluster.home.toString())

        then:
        started.exit == 0
        Files.readString(cluster.configRoot.resolve('clusters.json')).contains("http://localhost:${cluster.schedulerPort}")

        when:
        def created = cluster.borealis('job', 'create', 'devcluster/www-data/prod/hello', 'examples/hello_world.groovy')

        then:
        created.exit == 0
        conditions.eventually {
            assert cluster.borealis('job', 'status', 'devcluster/www-data/prod/hello').out.contains('RUNNING')
        }

        when:
        def stopped = cluster.devcluster('stop', '--home', cluster.home.toString())

        then:
        stopped.exit == 0
        LocalCluster.processesWith('BOREALIS_DEVCLUSTER', cluster.home.toString()).isEmpty()

        when:
        def restarted = cluster.devcluster('start', '--home', cluster.home.toString())

        then: 'the jobs are there, and the home keeps its block of task ports'
        restarted.exit == 0
        cluster.borealis('job', 'list', 'devcluster/www-data').out.readLines().contains('devcluster/www-data/prod/hello')
        String block = "task ports ${cluster.taskPorts.from}-${cluster.taskPorts.to}"
        started.out.contains(block)
        restarted.out.contains(block)
    }

    def "two clusters side by side each run a job, on task ports of their own"() {
        given:
        Cluster other = newCluster('other')

        when:
        def first = cluster.devcluster('start')
        def second = other.devcluster('start')

        then:
        first.exit == 0
        second.exit == 0
        cluster.taskPorts != other.taskPorts
        disjoint(cluster.taskPorts, other.taskPorts)

        when: 'each runs a task that asks for a port'
        def ports = [cluster, other].collect { c ->
            assert c.borealis('job', 'create', 'devcluster/www-data/prod/ports', PORTS_JOB).exit == 0
            c
        }.collect { Cluster c -> c.runningPort('devcluster/www-data/prod/ports') }

        then: 'both run, each on a port of its own cluster'
        ports[0] in cluster.taskPorts
        ports[1] in other.taskPorts
    }

    def "a port the #program needs that another program holds stops start with status 4, naming it"() {
        given:
        int port = program == 'scheduler' ? cluster.schedulerPort : cluster.observerPort
        def holder = new ServerSocket(port)

        when:
        def started = cluster.devcluster('start')

        then:
        started.exit == 4
        started.err.contains("port ${port}, which the ${name} needs, is taken by")
        LocalCluster.processesWith('BOREALIS_DEVCLUSTER', cluster.home.toString()).isEmpty()

        cleanup:
        holder.close()

        where:
        program     | name
        'scheduler' | 'scheduler'
        'observer'  | 'observer-0'
    }

    def "--agent-resources sets what each fake agent offers; each of several agents is a host of its own"() {
        when:
        def started = cluster.devcluster('start', '--agents', '2', '--agent-resources', 'cpu=1.5,ram=2g,disk=512')

        then:
        started.exit == 0
        def agents = cluster.agentRows()
        agents.size() == 2
        agents.collect { (it =~ /<td>([^<]*)<\/td>/)[0][1] }.sort() == ['agent-0', 'agent-1']
        agents.every { it.contains('1.5') && it.contains('2048 MiB ram') && it.contains('512 MiB disk') }
        agents.collect { (it =~ /rack=(rack-\d)/)[0][1] }.sort() == ['rack-0', 'rack-1']
    }

    def "bad --agent-resources are refused, each problem named, before anything starts"() {
        when:
        def result = cluster.devcluster('start', '--agent-resources', value)

        then:
        result.exit == 2
        result.err.readLines() == messages.collect { "borealis-devcluster: --agent-resources: ${it}" }
        !Files.exists(cluster.home)

        where:
        value                 | messages
        'cpu=many'            | ["cpu 'many' is not a positive number of cpus such as 2 or 0.5"]
        'cpu=0,ram=4q'        | ["cpu '0' is not a positive number of cpus such as 2 or 0.5",
                                 "ram '4q' is not a size such as 512m, 4g or 1t"]
        'disk=-1g'            | ["disk '-1g' is not a size such as 512m, 4g or 1t"]
        'gpu=1,ram'           | ["unknown resource 'gpu' (cpu, ram, disk)",
                                 "'ram' is not NAME=VALUE (cpu=N, ram=SIZE, disk=SIZE)"]
        'ram=99999999999999g' | ["ram '99999999999999g' is not a size such as 512m, 4g or 1t"]
    }

    def "start --secure: generated users in a hashed user file, credentials in DIR/netrc, agents with their own"() {
        when:
        def started = cluster.devcluster('start', '--secure', '--agents', '2')
        Path netrc = cluster.home.resolve('netrc')

        then:
        started.exit == 0
        started.out.contains("export BOREALIS_NETRC=${netrc}")
        PosixFilePermissions.toString(Files.getPosixFilePermissions(netrc)) == 'rw-------'
        List<String> entries = Files.readAllLines(netrc)
        entries*.split(' ')*.getAt(3) == ['admin', 'dev', 'agent-0', 'agent-1']
        String ini = Files.readString(cluster.home.resolve('security.ini'))
        ini.count('"$shiro2$argon2id$') == 4
        entries.every { !ini.contains(it.split(' ')[5]) }
        Files.readString(cluster.configRoot.resolve('clusters.json')).contains('"auth_mechanism": "BASIC"')
        cluster.agentRows().size() == 2

        when: 'no credentials'
        cluster.environment = [BOREALIS_NETRC: cluster.home.resolve('none').toString()]
        def anonymous = cluster.borealis('job', 'create', 'devcluster/www-data/prod/hello', 'examples/hello_world.groovy')

        then:
        anonymous.exit == 30

        when: 'dev writes www-data but not quotas'
        cluster.environment = [BOREALIS_NETRC: cluster.home.resolve('netrc-dev').toString()]
        def created = cluster.borealis('job', 'create', 'devcluster/www-data/prod/hello', 'examples/hello_world.groovy')
        def quota = cluster.run('bin/borealis-admin', 'set_quota', 'devcluster', 'www-data', '1', '1g', '1g')

        then:
        created.exit == 0
        quota.exit == 30
        conditions.eventually {
            assert cluster.borealis('job', 'status', 'devcluster/www-data/prod/hello').out.contains('RUNNING')
        }

        when: 'admin, from the netrc the start printed'
        cluster.environment = [BOREALIS_NETRC: netrc.toString()]

        then:
        cluster.run('bin/borealis-admin', 'set_quota', 'devcluster', 'www-data', '1', '1g', '1g').exit == 0

        when: 'a restart keeps the users and their passwords'
        cluster.devcluster('stop')
        def restarted = cluster.devcluster('start', '--secure', '--agents', '2')

        then:
        restarted.exit == 0
        Files.readAllLines(netrc) == entries
        cluster.agentRows().size() == 2
        cluster.borealis('job', 'list', 'devcluster/www-data').exit == 0
    }

    def "bad options are refused with a clear message"() {
        expect:
        with(cluster.devcluster('start', '--agents', 'many')) {
            exit == 2
            err.contains("--agents must be a whole number")
        }
        with(cluster.devcluster('start', '--schedulers', '2')) {
            exit == 2
            err.contains("--schedulers must be 1, 3 or 5, not '2'")
        }
        with(cluster.devcluster('launch')) {
            exit == 2
            err.contains("unknown command 'launch'")
        }
    }

    def "a replica storage that is neither PostgreSQL nor H2 is refused before anything starts"() {
        given:
        cluster.environment = [BOREALIS_DEVCLUSTER_STORAGE: 'mysql']

        when:
        def result = cluster.devcluster('start', '--schedulers', '3')

        then:
        result.exit == 2
        result.err.contains("BOREALIS_DEVCLUSTER_STORAGE must be postgresql or h2, not 'mysql'")
        !Files.exists(cluster.home)
    }

    def "three replicas share one store: after SIGKILL of the leader another leads with the jobs, and the agent and clients follow with their credentials"() {
        given: 'PostgreSQL, which runs as user postgres under root, can reach the home'
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString('rwxr-xr-x'))

        when:
        def started = cluster.devcluster('start', '--schedulers', '3', '--secure')

        then:
        started.exit == 0
        started.out =~ /storage: +(PostgreSQL [\d.]+|H2 server) at 127\.0\.0\.1:\d+/

        when: 'dev creates a job through the leader ZooKeeper names'
        cluster.environment = [BOREALIS_NETRC: cluster.home.resolve('netrc-dev').toString()]
        def created = cluster.borealis('job', 'create', 'devcluster/www-data/prod/hello', 'examples/hello_world.groovy')
        int first = cluster.leaderPort()

        then:
        created.exit == 0
        first > 0

        when: 'the leader is killed outright'
        cluster.killScheduler(first)
        int second = -1
        conditions.eventually {
            second = cluster.leaderPort()
            assert second > 0 && second != first
        }

        then: 'the new leader has the job from the shared store, and the agent registers with it'
        cluster.borealis('job', 'list', 'devcluster/www-data').out.readLines().contains('devcluster/www-data/prod/hello')
        cluster.agentRows(second).size() == 1
        conditions.eventually {
            assert cluster.borealis('job', 'status', 'devcluster/www-data/prod/hello').out.contains('RUNNING')
        }
        with(cluster.devcluster('status').out) {
            contains("leader: scheduler-${second - cluster.schedulerPort}")
            it =~ /storage: (PostgreSQL|H2 server) at 127\.0\.0\.1:\d+/
        }
    }

    Cluster newCluster(String name) {
        def c = new Cluster(dir.resolve(name))
        clusters << c
        c
    }

    static boolean disjoint(IntRange a, IntRange b) {
        a.to < b.from || b.to < a.from
    }

    /** One devcluster: its home, config root and ports, and the programs run against it. */
    class Cluster {
        final Path home
        final Path configRoot
        final int schedulerPort = LocalCluster.freePort()
        final int observerPort = LocalCluster.freePort()
        final int zooKeeperPort = LocalCluster.freePort()

        Cluster(Path base) {
            home = base.resolve('home')
            configRoot = base.resolve('config')
        }

        /** The block of task ports the home recorded at its first start. */
        IntRange getTaskPorts() {
            def (first, last) = Files.readString(home.resolve('task-ports')).trim().split('-')*.toInteger()
            first..last
        }

        LocalCluster.Result devcluster(String... args) {
            run('bin/borealis-devcluster', args)
        }

        LocalCluster.Result borealis(String... args) {
            run('bin/borealis', args)
        }

        /** The port the running instance 0 of JOB printed (ports.groovy's `port=N`). */
        int runningPort(String job) {
            int port = -1
            conditions.eventually {
                def status = borealis('job', 'status', job, '--write-json')
                assert status.exit == 0: status.toString()
                def task = new JsonSlurper().parseText(status.out)[0].active[0]
                assert task?.status == 'RUNNING'
                def out = new URL("http://localhost:${observerPort}/file/${task.taskId}/.logs/report/0/stdout").text
                def matcher = out =~ /port=(\d+) /
                assert matcher.find()
                port = matcher.group(1) as int
            }
            port
        }

        /** The rows of the (leading) scheduler's agents page, one per registered agent. */
        List<String> agentRows(int port = schedulerPort) {
            List<String> rows = []
            conditions.eventually {
                rows = new URL("http://localhost:${port}/agents").text
                        .split('<tr class="agent">').drop(1).toList()
                assert rows.size() >= 1
            }
            rows
        }

        /** The HTTP port of the replica that leads (its /leaderhealth answers 200); -1: none. */
        int leaderPort() {
            (0..2).collect { schedulerPort + it }.find { port ->
                try {
                    ((HttpURLConnection) new URL("http://localhost:${port}/leaderhealth")
                            .openConnection()).responseCode == 200
                } catch (IOException ignored) {
                    false
                }
            } ?: -1
        }

        /** SIGKILLs the scheduler JVM of the replica on {@code port}; its supervisor starts another. */
        void killScheduler(int port) {
            long supervisor = Files.readString(home.resolve("run/scheduler-${port - schedulerPort}.pid")).trim() as long
            def java = ProcessHandle.of(supervisor).orElseThrow().children().toList()
            assert java.size() == 1
            java[0].destroyForcibly()
            assert java[0].onExit().get(30, TimeUnit.SECONDS) != null
        }

        /** Environment added to every run, e.g. {@code BOREALIS_NETRC}. */
        Map<String, String> environment = [:]

        LocalCluster.Result run(String launcher, String... args) {
            def builder = new ProcessBuilder([LocalCluster.ROOT.resolve(launcher).toString()] + args.toList())
                    .directory(LocalCluster.ROOT.toFile())
            builder.environment().putAll(environment)
            builder.environment().putAll([
                    BOREALIS_CONFIG_ROOT              : configRoot.toString(),
                    BOREALIS_DEVCLUSTER_HOME          : home.toString(),
                    BOREALIS_DEVCLUSTER_SCHEDULER_PORT: schedulerPort.toString(),
                    BOREALIS_DEVCLUSTER_OBSERVER_PORT : observerPort.toString(),
                    BOREALIS_DEVCLUSTER_ZK_PORT       : zooKeeperPort.toString()])
            def process = builder.start()
            def out = new ByteArrayOutputStream()
            def err = new ByteArrayOutputStream()
            process.consumeProcessOutput(out, err)
            assert process.waitFor(180, TimeUnit.SECONDS)
            process.waitForProcessOutput()
            new LocalCluster.Result(process.exitValue(), out.toString('UTF-8'), err.toString('UTF-8'))
        }
    }
}
