package io.borealis.scheduler.validation

import io.borealis.api.model.CronCollisionPolicy
import io.borealis.api.model.HealthCheckConfig
import io.borealis.api.model.JobConfiguration
import io.borealis.api.model.Process
import io.borealis.api.model.Resources
import io.borealis.api.model.TaskConfig
import io.borealis.api.model.TaskSpec
import io.borealis.api.model.ThriftCodec
import io.borealis.api.model.UpdateSettings
import io.borealis.api.model.UpdateStrategyKind
import io.borealis.api.rpc.Responses
import io.borealis.api.thrift.Response
import io.borealis.api.thrift.ResponseCode
import io.borealis.api.thrift.TaskQuery
import io.borealis.scheduler.app.Scheduler
import io.borealis.scheduler.app.SchedulerConfig
import io.borealis.scheduler.app.SchedulerMain
import io.borealis.scheduler.testing.Clients
import io.borealis.scheduler.testing.Fixtures
import java.nio.file.Files
import java.nio.file.Path
import java.time.Clock
import spock.lang.Shared
import spock.lang.Specification

/**
 * The scheduler never trusts the client: configurations the client would refuse after evaluating
 * a job file, sent raw through the real Thrift API of a real scheduler (Jetty on a free port, H2
 * in a temporary directory), are refused with a message naming the field, and nothing is stored.
 */
class RawConfigurationSpec extends Specification {
    @Shared
    Path home = Files.createTempDirectory('scheduler-raw')
    @Shared
    Scheduler scheduler = SchedulerMain.start(SchedulerConfig.defaults(home).withHttpPort(0),
            Clock.systemUTC())
    @Shared
    Clients clients = new Clients(scheduler.localUrl())

    def cleanupSpec() {
        scheduler.close()
        home.toFile().deleteDir()
    }

    static Process process(String name) {
        process([:], name)
    }

    static Process process(Map flags, String name) {
        new Process(name, 'echo ' + name, 1, flags.daemon ?: false, flags.ephemeral ?: false, 5,
                flags.isFinal ?: false, Fixtures.process().logger())
    }

    static JobConfiguration job(Map args) {
        List<Process> processes = args.processes ?: [process('a'), process('b')]
        TaskSpec spec = new TaskSpec('hello', processes, args.order ?: [], 1, 0, 30,
                args.healthCheck as HealthCheckConfig, null)
        TaskConfig config = new TaskConfig(Fixtures.JOB, args.service ?: false, 0, false, null, 1,
                args.resources ?: new Resources(0.1d, 16L, 16L, 0), [], [] as Set, spec, null,
                [], null, null, null, null)
        new JobConfiguration(Fixtures.JOB, 'www-data', args.instances ?: 1, config,
                args.cron as String, CronCollisionPolicy.KILL_EXISTING,
                args.update as UpdateSettings, 'devcluster', args.timezone as String)
    }

    static UpdateSettings update(Map args) {
        new UpdateSettings(1, 45, 0, args.maxTotalFailures ?: 0, true, false, null, false,
                args.strategy ?: UpdateStrategyKind.QUEUE, args.sizes ?: [], false)
    }

    def "#why is refused with a message naming the field, and nothing is stored"() {
        when:
        Response response = clients.manager().createJob(ThriftCodec.toThrift(config))

        then:
        response.responseCode == ResponseCode.INVALID_REQUEST
        Responses.message(response) == message
        clients.reader().getJobs('').result.getJobsResult.configs.isEmpty()
        clients.reader().getTasksStatus(new TaskQuery()).result.scheduleStatusResult.tasks
                .isEmpty()

        where:
        why                                 | config || message
        'an order cycle'                    | job(order: [['a', 'b'], ['b', 'a']]) || 'task.orderConstraints form a cycle: a -> b -> a'
        'an order naming an unknown process' | job(order: [['a', 'zzz']]) || "task.orderConstraints[0] names unknown process 'zzz'."
        'a process waiting for a daemon'    | job(processes: [process('a', daemon: true), process('b')], order: [['a', 'b']]) || "task.orderConstraints[0] makes 'b' wait for daemon 'a': nothing may depend on a daemon"
        'a process waiting for an ephemeral' | job(processes: [process('a', ephemeral: true), process('b')], order: [['a', 'b']]) || "task.orderConstraints[0] makes 'b' wait for ephemeral 'a': a non-ephemeral process may not depend on an ephemeral one"
        'final and regular in one order'    | job(processes: [process('a'), process('b', isFinal: true)], order: [['a', 'b']]) || "task.orderConstraints[0] mixes final and regular processes ('b' is final, 'a' is not): order each kind separately"
        'duplicate process names'           | job(processes: [process('a'), process('a')]) || "task.processes[1].name 'a' is used more than once (also processes[0])"
        'a process name with a slash'       | job(processes: [process('a/b')]) || "task.processes[0].name 'a/b' is not a valid process name: no '/', and no '.' at the start"
        'zero ram'                          | job(resources: new Resources(0.1d, 0L, 16L, 0)) || 'resources.ramMb must be positive, got 0'
        'max failures not below instances'  | job(instances: 2, update: update(maxTotalFailures: 2)) || 'updateSettings.maxTotalFailures must be less than instanceCount (2), got 2'
        'a variable batch without sizes'    | job(update: update(strategy: UpdateStrategyKind.VARIABLE_BATCH)) || 'updateSettings.batchSizes must not be empty for the VARIABLE_BATCH strategy'
        'a negative health check interval'  | job(healthCheck: new HealthCheckConfig(null, null, 15d, -1d, 0, 1, 1d)) || 'task.healthCheck.intervalSecs must not be negative, got -1.0'
        'a cron job'                        | job(cron: '*/5 * * * *') || "job www-data/prod/hello is a cron job (cronSchedule '*/5 * * * *'): schedule it with 'borealis cron schedule'"
    }

    def "#why is refused by scheduleCronJob with a message naming the field, and nothing is stored"() {
        when:
        Response response = clients.manager().scheduleCronJob(ThriftCodec.toThrift(config))

        then:
        response.responseCode == ResponseCode.INVALID_REQUEST
        Responses.message(response) == message
        clients.reader().getJobs('').result.getJobsResult.configs.isEmpty()

        where:
        why                                   | config || message
        'a cron schedule that does not parse' | job(cron: '61 * * * *') || "cronSchedule '61 * * * *' is not a cron schedule (MIN HOUR DOM MON DOW): Value 61 not in range [0, 59]"
        'a service with a cron schedule'      | job(service: true, cron: '*/5 * * * *') || 'cronSchedule is not allowed for a service (a service runs all the time); make it a Job'
        'an unknown time zone'                | job(cron: '*/5 * * * *', timezone: 'Europe/Atlantis') || "cronTimezone 'Europe/Atlantis' is not a time zone id (e.g. UTC, America/New_York): Unknown time-zone ID: Europe/Atlantis"
        'no cron schedule'                    | job([:]) || "job www-data/prod/hello has no cron schedule: set cron_schedule, or run it as a job with 'borealis job create'"
    }

    def "the same configuration, made valid, is accepted: the refusals above were about the field"() {
        when:
        Response response = clients.manager().createJob(ThriftCodec.toThrift(
                job(order: [['a', 'b']])))

        then:
        response.responseCode == ResponseCode.OK
        clients.reader().getJobs('').result.getJobsResult.configs.size() == 1
    }
}
