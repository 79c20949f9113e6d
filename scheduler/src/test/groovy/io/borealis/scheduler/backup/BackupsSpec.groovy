package io.borealis.scheduler.backup

import io.borealis.api.json.Json

import static io.borealis.api.model.TaskStatus.FINISHED
import static io.borealis.api.model.TaskStatus.PENDING
import static io.borealis.api.model.TaskStatus.RUNNING

import io.borealis.api.model.Resources
import io.borealis.api.model.TaskEvent
import io.borealis.api.model.TaskQuery
import io.borealis.scheduler.error.ErrorCode
import io.borealis.scheduler.error.PlatformException
import io.borealis.scheduler.state.PendingSignal
import io.borealis.scheduler.storage.StateTables
import io.borealis.scheduler.storage.TaskId
import io.borealis.scheduler.storage.h2.H2Storage
import io.borealis.scheduler.testing.Fixtures
import java.nio.file.Files
import java.nio.file.Path
import java.sql.DriverManager
import java.time.Clock
import java.time.Duration
import java.util.concurrent.atomic.AtomicInteger
import java.util.zip.GZIPInputStream
import java.util.zip.GZIPOutputStream
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

/**
 * Backups and recovery on real H2 databases (in memory) and real files: round trips of every
 * table, consistency under a concurrent writer, hostile names, damaged files.
 */
class BackupsSpec extends Specification {
    static final AtomicInteger DATABASES = new AtomicInteger()

    @TempDir
    Path dir

    String url = "jdbc:h2:mem:backups-spec-${DATABASES.incrementAndGet()};DB_CLOSE_DELAY=-1"
    @AutoCleanup
    H2Storage live = H2Storage.open(url, Clock.systemUTC())
    Backups backups
    @AutoCleanup
    Recovery recovery

    def setup() {
        backups = new Backups(live, new BackupSettings(dir.resolve('backups'),
                Duration.ofHours(1), 48), Clock.systemUTC())
        recovery = new Recovery(backups, live, new PendingSignal(), Clock.systemUTC())
    }

    def cleanup() {
        backups.close()
    }

    static Resources r(double cpu, long ram, long disk) {
        new Resources(cpu, ram, disk, 0)
    }

    static TaskQuery query(Map args = [:]) {
        new TaskQuery(args.role as String, null, args.job as String, args.ids as Set, null, null,
                null, null, null, null)
    }

    /** Something in every table the schema has today. */
    void fill(H2Storage storage) {
        storage.write { store ->
            store.jobs().save(Fixtures.job(instances: 2))
            store.tasks().save(Fixtures.task(id: 'run-0', instance: 0, status: RUNNING,
                    agent: 'agent-1'))
            store.tasks().save(Fixtures.task(id: 'done-1', instance: 1, status: FINISHED,
                    agent: 'agent-1'))
            store.tasks().save(Fixtures.task(id: 'wait-1', instance: 1, status: PENDING))
            store.tasks().addEvent(new TaskId('run-0'), new TaskEvent(1, PENDING, 'created', 's'))
            store.tasks().addEvent(new TaskId('run-0'), new TaskEvent(2, RUNNING, 'up', 's'))
            store.tasks().addEvent(new TaskId('done-1'), new TaskEvent(3, FINISHED, 'ok', 's'))
            store.quotas().save('www-data', r(4, 4096, 8192))
            store.quotas().save('ops', r(0.5d, 512, 1024))
            store.agents().save(Fixtures.agent(id: 'agent-1'))
            store.agents().setAckedSeq('agent-1', 7)
            null
        }
    }

    /** Removes {@code column} from {@code table}'s header and rows in a backup's lines. */
    static void dropColumn(List<String> lines, String table, String column) {
        int header = lines.findIndexOf { it.startsWith("{\"table\":\"${table}\"") }
        Map parsed = Json.mapper().readValue(lines[header], Map)
        int index = (parsed.columns as List).findIndexOf { it[0] == column }
        assert index >= 0
        (parsed.columns as List).remove(index)
        lines[header] = Json.mapper().writeValueAsString(parsed)
        for (int i = header + 1; !lines[i].startsWith('{"rows":'); i++) {
            List row = Json.mapper().readValue(lines[i], List)
            row.remove(index)
            lines[i] = Json.mapper().writeValueAsString(row)
        }
    }

