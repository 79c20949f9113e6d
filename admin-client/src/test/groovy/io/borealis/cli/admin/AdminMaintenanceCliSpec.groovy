package io.borealis.cli.admin

import io.borealis.cli.command.CliContext
import io.borealis.cli.config.CliEnvironment
import io.borealis.scheduler.app.Scheduler
import io.borealis.scheduler.app.SchedulerConfig
import io.borealis.scheduler.app.SchedulerMain
import java.nio.file.Files
import java.nio.file.Path
import java.time.Clock
import java.time.Duration
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir
import spock.lang.Timeout

/**
 * borealis-admin's host maintenance commands against a real scheduler (in-process, free port,
 * H2 in a temporary directory): modes set and read back, and bad input refused with status 6
 * before anything is sent, leaving every stored mode as it was.
 */
@Timeout(60)
class AdminMaintenanceCliSpec extends Specification {
    @TempDir
    Path dir

    @AutoCleanup
    Scheduler scheduler

    def setup() {
        scheduler = SchedulerMain.start(SchedulerConfig.defaults(dir.resolve('scheduler'))
                .withHttpPort(0), Clock.systemUTC())
        Files.writeString(dir.resolve('clusters.json'),
                """[{"name": "devcluster", "scheduler_uri": "${scheduler.localUrl()}"}]""")
    }

    Map admin(String... args) {
        def out = new StringWriter()
        def err = new StringWriter()
        def context = new CliContext(new PrintWriter(out), new PrintWriter(err),
                new CliEnvironment([BOREALIS_CONFIG_ROOT: dir.toString()], dir), false,
                Duration.ofSeconds(30), Duration.ofMillis(20))
        int code = AdminMain.commandLine(context).execute(args)
        [code: code, out: out.toString(), err: err.toString()]
    }

    List<String> status(String hosts) {
        def result = admin('host_status', "--hosts=$hosts", 'devcluster')
        assert result.code == 0: result
        result.out.readLines()
    }

    def "host_deactivate, host_status and host_activate print one line per host ending in its mode"() {
        when:
        def deactivated = admin('host_deactivate', '--hosts=h1,h2', 'devcluster')

        then: 'no agent runs on them: the scheduler keeps the mode and says so'
        deactivated.code == 0
        deactivated.out.readLines() == ['h1 is in state: SCHEDULED', 'h2 is in state: SCHEDULED']
        deactivated.err.trim() == 'note: no registered agent runs on h1, h2; the mode is kept ' +
                'and applies once one registers'
        status('h1,h2,h3') == ['h1 is in state: SCHEDULED', 'h2 is in state: SCHEDULED',
                               'h3 is in state: NONE']

        when:
        def activated = admin('host_activate', '--hosts=h1', 'devcluster')

        then:
        activated.code == 0
        activated.out.readLines() == ['h1 is in state: NONE']
        status('h1,h2') == ['h1 is in state: NONE', 'h2 is in state: SCHEDULED']
    }

    def "host_drain and sla_host_drain of hosts without tasks end DRAINED at once"() {
        expect:
        admin('host_drain', '--hosts=h1', 'devcluster').out.trim() == 'h1 is in state: DRAINED'
        admin('sla_host_drain', '--hosts=h2', '--force_drain_timeout=1h', '--default_count=2',
                '--default_duration=5m', 'devcluster').out.trim() == 'h2 is in state: DRAINED'
        status('h1,h2') == ['h1 is in state: DRAINED', 'h2 is in state: DRAINED']
    }

    def "#command with bad input is status 6, sends nothing, and no mode changes: #args"() {
        given:
        assert admin('host_deactivate', '--hosts=kept', 'devcluster').code == 0

        when:
        def result = admin(*([command] + args))

        then:
        result.code == 6
        result.err.readLines()[0].startsWith("error: $message")
        status('kept,h1,a,b') == ['a is in state: NONE', 'b is in state: NONE',
                                  'h1 is in state: NONE', 'kept is in state: SCHEDULED']

        where:
        command           | args                                               || message
        'host_deactivate' | ['devcluster']                                     || '--hosts is required: name the hosts, e.g. --hosts=host1,host2'
        'host_drain'      | ['--hosts=', 'devcluster']                         || '--hosts must not contain an empty host name'
        'host_activate'   | ['--hosts=h1,,kept', 'devcluster']                 || '--hosts must not contain an empty host name'
        'host_drain'      | ['--hosts=../etc/passwd', 'devcluster']            || "--hosts host name '../etc/passwd' is not a host name (letters, digits, '.', '-' and '_', starting and ending with a letter or digit)"
        'host_activate'   | ['--hosts=kept/x', 'devcluster']                   || "--hosts host name 'kept/x' is not a host name (letters, digits, '.', '-' and '_', starting and ending with a letter or digit)"
        'host_deactivate' | ['--hosts=' + 'h' * 300, 'devcluster']             || "--hosts host name '${'h' * 40}...' is longer than 253 characters"
        'host_deactivate' | ['--hosts=' + (0..1000).collect { "h$it" }.join(','), 'devcluster'] || '--hosts must name at most 1000 hosts, got 1001'
        'host_deactivate' | ['--hosts=h1', 'nocluster']                        || "unknown cluster 'nocluster'"
        'sla_host_drain'  | ['--hosts=h1', '--force_drain_timeout=soon', 'devcluster'] || "Invalid value for option '--force_drain_timeout': 'soon' is not a duration such as 90s, 10m or 1h"
        'sla_host_drain'  | ['--hosts=h1', '--force_drain_timeout=1500ms', 'devcluster'] || '--force_drain_timeout must be whole seconds, got 1500ms'
        'sla_host_drain'  | ['--hosts=h1', '--force_drain_timeout=4000d', 'devcluster'] || '--force_drain_timeout must be at most 3650d, got 345600000 s'
        'sla_host_drain'  | ['--hosts=h1', '--default_percentage=150', 'devcluster'] || 'default SLA policy: slaPolicy.percentage.percentage must be more than 0 and at most 100, got 150.0'
        'sla_host_drain'  | ['--hosts=h1', '--default_count=0', 'devcluster']  || 'default SLA policy: slaPolicy.count.count must be positive, got 0'
        'sla_host_drain'  | ['--hosts=h1', '--default_count=2', '--default_percentage=50', 'devcluster'] || 'give --default_percentage or --default_count, not both'
    }
}
