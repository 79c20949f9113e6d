package io.borealis.scheduler.rpc

import com.fasterxml.jackson.databind.ObjectMapper
import io.borealis.api.model.ThriftCodec
import io.borealis.api.rpc.Responses
import io.borealis.api.thrift.AgentTaskState
import io.borealis.api.thrift.JobConfiguration
import io.borealis.api.thrift.JobKey
import io.borealis.api.thrift.Resources
import io.borealis.api.thrift.Response
import io.borealis.api.thrift.ResponseCode
import io.borealis.api.thrift.ScheduleStatus
import io.borealis.api.thrift.ScheduledTask
import io.borealis.api.thrift.TaskQuery
import io.borealis.api.thrift.TaskStatusUpdate
import io.borealis.scheduler.app.Scheduler
import io.borealis.scheduler.app.SchedulerConfig
import io.borealis.scheduler.app.SchedulerMain
import io.borealis.scheduler.auth.SecurityConfig
import io.borealis.scheduler.testing.Clients
import io.borealis.scheduler.testing.FakeAgent
import io.borealis.scheduler.testing.Fixtures
import io.borealis.scheduler.testing.TempHomes
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.nio.file.Path
import java.time.Clock
import org.apache.shiro.authc.credential.DefaultPasswordService
import org.apache.thrift.transport.TTransportException
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.util.concurrent.PollingConditions

/**
 * A scheduler with security on (a Shiro INI of hashed passwords), through its real HTTP API:
 * authentication, authorization of every kind of call, agents bound to their ids, the holes
 * measured in issue 8, and the audit log.
 */
class SecureRpcSpec extends Specification {
    @Shared
    Map<String, String> hashes = ['admin', 'dev', 'agent-0', 'agent-1'].collectEntries {
        [it, new DefaultPasswordService().encryptPassword("$it-pw".toString())]
    }
    Path home = Files.createTempDirectory('scheduler-secure')
    Path ini = writeIni()
    @AutoCleanup
    Scheduler scheduler = SchedulerMain.start(SchedulerConfig.defaults(home).withHttpPort(0),
            SecurityConfig.defaults().withShiroIni(ini), Clock.systemUTC())
    @AutoCleanup
    FakeAgent agent = new FakeAgent()
    Clients anonymous = new Clients(scheduler.localUrl())
    Clients admin = anonymous.as('admin', 'admin-pw')
    Clients dev = anonymous.as('dev', 'dev-pw')
    Clients agent0 = anonymous.as('agent-0', 'agent-0-pw')
    Clients agent1 = anonymous.as('agent-1', 'agent-1-pw')
    PollingConditions eventually = new PollingConditions(timeout: 10)
    HttpClient http = HttpClient.newHttpClient()

    Path writeIni() {
        Path file = home.resolve('security.ini')
        Files.writeString(file, """\
            [users]
            admin = "${hashes.admin}", admin
            dev = "${hashes.dev}", developer
            agent-0 = "${hashes['agent-0']}", agent0
            agent-1 = "${hashes['agent-1']}", agent1

            [roles]
            admin = *
            developer = thrift.SchedulerManager:*:www-data
            agent0 = thrift.AgentService:*:agent-0
            agent1 = thrift.AgentService:*:agent-1
            """.stripIndent())
        file
    }

    def cleanup() {
        TempHomes.delete(home, scheduler)
    }

    static JobConfiguration job(String role = 'www-data', String name = 'hello') {
        ThriftCodec.toThrift(Fixtures.job(instances: 1)).tap {
            key = new JobKey(role, 'prod', name)
            taskConfig.job = key
        }
    }

    List<Map> audit() {
        Files.readAllLines(home.resolve('audit.log')).collect { new ObjectMapper().readValue(it, Map) }
    }

    List<ScheduledTask> tasks(Clients clients = admin) {
        clients.reader().getTasksStatus(new TaskQuery().setRole('www-data')).result
                .scheduleStatusResult.tasks
    }

