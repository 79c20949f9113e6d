package io.borealis.scheduler.app

import io.borealis.api.model.ThriftCodec
import io.borealis.api.thrift.JobKey
import io.borealis.api.thrift.ResponseCode
import io.borealis.api.thrift.ScheduleStatus
import io.borealis.api.thrift.ScheduledTask
import io.borealis.api.thrift.TaskQuery
import io.borealis.api.thrift.TaskStatusUpdate
import io.borealis.scheduler.testing.Clients
import io.borealis.scheduler.testing.FakeAgent
import io.borealis.scheduler.testing.Fixtures
import io.borealis.scheduler.testing.PostgresServer
import java.nio.file.Files
import java.nio.file.Path
import java.time.Clock
import spock.lang.AutoCleanup
import spock.lang.Requires
import spock.lang.Specification
import spock.util.concurrent.PollingConditions

/**
 * A whole scheduler on PostgreSQL ({@code --db-url}), driven through its API: a job is created,
 * placed, run and killed; a scheduler started later on the same database carries on with it,
 * and the first one can no longer write.
 */
@Requires({ PostgresServer.available() })
class SchedulerOnPostgresSpec extends Specification {
    Path home = Files.createTempDirectory('scheduler-pg')
    String url = PostgresServer.createDatabase()
    @AutoCleanup
    FakeAgent agent = new FakeAgent()
    @AutoCleanup
    Scheduler first = start('first')
    Clients clients = new Clients(first.localUrl())
    PollingConditions conditions = new PollingConditions(timeout: 20)
    long seq = 0

    Scheduler start(String name) {
        SchedulerMain.start(SchedulerConfig.defaults(home.resolve(name)).withHttpPort(0)
                .withDatabase(new Database(url, null)), Clock.systemUTC())
    }

    def cleanup() {
        home.toFile().deleteDir()
    }

    static List<ScheduledTask> tasks(Clients clients) {
        clients.reader().getTasksStatus(new TaskQuery().setRole('www-data').setJobName('hello'))
                .result.scheduleStatusResult.tasks
    }

    void register(Clients clients) {
        def info = ThriftCodec.toThrift(Fixtures.agent(id: 'fake', host: 'localhost',
                endpoint: agent.endpoint()))
        assert clients.agents().registerAgent(info).responseCode == ResponseCode.OK
    }

    void report(Clients clients, String taskId, ScheduleStatus status) {
        assert clients.agents().statusUpdate('fake', [new TaskStatusUpdate(taskId, status,
                System.currentTimeMillis(), ++seq)]).responseCode == ResponseCode.OK
    }

    def "a job is created, runs and is killed through the API, all stored in PostgreSQL"() {
        given:
        register(clients)

        when: 'a two-instance job is created'
        def created = clients.manager().createJob(ThriftCodec.toThrift(Fixtures.job(instances: 2)))

        then: 'its tasks are placed on the agent'
        created.responseCode == ResponseCode.OK
        conditions.eventually {
            assert tasks(clients)*.status == [ScheduleStatus.ASSIGNED] * 2
        }

        when: 'they run, and the job is killed'
        List<String> ids = tasks(clients)*.assignedTask*.taskId
        ids.each { report(clients, it, ScheduleStatus.RUNNING) }
        def killed = clients.manager().killTasks(new JobKey('www-data', 'prod', 'hello'),
                [] as Set, 'bye')

        then: 'the agent is told to kill both, and they end when it reports them killed'
        killed.responseCode == ResponseCode.OK
        conditions.eventually {
            assert agent.killed as Set == ids as Set
        }

        when:
        ids.each { report(clients, it, ScheduleStatus.KILLED) }

        then:
        tasks(clients)*.status == [ScheduleStatus.KILLED] * 2
        clients.reader().getJobs('www-data').result.getJobsResult.configs.isEmpty()
    }

    def "a scheduler started on the same database takes over; the first can no longer write"() {
        given: 'the first scheduler ran a job'
        register(clients)
        assert clients.manager().createJob(ThriftCodec.toThrift(Fixtures.job(instances: 1)))
                .responseCode == ResponseCode.OK
        conditions.eventually {
            assert tasks(clients)*.status == [ScheduleStatus.ASSIGNED]
        }

        when: 'a second scheduler starts on the same database'
        Scheduler second = start('second')
        Clients secondClients = new Clients(second.localUrl())

        then: 'it serves what the first stored'
        tasks(secondClients)*.assignedTask*.taskId == tasks(clients)*.assignedTask*.taskId
        secondClients.reader().getJobs('www-data').result.getJobsResult.configs*.key*.name ==
                ['hello']

        when: 'the first one is asked to create a job'
        def refused = clients.manager().createJob(ThriftCodec.toThrift(
                Fixtures.job(job: new io.borealis.api.model.JobKey('www-data', 'prod', 'late'))))

        then: 'it is fenced, and nothing of the job is stored'
        refused.responseCode == ResponseCode.NOT_LEADER
        refused.details*.message.join(' ').contains('fenced')
        secondClients.reader().getJobs('www-data').result.getJobsResult.configs*.key*.name ==
                ['hello']

        cleanup:
        second?.close()
    }
}
