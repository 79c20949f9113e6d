package io.borealis.e2e

import io.borealis.api.discovery.ServerSets
import io.borealis.api.rpc.ThriftHttp
import io.borealis.api.thrift.JobConfiguration
import io.borealis.api.thrift.Response
import io.borealis.api.thrift.ResponseCode
import io.borealis.api.thrift.SchedulerManager
import io.borealis.scheduler.testing.Clients
import io.borealis.scheduler.testing.PostgresServer
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path
import java.sql.DriverManager
import java.time.Duration
import java.util.concurrent.TimeUnit
import spock.lang.Requires
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

/**
 * Three scheduler replicas as real processes on ONE real PostgreSQL database (this JVM's
 * throwaway server, {@link PostgresServer}), electing a leader through a real ZooKeeper (in this
 * JVM, Curator's TestingServer); one agent and the real clients find the leader through the
 * cluster's zk entry and follow it when it changes, without being restarted. Sessions are 3 s
 * so that failovers are quick. The features build on each other: a job created through a
 * follower; the leader SIGKILLed in the middle of a rolling update of it, which the next leader
 * finishes with nothing lost or duplicated; a leader paused (SIGSTOP) past its session, whose
 * write after another replica leads is refused by the store's epoch (fencing); announcers.
 */
@Stepwise
@Requires({ PostgresServer.available() })
class ReplicasSpec extends Specification {
    static final String HELLO = 'devcluster/www-data/prod/hello'
    static final String ROLLING = 'devcluster/www-data/prod/rolling'

    @Shared
    @TempDir
    Path home
    @Shared
    LocalCluster cluster
    @Shared
    Replicas replicas
    @Shared
    HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()

    def conditions = new PollingConditions(timeout: 60, initialDelay: 0.2, delay: 0.3)

    def setupSpec() {
        cluster = new LocalCluster(home)
        replicas = new Replicas(cluster, PostgresServer.createDatabase(), 3,
                ['--zk-session-timeout', '3s'])
        String zk = replicas.zk.connectString
        Files.writeString(cluster.configRoot.resolve('clusters.json'), """[{"name": "devcluster", \
"zk": "${zk}", "scheduler_zk_path": "${Replicas.PATH}"}]""")
        (0..2).each { replicas.start(it) }
        Path work = Files.createDirectories(home.resolve('agent'))
        cluster.startProgram('agent', 'bin/borealis-agent', '--zk', zk,
                '--work-dir', work.toString(), '--http-port', '0',
                '--port-range', '44000-44099', '--task-user', 'executor', '--agent-timeout', '30s',
                '--announcer-ensemble', zk,
                '--executor-command', LocalCluster.ROOT.resolve('bin/borealis-executor').toString())
    }

    def cleanupSpec() {
        cluster?.close()
        replicas?.close()
    }

    String url(int i) { replicas.url(i) }

    int awaitLeader(Collection<Integer> among) { replicas.awaitLeader(among, conditions) }

    static byte[] createJobCall(JobConfiguration job) {
        ThriftJson.call('SchedulerManager', SchedulerManager.Client::new, { it.send_createJob(job) })
    }

    static Response createJobReply(byte[] body) {
        ThriftJson.reply(body, new SchedulerManager.createJob_result())
    }

    /** A copy of the stored configuration of job {@code from} as job {@code name}. */
    JobConfiguration copyOf(int leader, String from, String name, int instances) {
        JobConfiguration stored = new Clients(url(leader)).reader().getJobs('www-data')
                .result.getJobsResult.configs.find { it.key.name == from }
        JobConfiguration copy = stored.deepCopy().setInstanceCount(instances)
        copy.key.name = name
        copy.taskConfig.job.name = name
        copy
    }

    /** Whether the agent has registered with replica {@code i} (its log says so). */
    boolean agentRegisteredWith(int i) {
        Files.readString(home.resolve('logs/agent.log')).contains("registered with ${url(i)} as")
    }

    /** Rows of {@code sql} (a count) in the shared database, read directly. */
    long count(String sql, String... args) {
        DriverManager.getConnection(replicas.database).withCloseable { connection ->
            def statement = connection.prepareStatement(sql)
            args.eachWithIndex { String arg, int i -> statement.setString(i + 1, arg) }
            def rows = statement.executeQuery()
            rows.next()
            rows.getLong(1)
        }
    }

