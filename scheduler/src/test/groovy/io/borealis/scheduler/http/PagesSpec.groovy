package io.borealis.scheduler.http

import io.borealis.api.model.Metadata
import io.borealis.api.model.Resources
import io.borealis.api.model.TaskConfig
import io.borealis.api.model.ThriftCodec
import io.borealis.api.thrift.JobConfiguration
import io.borealis.api.thrift.Response
import io.borealis.api.thrift.RestartSettings
import io.borealis.api.thrift.ResponseCode
import io.borealis.api.thrift.ScheduleStatus
import io.borealis.api.thrift.ScheduledTask
import io.borealis.api.thrift.TaskQuery
import io.borealis.api.thrift.TaskStatusUpdate
import io.borealis.api.web.PageAssets
import io.borealis.scheduler.app.Scheduler
import io.borealis.scheduler.app.SchedulerConfig
import io.borealis.scheduler.app.SchedulerMain
import io.borealis.scheduler.testing.Clients
import io.borealis.scheduler.testing.FakeAgent
import io.borealis.scheduler.testing.Fixtures
import io.borealis.scheduler.testing.TempHomes
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.nio.file.Path
import java.time.Clock
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.util.concurrent.PollingConditions

/**
 * The scheduler's pages as served by the real scheduler (Jetty on a free port, H2 in a temporary
 * directory), filled through its Thrift API and a fake agent endpoint: counts, paging, filters,
 * quotas, agents, updates, escaping and bad parameters.
 */
class PagesSpec extends Specification {
    static final String JOB_PAGE = '/scheduler/www-data/prod/hello'

    Path home = Files.createTempDirectory('scheduler-pages')
    @AutoCleanup
    Scheduler scheduler = SchedulerMain.start(SchedulerConfig.defaults(home).withHttpPort(0),
            Clock.systemUTC())
    @AutoCleanup
    FakeAgent agent = new FakeAgent()
    Clients clients = new Clients(scheduler.localUrl())
    PollingConditions eventually = new PollingConditions(timeout: 10)
    long seq = 0

    def cleanup() {
        TempHomes.delete(home, scheduler)
    }

    static JobConfiguration job(Map args = [:]) {
        ThriftCodec.toThrift(Fixtures.job(args))
    }

    /** A job whose task carries {@code metadata} (key to value). */
    static JobConfiguration jobWithMetadata(Map<String, String> metadata) {
        TaskConfig c = Fixtures.config()
        TaskConfig tagged = new TaskConfig(c.job(), c.isService(), c.priority(), c.production(),
                c.tier(), c.maxTaskFailures(), c.resources(), c.constraints(), c.requestedPorts(),
                c.task(), c.container(), metadata.collect { k, v -> new Metadata(k, v) },
                c.contact(), c.announce(), c.partitionPolicy(), c.slaPolicy())
        ThriftCodec.toThrift(Fixtures.job(config: tagged))
    }

    void ok(Response response) {
        assert response.responseCode == ResponseCode.OK, response.details
    }

    List<ScheduledTask> tasks() {
        clients.reader().getTasksStatus(new TaskQuery().setRole('www-data')
                .setEnvironment('prod').setJobName('hello')).result.scheduleStatusResult.tasks
    }

    void registerAgent() {
        ok(clients.agents().registerAgent(ThriftCodec.toThrift(Fixtures.agent(id: 'fake',
                host: 'localhost', endpoint: agent.endpoint(), observer: 'http://localhost:1338',
                attributes: [rack: 'r1'])))
        )
    }

    void report(String taskId, ScheduleStatus status) {
        ok(clients.agents().statusUpdate('fake', [new TaskStatusUpdate(taskId, status,
                System.currentTimeMillis(), ++seq).setMessage("now $status")]))
    }

    HttpResponse<String> http(String path) {
        HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(scheduler.localUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString())
    }

    String get(String path) {
        def response = http(path)
        assert response.statusCode() == 200, "$path: ${response.body()}"
        response.body()
    }

    static int rows(String html, String cssClass) {
        html.findAll("<tr class=\"$cssClass\"").size()
    }

