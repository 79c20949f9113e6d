package io.borealis.scheduler.audit

import com.fasterxml.jackson.databind.ObjectMapper
import java.nio.file.Files
import java.nio.file.Path
import java.time.Clock
import java.time.Instant
import java.time.ZoneOffset
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import spock.lang.Specification
import spock.lang.TempDir

/** The audit log's format: one JSON object a line, appended, never interleaved. */
class AuditLogSpec extends Specification {
    @TempDir
    Path dir
    Clock clock = Clock.fixed(Instant.parse('2025-01-02T03:04:05Z'), ZoneOffset.UTC)

    /** The log in a directory that does not exist yet: opening the log creates it. */
    Path getFile() { dir.resolve('logs/audit.log') }

    def "an event is one JSON line with who, what, when and the outcome"() {
        given:
        AuditLog log = AuditLog.open(file, clock)

        when:
        log.record(AuditEvent.at(clock.instant(), 'dev', true, 'SchedulerManager.createJob',
                'www-data/prod/hello', 'instances=1', AuditEvent.OK, null, '127.0.0.1'))
        log.record(AuditEvent.at(clock.instant(), '-', false, 'Admin.setQuota', '', null,
                AuditEvent.REFUSED, 'no credentials (HTTP Basic required)', null))
        log.close()
        List<String> lines = Files.readAllLines(file)

        then:
        lines.size() == 2
        lines[0] == '{"time":"2025-01-02T03:04:05Z","who":"dev","authenticated":true,' +
                '"call":"SchedulerManager.createJob","target":"www-data/prod/hello",' +
                '"details":"instances=1","outcome":"ok","remote":"127.0.0.1"}'
        parse(lines[1]) == [time: '2025-01-02T03:04:05Z', who: '-',
                authenticated: false, call: 'Admin.setQuota', target: '', outcome: 'refused',
                reason: 'no credentials (HTTP Basic required)']
    }

    def "reopening appends, and lines written from many threads never interleave"() {
        given:
        AuditLog first = AuditLog.open(file, clock)
        first.record(event('before'))
        first.close()
        AuditLog log = AuditLog.open(file, clock)
        def pool = Executors.newFixedThreadPool(8)

        when:
        400.times { i -> pool.execute { log.record(event('x' * (i % 50) + i)) } }
        pool.shutdown()
        pool.awaitTermination(30, TimeUnit.SECONDS)
        log.close()
        List<String> lines = Files.readAllLines(file)

        then:
        lines.size() == 401
        lines[0].contains('"target":"before"')
        lines.every { parse(it).outcome == 'ok' }
    }

    def "quotes, newlines and markup in a value stay inside its JSON string"() {
        given:
        AuditLog log = AuditLog.open(file, clock)

        when:
        log.record(event('mallory<script>"\n'))
        log.close()

        then:
        Files.readAllLines(file).size() == 1
        parse(Files.readString(file)).target == 'mallory<script>"\n'
    }

    private static Map parse(String line) {
        new ObjectMapper().readValue(line, Map)
    }

    private AuditEvent event(String target) {
        AuditEvent.at(clock.instant(), 'admin', true, 'Admin.pruneTasks', target, null,
                AuditEvent.OK, null, null)
    }
}
