package io.borealis.scheduler.storage.h2

import static io.borealis.api.model.TaskStatus.RUNNING

import io.borealis.api.model.TaskEvent
import io.borealis.scheduler.storage.Task
import io.borealis.scheduler.storage.TaskId
import io.borealis.scheduler.testing.Fixtures
import io.borealis.scheduler.testing.PostgresServer
import java.nio.file.Files
import java.nio.file.Path
import java.time.Clock
import java.util.concurrent.Callable
import java.util.concurrent.Executors
import spock.lang.Requires
import spock.lang.Specification

/**
 * What a small write costs, the epoch check included: writes like a status update (one task
 * of 1,000 changes, one event), one at a time and from 4 threads, on a claimed storage on in-memory H2
 * (the CPU cost alone: the check's share of it shows here), an H2 file and PostgreSQL. Prints
 * BENCH lines; asserts no duration. To see the check's own cost, run it again with
 * {@code H2Storage.checkEpoch} commented out.
 *
 * <p>{@code mvn -B -o test -pl scheduler -am -Dtest=FencingBenchSpec
 * -Dsurefire.failIfNoSpecifiedTests=false -DargLine=-Dfencing.bench=1}
 * ({@code -Dfencing.bench.writes=N}, default 20,000 per round; 3 rounds;
 * {@code -Dfencing.bench.databases=h2-memory,h2-file,postgresql}).
 */
@Requires({ System.getProperty('fencing.bench') })
class FencingBenchSpec extends Specification {
    static final int WRITES = Integer.getInteger('fencing.bench.writes', 20_000)
    static final int THREADS = 4
    /** Tasks the writes go round: a few events each, as tasks have. */
    static final int TASKS = 1_000

    def "small writes per second on a claimed storage, #database"() {
        given:
        Path dir = Files.createTempDirectory('fencing-bench')
        String url = [
                'h2-memory': "jdbc:h2:mem:fencing-bench;DB_CLOSE_DELAY=-1",
                'h2-file': "jdbc:h2:file:$dir/db/borealis"][database]
                ?: PostgresServer.createDatabase()
        H2Storage storage = H2Storage.open(url, Clock.systemUTC())
        storage.claimLeadership()
        List<Task> tasks = (0..<TASKS).collect {
            Fixtures.task(id: "t$it", instance: it, status: RUNNING, agent: 'a1')
        }
        storage.write { store -> tasks.each { store.tasks().save(it) } }
        def pool = Executors.newFixedThreadPool(THREADS)

        expect:
        3.times { round ->
            long started = System.nanoTime()
            (0..<WRITES).each { i -> move(storage, tasks[i % TASKS], i) }
            report(database, 'one writer', round, started)

            started = System.nanoTime()
            pool.invokeAll((0..<THREADS).collect { t ->
                { ->
                    (0..<WRITES.intdiv(THREADS)).each { i ->
                        move(storage, tasks[(i * THREADS + t) % TASKS], i)
                    }
                } as Callable
            })*.get()
            report(database, "$THREADS writers", round, started)
        }

        cleanup:
        pool?.shutdownNow()
        storage?.close()
        dir?.toFile()?.deleteDir()

        where:
        database << System.getProperty('fencing.bench.databases', 'h2-memory,h2-file,postgresql')
                .split(',')
    }

    static void move(H2Storage storage, Task task, int i) {
        storage.write { store ->
            store.tasks().save(task.withStatus(RUNNING, i as long))
            store.tasks().addEvent(task.id(), new TaskEvent(i as long, RUNNING, "beat $i", 's'))
        }
    }

    static void report(String database, String how, int round, long started) {
        double seconds = (System.nanoTime() - started) / 1e9d
        printf('BENCH fencing %s %s round %d: %d writes in %.2f s, %.0f writes/s, %.1f us/write%n',
                database, how, round + 1, WRITES, seconds, WRITES / seconds,
                seconds * 1e6d / WRITES)
    }
}
