package io.borealis.examples

import io.borealis.dsl.script.JobFileEvaluator
import java.nio.file.Files
import java.nio.file.Path
import spock.lang.Shared
import spock.lang.Specification

/** Every job file in examples/ evaluates without a single diagnostic. */
class ExamplesSpec extends Specification {
    @Shared
    Path examples = Path.of(System.getProperty('basedir', '.'))

    static List<Path> jobFiles(Path dir) {
        Files.list(dir).withCloseable { files ->
            files.filter { it.fileName.toString().endsWith('.groovy') }.sorted().toList()
        }
    }

    def "the examples directory holds the files the documentation names"() {
        expect:
        jobFiles(examples)*.fileName*.toString().containsAll(['hello_world.groovy', 'fail.groovy'])
    }

    def "#file.fileName evaluates without problems"() {
        when:
        def evaluation = new JobFileEvaluator().evaluate(file, [:])

        then:
        evaluation.diagnostics()*.format() == []
        !evaluation.jobs().isEmpty()

        where:
        file << jobFiles(Path.of(System.getProperty('basedir', '.')))
    }

    def "hello_world is the devcluster service that fits a laptop"() {
        when:
        def job = new JobFileEvaluator().evaluate(examples.resolve('hello_world.groovy'), [:])
                .jobs()[0]

        then:
        job.cluster() == 'devcluster'
        job.key().toString() == 'www-data/prod/hello'
        job.taskConfig().isService()
        job.taskConfig().resources().cpu() == 0.1d
        job.taskConfig().resources().ramMb() == 16
        job.taskConfig().resources().diskMb() == 16
        job.taskConfig().task().processes()*.cmdline()[0].contains('echo hello world')
    }

    def "fail is a batch job whose only process exits 1"() {
        when:
        def job = new JobFileEvaluator().evaluate(examples.resolve('fail.groovy'), [:]).jobs()[0]

        then:
        job.cluster() == 'devcluster'
        job.key().toString() == 'www-data/prod/fail'
        !job.taskConfig().isService()
        job.taskConfig().task().processes()*.name() == ['fail']
        job.taskConfig().task().processes()[0].cmdline().endsWith('exit 1')
    }
}
