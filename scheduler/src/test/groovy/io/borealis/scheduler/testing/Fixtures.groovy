package io.borealis.scheduler.testing

import io.borealis.api.model.AgentInfo
import io.borealis.api.model.Attribute
import io.borealis.api.model.Constraint
import io.borealis.api.model.CronCollisionPolicy
import io.borealis.api.model.JobConfiguration
import io.borealis.api.model.JobKey
import io.borealis.api.model.Logger
import io.borealis.api.model.LoggerDestination
import io.borealis.api.model.LoggerMode
import io.borealis.api.model.PartitionPolicy
import io.borealis.api.model.PortRange
import io.borealis.api.model.Process
import io.borealis.api.model.Resources
import io.borealis.api.model.SlaPolicy
import io.borealis.api.model.TaskConfig
import io.borealis.api.model.TaskSpec
import io.borealis.api.model.TaskStatus
import io.borealis.scheduler.storage.Task
import io.borealis.scheduler.storage.TaskId

/** Small, valid model values for specs; each argument overrides one field. */
final class Fixtures {
    static final JobKey JOB = new JobKey('www-data', 'prod', 'hello')

    static Process process(String name = 'hello', String cmdline = 'echo hello') {
        new Process(name, cmdline, 1, false, false, 5, false,
                new Logger(LoggerDestination.FILE, LoggerMode.STANDARD, 104857600L, 5))
    }

    static TaskConfig config(Map args = [:]) {
        JobKey job = args.job ?: JOB
        new TaskConfig(job, args.service ?: false, args.priority ?: 0, args.production ?: false,
                args.tier as String,
                args.containsKey('maxTaskFailures') ? args.maxTaskFailures : 1,
                args.resources ?: new Resources(1.0d, 128L, 256L, 0),
                constraints(args.constraints ?: [:]), (args.ports ?: []) as Set,
                new TaskSpec('hello', args.containsKey('processes') ? args.processes : [process()], [],
                        1, 0, 30, null, null),
                null, [], null, null, args.partitionPolicy as PartitionPolicy,
                args.slaPolicy as SlaPolicy)
    }

    /**
     * Aurora's constraint map: {@code [host: 'limit:1', rack: 'r1,r2', zone: '!z1']}; a value
     * that is a {@link Constraint} is taken with the key as its attribute; a list of
     * constraints is taken as it is.
     */
    static List<Constraint> constraints(Object constraints) {
        if (constraints instanceof List) {
            return constraints as List<Constraint>
        }
        (constraints as Map<String, Object>).collect { String attribute, Object value ->
            if (value instanceof Constraint) {
                Constraint c = value as Constraint
                return new Constraint(attribute, c.negated(), c.values(), c.limit())
            }
            String text = value as String
            if (text.startsWith('limit:')) {
                return new Constraint(attribute, false, [] as Set,
                        Integer.parseInt(text.substring(6)))
            }
            boolean negated = text.startsWith('!')
            new Constraint(attribute, negated,
                    (negated ? text.substring(1) : text).split(',') as Set, 0)
        }
    }

    static JobConfiguration job(Map args = [:]) {
        TaskConfig config = args.config ?: config(args)
        new JobConfiguration(config.job(), args.owner ?: 'www-data',
                args.containsKey('instances') ? args.instances : 1, config,
                null, CronCollisionPolicy.KILL_EXISTING, null, args.cluster as String)
    }

    /** A cron job: {@code policy} (KILL_EXISTING), {@code timezone} (null: UTC) and job's args. */
    static JobConfiguration cronJob(Map args = [:], String schedule) {
        TaskConfig config = args.config ?: config(args)
        new JobConfiguration(config.job(), args.owner ?: 'www-data',
                args.containsKey('instances') ? args.instances : 1, config, schedule,
                args.policy ?: CronCollisionPolicy.KILL_EXISTING, null, args.cluster as String,
                args.timezone as String)
    }

    static Task task(Map args = [:]) {
        TaskConfig config = args.config ?: config(args)
        TaskStatus status = args.status ?: TaskStatus.PENDING
        new Task(new TaskId(args.id ?: "task-${args.instance ?: 0}"), config,
                args.instance ?: 0, status, args.timestamp ?: 1000L, args.failures ?: 0, null,
                args.agent as String, args.agent ? "${args.agent}.host" : null,
                args.assignedPorts ?: [:], args.agent ? "http://${args.agent}:1338" : null)
    }

    static AgentInfo agent(Map args = [:]) {
        String id = args.id ?: 'agent-1'
        new AgentInfo(id, args.host ?: id, args.endpoint ?: "http://${id}:1",
                args.resources ?: new Resources(4.0d, 4096L, 8192L, 0),
                args.ports ?: [new PortRange(31000, 31009)],
                (args.attributes ?: [:]).collect { name, value ->
                    new Attribute(name as String, (value as String).split(',') as Set)
                },
                args.observer ?: "http://${id}:1338")
    }
}
