package io.borealis.agent.app

import io.borealis.agent.rpc.SchedulerCredentials
import io.borealis.agent.tasks.HostProcesses
import io.borealis.agent.testing.ExecutorStandIn
import io.borealis.agent.testing.FakeScheduler
import io.borealis.agent.testing.Tasks
import io.borealis.api.model.Attribute
import io.borealis.api.model.PortRange
import io.borealis.api.model.Resources
import io.borealis.api.model.ThriftCodec
import io.borealis.api.rpc.NetrcFile
import io.borealis.api.rpc.ThriftHttp
import io.borealis.api.thrift.AgentControl
import io.borealis.api.thrift.ResponseCode
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.nio.file.Path
import java.time.Clock
import java.time.Duration
import org.apache.thrift.transport.TTransportException
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

/**
 * The agent's AgentControl endpoint answers only the scheduler it registered with (the token of
 * its registration), listens where configured, and refuses oversized requests.
 */
class AgentSecuritySpec extends Specification {
    @TempDir
    Path dir
    @AutoCleanup
    FakeScheduler scheduler = new FakeScheduler()
    List<Agent> agents = []
    List<String> taskIds = []
    PollingConditions eventually = new PollingConditions(timeout: 10, delay: 0.05)

    def cleanup() {
        agents.each { it.close() }
        taskIds.each { HostProcesses.killTaskProcesses(it) }
    }

    Agent startAgent(AgentConfig.Access access) {
        def config = new AgentConfig(scheduler.url, dir.resolve('work'), 0, '127.0.0.1',
                new Resources(2.0, 1024, 2048, 0), [new PortRange(31000, 31099)],
                [new Attribute('host', ['127.0.0.1'] as Set)], null, ExecutorStandIn.write(dir),
                AgentSpec.FAST).withAccess(access)
        def agent = new Agent(config, Clock.systemUTC())
        agents << agent
        agent.start()
        eventually.eventually { assert scheduler.registrations.size() == 1 }
        agent
    }

    static AgentControl.Client client(String endpoint, Map<String, String> headers) {
        ThriftHttp.client("${endpoint}/api", 'AgentControl', AgentControl.Client::new, headers,
                Duration.ofSeconds(10))
    }

    def "launchTasks without the registration's token is refused and nothing runs; with it the task runs"() {
        given:
        def agent = startAgent(AgentConfig.Access.DEFAULT)
        def id = Tasks.newId()
        taskIds << id
        def task = ThriftCodec.toThrift(Tasks.assigned(id))

        when: 'an attacker on the same machine calls the agent directly'
        client(agent.endpoint(), headers).launchTasks([task])

        then:
        TTransportException e = thrown()
        e.message.contains('401')
        !Files.exists(dir.resolve('work/tasks').resolve(id))

        when: 'the scheduler calls with the token the agent registered with'
        def response = Tasks.launch(agent.endpoint(), Tasks.assigned(id))

        then:
        response.responseCode == ResponseCode.OK
        eventually.eventually { assert scheduler.statuses(id).contains('RUNNING') }

        where:
        headers << [[:], [Authorization: 'Bearer ' + 'x' * 43], [Authorization: 'Basic eDp5']]
    }

    def "a registration draws a new token: the old one is refused afterwards"() {
        given:
        def agent = startAgent(AgentConfig.Access.DEFAULT)
        String first = Tasks.TOKENS[agent.endpoint()]

        when: 'the scheduler asks the agent to register again'
        scheduler.reregisterOnNextHeartbeat = true
        eventually.eventually { assert scheduler.registrations.size() == 2 }
        String second = Tasks.TOKENS[agent.endpoint()]

        then:
        second != first
        client(agent.endpoint(), [Authorization: "Bearer $second".toString()]).reportTasks()
                .responseCode == ResponseCode.OK

        when:
        client(agent.endpoint(), [Authorization: "Bearer $first".toString()]).reportTasks()

        then:
        thrown(TTransportException)
    }

    def "the port listens on the configured address only, and the endpoint names it"() {
        when:
        def agent = startAgent(new AgentConfig.Access(SchedulerCredentials.NONE, '127.0.0.1', 4096))

        then:
        agent.endpoint() ==~ /http:\/\/127\.0\.0\.1:\d+/
        scheduler.registrations[0].endpoint() == agent.endpoint()
    }

    def "a body over the size limit is refused 413 and the agent keeps serving"() {
        given:
        def agent = startAgent(new AgentConfig.Access(SchedulerCredentials.NONE, '127.0.0.1', 4096))
        String token = Tasks.TOKENS[agent.endpoint()]
        def http = HttpClient.newHttpClient()

        when:
        def response = http.send(HttpRequest.newBuilder(URI.create("${agent.endpoint()}/api"))
                .header('Authorization', "Bearer $token")
                .POST(HttpRequest.BodyPublishers.ofString('[' * 10_000)).build(),
                HttpResponse.BodyHandlers.ofString())

        then:
        response.statusCode() == 413
        response.body().contains('larger than the limit of 4096 bytes')
        Tasks.control(agent.endpoint()).reportTasks().responseCode == ResponseCode.OK
    }

    def "the agent sends its credentials: the netrc entry whose login is its id"() {
        given:
        Path netrc = dir.resolve('netrc')
        Files.writeString(netrc, 'machine 127.0.0.1 login admin password a\n' +
                'machine 127.0.0.1 login agent-7 password p7\n')

        when:
        def entry = NetrcFile.find(NetrcFile.parse(Files.readString(netrc)), '127.0.0.1', 'agent-7')

        then:
        entry.get().login() == 'agent-7'
        entry.get().password() == 'p7'
        !entry.get().toString().contains('p7')
    }
}
