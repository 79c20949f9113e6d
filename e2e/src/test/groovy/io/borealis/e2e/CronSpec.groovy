package io.borealis.e2e

import groovy.json.JsonSlurper
import java.nio.file.Files
import java.nio.file.Path
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

/**
 * Cron jobs through the real programs: a job file with a cron schedule and a time zone,
 * scheduled with `borealis cron schedule`, run now with `cron start`, its task seen RUNNING
 * through `job status`, shown by `cron show` and the role page, then descheduled. The
 * schedule is far away (1 January, 00:00): only the manual run runs, so the spec takes seconds.
 */
@Stepwise
class CronSpec extends Specification {
    static final String KEY = 'devcluster/www-data/prod/nightly'

    @Shared
    @TempDir
    Path home

    @Shared
    LocalCluster cluster

    @Shared
    Path file

    def conditions = new PollingConditions(timeout: 60, initialDelay: 0.2, delay: 0.5)

    def setupSpec() {
        cluster = new LocalCluster(home).start()
        file = Files.writeString(home.resolve('nightly.groovy'), '''
nightly = Process(name: 'nightly', cmdline: 'echo cron-ran; sleep 600')
jobs = [Job(
  task: Task(processes: [nightly], resources: Resources(cpu: 0.05, ram: 8*MB, disk: 8*MB)),
  cluster: 'devcluster', role: 'www-data', environment: 'prod', name: 'nightly',
  cron_schedule: '0 0 1 1 *', cron_timezone: 'America/New_York',
  cron_collision_policy: 'CANCEL_NEW')]
''')
    }

    def cleanupSpec() {
        cluster?.close()
    }

    def "job create of a cron job says to use cron schedule"() {
        when:
        def created = cluster.borealis('job', 'create', KEY, file.toString())

        then:
        created.exit == 3
        created.err.contains("use 'borealis cron schedule'")
    }

    def "cron schedule stores it and cron start runs it now"() {
        when:
        def scheduled = cluster.borealis('cron', 'schedule', KEY, file.toString())
        def started = cluster.borealis('cron', 'start', KEY)

        then:
        scheduled.exit == 0
        scheduled.out.contains("'0 0 1 1 *' in America/New_York, CANCEL_NEW")
        started.exit == 0
        started.out.contains('started 1 instances')
        conditions.eventually {
            assert cluster.status(KEY).active*.status == ['RUNNING']
        }
    }

    def "cron show gives schedule, zone, next runs and the manual run"() {
        when:
        def shown = cluster.borealis('cron', 'show', KEY, '--write-json')
        def text = cluster.borealis('cron', 'show', KEY)
        def json = new JsonSlurper().parseText(shown.out)

        then:
        shown.exit == 0
        json.schedule == '0 0 1 1 *'
        json.timezone == 'America/New_York'
        json.collisionPolicy == 'CANCEL_NEW'
        json.nextRuns.size() == 5
        json.nextRuns[0].local.endsWith('T00:00-05:00')
        json.nextRuns[0].utc.endsWith('T05:00Z')
        json.lastRuns*.trigger == ['MANUAL']
        json.lastRuns*.outcome == ['STARTED']
        text.exit == 0
        text.out.contains('collision policy: CANCEL_NEW')

        and: 'the role page lists it with its next run'
        def page = cluster.get("${cluster.schedulerUrl}/scheduler/www-data")
        page.contains('<code>0 0 1 1 *</code>')
        page.contains('05:00:00 UTC')
    }

    def "a second cron start while the run is active is skipped (CANCEL_NEW), exit 4"() {
        when:
        def again = cluster.borealis('cron', 'start', KEY)

        then:
        again.exit == 4
        again.err.contains('not started (SKIPPED)')
        cluster.status(KEY).active.size() == 1
    }

    def "cron deschedule removes it and leaves the running task; killall stops that"() {
        when:
        def removed = cluster.borealis('cron', 'deschedule', KEY)
        def shown = cluster.borealis('cron', 'show', KEY)

        then:
        removed.exit == 0
        shown.exit == 10
        shown.err.contains('no cron job www-data/prod/nightly is scheduled')
        cluster.status(KEY).active*.status == ['RUNNING']

        when:
        def killed = cluster.borealis('job', 'killall', KEY)

        then:
        killed.exit == 0
        conditions.eventually {
            assert cluster.status(KEY).active.isEmpty()
        }
    }
}
