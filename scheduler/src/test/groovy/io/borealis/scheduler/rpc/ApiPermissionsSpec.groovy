package io.borealis.scheduler.rpc

import io.borealis.api.thrift.Admin
import io.borealis.api.thrift.AgentInfo
import io.borealis.api.thrift.AgentService
import io.borealis.api.thrift.Hosts
import io.borealis.api.thrift.InstanceKey
import io.borealis.api.thrift.JobConfiguration
import io.borealis.api.thrift.JobKey
import io.borealis.api.thrift.ReadOnlyScheduler
import io.borealis.api.thrift.Resources
import io.borealis.api.thrift.SchedulerManager
import org.apache.shiro.authz.permission.WildcardPermission
import org.apache.thrift.TBaseProcessor
import spock.lang.Specification

/** The authorization table: every method of every service has a row, and rows name the target. */
class ApiPermissionsSpec extends Specification {
    static final Map<String, TBaseProcessor> SERVED = [
            ReadOnlyScheduler: new ReadOnlyScheduler.Processor((ReadOnlyScheduler.Iface) null),
            SchedulerManager : new SchedulerManager.Processor((SchedulerManager.Iface) null),
            Admin            : new Admin.Processor((Admin.Iface) null),
            AgentService     : new AgentService.Processor((AgentService.Iface) null)]

    def "every method of #service has an authorization rule"() {
        expect: 'a method added to the IDL without a rule fails here (and stops the scheduler)'
        ApiGuard.unruled(service, processor).isEmpty()
        ApiPermissions.of(service).keySet() == processor.processMapView.keySet()

        where:
        [service, processor] << SERVED.collect { k, v -> [k, v] }
    }

    def "the table has no service the scheduler does not serve"() {
        expect:
        ApiPermissions.services() == SERVED.keySet() as TreeSet
    }

    def "every SchedulerManager call is a write scoped to its job; Admin calls are unscoped writes"() {
        expect:
        ApiPermissions.of('SchedulerManager').values()*.kind().every { it == ApiPermissions.Kind.WRITE }
        ApiPermissions.of('Admin').values()*.kind().every { it == ApiPermissions.Kind.WRITE }
        ApiPermissions.of('ReadOnlyScheduler').values()*.kind().every { it == ApiPermissions.Kind.READ }
        ApiPermissions.of('AgentService').values()*.kind().every { it == ApiPermissions.Kind.AGENT }
    }

