package io.borealis.e2e

import io.borealis.api.thrift.ReadOnlyScheduler
import io.borealis.api.thrift.ResponseCode
import io.borealis.api.thrift.TaskQuery
import io.borealis.scheduler.storage.h2.H2Storage
import io.borealis.scheduler.testing.BenchData
import io.borealis.scheduler.testing.PostgresServer
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.nio.file.Path
import java.time.Clock
import java.time.Duration
import java.util.concurrent.TimeUnit
import spock.lang.Requires
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

/**
 * The failover figure of issue 11: time from SIGKILL of the leader to the next leader answering
 * a real read on {@code /api} ({@code getTasksWithoutConfigs} of one job: all its tasks), three
 * replicas on one PostgreSQL database holding {@code BenchData}'s 100,000 tasks (100 jobs; half
 * RUNNING on 100 agents, half FINISHED; 300,000 events), written through the store's own API
 * before the replicas start. The replicas left are polled directly (no redirect followed) every
 * 50 ms; the killed one is started again as a follower before the next round. Prints FAILOVER
 * lines; asserts nothing about durations. Not part of the normal build:
 * {@code mvn -B -o test -pl e2e -am -Dtest=FailoverBenchSpec
 * -Dsurefire.failIfNoSpecifiedTests=false -DargLine=-Dfailover.bench=1}
 * ({@code -Dfailover.bench=N} for N tasks; {@code -Dfailover.bench.session=15s} for another
 * ZooKeeper session timeout, default 3s; {@code -Dfailover.bench.rounds}, default 3).
 */
@Requires({ System.getProperty('failover.bench') && PostgresServer.available() })
class FailoverBenchSpec extends Specification {
    static final String SESSION = System.getProperty('failover.bench.session', '3s')
    static final int ROUNDS = Integer.getInteger('failover.bench.rounds', 3)
    static final TaskQuery ONE_JOB = new TaskQuery().setRole('www-data').setEnvironment('prod')
            .setJobName('job-7')

    @TempDir
    Path home
    LocalCluster cluster
    Replicas replicas
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
    def conditions = new PollingConditions(timeout: 180, initialDelay: 0.2, delay: 0.2)

    static int tasks() {
        String wanted = System.getProperty('failover.bench')
        wanted == '1' ? 100_000 : Integer.parseInt(wanted)
    }

    def "SIGKILL of the leader to the next one answering /api, #count tasks stored"() {
        given:
        String database = PostgresServer.createDatabase()
        long seeding = System.nanoTime()
        H2Storage.open(database, Clock.systemUTC()).withCloseable { BenchData.fill(it, count) }
        println "FAILOVER setup: ${count} tasks stored in PostgreSQL in " +
                "${(System.nanoTime() - seeding).intdiv(1_000_000)} ms"
        cluster = new LocalCluster(home)
        // No agent runs: an agent timeout longer than the bench keeps the stored tasks as they are.
        replicas = new Replicas(cluster, database, 3,
                ['--zk-session-timeout', SESSION, '--agent-timeout', '1h'])
        (0..2).each { replicas.start(it) }

        when:
        List<Long> figures = (1..ROUNDS).collect { round(count.intdiv(100)) }

        then:
        figures.size() == ROUNDS
        println "FAILOVER ${count} tasks, ZooKeeper session ${SESSION}: ${figures.join(', ')} ms"

        cleanup:
        cluster?.close()
        replicas?.close()

        where:
        count = tasks()
    }

    /** One failover: kills the leader, times the next one's first answer, restarts the killed. */
    long round(int perJob) {
        int leader = replicas.awaitLeader(replicas.alive(), conditions)
        conditions.eventually {
            assert tasksOfJob(leader) == perJob
            replicas.alive().each { assert replicas.status(it, '/leaderhealth') in [200, 503] }
        }
        long killedAt = System.nanoTime()
        cluster.killProgram("scheduler-$leader")
        long deadline = killedAt + TimeUnit.SECONDS.toNanos(120)
        Integer next = null
        while (next == null) {
            next = replicas.alive().find { tasksOfJob(it) == perJob }
            if (next == null) {
                assert System.nanoTime() < deadline: 'no replica answered within 120 s of SIGKILL'
                Thread.sleep(50)
            }
        }
        long ms = (System.nanoTime() - killedAt).intdiv(1_000_000)
        println "FAILOVER round: SIGKILL of scheduler-${leader} to scheduler-${next} answering " +
                "getTasksWithoutConfigs (${perJob} tasks) in ${ms} ms; session ${SESSION}"
        println takeover(next)
        replicas.start(leader)
        ms
    }

    /** Where the new leader's time went: its log from election to announcing itself. */
    String takeover(int i) {
        List<String> lines = Files.readAllLines(cluster.home.resolve("logs/scheduler-${i}.log"))
        int elected = lines.findLastIndexOf { it.contains('elected leader') }
        int leading = lines.findLastIndexOf { it.contains('leading: announced') }
        lines.subList(elected, leading + 1).findAll { it =~ /^\d\d:/ }.collect { "  ${it}" }
                .join('\n')
    }

    /** The tasks of one job that replica {@code i} answers with itself; -1 if it does not. */
    int tasksOfJob(int i) {
        byte[] call = ThriftJson.call('ReadOnlyScheduler', ReadOnlyScheduler.Client::new,
                { it.send_getTasksWithoutConfigs(ONE_JOB) })
        try {
            def reply = http.send(HttpRequest.newBuilder(URI.create(replicas.url(i) + '/api'))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(call))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofByteArray())
            if (reply.statusCode() != 200) {
                return -1
            }
            def response = ThriftJson.reply(reply.body(),
                    new ReadOnlyScheduler.getTasksWithoutConfigs_result())
            response.responseCode == ResponseCode.OK
                    ? response.result.scheduleStatusResult.tasks.size() : -1
        } catch (IOException ignored) {
            -1
        }
    }
}