    Path rollingFile(String version) {
        Path file = home.resolve("rolling-${version}.groovy")
        Files.writeString(file, """
            main = Process(name: 'main', cmdline: 'echo ${version}; while true; do sleep 1; done')
            jobs = [Service(
              task: Task(processes: [main], resources: Resources(cpu: 0.05, ram: 16*MB, disk: 16*MB)),
              cluster: 'devcluster', role: 'www-data', environment: 'prod', name: 'rolling',
              update_config: UpdateConfig(batch_size: 1, watch_secs: 3), instances: 3)]
            """.stripIndent())
        file
    }

    def "a job created through a follower lands on the leader; the client finds the leader"() {
        given:
        int leader = awaitLeader(0..2)
        int follower = (0..2).find { it != leader }

        expect:
        replicas.status(follower, '/api', 'POST') == 307
        replicas.status(follower, '/leaderhealth') == 503

        when: 'the client, given only the zk entry, creates a job'
        def created = cluster.borealis('job', 'create', HELLO, 'examples/hello_world.groovy')

        then:
        created.exit == 0
        created.out.contains("job url=${url(leader)}/scheduler/www-data/prod/hello")
        conditions.eventually {
            assert cluster.status(HELLO).active*.status == ['RUNNING']
        }

        when: 'a createJob of three instances is POSTed to the follower, redirects followed'
        def reply = http.send(HttpRequest.newBuilder(URI.create(url(follower) + '/api'))
                .header('Content-Type', ThriftHttp.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(
                        createJobCall(copyOf(leader, 'hello', 'rolling', 3))))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray())

        then: 'the leader answered it, and stored the job where every replica reads'
        reply.statusCode() == 200
        reply.uri().toString() == url(leader) + '/api'
        createJobReply(reply.body()).responseCode == ResponseCode.OK
        count('SELECT count(*) FROM jobs WHERE name = ?', 'rolling') == 1
        conditions.eventually {
            assert cluster.status(ROLLING).active*.status == ['RUNNING'] * 3
        }
    }

    def "SIGKILL of the leader mid-update: another leads and finishes it, no task lost or duplicated"() {
        given: 'a rolling update of the three instances, one at a time, watched 3 s each'
        int old = awaitLeader(replicas.alive())
        String helloTask = cluster.status(HELLO).active[0].taskId
        Set<String> before = cluster.status(ROLLING).active*.taskId as Set
        def started = cluster.borealis('update', 'start', ROLLING, rollingFile('v2').toString())
        assert started.exit == 0: started.toString()
        String id = started.out.trim()

        when: 'the first instance is done and the others are not, the leader is SIGKILLed'
        conditions.eventually {
            assert cluster.updateInfo(ROLLING, id).instances.count { it.state == 'SUCCEEDED' } >= 1
        }
        def midway = cluster.updateInfo(ROLLING, id)
        long killedAt = System.nanoTime()
        cluster.killProgram("scheduler-$old")
        int leader = awaitLeader(replicas.alive())
        // A figure for the record (never asserted): session timeout + election + store load.
        println "failover: SIGKILL to the new leader serving /leaderhealth in " +
                "${(System.nanoTime() - killedAt).intdiv(1_000_000)} ms (3 s session timeout)"

        and: 'the unchanged client waits for the update, through the new leader'
        def waited = cluster.borealis('update', 'wait', ROLLING, id)

        then: 'it was mid-way when the leader died'
        midway.status == 'ROLLING_FORWARD'
        midway.instances.count { it.state == 'SUCCEEDED' } < 3

        and: 'the new leader rolled it forward, each instance killed and started exactly once'
        waited.exit == 0
        def update = cluster.updateInfo(ROLLING, id)
        update.status == 'ROLLED_FORWARD'
        LocalCluster.replacedOnce(update, 3)

        and: 'one RUNNING task per instance, all new; the other job keeps its task'
        conditions.eventually {
            def active = cluster.status(ROLLING).active
            assert active*.status == ['RUNNING'] * 3
            assert active*.instance.sort() == [0, 1, 2]
            assert (active*.taskId as Set).intersect(before).isEmpty()
            assert cluster.status(HELLO).active*.taskId == [helloTask]
        }

        and: 'the agent, following the new leader, runs exactly those tasks and no other'
        conditions.eventually {
            assert cluster.taskIdsOfProcesses() ==
                    (cluster.status(ROLLING).active*.taskId as Set) + helloTask
        }
        agentRegisteredWith(leader)
        cluster.admin('get_scheduler', 'devcluster').out.trim() ==
                "localhost:${replicas.ports[leader]}"
    }