    /** Adds {@code column} of {@code type} to {@code table}'s rows, each row's value by {@code value}. */
    static void addColumn(List<String> lines, String table, String column, String type,
            Closure<Object> value) {
        int header = lines.findIndexOf { it.startsWith("{\"table\":\"${table}\"") }
        Map parsed = Json.mapper().readValue(lines[header], Map)
        List<String> names = (parsed.columns as List).collect { it[0] as String }
        (parsed.columns as List).add([column, type])
        lines[header] = Json.mapper().writeValueAsString(parsed)
        for (int i = header + 1; !lines[i].startsWith('{"rows":'); i++) {
            List row = Json.mapper().readValue(lines[i], List)
            row.add(value([names, row].transpose().collectEntries()))
            lines[i] = Json.mapper().writeValueAsString(row)
        }
    }

    /** The rows of {@code table} in a backup's lines, as column name to value. */
    static List<Map<String, Object>> rowsOf(List<String> lines, String table) {
        int header = lines.findIndexOf { it.startsWith("{\"table\":\"${table}\"") }
        List<String> names = (Json.mapper().readValue(lines[header], Map).columns as List)
                .collect { it[0] as String }
        List<Map<String, Object>> rows = []
        for (int i = header + 1; !lines[i].startsWith('{"rows":'); i++) {
            rows << ([names, Json.mapper().readValue(lines[i], List)].transpose()
                    .collectEntries() as Map<String, Object>)
        }
        rows
    }

    /**
     * Every table, straight from the database's catalogue (not through the code under test),
     * but Flyway's history and the write epoch (fencing: who leads, not state to restore).
     */
    static Set<String> schemaTables(String url) {
        DriverManager.getConnection(url, 'sa', '').withCloseable { connection ->
            def rows = connection.createStatement().executeQuery(
                    "SELECT LOWER(TABLE_NAME) FROM INFORMATION_SCHEMA.TABLES " +
                            "WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_TYPE = 'BASE TABLE'")
            Set<String> names = []
            while (rows.next()) {
                names << rows.getString(1)
            }
            names - 'flyway_schema_history' - 'leader_epoch'
        }
    }

    /** Every row of every table, as the storage copies them. */
    static Map<String, List<List<Object>>> dump(StateTables tables) {
        Map<String, List<List<Object>>> dump = [:]
        tables.snapshot().withCloseable { StateTables.Reader reader ->
            Optional<StateTables.Table> table
            while ((table = reader.nextTable()).isPresent()) {
                List<List<Object>> rows = []
                Object[] row
                while ((row = reader.nextRow()) != null) {
                    rows << (row as List)
                }
                dump[table.get().name()] = rows
            }
        }
        dump
    }

    /** The table names in a backup file, read as plain gzip + JSON lines. */
    List<String> tablesIn(Backup backup) {
        new GZIPInputStream(Files.newInputStream(dir.resolve('backups').resolve(backup.id())))
                .withCloseable { it.text }.readLines()
                .findAll { it.startsWith('{"table":') }
                .collect { (it =~ /"table":"([a-z_0-9]+)"/)[0][1] }
    }

    def "a backup holds exactly the tables of the schema"() {
        given:
        fill(live)

        when:
        Backup backup = backups.perform()

        then: 'a new table cannot be left out: the file and the catalogue agree'
        tablesIn(backup) as Set == schemaTables(url)
        live.tableNames() as Set == schemaTables(url)
        schemaTables(url).containsAll(['jobs', 'tasks', 'task_events', 'task_configs', 'quotas',
                                       'agents'])
    }