    HttpResponse<String> post(byte[] body, Map<String, String> headers = [:]) {
        def request = HttpRequest.newBuilder(URI.create(scheduler.localUrl() + '/api'))
                .header('Content-Type', 'application/x-thrift')
        headers.each { k, v -> request.header(k, v) }
        http.send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString())
    }

    /** agent-0 registered on the fake agent endpoint, with one RUNNING task of www-data/prod/hello. */
    String runningTask() {
        assert dev.manager().createJob(job()).responseCode == ResponseCode.OK
        def info = ThriftCodec.toThrift(Fixtures.agent(id: 'agent-0', host: 'localhost',
                endpoint: agent.endpoint())).setControlToken('t' * 32).setLastSeq(0)
        assert agent0.agents().registerAgent(info).responseCode == ResponseCode.OK
        eventually.eventually { assert agent.launched.size() == 1 }
        String id = agent.launched[0].taskId
        assert agent0.agents().statusUpdate('agent-0', [new TaskStatusUpdate(id,
                ScheduleStatus.RUNNING, System.currentTimeMillis(), 1)]).responseCode == ResponseCode.OK
        assert tasks()*.status == [ScheduleStatus.RUNNING]
        id
    }

    def "a POST to /api without credentials gets 401 with a challenge, and the attempt is audited"() {
        when:
        def response = post('[1,"SchedulerManager:createJob",1,0,{}]'.bytes)

        then:
        response.statusCode() == 401
        response.headers().firstValue('WWW-Authenticate').get().startsWith('Basic realm="borealis"')
        response.body() == 'authentication required: no credentials (HTTP Basic required)\n'
        with(audit().last()) {
            who == '-'
            authenticated == false
            call == 'SchedulerManager.createJob'
            outcome == 'refused'
            reason == 'no credentials (HTTP Basic required)'
        }
    }

    def "a wrong password is refused like no credentials; the claimed user is audited"() {
        when:
        anonymous.as('dev', 'admin-pw').manager().createJob(job())

        then:
        TTransportException e = thrown()
        e.message.contains('401')
        audit().last().who == 'dev'
        audit().last().reason == 'wrong user name or password'
        tasks().isEmpty()
    }

    def "dev creates and kills www-data jobs and owns them; the owner in the request is ignored"() {
        when:
        Response created = dev.manager().createJob(job().setOwner('mallory<script>'))

        then:
        created.responseCode == ResponseCode.OK
        admin.reader().getJobs('www-data').result.getJobsResult.configs*.owner == ['dev']

        when:
        Response killed = dev.manager().killTasks(new JobKey('www-data', 'prod', 'hello'), [] as Set, 'bye')

        then:
        killed.responseCode == ResponseCode.OK
        tasks()*.status == [ScheduleStatus.KILLED]
        audit().findAll { it.who == 'dev' }*.subMap(['call', 'target', 'outcome']) == [
                [call: 'SchedulerManager.createJob', target: 'www-data/prod/hello', outcome: 'ok'],
                [call: 'SchedulerManager.killTasks', target: 'www-data/prod/hello', outcome: 'ok']]
    }

    def "dev is refused on another role's job and on setQuota, naming the missing permission"() {
        when:
        Response other = dev.manager().createJob(job('ops'))
        Response quota = dev.admin().setQuota('www-data', new Resources(100, 100, 100, 0))

        then:
        other.responseCode == ResponseCode.AUTH_FAILED
        Responses.message(other) == 'dev is not permitted to call SchedulerManager.createJob on ' +
                'ops/prod/hello: missing permission thrift.SchedulerManager:createJob:ops:prod:hello'
        quota.responseCode == ResponseCode.AUTH_FAILED
        Responses.message(quota) == 'dev is not permitted to call Admin.setQuota on www-data: ' +
                'missing permission thrift.Admin:setQuota'
        admin.reader().getJobs('').result.getJobsResult.configs.isEmpty()
        admin.reader().getQuota('www-data').result.getQuotaResult.quota.cpu == 0
        audit().takeRight(2)*.subMap(['who', 'call', 'outcome']) == [
                [who: 'dev', call: 'SchedulerManager.createJob', outcome: 'refused'],
                [who: 'dev', call: 'Admin.setQuota', outcome: 'refused']]
    }

    def "admin may do everything; read-only calls are open to any authenticated user"() {
        expect:
        admin.admin().setQuota('www-data', new Resources(4, 4096, 4096, 0)).responseCode == ResponseCode.OK
        admin.manager().createJob(job('ops')).responseCode == ResponseCode.OK
        admin.manager().killTasks(new JobKey('ops', 'prod', 'hello'), [] as Set, '').responseCode == ResponseCode.OK
        dev.reader().getQuota('www-data').result.getQuotaResult.quota.cpu == 4
        agent1.reader().getJobs('').responseCode == ResponseCode.OK
        audit().find { it.call == 'Admin.setQuota' }.details == 'cpu=4.0 ramMb=4096 diskMb=4096'
    }

    def "users cannot act as agents and agents cannot create jobs"() {
        given:
        def info = ThriftCodec.toThrift(Fixtures.agent(id: 'agent-0', host: 'localhost',
                endpoint: agent.endpoint()))

        expect:
        dev.agents().registerAgent(info).responseCode == ResponseCode.AUTH_FAILED
        Responses.message(dev.agents().statusUpdate('agent-0', [])).endsWith(
                'missing permission thrift.AgentService:statusUpdate:agent-0')
        agent0.manager().createJob(job()).responseCode == ResponseCode.AUTH_FAILED
        agent1.agents().registerAgent(info).responseCode == ResponseCode.AUTH_FAILED
        admin.reader().getJobs('').result.getJobsResult.configs.isEmpty()
        audit().count { it.call == 'AgentService.registerAgent' && it.outcome == 'refused' } == 2
    }

    def "an agent without credentials cannot register"() {
        when:
        anonymous.agents().registerAgent(ThriftCodec.toThrift(Fixtures.agent(id: 'agent-0')))

        then:
        TTransportException e = thrown()
        e.message.contains('401')
        audit().last().call == 'AgentService.registerAgent'
    }

    def "a forged heartbeat with an empty task list for agent-0 is refused and its task stays RUNNING"() {
        given:
        runningTask()

        expect:
        agent1.agents().heartbeat('agent-0', []).responseCode == ResponseCode.AUTH_FAILED
        dev.agents().heartbeat('agent-0', []).responseCode == ResponseCode.AUTH_FAILED
        tasks()*.status == [ScheduleStatus.RUNNING]
        agent.killed.isEmpty()
    }

    def "a status update with seq 10^15 is refused and later real updates still apply"() {
        given:
        String id = runningTask()

        when: 'agent-0 itself (or whoever holds its credentials) sends a seq from the future'
        Response forged = agent0.agents().statusUpdate('agent-0', [new TaskStatusUpdate(id,
                ScheduleStatus.FINISHED, System.currentTimeMillis(), 1_000_000_000_000_000L)])

        then:
        forged.responseCode == ResponseCode.INVALID_REQUEST
        Responses.message(forged).contains('status update seq 1000000000000000 from agent agent-0 is out of range')
        tasks()*.status == [ScheduleStatus.RUNNING]

        when:
        Response real = agent0.agents().statusUpdate('agent-0', [new TaskStatusUpdate(id,
                ScheduleStatus.FINISHED, System.currentTimeMillis(), 2)])

        then:
        real.responseCode == ResponseCode.OK
        real.result.statusUpdateResult.ackedSeq == 2
        tasks()*.status == [ScheduleStatus.FINISHED]
    }

    def "registerAgent with a new id or an existing id and another endpoint is refused to another principal"() {
        given:
        runningTask()
        def other = new FakeAgent()
        def existing = ThriftCodec.toThrift(Fixtures.agent(id: 'agent-0', host: 'localhost',
                endpoint: other.endpoint()))
        def fresh = ThriftCodec.toThrift(Fixtures.agent(id: 'agent-9', host: 'localhost',
                endpoint: other.endpoint()))

        expect: 'agent-1 may not register as agent-0 or as a new agent-9'
        agent1.agents().registerAgent(existing).responseCode == ResponseCode.AUTH_FAILED
        agent1.agents().registerAgent(fresh).responseCode == ResponseCode.AUTH_FAILED

        and: 'even an operator allowed every agent id may not take over agent-0'
        Responses.message(admin.agents().registerAgent(existing)) ==
                'agent agent-0 is registered by another principal; admin may not act as it'

        and: 'agent-0 still has its own endpoint: a kill of its task reaches it, not the forger'
        dev.manager().killTasks(new JobKey('www-data', 'prod', 'hello'), [] as Set, 'bye')
                .responseCode == ResponseCode.OK
        eventually.eventually { assert agent.killed.size() == 1 }
        other.launched.isEmpty() && other.killed.isEmpty()

        cleanup:
        other?.close()
    }

    def "a 50 MB body gets 413 before it is read, and the scheduler keeps serving"() {
        when:
        def response = post(new byte[50 * 1024 * 1024], [Authorization: admin.headers.Authorization])

        then:
        response.statusCode() == 413
        response.body().contains('is larger than the limit of 4194304 bytes')
        admin.reader().getJobs('').responseCode == ResponseCode.OK
    }

    def "JSON nested 200,000 levels gets 400, not a stack overflow, and the scheduler keeps serving"() {
        given:
        String deep = '[1,"ReadOnlyScheduler:getJobs",1,0,{"9":{"lst":' + '[' * 200_000 + ']' * 200_000 + '}}]'

        when:
        def response = post(deep.bytes, [Authorization: admin.headers.Authorization])

        then:
        response.statusCode() == 400
        response.body().startsWith('bad Thrift request: ')
        admin.reader().getJobs('').responseCode == ResponseCode.OK
    }

    def "compact protocol nested 200,000 levels gets 400 too, and the scheduler keeps serving"() {
        given: 'a compact call of getJobs whose unknown field 9 is a list of lists, 200,000 deep'
        def out = new ByteArrayOutputStream()
        byte[] name = 'ReadOnlyScheduler:getJobs'.bytes
        out.write([0x82, 0x21, 0x01, name.length] as byte[])   // protocol id, CALL, seqid 1, name
        out.write(name)
        out.write(0x99)                                       // field 9 (delta 9), type LIST
        200_000.times { out.write(0x19) }                     // a list of 1 element of type LIST
        out.write(0x09)                                       // the innermost: empty
        out.write(0x00)

        when:
        def response = post(out.toByteArray(), [Authorization: admin.headers.Authorization])

        then:
        response.statusCode() == 400
        response.body().startsWith('bad Thrift request: ')
        admin.reader().getJobs('').responseCode == ResponseCode.OK
    }

    def "a JSON call is answered in JSON, behind the same login"() {
        given:
        byte[] call = '[1,"ReadOnlyScheduler:getJobs",1,0,{"1":{"str":""}}]'.bytes

        when:
        def refused = post(call)
        def answered = post(call, [Authorization: admin.headers.Authorization])

        then:
        refused.statusCode() == 401
        answered.statusCode() == 200
        answered.headers().firstValue('Content-Type').orElse('').startsWith('application/x-thrift')
        answered.body().startsWith('[1,"getJobs",2,0,{"0":{"rec":{"1":{"i32":0}')   // REPLY, ResponseCode OK
    }

    def "the pages stay open unless asked for; /health is always open"() {
        expect:
        http.send(HttpRequest.newBuilder(URI.create(scheduler.localUrl() + '/scheduler')).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode() == 200
        http.send(HttpRequest.newBuilder(URI.create(scheduler.localUrl() + '/health')).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode() == 200
    }

    def "no password appears in the audit log"() {
        when:
        dev.manager().createJob(job())
        anonymous.as('dev', 'guess-pw').reader().getJobs('') 

        then:
        thrown(TTransportException)
        String text = Files.readString(home.resolve('audit.log'))
        !text.contains('dev-pw') && !text.contains('guess-pw') && !text.contains('$shiro2$')
    }
}
