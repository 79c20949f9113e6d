package io.borealis.scheduler.scheduling

import io.borealis.scheduler.storage.MutableStoreProvider
import io.borealis.scheduler.storage.h2.H2Storage
import io.borealis.scheduler.testing.Fixtures
import io.borealis.scheduler.testing.TestStorage
import java.util.concurrent.Callable
import java.util.concurrent.CountDownLatch
import java.util.concurrent.ExecutorService
import java.util.concurrent.Executors
import java.util.concurrent.Future
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.util.concurrent.PollingConditions

/**
 * Grouping on real H2: each request stores an agent named after it, so what a write kept is in
 * the database; the step records which write (unit of work) applied each request.
 */
class GroupedWritesSpec extends Specification {
    @AutoCleanup
    H2Storage storage = TestStorage.open()
    @AutoCleanup('shutdownNow')
    ExecutorService callers = Executors.newFixedThreadPool(8)
    /** Request -> the store it was applied in, last time it was applied. */
    Map<String, MutableStoreProvider> appliedIn = [:].asSynchronized()
    GroupedWrites<String, String> writes = new GroupedWrites<>(storage, { store, String request ->
        store.agents().save(Fixtures.agent(id: request))
        appliedIn[request] = store
        if (request.startsWith('bad')) {
            throw new IllegalArgumentException("refused $request")
        }
        "applied $request".toString()
    } as GroupedWrites.Step)

    /** Starts {@code requests} while another write holds the storage, then lets it go. */
    List<Future<String>> behindAWrite(List<String> requests) {
        CountDownLatch entered = new CountDownLatch(1)
        CountDownLatch release = new CountDownLatch(1)
        Future<?> blocker = callers.submit({
            storage.write { entered.countDown(); release.await(); null }
        } as Callable)
        entered.await()
        List<Thread> threads = [].asSynchronized()
        List<Future<String>> futures = requests.collect { request ->
            callers.submit({ threads << Thread.currentThread(); writes.apply(request) } as Callable)
        }
        new PollingConditions(timeout: 10).eventually {
            assert threads.size() == requests.size()
            assert threads.every { it.state == Thread.State.WAITING }
        }
        release.countDown()
        blocker.get()
        futures
    }

    def "requests that arrive during a write are applied together, in at most two writes"() {
        when:
        List<Future<String>> answers = behindAWrite(['a1', 'a2', 'a3', 'a4', 'a5', 'a6'])

        then: 'each caller gets its own answer, once its write is stored'
        answers*.get() == ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'].collect { "applied $it".toString() }
        storage.read { it.agents().fetchAll() }*.agentId() as Set == ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'] as Set

        and: 'the first may have gone alone; the five that waited behind it share one write'
        appliedIn.values().toSet().size() <= 2
    }

    def "a request that fails fails alone: the others of its group are stored"() {
        when:
        List<Future<String>> answers = behindAWrite(['a1', 'a2', 'bad', 'a4'])
        Map<String, Object> outcomes = ['a1', 'a2', 'bad', 'a4'].withIndex().collectEntries { request, i ->
            try {
                [(request): answers[i].get()]
            } catch (java.util.concurrent.ExecutionException e) {
                [(request): e.cause.message]
            }
        }

        then:
        outcomes == [a1: 'applied a1', a2: 'applied a2', bad: 'refused bad', a4: 'applied a4']
        storage.read { it.agents().fetchAll() }*.agentId() as Set == ['a1', 'a2', 'a4'] as Set
    }

    def "a caller alone is applied in a write of its own and gets its failure thrown"() {
        expect:
        writes.apply('a1') == 'applied a1'

        when:
        writes.apply('bad')

        then:
        IllegalArgumentException e = thrown()
        e.message == 'refused bad'
        storage.read { it.agents().fetchAll() }*.agentId() == ['a1']
    }
}
