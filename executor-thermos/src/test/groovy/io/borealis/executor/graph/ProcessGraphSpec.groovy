package io.borealis.executor.graph

import static io.borealis.executor.testing.Tasks.process

import io.borealis.api.model.Process
import io.borealis.api.model.TaskSpec
import spock.lang.Specification

class ProcessGraphSpec extends Specification {
    static TaskSpec spec(List<Process> processes, List<List<String>> order = []) {
        new TaskSpec('t', processes, order, 1, 0, 30, null, null)
    }

    def "an order constraint makes each process wait for the one before it"() {
        when:
        def graph = ProcessGraph.of(spec([process('a', 'true'), process('b', 'true'),
                process('c', 'true'), process('d', 'true')], [['a', 'b', 'c']]))

        then:
        graph.predecessorsOf('a').isEmpty()
        graph.predecessorsOf('b') == ['a'] as Set
        graph.predecessorsOf('c') == ['b'] as Set
        graph.predecessorsOf('d').isEmpty()
        graph.regular()*.name() == ['a', 'b', 'c', 'd']
    }

    def "final and regular processes are told apart"() {
        when:
        def graph = ProcessGraph.of(spec([process('a', 'true'), process('z', 'true', isFinal: true)]))

        then:
        graph.regular()*.name() == ['a']
        graph.finals()*.name() == ['z']
    }

    def "#problem is refused"() {
        when:
        ProcessGraph.of(spec(processes, order))

        then:
        def e = thrown(InvalidGraphException)
        e.message == message

        where:
        problem                  | processes                                                        | order                    || message
        'a cycle'                | [process('a', 'x'), process('b', 'x'), process('c', 'x')]        | [['a', 'b', 'c'], ['c', 'a']] || 'order constraints form a cycle: a -> b -> c -> a'
        'an unknown name'        | [process('a', 'x')]                                              | [['a', 'ghost']]         || "order constraint [a, ghost] names unknown process 'ghost'"
        'a duplicate name'       | [process('a', 'x'), process('a', 'y')]                           | []                       || "process 'a' is declared more than once"
        'a bad name'             | [process('.hidden', 'x'), process('a/b', 'x')]                   | []                       || "process name '.hidden' must not be empty, contain '/' or start with '.'; process name 'a/b' must not be empty, contain '/' or start with '.'"
        'no processes'           | []                                                               | []                       || "task 't' has no processes"
        'waiting for a daemon'   | [process('d', 'x', daemon: true), process('a', 'x')]             | [['d', 'a']]             || "process 'a' cannot run after daemon process 'd': a daemon never finishes"
        'waiting for ephemeral'  | [process('e', 'x', ephemeral: true), process('a', 'x')]          | [['e', 'a']]             || "process 'a' cannot run after ephemeral process 'e'"
        'mixing final, regular'  | [process('f', 'x', isFinal: true), process('a', 'x')]            | [['a', 'f']]             || 'order constraint [a, f] mixes final and regular processes'
    }

    def "a daemon may run after a regular process"() {
        expect:
        ProcessGraph.of(spec([process('a', 'x'), process('d', 'x', daemon: true)], [['a', 'd']]))
                .predecessorsOf('d') == ['a'] as Set
    }
}