    def "every row of every table survives a backup and a recovery into an empty scheduler"() {
        given:
        fill(live)
        Map before = dump(live)
        Backup backup = backups.perform()

        and: 'another, empty scheduler with the same backup directory'
        String otherUrl = "jdbc:h2:mem:backups-spec-${DATABASES.incrementAndGet()};DB_CLOSE_DELAY=-1"
        H2Storage other = H2Storage.open(otherUrl, Clock.systemUTC())
        Backups otherBackups = new Backups(other, backups.settings(), Clock.systemUTC())
        Recovery otherRecovery = new Recovery(otherBackups, other, new PendingSignal(),
                Clock.systemUTC())

        when:
        otherRecovery.stage(backup.id())
        otherRecovery.commit()

        then: 'the same rows, table by table'
        before.keySet() == schemaTables(url)
        before.findAll { name, rows -> name in ['jobs', 'tasks', 'task_events', 'task_configs',
                                                 'quotas', 'agents'] }
                .every { name, rows -> !rows.isEmpty() }
        dump(other) == before

        and: 'the in-memory views are rebuilt: active tasks, agents, their acked seq'
        other.read { it.tasks().active()*.id()*.value() as Set } == ['run-0', 'wait-1'] as Set
        other.read { it.tasks().activeOnAgent('agent-1')*.id()*.value() } == ['run-0']
        other.read { it.agents().fetchAll()*.agentId() } == ['agent-1']
        other.read { it.agents().ackedSeq('agent-1') } == 7L
        other.read { it.tasks().events([new TaskId('run-0')]) }[new TaskId('run-0')]*.message() ==
                ['created', 'up']

        and: 'new events get fresh ids after the restored ones'
        other.write { it.tasks().addEvent(new TaskId('run-0'), new TaskEvent(9, RUNNING, 'more', 's')); null } == null
        other.read { it.tasks().events([new TaskId('run-0')]) }[new TaskId('run-0')]*.message() ==
                ['created', 'up', 'more']

        cleanup:
        otherRecovery?.close()
        other?.close()
    }

    def "stage, query and trim a recovery beside the live state, then commit it"() {
        given: 'a backup, then changes: a new job, a killed task, another quota, an agent moved'
        fill(live)
        Backup backup = backups.perform()
        live.write { store ->
            store.jobs().save(Fixtures.job(job: new io.borealis.api.model.JobKey('ops', 'prod', 'new')))
            store.tasks().save(Fixtures.task(id: 'new-0', job: new io.borealis.api.model.JobKey('ops', 'prod', 'new')))
            store.tasks().save(Fixtures.task(id: 'run-0', instance: 0, status: io.borealis.api.model.TaskStatus.KILLED,
                    agent: 'agent-1'))
            store.quotas().save('www-data', r(1, 1024, 1024))
            store.agents().save(Fixtures.agent(id: 'agent-1', endpoint: 'http://moved:2'))
            store.agents().setAckedSeq('agent-1', 3)
            store.agents().save(Fixtures.agent(id: 'agent-2'))
            null
        }
        Map changed = dump(live)

        when:
        recovery.stage(backup.id())

        then: 'the staged tasks are those of the backup; nothing live changed'
        recovery.query(query())*.assignedTask()*.taskId() as Set == ['run-0', 'done-1', 'wait-1'] as Set
        recovery.query(query(ids: ['run-0'] as Set))*.status() == [RUNNING]
        recovery.query(query(ids: ['run-0'] as Set))[0].taskEvents()*.message() == ['created', 'up']
        dump(live) == changed

        when: 'a task is taken out of the recovery'
        int deleted = recovery.deleteTasks(query(ids: ['wait-1'] as Set))

        then:
        deleted == 1
        recovery.query(query())*.assignedTask()*.taskId() as Set == ['run-0', 'done-1'] as Set
        dump(live) == changed

        when:
        recovery.commit()

        then: 'the backup is back, without the deleted task'
        live.read { it.jobs().fetchAll()*.key()*.toString() } == ['www-data/prod/hello']
        live.read { it.tasks().query(query()) }*.id()*.value() as Set == ['run-0', 'done-1'] as Set
        live.read { it.tasks().fetch(new TaskId('run-0')) }.get().status() == RUNNING
        live.read { it.tasks().active()*.id()*.value() } == ['run-0']
        live.read { it.quotas().fetchAll() } == ['ops': r(0.5d, 512, 1024), 'www-data': r(4, 4096, 8192)]

        and: 'live agents stay as they are; an agent only the backup knows is not lost'
        live.read { it.agents().fetch('agent-1') }.get().endpoint() == 'http://moved:2'
        live.read { it.agents().ackedSeq('agent-1') } == 3L
        live.read { it.agents().fetchAll()*.agentId() } == ['agent-1', 'agent-2']

        and: 'the recovery is gone'
        recovery.stagedBackup() == null
    }

    def "an agent only the backup knows comes back with the recovery"() {
        given:
        fill(live)
        Backup backup = backups.perform()
        live.write { it.agents().delete('agent-1') }

        when:
        recovery.stage(backup.id())
        recovery.commit()

        then:
        live.read { it.agents().fetchAll()*.agentId() } == ['agent-1']
        live.read { it.agents().ackedSeq('agent-1') } == 7L
    }

