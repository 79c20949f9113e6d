package io.borealis.agent.rpc

import io.borealis.agent.testing.FakeScheduler
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir

/**
 * An agent that follows the leader through ZooKeeper sends each scheduler the credentials of its
 * own host: replicas on two hosts (127.0.0.1 and localhost), each accepting only its host's
 * netrc entry, and a finder that names one leader and then the other, as ZooKeeper does at a
 * failover.
 */
class SchedulerCredentialsSpec extends Specification {
    @TempDir
    Path dir
    @AutoCleanup
    FakeScheduler first = new FakeScheduler()
    @AutoCleanup
    FakeScheduler second = new FakeScheduler()

    volatile String leader

    def setup() {
        first.requiredAuthorization = basic('agent-1', 'one')
        second.requiredAuthorization = basic('agent-1', 'two')
    }

    def "each leader the agent follows gets the netrc entry of its own host, read when the agent follows it"() {
        given: 'a netrc with an entry for the first leader only'
        Path netrc = dir.resolve('netrc')
        Files.writeString(netrc, 'machine 127.0.0.1 login admin password nope\n'
                + 'machine 127.0.0.1 login agent-1 password one\n')
        def client = new SchedulerClient({ Optional.ofNullable(leader) }, Duration.ofSeconds(5),
                SchedulerCredentials.netrc(netrc, 'agent-1'), null)
        leader = first.url

        when:
        client.heartbeat('agent-1', [])

        then: 'the entry of the agent login for 127.0.0.1'
        first.heartbeats.size() == 1
        first.authorizations == [basic('agent-1', 'one')]

        when: 'the other replica takes over: the call to the deposed one fails and the agent looks again'
        first.down = true
        leader = "http://localhost:${second.url.split(':').last()}".toString()
        call(client)
        def withoutEntry = call(client)

        then: 'localhost has no entry yet: refused before anything is sent, naming the file and host'
        withoutEntry == "--scheduler-netrc ${netrc} has no entry for machine localhost, the scheduler's host".toString()
        client.schedulerUrl() == leader
        second.authorizations.isEmpty()

        when: 'its entry is written; the next call reads the file again'
        Files.writeString(netrc, Files.readString(netrc) + 'machine localhost login agent-1 password two\n')
        def answer = call(client)

        then:
        answer == 'OK'
        second.heartbeats.size() == 1
        second.authorizations == [basic('agent-1', 'two')]
    }

    def "without credentials no Authorization header is sent"() {
        given:
        first.requiredAuthorization = null
        def client = new SchedulerClient(first.url, Duration.ofSeconds(5), SchedulerCredentials.NONE, null)

        when:
        client.heartbeat('agent-1', [])

        then:
        first.authorizations == ['']
    }

    /** 'OK', or the message of the SchedulerException the call threw. */
    static String call(SchedulerClient client) {
        try {
            client.heartbeat('agent-1', [])
            'OK'
        } catch (SchedulerException e) {
            e.message
        }
    }

    static String basic(String login, String password) {
        'Basic ' + "${login}:${password}".bytes.encodeBase64()
    }
}
