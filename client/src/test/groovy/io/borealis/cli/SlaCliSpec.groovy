package io.borealis.cli

import io.borealis.api.json.Json
import io.borealis.api.thrift.ScheduleStatus
import io.borealis.api.thrift.ScheduledTask
import io.borealis.api.thrift.TaskEvent
import io.borealis.cli.app.BorealisMain
import io.borealis.cli.render.SlaFigures
import io.borealis.cli.testing.CliRunner
import io.borealis.cli.testing.FakeScheduler
import java.nio.file.Path
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir
import spock.lang.Timeout

/**
 * {@code borealis sla get-task-up-count} and {@code get-job-uptime} against a real Thrift
 * endpoint serving tasks whose RUNNING events are set relative to now, and the figures' rules.
 */
@Timeout(20)
class SlaCliSpec extends Specification {
    static final long HOUR = 3_600_000L

    @TempDir
    Path dir

    @AutoCleanup
    FakeScheduler scheduler = new FakeScheduler()

    CliRunner cli

    def setup() {
        cli = new CliRunner(dir)
        cli.clusters([[name: 'devcluster', scheduler_uri: scheduler.uri()]])
        long now = System.currentTimeMillis()
        // Four instances: up 2 h, 2 h, 30 min; one PENDING (down); one ended task is ignored.
        scheduler.tasks << running(0, now - 2 * HOUR) << running(1, now - 2 * HOUR)
        scheduler.tasks << running(2, now - HOUR.intdiv(2))
        scheduler.tasks << FakeScheduler.task(3, ScheduleStatus.PENDING, null,
                [ScheduleStatus.PENDING])
        scheduler.tasks << FakeScheduler.task(4, ScheduleStatus.KILLED)
    }

    static ScheduledTask running(int instance, long since) {
        def task = FakeScheduler.task(instance, ScheduleStatus.RUNNING)
        task.taskEvents = [new TaskEvent().setTimestamp(since - 1000).setStatus(ScheduleStatus.PENDING),
                           new TaskEvent().setTimestamp(since).setStatus(ScheduleStatus.RUNNING)]
        task
    }

    CliRunner.Result borealis(String... args) {
        cli.run({ context -> BorealisMain.commandLine(context) }, args)
    }

    def "get-task-up-count prints the share of instances up for each duration"() {
        when:
        def result = borealis('sla', 'get-task-up-count', 'devcluster/www-data/prod/hello',
                '--durations=1m,1h,3h')

        then:
        result.code == 0
        result.out.readLines() == ['1m - 75.00 %', '1h - 50.00 %', '3h - 0.00 %']
    }

    def "get-task-up-count --write-json; the defaults are Aurora's"() {
        when:
        def result = borealis('sla', 'get-task-up-count', 'devcluster/www-data/prod/hello',
                '--write-json')

        then:
        result.code == 0
        Json.mapper().readValue(result.out, List) == [
                [duration: '1m', seconds: 60, percentage: 75.0],
                [duration: '10m', seconds: 600, percentage: 75.0],
                [duration: '1h', seconds: 3600, percentage: 50.0],
                [duration: '12h', seconds: 43200, percentage: 0.0],
                [duration: '7d', seconds: 604800, percentage: 0.0]]
    }

    def "get-job-uptime prints the uptime at each percentile"() {
        when:
        def result = borealis('sla', 'get-job-uptime', 'devcluster/www-data/prod/hello',
                '--percentiles=90,50,25', '--write-json')
        def figures = Json.mapper().readValue(result.out, List)

        then: 'uptimes ascending 0, 1800, 7200, 7200 (seconds, give or take the call)'
        result.code == 0
        figures*.percentile == [90.0, 50.0, 25.0]
        figures[0].uptimeSecs == 0
        (figures[1].uptimeSecs as long) in (1799L..1810L)
        (figures[2].uptimeSecs as long) in (7199L..7210L)

        when:
        def text = borealis('sla', 'get-job-uptime', 'devcluster/www-data/prod/hello')

        then:
        text.code == 0
        text.out.readLines()*.replaceAll(/ - \d+ seconds/, '') ==
                ['99', '95', '90', '85', '75', '60', '50', '30', '10']*.concat(' percentile')
    }

    def "bad input is status 6 and nothing is asked: #args"() {
        when:
        def result = borealis(*(['sla'] + args))

        then:
        result.code == 6
        result.err.readLines()[0].startsWith("error: $message")
        scheduler.queries.isEmpty()

        where:
        args                                                                   || message
        ['get-task-up-count', 'devcluster/www-data/prod/hello', '--durations=1m,soon'] || "--durations: 'soon' is not a duration such as 90s, 10m, 1h or 7d"
        ['get-task-up-count', 'devcluster/www-data/prod/hello', '--durations=']        || "--durations: '' is not a duration such as 90s, 10m, 1h or 7d"
        ['get-job-uptime', 'devcluster/www-data/prod/hello', '--percentiles=100']     || "--percentiles: '100' is not a percentile more than 0 and less than 100"
        ['get-job-uptime', 'devcluster/www-data/prod/hello', '--percentiles=NaN']     || "--percentiles: 'NaN' is not a percentile more than 0 and less than 100"
        ['get-job-uptime', 'nocluster/www-data/prod/hello']                          || "unknown cluster 'nocluster'"
    }

    def "the uptime at a percentile follows Aurora's index rule"() {
        expect:
        SlaFigures.uptime((1L..10L).toList(), percentile) == expected

        where:
        percentile || expected
        99         || 1
        50         || 5
        10         || 9
        1          || 10
    }
}
