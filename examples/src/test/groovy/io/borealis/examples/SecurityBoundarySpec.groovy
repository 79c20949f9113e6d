package io.borealis.examples

import java.nio.file.Files
import java.nio.file.Path
import javax.xml.parsers.DocumentBuilderFactory
import org.w3c.dom.Element
import spock.lang.Specification

/**
 * Job files are Groovy and run only in the client, as the user who runs it: nothing the
 * scheduler, the agent or the executor runs may depend on the dsl or on Groovy. Checked over the
 * reactor's poms (every non-test dependency, followed through our own modules), and over the
 * runtime classpath a launcher copies into target/lib when a module has been packaged.
 */
class SecurityBoundarySpec extends Specification {
    static final Path ROOT = Path.of(System.getProperty('basedir', '.')).toAbsolutePath().parent

    /** artifactId of each reactor module -> its directory. */
    static Map<String, Path> modules() {
        def names = parse(ROOT.resolve('pom.xml')).getElementsByTagName('module')
        Map<String, Path> modules = [:]
        for (int i = 0; i < names.length; i++) {
            String name = names.item(i).textContent.trim()
            def pom = parse(ROOT.resolve(name).resolve('pom.xml'))
            modules[child(pom.documentElement, 'artifactId')] = ROOT.resolve(name)
        }
        modules
    }

    static org.w3c.dom.Document parse(Path pom) {
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile())
    }

    static String child(Element element, String tag) {
        def nodes = element.childNodes
        for (int i = 0; i < nodes.length; i++) {
            if (nodes.item(i) instanceof Element && nodes.item(i).nodeName == tag) {
                return nodes.item(i).textContent.trim()
            }
        }
        null
    }

    /** groupId:artifactId of every non-test dependency, through our own modules. */
    static Set<String> runtimeClosure(String artifactId, Map<String, Path> modules,
            Set<String> seen = new TreeSet<>()) {
        def pom = parse(modules[artifactId].resolve('pom.xml'))
        def dependencies = pom.documentElement.getElementsByTagName('dependencies')
        for (int d = 0; d < dependencies.length; d++) {
            def list = dependencies.item(d) as Element
            if (list.parentNode.nodeName != 'project') {
                continue // dependencyManagement or a plugin's dependencies
            }
            def items = list.getElementsByTagName('dependency')
            for (int i = 0; i < items.length; i++) {
                def dependency = items.item(i) as Element
                String scope = child(dependency, 'scope') ?: 'compile'
                String id = child(dependency, 'groupId') + ':' + child(dependency, 'artifactId')
                if (scope != 'test' && seen.add(id) && modules.containsKey(child(dependency, 'artifactId'))) {
                    runtimeClosure(child(dependency, 'artifactId'), modules, seen)
                }
            }
        }
        seen
    }

    def "#module does not depend on the dsl or on Groovy outside its tests"() {
        when:
        def closure = runtimeClosure(module, modules())

        then:
        !closure.isEmpty()
        closure.findAll { it == 'io.borealis:borealis-dsl' || it.startsWith('org.apache.groovy:') }.toList() == []

        where:
        module << ['borealis-scheduler', 'borealis-agent', 'borealis-executor-thermos']
    }

    def "the client, by contrast, does depend on the dsl: the check above can tell"() {
        expect:
        runtimeClosure('borealis-client', modules()).contains('io.borealis:borealis-dsl')
    }

    def "#dir's packaged runtime classpath, when built, holds no Groovy and no dsl jar"() {
        given:
        Path lib = ROOT.resolve(dir).resolve('target/lib')
        List<String> jars = Files.isDirectory(lib)
                ? Files.list(lib).withCloseable { it.map { it.fileName.toString() }.toList() } : []

        expect:
        jars.findAll { it.startsWith('groovy') || it.startsWith('borealis-dsl') } == []

        where:
        dir << ['scheduler', 'agent', 'executor-thermos']
    }
}
