package io.borealis.executor.sandbox

import spock.lang.Specification

class TemplatesSpec extends Specification {
    def templates = new Templates(new TemplateContext('1-r-e-n-2-abc', 'www-data', 2, 'node-1',
            [http: 8080, admin: 9090]))

    def "#reference resolves to #value"() {
        expect:
        templates.resolve('p', "run ${reference} now") == "run ${value} now"

        where:
        reference                   || value
        '{{thermos.ports[http]}}'   || '8080'
        '{{ thermos.ports[admin] }}'|| '9090'
        '{{thermos.task_id}}'       || '1-r-e-n-2-abc'
        '{{thermos.user}}'          || 'www-data'
        '{{mesos.instance}}'        || '2'
        '{{mesos.hostname}}'        || 'node-1'
        '{{other.thing}}'           || '{{other.thing}}'
        '$HOME'                     || '$HOME'
    }

    def "values that look like regex replacements are inserted literally"() {
        expect:
        new Templates(new TemplateContext('t$1\\x', 'u', 0, 'h', [:]))
                .resolve('p', 'echo {{thermos.task_id}}') == 'echo t$1\\x'
    }

    def "every unknown reference is named in one error"() {
        when:
        templates.resolve('web', 'x {{thermos.ports[grpc]}} {{mesos.role}} {{thermos.task_id}}')

        then:
        def e = thrown(TemplateException)
        e.problems() == [
                "process 'web': no port named 'grpc' for {{thermos.ports[grpc]}} (assigned ports: [admin, http])",
                "process 'web': unknown template reference {{mesos.role}}"]
    }
}
