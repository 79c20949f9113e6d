package io.borealis.cli

import io.borealis.api.json.Json
import io.borealis.api.thrift.GetQuotaResult
import io.borealis.api.thrift.JobKey
import io.borealis.api.thrift.Resources
import io.borealis.api.thrift.ResponseCode
import io.borealis.cli.app.BorealisMain
import io.borealis.cli.testing.CliRunner
import io.borealis.cli.testing.FakeScheduler
import java.nio.file.Path
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir
import spock.lang.Timeout

/** {@code borealis quota get} and {@code borealis job add} against a real Thrift endpoint. */
@Timeout(20)
class QuotaCliSpec extends Specification {
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

    static Resources r(double cpu, long ram, long disk) {
        new Resources(cpu, ram, disk, 0)
    }

    def "quota get --write-json prints the spec's shape"() {
        given:
        scheduler.quotas['www-data'] = new GetQuotaResult(r(4, 2048, 8192), r(1.5d, 768, 1024),
                r(0.1d, 16, 16), r(0, 0, 0), r(2, 256, 512))

        when:
        def result = borealis('quota', 'get', 'devcluster/www-data', '--write-json')

        then:
        result.code == 0
        scheduler.queriedRoles == ['www-data']
        def json = Json.mapper().readValue(result.out, Map)
        json.keySet() as List == ['quota', 'prodSharedConsumption', 'nonProdSharedConsumption',
                                  'prodDedicatedConsumption', 'nonProdDedicatedConsumption']
        json.quota == [cpu: 4.0, ramMb: 2048, diskMb: 8192]
        json.prodSharedConsumption == [cpu: 1.5, ramMb: 768, diskMb: 1024]
        json.nonProdSharedConsumption == [cpu: 0.1, ramMb: 16, diskMb: 16]
        json.prodDedicatedConsumption == [cpu: 0.0, ramMb: 0, diskMb: 0]
        json.nonProdDedicatedConsumption == [cpu: 2.0, ramMb: 256, diskMb: 512]
    }

    def "quota get prints a table"() {
        given:
        scheduler.quotas['www-data'] = new GetQuotaResult(r(4, 2048, 8192), r(1.5d, 768, 1024),
                r(0.1d, 16, 16), r(0, 0, 0), r(2, 256, 512))

        when:
        def result = borealis('quota', 'get', 'devcluster/www-data')

        then:
        result.code == 0
        result.out.readLines() == [
                'Quota of devcluster/www-data (only production shared work counts against it):',
                '                                    CPU          RAM         DISK',
                '  quota                               4      2048 MB      8192 MB',
                '  production shared                 1.5       768 MB      1024 MB',
                '  non-production shared             0.1        16 MB        16 MB',
                '  production dedicated                0         0 MB         0 MB',
                '  non-production dedicated            2       256 MB       512 MB']
    }

    def "the quota of a role without one is all zeros"() {
        when:
        def result = borealis('quota', 'get', 'devcluster/nobody', '--write-json')

        then:
        result.code == 0
        Json.mapper().readValue(result.out, Map).values().every {
            it == [cpu: 0.0, ramMb: 0, diskMb: 0]
        }
    }

    def "quota get with a bad key is status 6 and sends nothing: #arg"() {
        when:
        def result = borealis('quota', 'get', arg)

        then:
        result.code == 6
        result.err.contains(message)
        scheduler.queriedRoles.isEmpty()

        where:
        arg                        || message
        'devcluster/../x'          || "role '..' must not be '.' or '..'"
        'devcluster/a/b/c'         || "is not of the form CLUSTER/ROLE"
        'devcluster/..'            || "role '..' must not be '.' or '..'"
        'devcluster/a b'           || "role 'a b' must be 1-255 characters"
        'devcluster'               || "is not of the form CLUSTER/ROLE"
        'devcluster/www-data/prod' || 'quota get takes CLUSTER/ROLE'
        'elsewhere/www-data'       || "unknown cluster 'elsewhere'"
    }

    def "a refused quota get is status 10"() {
        given:
        scheduler.refuseWith = ResponseCode.INVALID_REQUEST
        scheduler.refusal = "role 'x' is odd"

        expect:
        with(borealis('quota', 'get', 'devcluster/x')) {
            code == 10
            err.trim() == "error: scheduler refused: role 'x' is odd"
        }
    }

    def "job add sends the instance to copy and the count"() {
        when:
        def result = borealis('job', 'add', 'devcluster/www-data/prod/hello/1', '3')

        then:
        result.code == 0
        result.out.trim() == 'Job add succeeded: 3 instances of devcluster/www-data/prod/hello ' +
                'added, copies of instance 1'
        scheduler.added == [[job: new JobKey('www-data', 'prod', 'hello'), instance: 1, count: 3]]
    }

    def "job add the scheduler refuses (say over quota) is status 10 with its message"() {
        given:
        scheduler.refuseWith = ResponseCode.INVALID_REQUEST
        scheduler.refusal = 'Insufficient resource quota for role www-data: RAM asks 4096 MB, ' +
                '1024 MB left of 2048 MB quota (use borealis-admin increase_quota)'

        expect:
        with(borealis('job', 'add', 'devcluster/www-data/prod/hello/0', '2')) {
            code == 10
            err.trim() == 'error: scheduler refused: Insufficient resource quota for role ' +
                    'www-data: RAM asks 4096 MB, 1024 MB left of 2048 MB quota (use ' +
                    'borealis-admin increase_quota)'
        }
    }

    def "job add with a bad argument is status 6 and sends nothing: #args"() {
        when:
        def result = borealis(*(['job', 'add'] + args))

        then:
        result.code == 6
        result.err.contains(message)
        scheduler.added.isEmpty()

        where:
        args                                                  || message
        ['devcluster/www-data/prod/hello/0', '0']             || 'COUNT must be from 1 to 10000, got 0'
        ['devcluster/www-data/prod/hello/0', '-2']            || 'COUNT must be from 1 to 10000, got -2'
        ['devcluster/www-data/prod/hello/0', '10001']         || 'COUNT must be from 1 to 10000, got 10001'
        ['devcluster/www-data/prod/hello/0', '99999999999']   || "'99999999999' is not an int"
        ['devcluster/www-data/prod/hello/0', 'two']           || "'two' is not an int"
        ['devcluster/www-data/prod/hello', '1']               || 'is not an instance key of the form CLUSTER/ROLE/ENV/NAME/INSTANCES'
        ['devcluster/www-data/prod/hello/0-2', '1']           || "job add copies one instance; 'devcluster/www-data/prod/hello/0,1,2' names 3"
        ['devcluster/www-data/../hello/0', '1']               || "job key environment '..' must not be '.' or '..'"
    }

    def "job add without a count is a usage mistake (status 5)"() {
        expect:
        borealis('job', 'add', 'devcluster/www-data/prod/hello/0').code == 5
        scheduler.added.isEmpty()
    }
}
