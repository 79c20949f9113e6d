package io.borealis.agent.app

import io.borealis.agent.tasks.GcPolicy
import io.borealis.agent.tasks.HostProcesses
import io.borealis.agent.testing.ExecutorStandIn
import io.borealis.agent.testing.FakeScheduler
import io.borealis.agent.testing.Tasks
import io.borealis.api.checkpoint.CheckpointLog
import io.borealis.api.checkpoint.CheckpointState
import io.borealis.api.checkpoint.TaskLayout
import io.borealis.api.model.Attribute
import io.borealis.api.model.PortRange
import io.borealis.api.model.Resources
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import java.util.concurrent.TimeUnit
import picocli.CommandLine
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

class AgentMainSpec extends Specification {
    @TempDir
    Path dir

    Path executor

    def setup() {
        executor = ExecutorStandIn.write(dir)
    }

    def "flags left out default to the machine and the documented values"() {
        when:
        def config = AgentMain.parse('--work-dir', dir.resolve('work').toString(),
                '--executor-command', executor.toString())

        then:
        config.schedulerUrl() == 'http://localhost:8081'
        config.workDir() == dir.resolve('work')
        Files.isDirectory(config.workDir())
        config.httpPort() == 0
        config.host() == InetAddress.localHost.hostName
        config.resources().cpu() == Runtime.runtime.availableProcessors()
        config.resources().ramMb() > 0
        config.resources().diskMb() > 0
        config.portRanges() == [new PortRange(31000, 31999)]
        config.attributes() == [new Attribute('host', [config.host()] as Set)]
        config.observerUrl() == null
        config.executorCommand() == executor
        config.timing() == AgentConfig.Timing.DEFAULT
        config.executorEnvironment() == [BOREALIS_TASK_USER: 'role']
        config.gc() == new GcPolicy(Duration.ofDays(7), 100, Duration.ofMinutes(1))
        config.agentTimeout() == Duration.ofSeconds(15)
    }

    def "--agent-timeout sets the loss timeout until the scheduler names one; a bad one is refused"() {
        expect:
        AgentMain.parse('--work-dir', dir.toString(), '--executor-command', executor.toString(),
                '--agent-timeout', '40s').agentTimeout() == Duration.ofSeconds(40)

        when:
        AgentMain.parse('--work-dir', dir.toString(), '--executor-command', executor.toString(),
                '--agent-timeout', value)

        then:
        def e = thrown(CommandLine.ParameterException)
        e.message == message

        where:
        value | message
        '0s'  | '--agent-timeout must be longer than 0s'
        '15'  | "--agent-timeout '15' is not a duration such as 30s, 15m, 12h or 7d"
        '-5s' | "--agent-timeout '-5s' is not a duration such as 30s, 15m, 12h or 7d"
    }

    def "--gc-delay #value keeps finished task directories for #expected"() {
        when:
        def config = AgentMain.parse('--work-dir', dir.toString(), '--executor-command', executor.toString(),
                '--gc-delay', value, '--gc-max-finished', '7')

        then:
        config.gc().delay() == expected
        config.gc().maxFinished() == 7

        where:
        value | expected
        '30s' | Duration.ofSeconds(30)
        '15m' | Duration.ofMinutes(15)
        '12h' | Duration.ofHours(12)
        '7d'  | Duration.ofDays(7)
        '0s'  | Duration.ZERO
    }

    def "a bad --gc-delay '#value' is refused, naming the flag"() {
        when:
        AgentMain.parse('--work-dir', dir.toString(), '--executor-command', executor.toString(),
                '--gc-delay', value)

        then:
        def e = thrown(CommandLine.ParameterException)
        e.message == "--gc-delay '${value}' is not a duration such as 30s, 15m, 12h or 7d"

        where:
        value << ['1w', '-5m', '10', 'h', '1.5h', '']
    }

    def "a bad --gc-max-finished '#value' is refused, naming the flag"() {
        when:
        AgentMain.parse('--work-dir', dir.toString(), '--executor-command', executor.toString(),
                '--gc-max-finished', value)

        then:
        def e = thrown(CommandLine.ParameterException)
        e.message == "--gc-max-finished '${value}' is not a whole number of 0 or more"

        where:
        value << ['-1', 'many', '1.5', '99999999999']
    }

    def "the account policy flags reach the executors' environment"() {
        when:
        def config = AgentMain.parse('--work-dir', dir.toString(), '--executor-command', executor.toString(),
                '--task-user', 'executor', '--fallback-user', 'nobody')

        then:
        config.executorEnvironment() == [BOREALIS_TASK_USER: 'executor', BOREALIS_FALLBACK_USER: 'nobody']
    }

    def "a wrong account policy is refused, naming the flag"() {
        when:
        AgentMain.parse('--work-dir', dir.toString(), '--executor-command', executor.toString(),
                '--task-user', 'root', '--fallback-user', 'Not A User')

        then:
        def e = thrown(CommandLine.ParameterException)
        e.message.readLines() == ["--task-user must be 'role' or 'executor', not 'root'",
                                  "--fallback-user 'Not A User' is not a user name"]
    }

