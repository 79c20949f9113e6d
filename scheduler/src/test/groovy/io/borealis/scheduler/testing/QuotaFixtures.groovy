package io.borealis.scheduler.testing

import io.borealis.api.model.Constraint
import io.borealis.api.model.JobConfiguration
import io.borealis.api.model.Resources
import io.borealis.api.model.TaskConfig

/** Configurations that do and do not count against quota: Fixtures' values with a tier. */
final class QuotaFixtures {
    /** A dedicated constraint for {@code role}: {@code dedicated: ROLE/db}. */
    static Constraint dedicated(String role = 'www-data') {
        new Constraint(TaskConfig.DEDICATED_ATTRIBUTE, false, ["$role/db".toString()] as Set, 0)
    }

    /**
     * Fixtures.config with {@code production} (default true), {@code tier} and
     * {@code constraints}; resources from {@code cpu}, {@code ram}, {@code disk}.
     */
    static TaskConfig config(Map args = [:]) {
        Map fixtureArgs = new HashMap(args)
        fixtureArgs.resources = new Resources((args.cpu ?: 1.0d) as double,
                (args.ram ?: 128L) as long, (args.disk ?: 256L) as long, 0)
        TaskConfig base = Fixtures.config(fixtureArgs)
        new TaskConfig(base.job(), base.isService(), base.priority(),
                args.containsKey('production') ? args.production : true, args.tier as String,
                base.maxTaskFailures(), base.resources(), args.constraints ?: [],
                base.requestedPorts(), base.task(), null, [], null, null, null, null)
    }

    static JobConfiguration job(Map args = [:]) {
        Fixtures.job(args + [config: config(args)])
    }
}
