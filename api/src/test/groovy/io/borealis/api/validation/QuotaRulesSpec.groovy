package io.borealis.api.validation

import io.borealis.api.model.Resources
import spock.lang.Specification

class QuotaRulesSpec extends Specification {
    def "a quota of #cpu cores, #ram MB, #disk MB is valid"() {
        expect:
        QuotaRules.problems(new Resources(cpu, ram, disk, 0)).isEmpty()

        where:
        cpu                 | ram                 | disk
        0d                  | 0L                  | 0L
        4.5d                | 2048L               | 4096L
        QuotaRules.MAX_CPU  | QuotaRules.MAX_MB   | QuotaRules.MAX_MB
    }

    def "a quota of #cpu cores, #ram MB, #disk MB is refused: #problems"() {
        expect:
        QuotaRules.problems(new Resources(cpu, ram, disk, 0))*.toString() == problems

        where:
        cpu                      | ram                    | disk   || problems
        -1d                      | 1024L                  | 1024L  || ['quota.cpu must not be negative, got -1.0']
        1e15d                    | 1024L                  | 1024L  || ['quota.cpu must be at most 1000000 cores, got 1.0E15']
        Double.NaN               | 1024L                  | 1024L  || ['quota.cpu must be a finite number of cores, got NaN']
        Double.POSITIVE_INFINITY | 1024L                  | 1024L  || ['quota.cpu must be a finite number of cores, got Infinity']
        1d                       | -1L                    | 1024L  || ['quota.ramMb must not be negative, got -1']
        1d                       | 1024L                  | (1L << 40) + 1 || ["quota.diskMb must be at most ${1L << 40} MB (1 EB), got ${(1L << 40) + 1}"]
        -1d                      | -2L                    | -3L    || ['quota.cpu must not be negative, got -1.0',
                                                                      'quota.ramMb must not be negative, got -2',
                                                                      'quota.diskMb must not be negative, got -3']
    }
}
