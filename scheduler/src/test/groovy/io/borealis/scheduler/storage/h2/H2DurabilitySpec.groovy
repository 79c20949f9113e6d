package io.borealis.scheduler.storage.h2

import java.nio.file.Files
import java.nio.file.Path
import java.time.Clock
import spock.lang.Specification

/**
 * Every acknowledged write survives a crash of the scheduler's process: a child JVM writes and
 * acknowledges, then halts without closing anything; every write it acknowledged is there when
 * the database is opened again, also when several threads write at once and their commits reach
 * the file together ({@link GroupCommit}). (With H2's default write delay alone, a few hundred
 * were lost.)
 */
class H2DurabilitySpec extends Specification {
    Path home = Files.createTempDirectory('h2-durability')

    def cleanup() {
        home.toFile().deleteDir()
    }

    def "a write acknowledged before the process died is in the database, #threads writing at once"() {
        given:
        String url = "jdbc:h2:file:$home/db/borealis;DB_CLOSE_ON_EXIT=FALSE"

        when:
        Process child = new ProcessBuilder(
                Path.of(System.getProperty('java.home'), 'bin', 'java').toString(),
                '-cp', System.getProperty('java.class.path'),
                CrashingWriter.name, url, '500', threads as String)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start()
        List<String> lines = child.inputStream.readLines()
        child.waitFor()
        int acked = lines.count { it.startsWith('acked ') }
        H2Storage storage = H2Storage.open(url, Clock.systemUTC())
        List<String> stored = storage.read { it.agents().fetchAll()*.agentId() }
        storage.close()

        then:
        acked == 500
        stored.size() == 500
        stored.toSet() == (0..<500).collect { "agent-$it".toString() }.toSet()

        where:
        threads << [1, 8]
    }
}