    def "a replace writes only what differs, and rows out of key order restore exactly"() {
        given: 'a state, then changes to every kind of row: added, changed, removed'
        fill(live)
        live.write { it.agents().save(Fixtures.agent(id: 'agent-2')); null }
        Map before = dump(live)
        live.write { store ->
            store.jobs().save(Fixtures.job(job: new io.borealis.api.model.JobKey('ops', 'prod', 'new')))
            store.tasks().save(Fixtures.task(id: 'new-0', job: new io.borealis.api.model.JobKey('ops', 'prod', 'new')))
            store.tasks().addEvent(new TaskId('new-0'), new TaskEvent(4, PENDING, 'new', 's'))
            store.tasks().save(Fixtures.task(id: 'run-0', instance: 0,
                    status: io.borealis.api.model.TaskStatus.KILLED, agent: 'agent-1'))
            store.tasks().addEvent(new TaskId('run-0'), new TaskEvent(5, io.borealis.api.model.TaskStatus.KILLED, 'kill', 's'))
            store.tasks().prune([new TaskId('done-1')] as Set)
            store.quotas().save('www-data', r(1, 1024, 1024))
            null
        }
        assert dump(live) != before

        when: 'the earlier state is put back from a source whose rows come last key first'
        live.replace(rowsReversed(before, live), Recovery.LIVE_TABLES)

        then: 'every table is as it was, and the in-memory views follow'
        dump(live) == before
        live.read { it.tasks().active()*.id()*.value() as Set } == ['run-0', 'wait-1'] as Set
        live.read { it.tasks().fetch(new TaskId('done-1')) }.isPresent()
    }

    /** A source holding {@code tables} (shaped as {@code like}'s), each table's rows in reverse order. */
    static StateTables.Reader rowsReversed(Map<String, List<List<Object>>> tables, StateTables like) {
        Iterator<Map.Entry<String, List<List<Object>>>> next = tables.entrySet().iterator()
        Iterator<List<Object>> rows = null
        StateTables.Table current = null
        Map<String, StateTables.Table> shapes = [:]
        like.snapshot().withCloseable { StateTables.Reader reader ->
            Optional<StateTables.Table> table
            while ((table = reader.nextTable()).isPresent()) {
                shapes[table.get().name()] = table.get()
            }
        }
        new StateTables.Reader() {
            String schemaVersion() { like.schemaVersion() }

            Optional<StateTables.Table> nextTable() {
                if (!next.hasNext()) {
                    return Optional.empty()
                }
                def entry = next.next()
                rows = entry.value.reverse().iterator()
                current = shapes[entry.key]
                Optional.of(current)
            }

            Object[] nextRow() {
                rows.hasNext() ? rows.next() as Object[] : null
            }

            void close() {}
        }
    }

    def "backups are consistent while a writer keeps writing"() {
        given: 'a writer that adds a task and its event and counts tasks in a quota, in one write'
        AtomicInteger written = new AtomicInteger()
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean()
        Thread writer = Thread.start {
            while (!stop.get()) {
                int n = written.get() + 1
                live.write { store ->
                    store.tasks().save(Fixtures.task(id: "t-$n", instance: n))
                    store.tasks().addEvent(new TaskId("t-$n"), new TaskEvent(n, PENDING, 'new', 's'))
                    store.quotas().save('counter', r(n, n, n))
                    null
                }
                written.set(n)
            }
        }
        new PollingConditions(timeout: 10).eventually { assert written.get() >= 20 }

        when: 'backups are taken meanwhile, and a snapshot is held open halfway through its tables'
        int writtenBefore = written.get()
        List<Backup> taken = (1..5).collect { backups.perform() }
        StateTables.Reader held = live.snapshot()
        held.nextTable()
        int writtenAtSnapshot = written.get()
        boolean writerWentOn = new PollingConditions(timeout: 10).eventually {
            assert written.get() > writtenAtSnapshot
        } == null
        held.close()
        stop.set(true)
        writer.join()

        then: 'the writer was not stopped by the open snapshot (backups are too quick to tell)'
        writerWentOn

        and: 'each backup holds whole writes only: as many tasks and events as the count says'
        taken.each { Backup backup ->
            H2Storage staged = H2Storage.openFrom(
                    "jdbc:h2:mem:backups-spec-${DATABASES.incrementAndGet()};DB_CLOSE_DELAY=-1",
                    Clock.systemUTC(), backups.open(backup.id()))
            try {
                Map tables = dump(staged)
                long count = staged.read { it.quotas().fetch('counter') }.get().ramMb()
                int tasks = tables.tasks.size()
                int events = tables.task_events.size()
                assert tasks == count
                assert events == count
                assert count >= writtenBefore
            } finally {
                staged.close()
            }
        }
    }

