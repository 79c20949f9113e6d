package io.borealis.distribution

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

/**
 * Installs the packaged borealis-VERSION.tar.gz as on a host: unpacks it into a temp directory
 * and runs its launchers from there, with no BOREALIS_ROOT, HOME pointing into the temp
 * directory (so the class-data-sharing cache lands there) and the working directory outside
 * any checkout. Runs after package (maven-failsafe-plugin), which passes the archive's path.
 */
class DistributionIT extends Specification {

    static final String VERSION = System.getProperty('borealis.version')
    static final Path ARCHIVE = Path.of(System.getProperty('borealis.distribution'))
    static final List<String> PROGRAMS = ['client', 'admin-client', 'scheduler', 'agent',
                                          'executor-thermos', 'observer']

    @Shared @TempDir Path work
    @Shared Path install
    @Shared Path home

    def setupSpec() {
        assert Files.isRegularFile(ARCHIVE): "no archive at $ARCHIVE: run mvn package first"
        def tar = new ProcessBuilder('tar', 'xzf', ARCHIVE.toString(), '-C', work.toString())
                .redirectErrorStream(true).start()
        assert tar.waitFor(60, TimeUnit.SECONDS) && tar.exitValue() == 0: tar.inputStream.text
        install = work.resolve("borealis-$VERSION")
        home = Files.createDirectories(work.resolve('home'))
    }

    def 'the archive holds the launchers, one jar set per program, the examples and the README'() {
        expect:
        ['borealis', 'borealis-admin', 'borealis-scheduler', 'borealis-agent', 'borealis-observer',
         'borealis-executor', 'borealis-devcluster'].every { Files.isExecutable(install.resolve("bin/$it")) }
        Files.isRegularFile(install.resolve('bin/borealis-env.sh'))
        PROGRAMS.every { Files.isRegularFile(install.resolve("lib/$it/borealis-$it-${VERSION}.jar")) }
        Files.isRegularFile(install.resolve('lib/client/picocli-4.7.7.jar'))
        Files.isRegularFile(install.resolve('examples/hello_world.groovy'))
        Files.isRegularFile(install.resolve('README.md'))
        !Files.exists(install.resolve('pom.xml'))
    }

    def 'borealis --version prints the version, and a second run maps the CDS archive the first recorded'() {
        when:
        def first = run(['bin/borealis', '--version'])
        def archives = cdsArchives('client.jsa')
        def second = run(['bin/borealis', '--version'])

        then:
        first.exit == 0
        first.out.trim() == "borealis $VERSION"
        archives.size() == 1
        second.exit == 0
        second.out.trim() == "borealis $VERSION"
    }

    def 'borealis config list reads an example job file'() {
        given:
        def configRoot = Files.createTempDirectory(work, 'config')

        when:
        def result = run(['bin/borealis', 'config', 'list', 'examples/hello_world.groovy'],
                [BOREALIS_CONFIG_ROOT: configRoot.toString()])

        then:
        result.exit == 0
        result.out.trim() == 'devcluster/www-data/prod/hello'
    }

    def 'borealis-executor runs a task to SUCCESS'() {
        given:
        String taskId = "${System.currentTimeMillis()}-www-data-prod-tiny-0-dist"
        def root = Files.createDirectories(work.resolve("tasks/$taskId/sandbox")).parent
        Files.writeString(root.resolve('task.json'), taskJson(taskId, 'echo hello from the distribution'))

        when:
        def result = run(['bin/borealis-executor', root.toString()],
                [BOREALIS_TASK_ID: taskId, BOREALIS_TASK_USER: 'executor'])

        then:
        result.exit == 0
        def checkpoint = Files.readString(root.resolve('runner.ckpt'))
        checkpoint =~ /"type":"task"[^\n]*"state":"SUCCESS"/
        Files.readString(root.resolve('sandbox/.logs/tiny/0/stdout')).trim() == 'hello from the distribution'
        cdsArchives('executor.jsa').size() == 1
    }

    def 'a launcher whose program is missing from the installation says so and never runs Maven'() {
        given:
        def agentLib = install.resolve('lib/agent')
        def moved = work.resolve('agent-lib-moved')
        Files.move(agentLib, moved)

        when:
        def result = run(['bin/borealis-agent', '--help'])

        then:
        result.exit == 20
        result.out.contains('holds no agent')
        !result.out.contains('building')

        cleanup:
        Files.move(moved, agentLib)
    }

    /** Runs COMMAND in the installation, without BOREALIS_ROOT; returns exit code and output. */
    Map run(List<String> command, Map<String, String> env = [:]) {
        def builder = new ProcessBuilder(command.collect { it.startsWith('bin/') ? install.resolve(it).toString() : it })
                .directory(install.toFile()).redirectErrorStream(true)
        builder.environment().remove('BOREALIS_ROOT')
        builder.environment().remove('BOREALIS_CDS_DIR')
        builder.environment().remove('XDG_CACHE_HOME')
        builder.environment().put('HOME', home.toString())
        builder.environment().putAll(env)
        def process = builder.start()
        def out = new StringBuilder()
        def reader = Thread.start { out << process.inputStream.text }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor()
            throw new AssertionError("${command} did not end within 60 s; output so far: $out")
        }
        reader.join()
        [exit: process.exitValue(), out: out.toString()]
    }

    List<Path> cdsArchives(String name) {
        def cache = home.resolve('.cache/borealis')
        Files.isDirectory(cache) ? Files.walk(cache).withCloseable { s -> s.filter { it.fileName.toString() == name }.toList() } : []
    }

    static String taskJson(String taskId, String cmdline) {
        """{"taskId":"$taskId","agentId":"dist","agentHost":"localhost","instanceId":0,"assignedPorts":{},
 "task":{"job":{"role":"www-data","environment":"prod","name":"tiny"},"isService":false,
  "priority":0,"production":false,"maxTaskFailures":1,
  "resources":{"cpu":0.1,"ramMb":64,"diskMb":64,"gpu":0},
  "constraints":[],"requestedPorts":[],"metadata":[],
  "task":{"name":"tiny","orderConstraints":[],"maxFailures":1,"maxConcurrency":0,
   "finalizationWaitSecs":0,
   "processes":[{"name":"tiny","cmdline":"$cmdline","maxFailures":1,"daemon":false,
    "ephemeral":false,"minDurationSecs":0,"isFinal":false,
    "logger":{"destination":"FILE","mode":"STANDARD","rotateLogSizeBytes":0,"rotateBackups":0}}]}}}"""
    }
}
