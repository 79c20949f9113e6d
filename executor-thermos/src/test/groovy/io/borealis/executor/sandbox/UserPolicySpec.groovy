package io.borealis.executor.sandbox

import static io.borealis.executor.testing.Tasks.process
import static io.borealis.executor.testing.Tasks.task

import io.borealis.api.checkpoint.TaskState
import io.borealis.executor.testing.RunnerHarness
import spock.lang.Requires
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions

class UserPolicySpec extends Specification {
    @TempDir
    Path tempDir

    RunnerHarness harness

    def setup() {
        // The roles' accounts must be able to reach the sandbox, as under an agent's work dir.
        Files.setPosixFilePermissions(tempDir, PosixFilePermissions.fromString('rwxr-xr-x'))
        harness = new RunnerHarness(tempDir)
        harness.userPolicy = new UserPolicy(UserPolicy.Mode.ROLE, null)
    }

    def cleanup() {
        harness.cleanup()
    }

    def "the environment #env gives #expected"() {
        expect:
        UserPolicy.fromEnvironment(env) == expected

        where:
        env                                                           || expected
        [:]                                                           || new UserPolicy(UserPolicy.Mode.ROLE, null)
        [BOREALIS_TASK_USER: 'executor']                              || new UserPolicy(UserPolicy.Mode.EXECUTOR, null)
        [BOREALIS_DEVCLUSTER: '/home/me/.borealis']                   || new UserPolicy(UserPolicy.Mode.ROLE, null)
        [BOREALIS_TASK_USER: 'role']                                  || new UserPolicy(UserPolicy.Mode.ROLE, null)
        [BOREALIS_FALLBACK_USER: 'nobody']                            || new UserPolicy(UserPolicy.Mode.ROLE, 'nobody')
    }

    def "a wrong BOREALIS_TASK_USER is refused, naming the variable"() {
        when:
        UserPolicy.fromEnvironment([BOREALIS_TASK_USER: 'root'])

        then:
        def e = thrown(IllegalArgumentException)
        e.message == "BOREALIS_TASK_USER must be 'role' or 'executor', not 'root'"
    }

    @Requires({ Account.currentUid() == 0 })
    def "a root executor runs the task as its role, in a sandbox the role owns"() {
        when:
        def running = harness.run(task([process('who', 'id -un > whoami; touch mine')], role: 'www-data'))

        then:
        running.await() == TaskState.SUCCESS
        running.sandbox().resolve('whoami').toFile().text == 'www-data\n'
        Files.getOwner(running.sandbox().resolve('mine')).name == 'www-data'
        Files.getOwner(running.sandbox()).name == 'www-data'
        running.state().header().user() == 'www-data'
    }

    @Requires({ Account.currentUid() == 0 })
    def "a role without an account fails the task with that reason"() {
        when:
        def running = harness.run(task([process('who', 'touch ran')], role: 'no-such-role'))

        then:
        running.await() == TaskState.FAILED
        running.state().message() == "cannot run task: role 'no-such-role' has no account on host " +
                "agent-1 and no fallback user is configured (BOREALIS_FALLBACK_USER)"
        !running.sandbox().resolve('ran').toFile().exists()
    }

    @Requires({ Account.currentUid() == 0 })
    def "a role without an account runs as the fallback user when one is configured"() {
        given:
        harness.userPolicy = new UserPolicy(UserPolicy.Mode.ROLE, 'nobody')

        when:
        def running = harness.run(task([process('who', 'id -un > whoami')], role: 'no-such-role'))

        then:
        running.await() == TaskState.SUCCESS
        running.sandbox().resolve('whoami').toFile().text == 'nobody\n'
    }

    def "in executor mode the task runs as the executor's own user"() {
        given:
        harness.userPolicy = new UserPolicy(UserPolicy.Mode.EXECUTOR, null)

        when:
        def running = harness.run(task([process('who', 'id -un > whoami')], role: 'no-such-role'))

        then:
        running.await() == TaskState.SUCCESS
        running.sandbox().resolve('whoami').toFile().text == System.getProperty('user.name') + '\n'
    }
}