    def "a leader paused past its session makes no write after another replica leads"() {
        given:
        int paused = awaitLeader(replicas.alive())
        byte[] call = createJobCall(copyOf(paused, 'hello', 'fenced', 1))

        when: 'it is stopped (SIGSTOP) until another replica leads'
        replicas.signal(paused, 'STOP')
        int leader = awaitLeader(replicas.alive() - paused)

        and: 'a createJob is sent to it while it is stopped (the kernel queues it), then it runs'
        def socket = new Socket('localhost', replicas.ports[paused])
        socket.soTimeout = 30_000
        socket.outputStream.write(("POST /api HTTP/1.0\r\nHost: localhost\r\n" +
                "Content-Type: ${ThriftHttp.CONTENT_TYPE}\r\n" +
                "Content-Length: ${call.length}\r\n\r\n").getBytes(StandardCharsets.US_ASCII))
        socket.outputStream.write(call)
        socket.outputStream.flush()
        replicas.signal(paused, 'CONT')
        String reply = answer(socket)

        then: 'the call was not done: no OK reply, and the job is stored nowhere'
        !createdOk(reply)
        replicas.process(paused).waitFor(30, TimeUnit.SECONDS)
        count('SELECT count(*) FROM jobs WHERE name = ?', 'fenced') == 0
        count('SELECT count(*) FROM tasks WHERE job_name = ?', 'fenced') == 0
        new Clients(url(leader)).reader().getJobs('www-data').result.getJobsResult.configs
                .every { it.key.name != 'fenced' }

        and: 'it exited (its supervisor would restart it as a follower); the other still leads'
        replicas.process(paused).exitValue() == 2
        Files.readString(home.resolve("logs/scheduler-${paused}.log")).contains('; exiting')
        replicas.status(leader, '/leaderhealth') == 200

        and: 'the agent follows the new leader without being restarted'
        conditions.eventually {
            assert agentRegisteredWith(leader)
        }
    }

    /** All a server wrote on {@code socket} before closing it; empty if it closed or reset it. */
    static String answer(Socket socket) {
        socket.withCloseable {
            try {
                new String(socket.inputStream.readAllBytes(), StandardCharsets.ISO_8859_1)
            } catch (IOException ignored) {
                ''
            }
        }
    }

    /** Whether an HTTP reply is 200 carrying a createJob Response of OK. */
    static boolean createdOk(String reply) {
        int body = reply.indexOf('\r\n\r\n')
        if (!(reply ==~ /(?s)HTTP\/1\.[01] 200 .*/) || body < 0) {
            return false
        }
        try {
            createJobReply(reply.substring(body + 4).getBytes(StandardCharsets.ISO_8859_1))
                    .responseCode == ResponseCode.OK
        } catch (Exception ignored) {
            false
        }
    }

    def "an announced job's endpoints appear in ZooKeeper and disappear when it is killed"() {
        given: 'a job whose task announces its http port and an alias of it'
        Path file = home.resolve('announced.groovy')
        Files.writeString(file, """\
            task = Task(processes: [Process(name: 'serve',
                                            cmdline: 'echo {{thermos.ports[http]}}; sleep 600')],
                        resources: Resources(cpu: 0.1, ram: 16*MB, disk: 16*MB))
            jobs = [Service(task: task, cluster: 'devcluster', role: 'www-data',
                            environment: 'prod', name: 'announced', instances: 1,
                            announce: Announcer(portmap: [health: 'http']))]
            """.stripIndent())
        String path = '/borealis/www-data/prod/announced'

        when:
        def created = cluster.borealis('job', 'create', 'devcluster/www-data/prod/announced',
                file.toString())

        then:
        created.exit == 0
        conditions.eventually {
            def members = ServerSets.members(replicas.observer, path)
            assert members.size() == 1
            assert members[0].shard() == 0
            assert members[0].status() == 'ALIVE'
            assert members[0].additionalEndpoints().keySet() == ['http', 'health'] as Set
            assert members[0].additionalEndpoints().health == members[0].serviceEndpoint()
            assert members[0].serviceEndpoint().port() in 44000..44099
        }

        when:
        def killed = cluster.borealis('job', 'killall', 'devcluster/www-data/prod/announced')

        then:
        killed.exit == 0
        conditions.eventually {
            assert ServerSets.members(replicas.observer, path).isEmpty()
        }
    }
}
