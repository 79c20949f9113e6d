package io.borealis.e2e

import groovy.json.JsonSlurper
import java.nio.file.Files
import java.nio.file.Path
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

/**
 * A rolling update with the real programs: a 3-instance service gets a new command through
 * `update start --wait`, one instance at a time, and every instance ends up running it.
 */
class RollingUpdateSpec extends Specification {
    static final String JOB = 'devcluster/www-data/prod/rolling'

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

    Path jobFile(String version) {
        Path file = home.resolve("rolling-${version}.groovy")
        Files.writeString(file, """
            main = Process(name: 'main', cmdline: 'echo ${version}; while true; do sleep 1; done')
            jobs = [Service(
              task: Task(processes: [main], resources: Resources(cpu: 0.1, ram: 16*MB, disk: 16*MB)),
              cluster: 'devcluster', role: 'www-data', environment: 'prod', name: 'rolling',
              update_config: UpdateConfig(batch_size: 1, watch_secs: 1),
              instances: 3)]
            """.stripIndent())
        file
    }

    def "update start --wait rolls a changed command onto every instance, one at a time"() {
        given: 'three instances of v1 running'
        assert cluster.borealis('job', 'create', JOB, jobFile('v1').toString()).exit == 0
        conditions.eventually {
            assert cluster.status(JOB).active*.status == ['RUNNING'] * 3
        }
        Set<String> v1Tasks = cluster.status(JOB).active*.taskId as Set

        when:
        def started = cluster.borealis('update', 'start', JOB, jobFile('v2').toString(), '--wait',
                '--message', 'to v2')

        then:
        started.exit == 0
        String id = started.out.readLines()[0].trim()

        and: 'three new RUNNING tasks, none of them the old ones'
        conditions.eventually {
            def active = cluster.status(JOB).active
            assert active*.status == ['RUNNING'] * 3
            assert (active*.taskId as Set).intersect(v1Tasks).isEmpty()
        }

        and: 'the update says ROLLED_FORWARD, each instance SUCCEEDED, each killed once'
        def info = cluster.borealis('update', 'info', JOB, id, '--write-json')
        info.exit == 0
        def update = new JsonSlurper().parseText(info.out)
        update.id == id
        update.job == 'www-data/prod/rolling'
        update.status == 'ROLLED_FORWARD'
        update.instances*.state == ['SUCCEEDED'] * 3
        update.events.count { it.status == 'KILLING' } == 3

        and: 'it is listed'
        def list = new JsonSlurper().parseText(
                cluster.borealis('update', 'list', 'devcluster/www-data', '--write-json').out)
        list*.id == [id]
        list[0].keySet() == ['job', 'id', 'status', 'user', 'started', 'lastModified'] as Set

        and: 'the same file again changes nothing and is refused'
        def again = cluster.borealis('update', 'start', JOB, jobFile('v2').toString())
        again.exit == 10
        again.err.contains('changes nothing')

        and: 'update wait on the ended update exits 0'
        cluster.borealis('update', 'wait', JOB, id).exit == 0
    }
}