    def "a hostile backup id is refused and opens nothing: #id"() {
        given:
        fill(live)
        Map before = dump(live)

        when:
        recovery.stage(id)

        then:
        PlatformException e = thrown()
        e.code() == ErrorCode.INVALID_REQUEST
        e.message.contains(message)
        recovery.stagedBackup() == null
        dump(live) == before

        where:
        id                                             || message
        '../x'                                         || "backup id '../x' contains a path character"
        '/etc/passwd'                                  || "backup id '/etc/passwd' contains a path character"
        'scheduler-backup-2024-01-01-00-00-00-000/../../etc/passwd' || 'characters long'
        '..'                                           || 'contains a path character'
        ''                                             || 'backup id is missing'
        null                                           || 'backup id is missing'
        'x' * 100_000                                  || 'backup id is 100000 characters long'
        'passwd'                                       || "backup id 'passwd' is not a backup name"
        'scheduler-backup-2024-13-45-99-99-99-000'     || 'is not a backup name'
        "scheduler-backup-2024-01-01-00-00-00-000\n"   || "is not a backup name"
        'scheduler-backup-2024-01-01-00-00-00-000'     || 'there is no backup scheduler-backup-2024-01-01-00-00-00-000'
    }

    def "a damaged backup is refused at stage time and nothing live changes: #damage"() {
        given:
        fill(live)
        Backup backup = backups.perform()
        Path file = dir.resolve('backups').resolve(backup.id())
        byte[] good = Files.readAllBytes(file)
        Files.write(file, damaged(good, damage))
        Map before = dump(live)

        when:
        recovery.stage(backup.id())

        then:
        PlatformException e = thrown()
        e.code() == ErrorCode.INVALID_REQUEST
        e.message.startsWith("backup ${backup.id()} ")
        e.message.contains(message)
        recovery.stagedBackup() == null
        dump(live) == before

        where:
        damage            || message
        'truncated'       || 'truncated'
        'empty'           || 'truncated'
        'flipped'         || 'corrupt'
        'not gzip'        || 'corrupt: Not in GZIP format'
        'no end'          || 'corrupt: it ends before its end record'
        'row count'       || 'corrupt: table'
        'wrong type'      || 'corrupt: table'
        'missing table'   || 'lacks table(s) [quotas]'
        'unknown table'   || 'has a table secrets that schema version'
        'future schema'   || 'the backup has schema version 99; this scheduler knows versions'
        'other format'    || 'corrupt: it does not start with a borealis-backup header'
    }

    def "a backup whose rows break a foreign key stages, but its commit is refused and changes nothing"() {
        given: 'a backup with an event of a task it does not have'
        fill(live)
        Backup backup = backups.perform()
        Path file = dir.resolve('backups').resolve(backup.id())
        Files.write(file, damaged(Files.readAllBytes(file), 'orphan event'))
        live.write { it.quotas().save('later', r(1, 1, 1)) }
        Map before = dump(live)

        when:
        recovery.stage(backup.id())
        recovery.commit()

        then:
        PlatformException e = thrown()
        e.code() == ErrorCode.INVALID_REQUEST
        e.message.contains('breaks a constraint')
        e.message.contains('TASK_EVENTS')
        dump(live) == before
        recovery.stagedBackup() == backup.id()
    }

    def "a staged backup has every index and foreign key the migrations make"() {
        given:
        fill(live)
        String staged = "jdbc:h2:mem:backups-spec-${DATABASES.incrementAndGet()};DB_CLOSE_DELAY=-1"

        when:
        H2Storage copy = live.snapshot().withCloseable { H2Storage.openFrom(staged, Clock.systemUTC(), it) }

        then:
        schema(staged) == schema(url)
        schema(url).any { it.startsWith('CREATE INDEX') }
        schema(url).any { it.contains('FOREIGN KEY') }
        dump(copy) == dump(live)

        cleanup:
        copy?.close()
    }