    def "a big job's page shows counts by state and one page of instances, with paging"() {
        given:
        ok(clients.manager().createJob(job(instances: 120)))

        when:
        String first = get(JOB_PAGE)

        then: 'counts cover every task; rows only the first page'
        first.contains('>PENDING 120</a>')
        rows(first, 'task') == JobFilter.PAGE_SIZE
        first.contains('Showing active: 50 of 120, page 1.')
        first.contains('<a rel="next" href="?state=active&amp;page=2">')
        !first.contains('rel="prev"')

        when:
        String last = get(JOB_PAGE + '?state=active&page=3')

        then:
        rows(last, 'task') == 20
        last.contains('<td class="num">119</td>')
        !last.contains('<td class="num">0</td>')
        last.contains('<a rel="prev" href="?state=active&amp;page=2">')
        !last.contains('rel="next"')
    }

    def "the state filter shows only tasks in that state, ended ones included"() {
        given:
        ok(clients.manager().createJob(job(instances: 3)))
        registerAgent()
        eventually.eventually { assert agent.launched.size() == 3 }
        def ids = agent.launched*.taskId
        report(ids[0], ScheduleStatus.RUNNING)
        report(ids[1], ScheduleStatus.RUNNING)
        report(ids[2], ScheduleStatus.FAILED)

        when:
        String running = get(JOB_PAGE + '?state=RUNNING')
        String ended = get(JOB_PAGE + '?state=ended')

        then:
        running.contains('>RUNNING 2</a>')
        running.contains('>FAILED 1</a>')
        rows(running, 'task') == 2
        running.contains(ids[0]) && running.contains(ids[1])
        !running.contains(ids[2])
        rows(ended, 'task') == 1
        ended.contains(ids[2])
        ended.contains('now FAILED')

        and: 'each row links the host to its observer task page and shows age and history'
        running.contains("<a class=\"host\" href=\"http://localhost:1338/task/${ids[0]}\">localhost</a>")
        running.contains('<time datetime="')
        running.contains('now RUNNING')
    }

    def "bad filter parameters are refused with 400 naming the parameter: #query"() {
        given:
        ok(clients.manager().createJob(job()))

        when:
        def response = http(JOB_PAGE + query)

        then:
        response.statusCode() == 400
        response.body().startsWith(message)

        where:
        query            | message
        '?state=running' | "bad state 'running': one of active, ended, INIT, THROTTLED, PENDING"
        '?state=%3Cb%3E' | "bad state '<b>': one of active, ended"
        '?page=0'        | "bad page '0': a page number from 1"
        '?page=two'      | "bad page 'two': a page number from 1"
    }

    def "a job metadata value with markup renders as text"() {
        given:
        ok(clients.manager().createJob(jobWithMetadata(
                ['note': '<script>alert("metadata")</script>'])))

        when:
        String page = get(JOB_PAGE)

        then:
        page.contains('&lt;script&gt;alert(&quot;metadata&quot;)&lt;/script&gt;')
        !page.contains('<script>alert')
        page.findAll('<script').size() == 1 // the page's own pages script
    }

    def "every page loads the one shared script, from the server, under a CSP"() {
        when:
        def page = http('/scheduler')
        def script = http(PageAssets.SCRIPT_PATH)

        then:
        page.body().contains("<script src=\"${PageAssets.SCRIPT_PATH}\" defer></script>")
        page.headers().firstValue('content-security-policy').get() ==
                PageAssets.CONTENT_SECURITY_POLICY
        script.statusCode() == 200
        script.headers().firstValue('content-type').get().startsWith('text/javascript')
        script.body() == PageAssets.PAGES_JS
    }

