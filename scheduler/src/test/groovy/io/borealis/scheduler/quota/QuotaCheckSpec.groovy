package io.borealis.scheduler.quota

import static io.borealis.scheduler.testing.QuotaFixtures.config
import static io.borealis.scheduler.testing.QuotaFixtures.dedicated

import io.borealis.api.model.Resources
import io.borealis.scheduler.tier.Tiers
import spock.lang.Specification

class QuotaCheckSpec extends Specification {
    QuotaCheck check = new QuotaCheck(Tiers.auroraDefaults())

    static Resources r(double cpu, long ram, long disk) {
        new Resources(cpu, ram, disk, 0)
    }

    def "#what counts against quota: #counts"() {
        expect:
        check.counts(taskConfig) == counts

        where:
        what                              | taskConfig                                           || counts
        'production'                      | config(production: true)                             || true
        "tier 'preferred'"                | config(production: false, tier: 'preferred')         || true
        "tier 'preemptible'"              | config(production: false, tier: 'preemptible')       || false
        "production in tier 'revocable'"  | config(production: true, tier: 'revocable')          || false
        'non-production (default tier)'   | config(production: false)                            || false
        'dedicated production'            | config(production: true, constraints: [dedicated()]) || false
    }

    def "active tasks split into production and not, shared and dedicated"() {
        when:
        Consumption used = check.consumption([
                config(production: true, cpu: 1.0d, ram: 100, disk: 10),
                config(production: true, cpu: 0.5d, ram: 50, disk: 5),
                config(production: false, cpu: 2.0d, ram: 200, disk: 20),
                config(production: true, constraints: [dedicated()], cpu: 4.0d, ram: 400, disk: 40),
                config(production: false, constraints: [dedicated()], cpu: 8.0d, ram: 800, disk: 80)])

        then:
        used == new Consumption(r(1.5d, 150, 15), r(2.0d, 200, 20), r(4.0d, 400, 40),
                r(8.0d, 800, 80))
    }

    def "nothing active holds nothing"() {
        expect:
        check.consumption([]) == Consumption.NONE
    }

    def "cpu adds up in decimal: ten tasks of 0.1 hold exactly 1 core and fit a quota of 1"() {
        when:
        Resources held = check.consumption((1..10).collect { config(cpu: 0.1d) }).prodShared()

        then:
        held.cpu() == 1.0d
        QuotaCheck.refusal('www-data', r(1.1d, 10_000, 10_000), held, r(0.1d, 1, 1)).isEmpty()
        QuotaCheck.refusal('www-data', r(1.1d, 10_000, 10_000), held, r(0.2d, 1, 1)).isPresent()
    }

    def "what fits exactly is admitted"() {
        expect:
        QuotaCheck.refusal('www-data', r(2, 2048, 4096), r(1, 1024, 2048), r(1, 1024, 2048))
                .isEmpty()
    }

    def "a refusal names the role, the resource, what is asked, what is left and the quota"() {
        expect:
        QuotaCheck.refusal('www-data', r(4, 2048, 8192), r(1, 1024, 0), r(1, 4096, 10)).get() ==
                'Insufficient resource quota for role www-data: RAM asks 4096 MB, 1024 MB left ' +
                'of 2048 MB quota (use borealis-admin increase_quota)'
    }

    def "every resource that is short is named"() {
        expect:
        QuotaCheck.refusal('db', r(0, 0, 0), r(0, 0, 0), r(0.5d, 16, 32)).get() ==
                'Insufficient resource quota for role db: CPU asks 0.5 cores, 0 cores left of ' +
                '0 cores quota; RAM asks 16 MB, 0 MB left of 0 MB quota; DISK asks 32 MB, 0 MB ' +
                'left of 0 MB quota (use borealis-admin increase_quota)'
    }

    def "a role already over its lowered quota has nothing left, not less than nothing"() {
        expect:
        QuotaCheck.refusal('www-data', r(1, 1024, 1024), r(3, 1024, 1024), r(1, 0, 0)).get() ==
                'Insufficient resource quota for role www-data: CPU asks 1 core, 0 cores left ' +
                'of 1 core quota (use borealis-admin increase_quota)'
    }

    def "an absurd request saturates instead of overflowing, and is refused with a message"() {
        when:
        Resources asked = Amounts.times(r(1e308d, Long.MAX_VALUE, 1), 4000)

        then:
        asked.ramMb() == Long.MAX_VALUE
        QuotaCheck.refusal('www-data', r(1_000_000, 1L << 40, 1L << 40), Amounts.ZERO, asked)
                .get().startsWith('Insufficient resource quota for role www-data: CPU asks ' +
                '9223372036854.775 cores, 1000000 cores left of 1000000 cores quota; RAM asks ' +
                '9223372036854775807 MB')
        check.consumption([config(cpu: 1e308d), config(cpu: 1e308d)]).prodShared().cpu() ==
                Long.MAX_VALUE / 1e6d
    }

    def "amounts: copies, sums and what is left"() {
        expect:
        Amounts.times(r(0.1d, 16, 32), 3) == r(0.3d, 48, 96)
        Amounts.plus(r(0.1d, 1, 2), r(0.2d, 3, 4)) == r(0.3d, 4, 6)
        Amounts.left(r(1, 100, 100), r(0.25d, 150, 0)) == r(0.75d, 0, 100)
    }
}