    def "--zk finds the scheduler through ZooKeeper; --announcer-ensemble reaches the executors"() {
        when:
        def config = AgentMain.parse('--work-dir', dir.toString(), '--executor-command', executor.toString(),
                '--zk', 'zk1:2181,zk2:2181', '--zk-path', '/prod/scheduler',
                '--announcer-ensemble', 'zk1:2181')

        then:
        config.schedulerUrl() == 'zk://zk1:2181,zk2:2181/prod/scheduler'
        config.executorEnvironment().BOREALIS_ANNOUNCER_ENSEMBLE == 'zk1:2181'
    }

    def "a bad --zk, --announcer-ensemble, or a missing --scheduler-netrc is refused, naming each"() {
        when:
        AgentMain.parse('--work-dir', dir.toString(), '--executor-command', executor.toString(),
                '--zk', 'zk1', '--announcer-ensemble', 'zk1:x',
                '--scheduler-netrc', dir.resolve('netrc').toString())

        then:
        def e = thrown(CommandLine.ParameterException)
        e.message.readLines() == [
                "--announcer-ensemble: ZooKeeper ensemble 'zk1:x' is not HOST:PORT[,HOST:PORT...]",
                "--zk/--zk-path: ZooKeeper ensemble 'zk1' is not HOST:PORT[,HOST:PORT...]",
                "--scheduler-netrc ${dir.resolve('netrc')} does not exist".toString()]
    }

    def "--zk with --scheduler-netrc: the leader's host is looked up later, so the file needs some entry now"() {
        given:
        Path netrc = dir.resolve('netrc')
        Files.writeString(netrc, content)

        when:
        def result = parse(netrc)

        then:
        result == expected

        where:
        content                                           || expected
        'machine sched1 login agent-7 password p\n'       || 'netrc NETRC (login agent-7)'
        '# no entries yet\n'                              || '--scheduler-netrc NETRC holds no entry with a login and a password'
    }

    String parse(Path netrc) {
        try {
            def config = AgentMain.parse('--work-dir', dir.toString(), '--executor-command',
                    executor.toString(), '--zk', 'zk1:2181', '--host', 'agent-7',
                    '--scheduler-netrc', netrc.toString())
            config.access().credentials().toString().replace(netrc.toString(), 'NETRC')
        } catch (CommandLine.ParameterException e) {
            e.message.replace(netrc.toString(), 'NETRC')
        }
    }

    def "every flag maps to the configuration"() {
        when:
        def config = AgentMain.parse('--scheduler', 'http://sched:9000', '--work-dir', dir.toString(),
                '--http-port', '4040', '--host', 'agent-7', '--cpu', '3.5', '--ram-mb', '2048',
                '--disk-mb', '4096', '--port-range', '40000-40099', '--port-range', '41000-41000',
                '--attribute', 'rack=r1', '--attribute', 'zone=z1', '--attribute', 'rack=r2',
                '--observer-url', 'http://agent-7:1338', '--executor-command', executor.toString())

        then:
        config.schedulerUrl() == 'http://sched:9000'
        config.httpPort() == 4040
        config.host() == 'agent-7'
        config.resources() == new Resources(3.5, 2048, 4096, 0)
        config.portRanges() == [new PortRange(40000, 40099), new PortRange(41000, 41000)]
        config.attributes() == [new Attribute('host', ['agent-7'] as Set),
                                new Attribute('rack', ['r1', 'r2'] as Set),
                                new Attribute('zone', ['z1'] as Set)]
        config.observerUrl() == 'http://agent-7:1338'
    }

    def "malformed flags stop startup, naming every problem at once"() {
        when:
        AgentMain.parse('--work-dir', dir.toString(), '--executor-command', executor.toString(),
                '--scheduler', 'localhost:8081', '--port-range', '32000-31000', '--port-range', 'many',
                '--attribute', 'rack', '--attribute', 'host=other', '--cpu', '0', '--http-port', '70000')

        then:
        def e = thrown(CommandLine.ParameterException)
        e.message.readLines() == [
                "--scheduler 'localhost:8081' is not an http(s)://HOST[:PORT] URL",
                '--http-port 70000 is not a port (0-65535)',
                '--cpu must be positive, got 0.0',
                '--port-range 32000-31000 must be FIRST-LAST with 1 <= FIRST <= LAST <= 65535',
                "--port-range 'many' is not FIRST-LAST, e.g. 31000-31999",
                "--attribute 'rack' is not NAME=VALUE",
                "--attribute 'host=other': 'host' is always the host name; use --host to change it"]
        !Files.exists(dir.resolve('agent'))
    }

    def "an executor command that cannot run stops startup"() {
        when:
        AgentMain.parse('--work-dir', dir.toString(), '--executor-command', dir.resolve('nope').toString())

        then:
        def e = thrown(CommandLine.ParameterException)
        e.message == "executor command ${dir.resolve('nope')} is not an executable file"
    }

    def "an unknown flag stops startup with a clear message and status 2"() {
        given:
        def err = new StringWriter()
        def commandLine = new CommandLine(new AgentMain()).setErr(new PrintWriter(err))

        when:
        int status = commandLine.execute('--work-dir', dir.toString(), '--wokr-dir', dir.toString())

        then:
        status == 2
        err.toString().contains("Unknown options: '--wokr-dir'")
    }

    def "a missing work directory stops startup"() {
        given:
        def err = new StringWriter()
        def commandLine = new CommandLine(new AgentMain()).setErr(new PrintWriter(err))

        when:
        int status = commandLine.execute('--executor-command', executor.toString())

        then:
        status == 2
        err.toString().contains("Missing required option: '--work-dir=DIR'")
    }
}