    /** The schema's DDL as H2 scripts it, without its data, in order. */
    static List<String> schema(String url) {
        DriverManager.getConnection(url, 'sa', '').withCloseable { connection ->
            def rows = connection.createStatement().executeQuery('SCRIPT NODATA')
            List<String> lines = []
            while (rows.next()) {
                lines << rows.getString(1)
            }
            lines.findAll { !it.startsWith('--') && !it.contains('USER') }
        }
    }

    static byte[] damaged(byte[] good, String damage) {
        switch (damage) {
            case 'truncated': return Arrays.copyOf(good, good.length.intdiv(2))
            case 'empty': return new byte[0]
            case 'flipped':
                byte[] bytes = good.clone()
                for (int i = 20; i < bytes.length - 10; i += 7) {
                    bytes[i] = (byte) (bytes[i] ^ 0x5a)
                }
                return bytes
            case 'not gzip': return 'hello, I am not a backup'.bytes
        }
        List<String> lines = gunzip(good).readLines()
        switch (damage) {
            case 'no end': lines = lines.subList(0, lines.size() - 1); break
            case 'row count':
                lines = lines.collect { it.startsWith('{"rows":') ? '{"rows":12345}' : it }
                break
            case 'wrong type':
                int at = lines.findIndexOf { it.startsWith('{"table":"quotas"') } + 1
                lines[at] = lines[at].replaceFirst(/^\["([^"]*)"/, '[12')
                break
            case 'missing table':
                int from = lines.findIndexOf { it.startsWith('{"table":"quotas"') }
                int to = (from..<lines.size()).find { lines[it].startsWith('{"rows":') }
                lines = lines.subList(0, from) + lines.subList(to + 1, lines.size())
                lines[-1] = lines[-1].replaceFirst(/"tables":\d+/, '"tables":' + (lines.count {
                    it.startsWith('{"table":') }))
                break
            case 'unknown table':
                lines.addAll(lines.size() - 1, ['{"table":"secrets","columns":[["x","STRING"]]}',
                                                '["y"]', '{"rows":1}'])
                lines[-1] = lines[-1].replaceFirst(/"tables":\d+/, '"tables":' + (lines.count {
                    it.startsWith('{"table":') }))
                break
            case 'future schema':
                lines[0] = lines[0].replaceFirst(/"schemaVersion":"[^"]*"/, '"schemaVersion":"99"')
                break
            case 'other format':
                lines[0] = lines[0].replace('borealis-backup', 'aurora-snapshot')
                break
            case 'orphan event':
                int header = lines.findIndexOf { it.startsWith('{"table":"task_events"') }
                int column = (Json.mapper().readValue(lines[header], Map).columns as List)
                        .findIndexOf { it[0] == 'task_id' }
                List row = Json.mapper().readValue(lines[header + 1], List)
                row[column] = 'no-such-task'
                lines[header + 1] = Json.mapper().writeValueAsString(row)
                break
        }
        gzip(lines.join('\n'))
    }

    static String gunzip(byte[] bytes) {
        new GZIPInputStream(new ByteArrayInputStream(bytes)).withCloseable { new String(it.readAllBytes(), 'UTF-8') }
    }

    static byte[] gzip(String text) {
        def out = new ByteArrayOutputStream()
        new GZIPOutputStream(out).withCloseable { it.write(text.getBytes('UTF-8')) }
        out.toByteArray()
    }

