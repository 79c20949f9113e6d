package io.borealis.e2e

import io.borealis.api.testing.Scrape
import java.nio.file.Path
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

/**
 * {@code GET /metrics} of the real scheduler and observer processes, parsed with a Prometheus
 * text-format parser library: the named series are there, and they move as the real clients
 * drive the cluster (API calls, placements, tasks by state, the observer's tasks and requests).
 */
@Stepwise
class MetricsSpec extends Specification {
    static final String HELLO = 'devcluster/www-data/prod/hello'

    @Shared
    @TempDir
    Path home

    @Shared
    LocalCluster cluster

    def conditions = new PollingConditions(timeout: 60, initialDelay: 0.2, delay: 0.5)

    def setupSpec() {
        cluster = new LocalCluster(home).start()
    }

    def cleanupSpec() {
        cluster?.close()
    }

    Scrape scheduler() {
        Scrape.parse(cluster.get("${cluster.schedulerUrl}/metrics"))
    }

    Scrape observer() {
        Scrape.parse(cluster.get("${cluster.observerUrl}/metrics"))
    }

    double calls(Scrape scrape, String service, String method) {
        scrape.value('borealis_api_calls_seconds', [service: service, method: method,
                                                    outcome: 'OK']).orElse(0d)
    }

    def "the scheduler's /metrics has every named series, and an API call moves its counter"() {
        given:
        def before = scheduler()

        when:
        def listed = cluster.borealis('job', 'list', 'devcluster/www-data')
        def after = scheduler()

        then:
        listed.exit == 0
        ['borealis_tasks', 'borealis_tasks_pending', 'borealis_placements_total',
         'borealis_agents', 'borealis_agents_lost_total', 'borealis_storage_writes_seconds',
         'borealis_updates_started_total', 'borealis_updates_ended_total',
         'borealis_cron_triggered_total', 'borealis_scheduler_leader',
         'jvm_memory_used_bytes', 'process_uptime_seconds'].every { it in after.names() }
        calls(after, 'ReadOnlyScheduler', 'getJobs') == calls(before, 'ReadOnlyScheduler', 'getJobs') + 1
        conditions.eventually {
            assert scheduler().get('borealis_agents', [state: 'registered']) == 1
        }
    }

    def "a job that runs moves placements, tasks by state, and the observer's tasks"() {
        when:
        def created = cluster.borealis('job', 'create', HELLO, 'examples/hello_world.groovy')

        then:
        created.exit == 0
        conditions.eventually {
            assert cluster.status(HELLO).active*.status == ['RUNNING']
        }
        conditions.eventually {
            def scrape = scheduler()
            assert scrape.get('borealis_placements_total', [:]) == 1
            assert scrape.get('borealis_tasks', [state: 'RUNNING']) == 1
            assert scrape.get('borealis_tasks_pending', [:]) == 0
            assert calls(scrape, 'SchedulerManager', 'createJob') == 1
            assert calls(scrape, 'AgentService', 'statusUpdate') >= 1
            assert observer().get('borealis_observer_tasks', [state: 'ACTIVE']) == 1
            assert observer().get('borealis_observer_processes', [state: 'RUNNING']) == 1
        }
    }

    def "the observer counts the pages it serves"() {
        when:
        cluster.get("${cluster.observerUrl}/")
        def scrape = observer()

        then:
        scrape.get('borealis_observer_http_requests_seconds', [method: 'GET', status: '200']) >= 2
        scrape.get('borealis_observer_sampling_seconds', [:]) >= 1
    }
}
