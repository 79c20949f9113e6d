package io.borealis.scheduler.testing

import java.nio.file.Files
import java.nio.file.Path
import java.sql.DriverManager
import java.sql.SQLException
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger

/**
 * A throwaway PostgreSQL server for the specs: one per test JVM, started on first use from
 * Debian's binaries ({@code /usr/lib/postgresql/VERSION/bin}, the newest; or the directory
 * {@code BOREALIS_PG_BIN} names) in a temporary directory, on a free port, with its socket in
 * that directory; never the system's service. Each {@link #createDatabase} is a fresh, empty
 * database. Stopped (immediate shutdown) and deleted when the JVM exits.
 *
 * <p>A JVM that ends before its shutdown hook finishes (killed, or halted by the test runner)
 * leaves its directory, and its server, behind: each directory names its owner (the JVM's pid
 * and start time in {@code owner}), and every start first stops and deletes the servers of
 * owners that are gone ({@link #removeStale}).
 *
 * <p>{@code initdb} and {@code postgres} refuse to run as root: as root (CI) they run as the
 * unprivileged user {@code postgres} (the Debian package's) or else {@code nobody}, through
 * util-linux's {@code setpriv}, in a directory handed to that user.
 *
 * <p>Durability is off ({@code fsync}, {@code synchronous_commit}): the specs test behaviour,
 * not crashes of the machine.
 */
final class PostgresServer {
    private static final AtomicInteger DATABASES = new AtomicInteger()
    private static final String SUPERUSER = 'borealis'
    private static final String PREFIX = 'borealis-pg'
    /** A directory without an owner file this old is a leftover of a server before owners. */
    private static final long UNOWNED_GRACE_MILLIS = TimeUnit.MINUTES.toMillis(10)
    private static PostgresServer instance
    private static String unavailable

    final int port
    private final Path dir
    private final Path bin
    private final List<String> asUser
    private final Process process

    private PostgresServer(Path bin, Path dir, List<String> asUser, int port, Process process) {
        this.bin = bin
        this.dir = dir
        this.asUser = asUser
        this.port = port
        this.process = process
    }

    /**
     * Whether specs can have a server: true when PostgreSQL is installed. Without it, false
     * outside CI (the PostgreSQL variants are skipped) and a failure in CI ({@code CI} set),
     * where {@code .ci/run} installs it.
     */
    static synchronized boolean available() {
        if (binDir() != null) {
            return true
        }
        if (System.getenv('CI') != null) {
            throw new IllegalStateException('PostgreSQL is not installed (no '
                    + '/usr/lib/postgresql/*/bin/initdb, BOREALIS_PG_BIN unset) but CI is set: '
                    + '.ci/run installs Debian\'s postgresql package')
        }
        return false
    }

    /** The server of this JVM, started on first call. */
    static synchronized PostgresServer get() {
        if (unavailable != null) {
            throw new IllegalStateException(unavailable)
        }
        if (instance == null) {
            try {
                instance = start()
            } catch (Exception e) {
                unavailable = 'cannot start PostgreSQL for the specs: ' + e.message
                throw new IllegalStateException(unavailable, e)
            }
        }
        return instance
    }

    /** A JDBC URL (user in it) of a new, empty database on this JVM's server. */
    static String createDatabase() {
        PostgresServer server = get()
        String name = "borealis_test_${DATABASES.incrementAndGet()}"
        server.withConnection('postgres') { it.createStatement().execute("CREATE DATABASE $name") }
        return server.url(name)
    }

    String url(String database) {
        "jdbc:postgresql://127.0.0.1:$port/$database?user=$SUPERUSER"
    }

    private <T> T withConnection(String database, Closure<T> work) {
        def connection = DriverManager.getConnection(url(database))
        try {
            return work(connection)
        } finally {
            connection.close()
        }
    }

    private static Path binDir() {
        String configured = System.getenv('BOREALIS_PG_BIN')
        if (configured) {
            return Path.of(configured)
        }
        Path root = Path.of('/usr/lib/postgresql')
        if (!Files.isDirectory(root)) {
            return null
        }
        return Files.list(root).withCloseable { versions ->
            versions.filter { Files.isExecutable(it.resolve('bin/initdb')) }
                    .max(Comparator.comparing { Path p -> p.fileName.toString().isInteger()
                            ? p.fileName.toString().toInteger() : 0 })
                    .map { it.resolve('bin') }.orElse(null)
        }
    }

    private static PostgresServer start() {
        Path bin = binDir()
        if (bin == null) {
            throw new IllegalStateException('PostgreSQL is not installed '
                    + '(apt-get install postgresql; or set BOREALIS_PG_BIN)')
        }
        removeStale()
        Path dir = Files.createTempDirectory(PREFIX)
        try {
            Files.writeString(dir.resolve('owner'), ownerOf(ProcessHandle.current()))
            return start(bin, dir)
        } catch (Exception e) {
            dir.toFile().deleteDir()
            throw e
        }
    }

