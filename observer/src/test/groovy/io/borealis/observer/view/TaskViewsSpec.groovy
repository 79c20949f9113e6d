package io.borealis.observer.view

import io.borealis.api.checkpoint.ResourceUsage
import spock.lang.Specification

class TaskViewsSpec extends Specification {
    static final long NOW = 1_700_000_000_000L

    def "a sample taken #offsetMillis ms from now is #verdict"() {
        given:
        def sample = new ResourceUsage(NOW + offsetMillis, 0.5, 100, 200, 3, 1, 0, 0)

        when:
        def use = TaskViews.executorSample(sample, NOW)

        then:
        use.isPresent() == fresh
        !fresh || use.get() == new ResourceUse(0.5d, 100L, 200L, 3,
                new ResourceUse.ExecutorSample(NOW + offsetMillis, Math.max(0, -offsetMillis)))

        where:
        offsetMillis || fresh
        0            || true
        -30_000      || true
        -30_001      || false
        2_000        || true
        30_001       || false
        verdict = fresh ? 'used' : 'ignored'
    }

    def "no sample is no use"() {
        expect:
        !TaskViews.executorSample(null, NOW).isPresent()
    }
}
