package io.borealis.api.checkpoint

import java.nio.file.Path
import spock.lang.Specification
import spock.lang.TempDir

class ResourceUsageSpec extends Specification {
    @TempDir
    Path dir

    def "a sample written to resources.json reads back; no file reads as no sample"() {
        given:
        def layout = new TaskLayout(dir.resolve('task-1'))
        dir.resolve('task-1').toFile().mkdirs()
        def sample = new ResourceUsage(1000, 0.25, 4096, 8192, 3, 1.0, 64L << 20, 16L << 20)

        expect:
        ResourceUsage.read(layout.resources()).isEmpty()

        when:
        sample.write(layout.resources())

        then:
        ResourceUsage.read(layout.resources()).get() == sample
        !dir.resolve('task-1/resources.json.tmp').toFile().exists()
    }
}
