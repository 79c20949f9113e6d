package io.borealis.scheduler.testing

import static io.borealis.api.model.TaskStatus.FINISHED
import static io.borealis.api.model.TaskStatus.PENDING
import static io.borealis.api.model.TaskStatus.RUNNING

import io.borealis.api.model.JobKey
import io.borealis.api.model.Resources
import io.borealis.api.model.TaskEvent
import io.borealis.scheduler.storage.Storage
import io.borealis.scheduler.storage.TaskId

/**
 * The stored state the benchmarks start from, written through the store's own API: 100 jobs
 * {@code www-data/prod/job-J} of {@code count / 100} instances each, 100 agents
 * {@code agent-N}, a quota; {@code count} tasks {@code task-I} (job {@code I % 100}), the even
 * ones RUNNING on agent {@code I % 100} and the odd ones FINISHED, three events each; 5,000
 * tasks a transaction.
 */
final class BenchData {
    private BenchData() {}

    static void fill(Storage storage, int count) {
        int perJob = Math.max(1, count.intdiv(100))
        storage.write { store ->
            (0..<100).each { j ->
                store.jobs().save(Fixtures.job(job: new JobKey('www-data', 'prod', "job-$j"),
                        instances: perJob))
            }
            (0..<100).each { store.agents().save(Fixtures.agent(id: "agent-$it")) }
            store.quotas().save('www-data', new Resources(1000d, 1 << 20, 1 << 20, 0))
            null
        }
        List configs = (0..<100).collect { j ->
            Fixtures.config(job: new JobKey('www-data', 'prod', "job-$j"))
        }
        int batch = 5_000
        for (int from = 0; from < count; from += batch) {
            int to = Math.min(count, from + batch)
            storage.write { store ->
                (from..<to).each { int i ->
                    boolean running = i % 2 == 0
                    String id = "task-$i"
                    store.tasks().save(Fixtures.task(id: id, config: configs[i % 100],
                            instance: i.intdiv(100), status: running ? RUNNING : FINISHED,
                            agent: "agent-${i % 100}", timestamp: 1000L + i))
                    store.tasks().addEvent(new TaskId(id),
                            new TaskEvent(1000L + i, PENDING, 'created', 'bench'))
                    store.tasks().addEvent(new TaskId(id),
                            new TaskEvent(1001L + i, RUNNING, 'started', 'bench'))
                    store.tasks().addEvent(new TaskId(id), new TaskEvent(1002L + i,
                            running ? RUNNING : FINISHED, running ? 'healthy' : 'done', 'bench'))
                }
                null
            }
        }
    }
}
