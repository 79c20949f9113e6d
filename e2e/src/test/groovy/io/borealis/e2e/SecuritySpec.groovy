package io.borealis.e2e

import groovy.json.JsonSlurper
import io.borealis.api.rpc.ThriftHttp
import io.borealis.api.thrift.AgentControl
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import org.apache.thrift.transport.TTransportException
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

/**
 * Issue 8's acceptance with security on, end to end with the real programs: a local cluster set
 * up as {@code borealis-devcluster start --secure} sets one up (users admin and dev, an agent
 * with its own credentials), driven by the real clients.
 */
@Stepwise
class SecuritySpec extends Specification {
    static final String JOB = 'devcluster/www-data/prod/hello'
    static final String OPS_JOB = 'devcluster/ops/prod/hello'

    @Shared
    @TempDir
    Path home
    @Shared
    LocalCluster cluster
    @Shared
    String hello = LocalCluster.ROOT.resolve('examples/hello_world.groovy').toString()
    @Shared
    String opsHello = LocalCluster.ROOT.resolve('e2e/src/test/resources/jobs/ops_hello.groovy').toString()

    def conditions = new PollingConditions(timeout: 60, initialDelay: 0.2, delay: 0.5)

    def setupSpec() {
        cluster = new LocalCluster(home).secure().start()
    }

    def cleanupSpec() {
        cluster?.close()
    }

    List<Map> audit() {
        Files.readAllLines(home.resolve('scheduler/audit.log')).collect { new JsonSlurper().parseText(it) as Map }
    }

    LocalCluster.Result client(String user, String... args) {
        cluster.runAs(user, 'bin/borealis', args)
    }

    LocalCluster.Result adminAs(String user, String... args) {
        cluster.runAs(user, 'bin/borealis-admin', args)
    }

    def "the agent registers with its own credentials"() {
        expect:
        conditions.eventually {
            assert cluster.get("${cluster.schedulerUrl}/agents").contains(LocalCluster.localAgentId())
            // The line is written as the call returns, a moment after the agent is stored.
            assert audit().any {
                it.call == 'AgentService.registerAgent' && it.who == LocalCluster.localAgentId() && it.outcome == 'ok'
            }
        }
    }

    def "a client without credentials exits 30 on job create, and nothing is created"() {
        when:
        def result = client('nobody', 'job', 'create', JOB, hello)

        then:
        result.exit == 30
        result.err.contains('no credentials for localhost')
        client('admin', 'job', 'list', 'devcluster/www-data').out.trim().isEmpty()
    }

    def "a POST to /api without credentials gets 401, and the attempt is audited"() {
        when:
        def response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("${cluster.schedulerUrl}/api"))
                .POST(HttpRequest.BodyPublishers.ofString('[1,"SchedulerManager:killTasks",1,0,{}]')).build(),
                HttpResponse.BodyHandlers.ofString())

        then:
        response.statusCode() == 401
        response.headers().firstValue('WWW-Authenticate').isPresent()
        audit().last().subMap(['who', 'call', 'outcome']) ==
                [who: '-', call: 'SchedulerManager.killTasks', outcome: 'refused']
    }

    def "dev creates a www-data job, which runs"() {
        when:
        def result = client('dev', 'job', 'create', JOB, hello)

        then:
        result.exit == 0
        conditions.eventually {
            assert cluster.status(JOB).active*.status == ['RUNNING']
        }
        audit().find { it.call == 'SchedulerManager.createJob' && it.outcome == 'ok' }.subMap(['who', 'target']) ==
                [who: 'dev', target: 'www-data/prod/hello']
    }

    def "dev is refused on another role's job and on set_quota, exit 30 naming the permission"() {
        when:
        def other = client('dev', 'job', 'create', OPS_JOB, opsHello)
        def quota = adminAs('dev', 'set_quota', 'devcluster', 'www-data', '1', '1g', '1g')

        then:
        other.exit == 30
        other.err.contains('missing permission thrift.SchedulerManager:createJob:ops:prod:hello')
        quota.exit == 30
        quota.err.contains('missing permission thrift.Admin:setQuota')
        audit().takeRight(2)*.subMap(['who', 'call', 'outcome']) == [
                [who: 'dev', call: 'SchedulerManager.createJob', outcome: 'refused'],
                [who: 'dev', call: 'Admin.setQuota', outcome: 'refused']]
    }

    def "admin can do everything: set_quota, another role's job"() {
        expect:
        adminAs('admin', 'set_quota', 'devcluster', 'www-data', '1', '1g', '1g').exit == 0
        client('admin', 'job', 'create', OPS_JOB, opsHello).exit == 0
        client('admin', 'job', 'killall', OPS_JOB).exit == 0
        audit().findAll { it.who == 'admin' }*.call.containsAll(
                ['Admin.setQuota', 'SchedulerManager.createJob', 'SchedulerManager.killTasks'])
    }

    def "the agent's own port refuses launchTasks without its registration's token: nothing runs"() {
        given:
        String endpoint = (Files.readString(home.resolve('logs/agent.log')) =~ /listening on (http:\/\/127\.0\.0\.1:\d+)/)[0][1]
        def control = ThriftHttp.client("${endpoint}/api", 'AgentControl', AgentControl.Client::new,
                [:], Duration.ofSeconds(10))

        when:
        control.reportTasks()

        then:
        TTransportException e = thrown()
        e.message.contains('401')
        Files.readString(home.resolve('logs/agent.log')).contains('refused an AgentControl call')
    }

    def "an agent without credentials cannot register"() {
        when:
        cluster.startAgentAs('intruder', [:], 1.0, 256, 256)

        then:
        conditions.eventually {
            assert audit().any { it.call == 'AgentService.registerAgent' && it.outcome == 'refused' && it.who == '-' }
        }
        !cluster.get("${cluster.schedulerUrl}/agents").contains('intruder')
    }

    def "dev kills its www-data job"() {
        when:
        def result = client('dev', 'job', 'killall', JOB)

        then:
        result.exit == 0
        conditions.eventually {
            assert cluster.status(JOB).active.isEmpty()
        }
        audit().find { it.call == 'SchedulerManager.killTasks' && it.who == 'dev' }.outcome == 'ok'
    }

    def "no file the cluster wrote holds a password, except the netrc files"() {
        given:
        List<Path> written = []
        Files.walk(home).withCloseable { paths ->
            paths.filter { Files.isRegularFile(it) && !it.fileName.toString().startsWith('netrc') }
                    .forEach { written << it }
        }

        expect:
        written.size() > 5
        written.every { file ->
            byte[] bytes = Files.readAllBytes(file)
            String text = new String(bytes, 'ISO-8859-1')
            cluster.passwords.values().every { !text.contains(it) }
        }
    }
}
