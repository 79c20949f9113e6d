package io.borealis.e2e

import groovy.json.JsonSlurper
import java.nio.file.Path
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

/**
 * Quotas end to end with the real programs: borealis-admin sets a quota, the scheduler refuses a
 * production job over it naming the shortfall, increase_quota lets it in and it runs; job add,
 * quota get, query and reconcile_tasks on the running cluster.
 */
@Stepwise
class QuotaSpec extends Specification {
    static final String JOB = 'devcluster/www-data/prod/prod_hello'

    @Shared
    @TempDir
    Path home

    @Shared
    LocalCluster cluster

    @Shared
    String file = LocalCluster.ROOT.resolve('e2e/src/test/resources/jobs/prod_hello.groovy')
            .toString()

    def conditions = new PollingConditions(timeout: 60, initialDelay: 0.2, delay: 0.5)

    def setupSpec() {
        cluster = new LocalCluster(home).start()
    }

    def cleanupSpec() {
        cluster?.close()
    }

    LocalCluster.Result admin(String... args) {
        cluster.run('bin/borealis-admin', args)
    }

    Map quota() {
        def result = cluster.borealis('quota', 'get', 'devcluster/www-data', '--write-json')
        assert result.exit == 0
        new JsonSlurper().parseText(result.out) as Map
    }

    def "a production job over its role's quota is refused, naming the shortfall"() {
        when:
        def set = admin('set_quota', 'devcluster', 'www-data', '0.1', '16m', '1g')
        def created = cluster.borealis('job', 'create', JOB, file)

        then:
        set.exit == 0
        created.exit == 10
        created.err.trim() == 'error: scheduler refused: Insufficient resource quota for role ' +
                'www-data: CPU asks 0.2 cores, 0.1 cores left of 0.1 cores quota; RAM asks 32 MB, ' +
                '16 MB left of 16 MB quota (use borealis-admin increase_quota)'
        cluster.borealis('job', 'list', 'devcluster/www-data').out.trim().isEmpty()
    }

    def "increase_quota lets it in, and it runs"() {
        when:
        def increased = admin('increase_quota', 'devcluster', 'www-data', '0.1', '16M', '0')
        def created = cluster.borealis('job', 'create', JOB, file)

        then:
        increased.exit == 0
        increased.out.trim() == 'Quota of role www-data on devcluster raised to 0.2 cores, ' +
                '32 MB ram, 1024 MB disk'
        created.exit == 0
        conditions.eventually {
            assert cluster.status(JOB).active*.status == ['RUNNING', 'RUNNING']
        }
        quota() == [quota                      : [cpu: 0.2, ramMb: 32, diskMb: 1024],
                    prodSharedConsumption      : [cpu: 0.2, ramMb: 32, diskMb: 32],
                    nonProdSharedConsumption   : [cpu: 0.0, ramMb: 0, diskMb: 0],
                    prodDedicatedConsumption   : [cpu: 0.0, ramMb: 0, diskMb: 0],
                    nonProdDedicatedConsumption: [cpu: 0.0, ramMb: 0, diskMb: 0]]
    }

    def "job add over quota is refused; with more quota the copy runs as instance 2"() {
        when:
        def refused = cluster.borealis('job', 'add', "$JOB/1", '1')

        then:
        refused.exit == 10
        refused.err.contains('CPU asks 0.1 cores, 0 cores left of 0.2 cores quota')

        when:
        assert admin('increase_quota', 'devcluster', 'www-data', '0.1', '16m', '0').exit == 0
        def added = cluster.borealis('job', 'add', "$JOB/1", '1')

        then:
        added.exit == 0
        conditions.eventually {
            assert cluster.status(JOB).active*.instance == [0, 1, 2]
            assert cluster.status(JOB).active*.status == ['RUNNING', 'RUNNING', 'RUNNING']
        }
    }

    def "query lists the running tasks; reconcile_tasks finds the agent agrees"() {
        when:
        def listed = admin('query', 'devcluster', 'www-data', 'prod_hello')
        def ids = admin('query', 'devcluster', 'www-data', 'prod_hello', '-l', '%taskId%')
        def reconciled = admin('reconcile_tasks', 'devcluster')

        then:
        listed.out.readLines() == ['www-data/prod_hello/0 RUNNING', 'www-data/prod_hello/1 RUNNING',
                                   'www-data/prod_hello/2 RUNNING']
        ids.out.readLines() == cluster.status(JOB).active*.taskId
        reconciled.exit == 0
        reconciled.out.trim() == 'Reconciled devcluster: 1 of 1 agents answered, 0 tasks corrected'
        cluster.status(JOB).active*.status == ['RUNNING', 'RUNNING', 'RUNNING']
    }

    def "a job key with '..' is refused before anything is sent"() {
        when:
        def created = cluster.borealis('job', 'create', 'devcluster/www-data/../travenv', file)

        then:
        created.exit == 6
        created.err.contains("job key environment '..' must not be '.' or '..'")
    }

    def "killall gives the quota back"() {
        when:
        assert cluster.borealis('job', 'killall', JOB).exit == 0

        then:
        conditions.eventually {
            assert quota().prodSharedConsumption == [cpu: 0.0, ramMb: 0, diskMb: 0]
        }
    }
}
