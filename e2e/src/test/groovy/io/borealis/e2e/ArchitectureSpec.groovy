package io.borealis.e2e

import static com.tngtech.archunit.library.Architectures.layeredArchitecture
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices

import com.tngtech.archunit.base.DescribedPredicate
import com.tngtech.archunit.core.domain.JavaClass
import com.tngtech.archunit.core.domain.JavaClasses
import com.tngtech.archunit.core.importer.ClassFileImporter
import com.tngtech.archunit.core.importer.ImportOption
import com.tngtech.archunit.core.importer.Location
import com.tngtech.archunit.lang.ArchRule
import com.tngtech.archunit.lang.EvaluationResult
import java.util.function.Predicate
import spock.lang.Shared
import spock.lang.Specification

/**
 * The house rules on dependencies (DESIGN.md, STYLE.md 1), checked over the main classes of every
 * module, which this module sees on its test class path:
 *
 * <pre>
 *            client ──> dsl ──> api <── scheduler, agent, executor-thermos, observer
 *   admin-client ──┘ └───────────┘
 * </pre>
 *
 * Nothing depends on client, admin-client, scheduler, agent, executor-thermos or observer but
 * e2e and distribution, with one exception: admin-client is built on the client's command-line
 * framework (CliContext, ExitCode, the cluster configuration). Inside every module the packages
 * form a DAG, package by package and feature by feature ({@code io.borealis.MODULE.FEATURE} with
 * its sub-packages).
 */
class ArchitectureSpec extends Specification {
    /** Each module and the root of its packages; a class of the module outside its root fails. */
    static final Map<String, String> ROOTS = [
            'api'             : 'io.borealis.api',
            'dsl'             : 'io.borealis.dsl',
            'scheduler'       : 'io.borealis.scheduler',
            'agent'           : 'io.borealis.agent',
            'executor-thermos': 'io.borealis.executor',
            'observer'        : 'io.borealis.observer',
            'admin-client'    : 'io.borealis.cli.admin',
            'client'          : 'io.borealis.cli',
    ]

    /**
     * The modules' own classes: not their tests, and not the test fixtures that api and
     * scheduler share with e2e as test-jars (ArchUnit's DO_NOT_INCLUDE_TESTS knows test-classes
     * directories, not {@code -tests.jar} files).
     */
    @Shared
    JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption({ Location location -> !location.contains('-tests.jar') } as ImportOption)
            .importPackages('io.borealis')

    def "every module's classes are on the class path"() {
        expect:
        ROOTS.keySet().every { module -> classes.any { moduleOf(it) == module } }
    }

    def "each module's classes live under its own package root"() {
        given:
        List<String> misplaced = classes.findAll { JavaClass c ->
            String module = moduleOf(c)
            module == null || !inModulePackage(c.packageName, module)
        }.collect { "${it.name} (module ${moduleOf(it) ?: 'unknown'}, from ${it.source.map { s -> s.uri }.orElse(null)})" }

        expect:
        misplaced == []
    }

    def "module dependencies point one way"() {
        given:
        ArchRule rule = modules()

        expect:
        violations(rule) == []
    }

    def "the packages of every module form a DAG, package by package"() {
        given:
        ArchRule rule = slices().matching('io.borealis.(**)').namingSlices('package io.borealis.$1')
                .should().beFreeOfCycles()

        expect:
        violations(rule) == []
    }

    def "the features of every module form a DAG, each with its sub-packages"() {
        given:
        ArchRule rule = slices().matching('io.borealis.(*).(*)..').namingSlices('io.borealis.$1.$2..')
                .should().beFreeOfCycles()

        expect:
        violations(rule) == []
    }

    /** What {@code rule} finds wrong, one entry per violation; empty when it holds. */
    private List<String> violations(ArchRule rule) {
        EvaluationResult result = rule.evaluate(classes)
        result.hasViolation() ? result.failureReport.details : []
    }

    /** The allowed module edges, as layers (a layer may only use the ones it lists). */
    static modules() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer('api').definedBy('io.borealis.api..')
                .layer('dsl').definedBy('io.borealis.dsl..')
                .layer('scheduler').definedBy('io.borealis.scheduler..')
                .layer('agent').definedBy('io.borealis.agent..')
                .layer('executor-thermos').definedBy('io.borealis.executor..')
                .layer('observer').definedBy('io.borealis.observer..')
                .layer('admin-client').definedBy('io.borealis.cli.admin..')
                .layer('client').definedBy(DescribedPredicate.describe('io.borealis.cli.. but not cli.admin..',
                        { JavaClass c -> inModulePackage(c.packageName, 'client') } as Predicate<JavaClass>))
                .whereLayer('api').mayOnlyAccessLayers('api')
                .whereLayer('dsl').mayOnlyAccessLayers('api')
                .whereLayer('client').mayOnlyAccessLayers('dsl', 'api')
                .whereLayer('admin-client').mayOnlyAccessLayers('client', 'dsl', 'api')
                .whereLayer('scheduler').mayOnlyAccessLayers('api')
                .whereLayer('agent').mayOnlyAccessLayers('api')
                .whereLayer('executor-thermos').mayOnlyAccessLayers('api')
                .whereLayer('observer').mayOnlyAccessLayers('api')
    }

    static boolean inModulePackage(String pkg, String module) {
        String root = ROOTS[module]
        boolean inRoot = pkg == root || pkg.startsWith(root + '.')
        // client's root holds admin-client's: a client class must not sit in cli.admin.
        inRoot && !(module == 'client' && inModulePackage(pkg, 'admin-client'))
    }

    /**
     * The module a class was compiled in, from where it was loaded: MODULE/target/classes in the
     * reactor, or the module's jar (borealis-MODULE-VERSION.jar). Null when neither.
     */
    static String moduleOf(JavaClass c) {
        String uri = c.source.map { it.uri.toString() }.orElse('')
        def dir = uri =~ /\/([a-z-]+)\/target\/classes\//
        if (dir.find() && ROOTS.containsKey(dir.group(1))) {
            return dir.group(1)
        }
        def jar = uri =~ /\/borealis-([a-z-]+?)-\d[^\/]*\.jar!/
        jar.find() && ROOTS.containsKey(jar.group(1)) ? jar.group(1) : null
    }
}