    private static PostgresServer start(Path bin, Path dir) {
        List<String> asUser = []
        if (isRoot()) {
            String user = userExists('postgres') ? 'postgres' : 'nobody'
            run(['chown', user, dir.toString()])
            asUser = ['setpriv', "--reuid=$user", "--regid=${groupOf(user)}", '--clear-groups']
                    .collect { it.toString() }
        }
        Path data = dir.resolve('data')
        run(asUser + [bin.resolve('initdb').toString(), '-D', data.toString(), '-U', SUPERUSER,
                      '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'])
        Exception last = null
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort()
            Path log = dir.resolve("postgres-${port}.log")
            Process process = new ProcessBuilder(asUser + [bin.resolve('postgres').toString(),
                    '-D', data.toString(), '-p', port.toString(), '-k', dir.toString(),
                    '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off',
                    '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
                    '-c', 'max_connections=300'])
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start()
            PostgresServer server = new PostgresServer(bin, dir, asUser, port, process)
            try {
                server.awaitReady(log)
                Runtime.runtime.addShutdownHook(new Thread({ server.stop() }, 'postgres-stop'))
                return server
            } catch (Exception e) {
                last = e
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS)
            }
        }
        throw last
    }

    private void awaitReady(Path log) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60)
        while (true) {
            if (!process.alive) {
                throw new IllegalStateException("postgres exited: ${Files.readString(log)}")
            }
            try {
                withConnection('postgres') { it.isValid(5) }
                return
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("postgres did not accept connections in 60 s: "
                            + Files.readString(log), e)
                }
                Thread.sleep(50)
            }
        }
    }

    private void stop() {
        try {
            run(asUser + [bin.resolve('pg_ctl').toString(), '-D', dir.resolve('data').toString(),
                          '-m', 'immediate', '-w', 'stop'])
        } catch (Exception ignored) {
            process.destroyForcibly()
        }
        process.waitFor(10, TimeUnit.SECONDS)
        dir.toFile().deleteDir()
    }

    /** {@code PID START-MILLIS} of a process: a pid reused by a later process names another. */
    private static String ownerOf(ProcessHandle process) {
        "${process.pid()} ${process.info().startInstant().map { it.toEpochMilli() }.orElse(0L)}"
    }

    /**
     * Stops (immediate shutdown) and deletes the servers of this machine's earlier test JVMs
     * that are gone: those whose {@code owner} names no live process, or another process now
     * on its pid. Servers of live JVMs (other builds) are left alone.
     */
    private static void removeStale() {
        Path tmp = Path.of(System.getProperty('java.io.tmpdir'))
        List<Path> stale = Files.list(tmp).withCloseable { dirs ->
            dirs.filter { it.fileName.toString().startsWith(PREFIX) && Files.isDirectory(it) }
                    .filter { isStale(it) }.toList()
        }
        stale.each { dir ->
            try {
                Path pidFile = dir.resolve('data/postmaster.pid')
                if (Files.exists(pidFile)) {
                    long pid = Files.readAllLines(pidFile)[0].trim().toLong()
                    ProcessHandle.of(pid).ifPresent { postmaster ->
                        postmaster.destroyForcibly()
                        postmaster.onExit().get(10, TimeUnit.SECONDS)
                    }
                }
            } catch (IOException ignored) {
                // another JVM starting at the same moment is removing it too
            }
            dir.toFile().deleteDir()
        }
    }

    private static boolean isStale(Path dir) {
        try {
            Path owner = dir.resolve('owner')
            if (!Files.exists(owner)) {
                return System.currentTimeMillis() - Files.getLastModifiedTime(dir).toMillis()
                        > UNOWNED_GRACE_MILLIS
            }
            String recorded = Files.readString(owner).trim()
            return ProcessHandle.of(recorded.split(' ')[0].toLong())
                    .map { ownerOf(it) != recorded }.orElse(true)
        } catch (IOException ignored) {
            return false // removed meanwhile by another JVM
        }
    }

    private static boolean isRoot() {
        run(['id', '-u']).trim() == '0'
    }

    private static boolean userExists(String user) {
        new ProcessBuilder('id', '-u', user).start().waitFor() == 0
    }

    private static String groupOf(String user) {
        run(['id', '-g', user]).trim()
    }

    private static int freePort() {
        new ServerSocket(0).withCloseable { it.localPort }
    }

    private static String run(List<String> command) {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start()
        String output = process.inputStream.text
        if (process.waitFor() != 0) {
            throw new IllegalStateException("${command.join(' ')} failed: $output")
        }
        return output
    }
}
