package io.borealis.scheduler.rpc

import io.borealis.api.model.ThriftCodec
import io.borealis.api.thrift.AgentTaskState
import io.borealis.api.thrift.JobKey
import io.borealis.api.thrift.ReconcileTasksResult
import io.borealis.api.thrift.Response
import io.borealis.api.thrift.ResponseCode
import io.borealis.api.thrift.ScheduleStatus
import io.borealis.api.thrift.ScheduledTask
import io.borealis.api.thrift.TaskQuery
import io.borealis.api.thrift.TaskStatusUpdate
import io.borealis.scheduler.app.Scheduler
import io.borealis.scheduler.app.SchedulerConfig
import io.borealis.scheduler.app.SchedulerMain
import io.borealis.scheduler.backup.BackupSettings
import io.borealis.scheduler.testing.Clients
import io.borealis.scheduler.testing.FakeAgent
import io.borealis.scheduler.testing.Fixtures
import io.borealis.scheduler.testing.TempHomes
import java.nio.file.Files
import java.nio.file.Path
import java.time.Clock
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.util.concurrent.PollingConditions

/**
 * Online recovery through the Admin API on the real scheduler, and how the running scheduler
 * converges afterwards with the existing reconciliation: against a fake agent's real HTTP
 * endpoint, a task the agent runs that the restored state does not know is killed, and a
 * restored active task the agent does not run goes LOST and is rescheduled.
 */
class RecoveryRpcSpec extends Specification {
    Path home = Files.createTempDirectory('scheduler-recovery')
    @AutoCleanup
    Scheduler scheduler = SchedulerMain.start(SchedulerConfig.defaults(home).withHttpPort(0),
            Clock.systemUTC(), BackupSettings.defaults(home))
    @AutoCleanup
    FakeAgent agent = new FakeAgent()
    Clients clients = new Clients(scheduler.localUrl())
    PollingConditions eventually = new PollingConditions(timeout: 10)
    long seq = 0

    def cleanup() {
        TempHomes.delete(home, scheduler)
    }

    List<ScheduledTask> tasks() {
        clients.reader().getTasksStatus(new TaskQuery().setRole('www-data'))
                .result.scheduleStatusResult.tasks
    }

    void ok(Response response) {
        assert response.responseCode == ResponseCode.OK: response.details
    }

    void running(String taskId) {
        ok(clients.agents().statusUpdate('fake', [new TaskStatusUpdate(taskId,
                ScheduleStatus.RUNNING, System.currentTimeMillis(), ++seq)]))
    }

    def "after a commit, reconciliation kills what the backup does not know and replaces what no agent runs"() {
        given: 'two instances of hello running on the agent'
        ok(clients.agents().registerAgent(ThriftCodec.toThrift(Fixtures.agent(
                id: 'fake', host: 'fake', endpoint: agent.endpoint()))))
        ok(clients.manager().createJob(ThriftCodec.toThrift(Fixtures.job(instances: 2))))
        eventually.eventually { assert agent.launched.size() == 2 }
        List<String> hello = agent.launched*.taskId
        hello.each { running(it) }

        and: 'a backup'
        Response backup = clients.admin().performBackup()
        ok(backup)
        String backupId = backup.result.performBackupResult.backup.id

        and: 'then another job, running on the agent too, and hello instance 1 killed'
        ok(clients.manager().createJob(ThriftCodec.toThrift(Fixtures.job(
                job: new io.borealis.api.model.JobKey('www-data', 'prod', 'other')))))
        eventually.eventually { assert agent.launched.size() == 3 }
        String other = agent.launched[2].taskId
        running(other)
        ok(clients.manager().killTasks(new JobKey('www-data', 'prod', 'hello'), [1] as Set, 'bye'))
        eventually.eventually { assert agent.killed.contains(hello[1]) }
        ok(clients.agents().statusUpdate('fake', [new TaskStatusUpdate(hello[1],
                ScheduleStatus.KILLED, System.currentTimeMillis(), ++seq)]))
        agent.reported.addAll([new AgentTaskState(hello[0], ScheduleStatus.RUNNING),
                               new AgentTaskState(other, ScheduleStatus.RUNNING)])

        when: 'the backup is staged and committed'
        ok(clients.admin().stageRecovery(backupId))
        def staged = clients.admin().queryRecovery(new TaskQuery().setRole('www-data'))
        ok(clients.admin().commitRecovery())

        then: 'the staged recovery held the two running tasks of the backup'
        staged.result.queryRecoveryResult.tasks*.assignedTask*.taskId as Set == hello as Set
        staged.result.queryRecoveryResult.tasks*.status as Set == [ScheduleStatus.RUNNING] as Set

        and: 'the live state is the backup: hello with both instances running, no other job'
        clients.reader().getJobs('www-data').result.getJobsResult.configs*.key*.name == ['hello']
        tasks().findAll { it.assignedTask.taskId in hello }*.status == [ScheduleStatus.RUNNING] * 2

        when: 'the agent is asked for its tasks'
        ReconcileTasksResult result = clients.admin().reconcileTasks().result.reconcileTasksResult

        then: 'the task of the job the backup does not know is killed on the agent'
        result.agentsAnswered == 1
        eventually.eventually { assert agent.killed.count { it == other } >= 1 }

        and: 'the restored task the agent does not run goes LOST and is replaced'
        def byId = tasks().collectEntries { [it.assignedTask.taskId, it] }
        byId[hello[0]].status == ScheduleStatus.RUNNING
        byId[hello[1]].status == ScheduleStatus.LOST
        byId[hello[1]].taskEvents.last().message == 'Task not reported by agent fake'
        eventually.eventually {
            assert agent.launched.any { it.instanceId == 1 && !(it.taskId in hello) }
        }

        and: 'updates from the agent are applied after the commit'
        String replacement = agent.launched.find { it.instanceId == 1 && !(it.taskId in hello) }.taskId
        running(replacement)
        tasks().find { it.assignedTask.taskId == replacement }.status == ScheduleStatus.RUNNING
    }

    def "the recovery calls refuse bad input and change nothing: #call"() {
        given:
        ok(clients.manager().createJob(ThriftCodec.toThrift(Fixtures.job(instances: 1))))

        when:
        Response response = invoke.call(clients.admin())

        then:
        response.responseCode == ResponseCode.INVALID_REQUEST
        response.details*.message == [message]
        clients.reader().getJobs('www-data').result.getJobsResult.configs*.key*.name == ['hello']

        where:
        call                  | invoke                                       || message
        'stage ../x'          | { it.stageRecovery('../x') }                 || "backup id '../x' contains a path character; give a name from listBackups, e.g. scheduler-backup-1970-01-01-00-00-00-000"
        'stage null'          | { it.stageRecovery(null) }                   || 'backup id is missing: give a name from listBackups, e.g. scheduler-backup-1970-01-01-00-00-00-000'
        'query, none staged'  | { it.queryRecovery(new TaskQuery()) }        || 'no recovery is staged: stage a backup first (stageRecovery)'
        'query null'          | { it.queryRecovery(null) }                   || 'invalid task query: missing'
        'delete, none staged' | { it.deleteRecoveryTasks(new TaskQuery()) }  || 'no recovery is staged: stage a backup first (stageRecovery)'
        'commit, none staged' | { it.commitRecovery() }                      || 'no recovery is staged: stage a backup first (stageRecovery)'
        'unload, none staged' | { it.unloadRecovery() }                      || 'no recovery is staged: nothing to unload'
    }
}