    def "/scheduler and the role page count jobs, active tasks by state, quota use and cron runs"() {
        given:
        ok(clients.admin().setQuota('www-data', ThriftCodec.toThrift(new Resources(10, 10240, 20480, 0))))
        ok(clients.manager().createJob(ThriftCodec.toThrift(Fixtures.job(instances: 2,
                production: true, resources: new Resources(1.0d, 1024L, 2048L, 0)))))
        ok(clients.manager().scheduleCronJob(ThriftCodec.toThrift(
                Fixtures.cronJob(config: Fixtures.config(job: new io.borealis.api.model.JobKey(
                        'www-data', 'prod', 'nightly')), '0 3 * * *'))))

        when:
        String roles = get('/scheduler')
        String role = get('/scheduler/www-data')
        String quotas = get('/quotas')

        then:
        roles.contains('<td class="num">2</td>') // jobs
        roles.contains('10 cpu, 10240 MiB ram, 20480 MiB disk')
        role.contains('>PENDING 2</a>')
        role.contains('href="/scheduler/www-data/prod/hello?state=PENDING"')
        role.contains('2 cpu, 2048 MiB ram, 4096 MiB disk') // production use
        role.contains('cpu 20% ram 20% disk 20%')
        role.contains('<code>0 3 * * *</code>')
        role =~ /<time datetime="\d{4}-\d\d-\d\dT03:00:00Z">/
        quotas.contains('<tr class="quota"><td><a href="/scheduler/www-data">www-data</a></td>')
        quotas.contains('cpu 20% ram 20% disk 20%')
    }

    def "/agents shows what is offered, what tasks reserve and when the agent was last heard"() {
        given:
        ok(clients.manager().createJob(job(instances: 2)))
        registerAgent()
        eventually.eventually { assert agent.launched.size() == 2 }

        when:
        String page = get('/agents')

        then:
        page.contains('<td>4 cpu, 4096 MiB ram, 8192 MiB disk</td><td>2 cpu, 256 MiB ram, 512 MiB disk</td><td class="num">2</td>')
        page.contains('rack=r1')
        page =~ /<time datetime="[^"]+">[^<]+<\/time> \(\d+s ago\)/
        page.contains('<span class="state NONE">NONE</span>')
    }

    def "the job page lists the active update, whose page shows per-instance progress and events"() {
        given:
        ok(clients.manager().createJob(job(instances: 2, service: true)))
        registerAgent()
        eventually.eventually { assert agent.launched.size() == 2 }
        agent.launched*.taskId.each { report(it, ScheduleStatus.RUNNING) }

        when:
        Response started = clients.manager().startJobUpdate(job(instances: 3, service: true,
                resources: new Resources(0.5d, 128L, 256L, 0)), 'more <b>power</b>')
        ok(started)
        String id = started.result.startJobUpdateResult.updateId
        String jobPage = get(JOB_PAGE)

        then:
        jobPage.contains("<tr class=\"update active-update\"><td><a href=\"$JOB_PAGE/update/$id\">$id</a>")
        jobPage.contains('more &lt;b&gt;power&lt;/b&gt;')

        when:
        String page = get("$JOB_PAGE/update/$id")

        then:
        rows(page, 'update-instance') == 3
        page.contains('<td>add</td>')
        page.contains('<td>change</td>')
        page =~ /id="progress">\d of 3 instances done/
        rows(page, 'update-event') >= 1
        page.contains('more &lt;b&gt;power&lt;/b&gt;')
    }

    def "a rolling restart shows on its update page as instances restarted"() {
        given:
        ok(clients.manager().createJob(job(instances: 2, service: true)))
        registerAgent()
        eventually.eventually { assert agent.launched.size() == 2 }
        agent.launched*.taskId.each { report(it, ScheduleStatus.RUNNING) }

        when:
        Response started = clients.manager().restartJob(
                new io.borealis.api.thrift.JobKey('www-data', 'prod', 'hello'), [] as Set,
                new RestartSettings(), 'bounce')
        ok(started)
        String page = get("$JOB_PAGE/update/${started.result.startJobUpdateResult.updateId}")

        then:
        rows(page, 'update-instance') == 2
        page.findAll('<td>restart</td>').size() == 2
        !page.contains('<td>change</td>')
    }

    def "an unknown update, or one of another job, is a 404 naming it"() {
        given:
        ok(clients.manager().createJob(job()))

        expect:
        http("$JOB_PAGE/update/nope").statusCode() == 404
        http("$JOB_PAGE/update/nope").body() == 'no update nope of job www-data/prod/hello\n'
    }
}