    def "a backup of an older schema version loads and is migrated"() {
        given: 'a backup that says it was taken at schema version 4: without host_maintenance (V5),'
        and: 'the cron tables and jobs.cron_timezone (V8), the update tables (V9), and with the'
        and: 'agents\' acked seqs in agents.acked_seq rather than in agent_acks (V15)'
        fill(live)
        Backup backup = backups.perform()
        Path file = dir.resolve('backups').resolve(backup.id())
        List<String> lines = gunzip(Files.readAllBytes(file)).readLines()
        Map<String, Object> seqs = rowsOf(lines, 'agent_acks')
                .collectEntries { [(it.agent_id): it.acked_seq] }
        assert seqs.values().any { it != 0 }
        addColumn(lines, 'agents', 'acked_seq', 'LONG') { Map row -> seqs[row.agent_id] }
        lines[0] = lines[0].replaceFirst(/"schemaVersion":"[^"]*"/, '"schemaVersion":"4"')
        List<String> later = ['host_maintenance', 'cron_state', 'cron_runs', 'job_update_events',
                'job_update_instances', 'job_update_configs', 'job_updates', 'agent_acks']
        later.each { String table ->
            int start = lines.findIndexOf { it.startsWith("{\"table\":\"${table}\"") }
            int end = lines.findIndexOf(start) { it.startsWith('{"rows":') }
            (end..start).each { lines.remove(it as int) }
        }
        dropColumn(lines, 'jobs', 'cron_timezone')
        int tables = (lines[-1] =~ /"tables":(\d+)/)[0][1] as int
        lines[-1] = lines[-1].replaceFirst(/"tables":\d+/, "\"tables\":${tables - later.size()}")
        Files.write(file, gzip(lines.join('\n')))

        when:
        recovery.stage(backup.id())

        then:
        recovery.query(query())*.assignedTask()*.taskId() as Set == ['run-0', 'done-1', 'wait-1'] as Set

        when: 'it becomes the state of an empty scheduler'
        H2Storage other = H2Storage.open(
                "jdbc:h2:mem:backups-spec-${DATABASES.incrementAndGet()};DB_CLOSE_DELAY=-1",
                Clock.systemUTC())
        Recovery otherRecovery = new Recovery(new Backups(other, backups.settings(),
                Clock.systemUTC()), other, new PendingSignal(), Clock.systemUTC())
        otherRecovery.stage(backup.id())
        otherRecovery.commit()

        then: 'V15 moved each agent\'s acked seq'
        seqs.every { id, seq -> other.read { it.agents().ackedSeq(id as String) } == seq }

        cleanup:
        otherRecovery?.close()
        other?.close()
    }

    def "recovery calls in the wrong order say what to do"() {
        when:
        recovery.commit()

        then:
        PlatformException e = thrown()
        e.message == 'no recovery is staged: stage a backup first (stageRecovery)'

        when:
        recovery.query(query())

        then:
        e = thrown(PlatformException)
        e.message == 'no recovery is staged: stage a backup first (stageRecovery)'

        when:
        Backup backup = backups.perform()
        recovery.stage(backup.id())
        recovery.stage(backup.id())

        then:
        e = thrown(PlatformException)
        e.message == "backup ${backup.id()} is staged already: commit or unload it first"

        expect:
        recovery.unload()
        !recovery.unload()
    }

    def "only the newest backups are kept, oldest first in the list"() {
        given:
        Backups few = new Backups(live, new BackupSettings(dir.resolve('few'), Duration.ofHours(1),
                3), Clock.systemUTC())

        when:
        List<Backup> taken = (1..5).collect { few.perform() }

        then:
        few.list()*.id() == taken[2..4]*.id()
        few.list().every { it.sizeBytes() > 0 && it.timestamp() > 0 }
        Files.list(dir.resolve('few')).withCloseable { it.count() } == 3
    }

    def "backups are taken every interval, and a crashed backup's temporary file is removed"() {
        given:
        Path periodic = dir.resolve('periodic')
        Files.createDirectories(periodic)
        Files.writeString(periodic.resolve('.scheduler-backup-2024-01-01-00-00-00-000.tmp'), 'half')
        Backups timed = new Backups(live, new BackupSettings(periodic, Duration.ofMillis(200), 2),
                Clock.systemUTC())

        when:
        timed.start()

        then:
        new PollingConditions(timeout: 10).eventually {
            assert timed.list().size() == 2
        }
        !Files.exists(periodic.resolve('.scheduler-backup-2024-01-01-00-00-00-000.tmp'))

        cleanup:
        timed?.close()
    }

    def "bad backup settings are refused with the setting named"() {
        when:
        new BackupSettings(dir, interval, max)

        then:
        IllegalArgumentException e = thrown()
        e.message == message

        where:
        interval              | max    || message
        Duration.ZERO         | 48     || 'backup interval must be positive, got PT0S'
        Duration.ofMinutes(-1) | 48    || 'backup interval must be positive, got PT-1M'
        Duration.ofHours(1)   | 0      || 'max saved backups must be 1-10000, got 0'
        Duration.ofHours(1)   | 10_001 || 'max saved backups must be 1-10000, got 10001'
    }
}