    def "#method needs #permission"() {
        given:
        ApiPermissions.Rule rule = ApiPermissions.of(service)[method]
        ApiPermissions.Target target = rule.target().apply(args)

        expect:
        target.invalid() == null
        rule.permission(target) == permission
        target.display() == display

        where:
        service             | method             | args                                                                   || permission                                                   | display
        'SchedulerManager'  | 'createJob'        | new SchedulerManager.createJob_args(job(key('www-data', 'prod', 'hello'))) || 'thrift.SchedulerManager:createJob:www-data:prod:hello'        | 'www-data/prod/hello'
        'SchedulerManager'  | 'killTasks'        | new SchedulerManager.killTasks_args(key('r', 'e', 'n'), [1] as Set, '')     || 'thrift.SchedulerManager:killTasks:r:e:n'                     | 'r/e/n'
        'SchedulerManager'  | 'addInstances'     | new SchedulerManager.addInstances_args(new InstanceKey(key('r', 'e', 'n'), 3), 2) || 'thrift.SchedulerManager:addInstances:r:e:n'         | 'r/e/n/3'
        'SchedulerManager'  | 'startJobUpdate'   | new SchedulerManager.startJobUpdate_args(job(key('r', 'e', 'n')), 'm')   || 'thrift.SchedulerManager:startJobUpdate:r:e:n'                | 'r/e/n'
        'SchedulerManager'  | 'restartJob'       | new SchedulerManager.restartJob_args(key('r', 'e', 'n'), [2] as Set, null, 'm') || 'thrift.SchedulerManager:restartJob:r:e:n'           | 'r/e/n'
        'SchedulerManager'  | 'abortJobUpdate'   | new SchedulerManager.abortJobUpdate_args(key('r', 'e', 'n'), 'm')       || 'thrift.SchedulerManager:abortJobUpdate:r:e:n'                | 'r/e/n'
        'SchedulerManager'  | 'scheduleCronJob'  | new SchedulerManager.scheduleCronJob_args(job(key('r', 'e', 'n')))      || 'thrift.SchedulerManager:scheduleCronJob:r:e:n'               | 'r/e/n'
        'SchedulerManager'  | 'startCronJob'     | new SchedulerManager.startCronJob_args(key('r', 'e', 'n'))              || 'thrift.SchedulerManager:startCronJob:r:e:n'                  | 'r/e/n'
        'ReadOnlyScheduler' | 'getCronJob'       | new ReadOnlyScheduler.getCronJob_args(key('r', 'e', 'n'))               || 'thrift.ReadOnlyScheduler:getCronJob'                         | ''
        'Admin'             | 'setQuota'         | new Admin.setQuota_args('www-data', new Resources(1, 2, 3, 0))         || 'thrift.Admin:setQuota'                                       | 'www-data'
        'Admin'             | 'drainHosts'       | new Admin.drainHosts_args(new Hosts(['b', 'a'] as Set))                 || 'thrift.Admin:drainHosts'                                     | 'a,b'
        'ReadOnlyScheduler' | 'getJobs'          | new ReadOnlyScheduler.getJobs_args('x')                                 || 'thrift.ReadOnlyScheduler:getJobs'                            | ''
        'AgentService'      | 'registerAgent'    | new AgentService.registerAgent_args(new AgentInfo(agentId: 'agent-0'))   || 'thrift.AgentService:registerAgent:agent-0'                   | 'agent-0'
        'AgentService'      | 'heartbeat'        | new AgentService.heartbeat_args('agent-1', [])                          || 'thrift.AgentService:heartbeat:agent-1'                       | 'agent-1'
        'AgentService'      | 'statusUpdate'     | new AgentService.statusUpdate_args('agent-1', [])                       || 'thrift.AgentService:statusUpdate:agent-1'                    | 'agent-1'
    }

    def "a target that cannot be named is invalid, before any permission: #why"() {
        expect:
        ApiPermissions.of(service)[method].target().apply(args).invalid().contains(why)

        where:
        service            | method          | args                                                             || why
        'SchedulerManager' | 'createJob'     | new SchedulerManager.createJob_args()                            || 'invalid job configuration: missing'
        'SchedulerManager' | 'createJob'     | new SchedulerManager.createJob_args(new JobConfiguration())      || 'invalid job configuration: job key is missing'
        'SchedulerManager' | 'killTasks'     | new SchedulerManager.killTasks_args(key('a:b', 'e', 'n'), [] as Set, '') || 'invalid job key: job key role'
        'SchedulerManager' | 'killTasks'     | new SchedulerManager.killTasks_args(key('*', 'e', 'n'), [] as Set, '')   || 'invalid job key: job key role'
        'SchedulerManager' | 'addInstances'  | new SchedulerManager.addInstances_args()                         || 'invalid instance key: missing'
        'AgentService'     | 'heartbeat'     | new AgentService.heartbeat_args('a:*', [])                       || "agent id 'a:*' is not a host name"
        'AgentService'     | 'registerAgent' | new AgentService.registerAgent_args()                            || "agent id 'null'"
    }

    def "a role's wildcard allows its jobs only, as Shiro reads it"() {
        given:
        def dev = new WildcardPermission('thrift.SchedulerManager:*:www-data', true)

        expect:
        dev.implies(new WildcardPermission('thrift.SchedulerManager:createJob:www-data:prod:hello', true))
        !dev.implies(new WildcardPermission('thrift.SchedulerManager:createJob:other:prod:hello', true))
        !dev.implies(new WildcardPermission('thrift.SchedulerManager:createJob', true))
        !dev.implies(new WildcardPermission('thrift.Admin:setQuota', true))
    }

    static JobKey key(String role, String env, String name) {
        new JobKey(role, env, name)
    }

    static JobConfiguration job(JobKey key) {
        new JobConfiguration(key: key, instanceCount: 1)
    }
}
