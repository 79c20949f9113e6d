package io.borealis.e2e

import groovy.json.JsonSlurper
import io.borealis.api.rpc.ThriftHttp
import io.borealis.api.thrift.ReadOnlyScheduler
import io.borealis.api.thrift.ResponseCode
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.atomic.AtomicBoolean
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

/**
 * Backup and online restore end to end with the real programs (the acceptance line of issue 8):
 * take a backup, change jobs and quotas, stage and commit the backup: the earlier jobs and
 * quotas are back, the cluster converges on them (tasks of the later job killed on the agent,
 * the earlier job's tasks running again), and the scheduler answered {@code /api} throughout.
 */
@Stepwise
class BackupRestoreSpec extends Specification {
    static final String FIRST = 'devcluster/www-data/prod/prod_hello'
    static final String SECOND = 'devcluster/www-data/prod/second_hello'

    @Shared
    @TempDir
    Path home

    @Shared
    LocalCluster cluster

    @Shared
    String firstFile = LocalCluster.ROOT.resolve('e2e/src/test/resources/jobs/prod_hello.groovy')
            .toString()

    @Shared
    String backup

    @Shared
    List<String> firstTasks

    def conditions = new PollingConditions(timeout: 60, initialDelay: 0.2, delay: 0.5)

    def setupSpec() {
        cluster = new LocalCluster(home)
        cluster.schedulerArgs = ['--backup-dir', home.resolve('backups').toString(),
                                 '--max-saved-backups', '5']
        cluster.start()
    }

    def cleanupSpec() {
        cluster?.close()
    }

    LocalCluster.Result admin(String... args) {
        cluster.run('bin/borealis-admin', args)
    }

    Map quota() {
        def result = cluster.borealis('quota', 'get', 'devcluster/www-data', '--write-json')
        assert result.exit == 0
        new JsonSlurper().parseText(result.out).quota as Map
    }

    List<String> jobs() {
        cluster.borealis('job', 'list', 'devcluster/www-data').out.readLines()*.trim().findAll()
    }

    List<String> running(String job) {
        cluster.status(job).active.findAll { it.status == 'RUNNING' }*.taskId as List<String>
    }

    def "a running production job and its quota are backed up"() {
        given:
        assert admin('set_quota', 'devcluster', 'www-data', '1', '1g', '1g').exit == 0
        assert cluster.borealis('job', 'create', FIRST, firstFile).exit == 0
        conditions.eventually { assert running(FIRST).size() == 2 }
        firstTasks = running(FIRST)

        when:
        def taken = admin('scheduler_backup_now', 'devcluster')
        backup = (taken.out.trim() =~ /^Backup (\S+) taken on devcluster/)[0][1]
        def listed = admin('scheduler_list_backups', 'devcluster')

        then:
        taken.exit == 0
        listed.exit == 0
        listed.out.readLines()*.split(' ')*.getAt(0) == [backup]
        Files.isRegularFile(home.resolve('backups').resolve(backup))
    }

    def "then the jobs and the quota change"() {
        given:
        Path secondFile = home.resolve('second_hello.groovy')
        Files.writeString(secondFile, Files.readString(Path.of(firstFile))
                .replace("name: 'prod_hello'", "name: 'second_hello'"))

        expect:
        cluster.borealis('job', 'killall', FIRST).exit == 0
        cluster.borealis('job', 'create', SECOND, secondFile.toString()).exit == 0
        admin('set_quota', 'devcluster', 'www-data', '0.5', '512m', '1g').exit == 0
        conditions.eventually { assert running(SECOND).size() == 2 }
        jobs() == [SECOND]
        quota() == [cpu: 0.5, ramMb: 512, diskMb: 1024]
    }

    def "the backup is staged and committed while the scheduler keeps answering /api"() {
        given: 'a thread calling the API all along'
        List<String> secondTasks = running(SECOND)
        AtomicBoolean stop = new AtomicBoolean()
        List<String> answers = new CopyOnWriteArrayList<>()
        Thread poller = Thread.start {
            while (!stop.get()) {
                try {
                    ReadOnlyScheduler.Client client = ThriftHttp.client("${cluster.schedulerUrl}/api",
                            'ReadOnlyScheduler', { new ReadOnlyScheduler.Client(it) }, [:],
                            Duration.ofSeconds(10))
                    answers << client.getJobs('www-data').responseCode.name()
                } catch (Exception e) {
                    answers << e.toString()
                }
            }
        }

        when:
        def staged = admin('scheduler_stage_recovery', 'devcluster', backup)
        def printed = admin('scheduler_print_recovery_tasks', 'devcluster', '-l', '%taskId% %status%')
        int beforeCommit = answers.size()
        def committed = admin('scheduler_commit_recovery', 'devcluster')
        int afterCommit = answers.size()
        stop.set(true)
        poller.join()

        then: 'the staged backup held the first job, running'
        staged.exit == 0
        printed.exit == 0
        printed.out.readLines() as Set == firstTasks.collect { "$it RUNNING".toString() } as Set
        committed.exit == 0

        and: 'every answer during the restore was OK, some of them while the commit ran'
        !answers.isEmpty()
        answers.every { it == ResponseCode.OK.name() }
        afterCommit > beforeCommit

        and: 'the earlier job and quota are back'
        jobs() == [FIRST]
        quota() == [cpu: 1.0, ramMb: 1024, diskMb: 1024]

        and: 'the cluster converges: the later job is stopped on the agent; the restored tasks, '
        and: 'which no agent runs, go LOST and are replaced by new ones, which run'
        conditions.eventually {
            secondTasks.each { assert LocalCluster.processesWith('BOREALIS_TASK_ID', it).isEmpty() }
            List<String> now = running(FIRST)
            assert now.size() == 2
            assert now.intersect(firstTasks).isEmpty()
        }
    }
}
