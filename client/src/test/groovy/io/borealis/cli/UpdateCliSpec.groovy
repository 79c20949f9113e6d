package io.borealis.cli

import io.borealis.cli.app.BorealisMain
import io.borealis.cli.testing.CliRunner
import io.borealis.cli.testing.FakeScheduler
import java.nio.file.Path
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir
import spock.lang.Timeout

/**
 * {@code borealis update} input checks that need no scheduler: each is refused before any call
 * (the fake answers every update call with an error, exit 10). The commands themselves run
 * against the real scheduler in e2e RollingUpdateSpec.
 */
@Timeout(20)
class UpdateCliSpec extends Specification {
    @TempDir
    Path dir

    @AutoCleanup
    FakeScheduler scheduler = new FakeScheduler()

    CliRunner cli

    def setup() {
        cli = new CliRunner(dir)
        cli.clusters([[name: 'devcluster', scheduler_uri: scheduler.uri()]])
    }

    CliRunner.Result borealis(String... args) {
        cli.run({ context -> BorealisMain.commandLine(context) }, args)
    }

    def "bad update arguments are exit 6 naming the problem"() {
        when:
        def result = borealis(args as String[])

        then:
        result.code == 6
        result.err.contains(message)

        where:
        args                                                           || message
        ['update', 'list', 'devcluster/www-data', '--status', 'bogus'] || "unknown update state 'bogus'"
        ['update', 'list', 'devcluster/www-data/prod']                 || "'devcluster/www-data/prod' is neither CLUSTER/ROLE/ENV/NAME nor CLUSTER[/ROLE]"
        ['update', 'list', 'nowhere/www-data']                         || 'nowhere'
        ['update', 'info', 'devcluster/www-data/prod']                 || 'devcluster/www-data/prod'
        ['update', 'pause', 'devcluster/www-data/prod/x/0']            || 'devcluster/www-data/prod/x/0'
    }

    def "the update commands are listed under update --help"() {
        when:
        def result = borealis('update', '--help')

        then:
        result.code == 0
        ['start', 'pause', 'resume', 'abort', 'rollback', 'pulse', 'list', 'info', 'wait'].every {
            result.out.contains("   ")
        }
    }
}
