package io.borealis.scheduler.backup

import static io.borealis.api.model.TaskStatus.KILLED

import io.borealis.api.model.JobKey
import io.borealis.api.model.TaskEvent
import io.borealis.scheduler.state.PendingSignal
import io.borealis.scheduler.storage.Task
import io.borealis.scheduler.storage.TaskId
import io.borealis.scheduler.storage.h2.H2Storage
import io.borealis.scheduler.testing.BenchData
import java.nio.file.Files
import java.nio.file.Path
import java.time.Clock
import java.time.Duration
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicLong
import spock.lang.Requires
import spock.lang.Specification

/**
 * Backup and restore (stage + commit) of a file-backed H2 holding 100,000 tasks with three events
 * each: prints BENCH lines (wall and whole-JVM CPU milliseconds), asserts nothing about durations. Not part of the normal build; run
 * with {@code mvn -B -o test -pl scheduler -am -Dtest=BackupBenchSpec
 * -Dsurefire.failIfNoSpecifiedTests=false -DargLine="-Dbackup.bench=1 -Xmx4g"}
 * ({@code -Dbackup.bench=N} for N tasks).
 */
@Requires({ System.getProperty('backup.bench') })
class BackupBenchSpec extends Specification {
    /** Rounds of backup + restore ({@code -Dbackup.bench.rounds}, default 3). */
    static final int ROUNDS = Integer.getInteger('backup.bench.rounds', 3)
    /**
     * Tasks changed between the backup and its restore ({@code -Dbackup.bench.changed}, default
     * 0): each running one is killed with one more event, which the restore undoes.
     */
    static final int CHANGED = Integer.getInteger('backup.bench.changed', 0)

    static int tasks() {
        String wanted = System.getProperty('backup.bench')
        wanted == '1' ? 100_000 : Integer.parseInt(wanted)
    }

    def "backup and restore of #count tasks in file-backed H2"() {
        given:
        Path dir = Files.createTempDirectory('backup-bench-')
        H2Storage live = H2Storage.open(
                "jdbc:h2:file:${dir.resolve('db/borealis')};DB_CLOSE_ON_EXIT=FALSE", Clock.systemUTC())
        Backups backups = new Backups(live, new BackupSettings(dir.resolve('backups'),
                Duration.ofHours(1), 48), Clock.systemUTC())
        Recovery recovery = new Recovery(backups, live, new PendingSignal(), Clock.systemUTC())
        BenchData.fill(live, count)
        println "BENCH backup-restore setup: ${count} tasks, ${count * 3} events, 100 jobs, " +
                "db ${Files.size(dir.resolve('db/borealis.mv.db')) >> 20} MB"

        when:
        List<Map> rounds = (1..ROUNDS).collect { round(live, backups, recovery) }

        then:
        rounds.every { it.backupBytes > 0 }
        live.read { it.tasks().active().size() } == count.intdiv(2)

        cleanup:
        recovery?.close()
        live?.close()
        dir?.toFile()?.deleteDir()

        where:
        count = tasks()
    }

    static Map round(H2Storage live, Backups backups, Recovery recovery) {
        long start = System.nanoTime()
        long cpu = cpuNanos()
        Backup backup = backups.perform()
        long backupMs = ms(start)
        long backupCpuMs = (cpuNanos() - cpu).intdiv(1_000_000)
        change(live, CHANGED)

        // A reader through the whole restore, as /api calls would be: its slowest read.
        AtomicBoolean stop = new AtomicBoolean()
        AtomicLong slowest = new AtomicLong()
        AtomicLong reads = new AtomicLong()
        JobKey job = new JobKey('www-data', 'prod', 'job-7')
        Thread reader = Thread.start {
            while (!stop.get()) {
                long t = System.nanoTime()
                live.read { it.tasks().activeOfJob(job).size() }
                slowest.accumulateAndGet(System.nanoTime() - t, Math::max)
                reads.incrementAndGet()
                // About a thousand reads a second, as busy API clients: not a core of its own.
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000)
            }
        }
        start = System.nanoTime()
        cpu = cpuNanos()
        recovery.stage(backup.id())
        long stageMs = ms(start)
        long stageCpuMs = (cpuNanos() - cpu).intdiv(1_000_000)
        start = System.nanoTime()
        cpu = cpuNanos()
        recovery.commit()
        long commitMs = ms(start)
        long commitCpuMs = (cpuNanos() - cpu).intdiv(1_000_000)
        stop.set(true)
        reader.join()
        println "BENCH changed=${CHANGED} backup ms=${backupMs} cpu=${backupCpuMs} bytes=${backup.sizeBytes()} | " +
                "restore stage ms=${stageMs} cpu=${stageCpuMs} commit ms=${commitMs} cpu=${commitCpuMs} " +
                "total ms=${stageMs + commitMs} cpu=${stageCpuMs + commitCpuMs} | reader during restore: " +
                "${reads.get()} reads, slowest ${slowest.get().intdiv(1_000_000)} ms"
        [backupMs: backupMs, backupBytes: backup.sizeBytes(), stageMs: stageMs, commitMs: commitMs]
    }

    /**
     * CPU time of the whole JVM (every thread: H2's, the collector's, the reader's), since the
     * machine is shared and wall time alone depends on what else runs.
     */
    static long cpuNanos() {
        ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).processCpuTime
    }

    /** Kills {@code count} running tasks (the even ones), each with one more event. */
    static void change(H2Storage storage, int count) {
        for (int from = 0; from < count; from += 2_000) {
            int to = Math.min(count, from + 2_000)
            storage.write { store ->
                (from..<to).each { int n ->
                    String id = "task-${2 * n}"
                    Task task = store.tasks().fetch(new TaskId(id)).get()
                    store.tasks().save(task.withStatus(KILLED, 5000L + n))
                    store.tasks().addEvent(new TaskId(id), new TaskEvent(5000L + n, KILLED, 'bench kill', 'bench'))
                }
                null
            }
        }
    }

    static long ms(long since) {
        (System.nanoTime() - since).intdiv(1_000_000)
    }
}
