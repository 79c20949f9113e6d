package io.borealis.e2e

import groovy.json.JsonSlurper
import io.borealis.api.testing.TestCertificates
import io.borealis.api.tls.Tls
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import java.util.concurrent.TimeUnit

/**
 * A whole Borealis cluster of real programs for end-to-end specs: one scheduler, one agent and
 * one observer, each a separate process started through the bin/ launchers of this checkout, on
 * free ports, with all state under a temporary directory. The cluster is registered as
 * 'devcluster' in a private clusters.json, so the examples run as they are.
 *
 * Every process started here, and every task those start, carries BOREALIS_DEVCLUSTER=<home> in
 * its environment; {@link #close} stops them all and {@link #processesOf} finds leftovers.
 */
class LocalCluster implements Closeable {
    static final Path ROOT = Path.of(System.getenv('BOREALIS_ROOT') ?: '..').toAbsolutePath().normalize()

    final Path home
    final Path configRoot
    final int schedulerPort = freePort()
    final int observerPort = freePort()
    final List<Process> programs = []
    final Map<String, Process> byName = [:]
    /** Flags added to the agent's command line, e.g. {@code ['--agent-timeout', '10s']}. */
    List<String> agentFlags = []
    /**
     * Certificates to run every link over HTTPS with (scheduler, agent endpoint, observer, and
     * the clients' ca_file); null for plain HTTP. Set before {@link #start}.
     */
    TestCertificates.Files tls
    private HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()

    LocalCluster(Path home) {
        this.home = home
        this.configRoot = home.resolve('config')
        Files.createDirectories(configRoot)
        writeClusters()
    }

    private void writeClusters() {
        String ca = tls == null ? '' : ', "ca_file": "' + tls.ca() + '"'
        Files.writeString(configRoot.resolve('clusters.json'),
                """[{"name": "devcluster", "scheduler_uri": "${schedulerUrl}"${ca}}]""")
    }

    String getScheme() { tls == null ? 'http' : 'https' }

    String getSchedulerUrl() { "${scheme}://localhost:${schedulerPort}" }

    String getObserverUrl() { "${scheme}://localhost:${observerPort}" }

    /** The TLS flags of a server program, and the CA to trust; none without {@link #tls}. */
    List<String> tlsFlags() {
        tls == null ? [] : ['--tls-cert', tls.cert().toString(), '--tls-key', tls.key().toString(),
                            '--tls-ca', tls.ca().toString()]
    }

    Path getAgentWorkDir() { home.resolve('agent') }

    LocalCluster start() {
        if (tls != null) {
            writeClusters()
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                    .sslContext(Tls.trusting(tls.ca())).build()
        }
        startScheduler()
        startProgram('observer', 'bin/borealis-observer', '--work-dir', agentWorkDir.toString(),
                '--http-port', observerPort.toString(), *(tlsFlags().take(4)))
        startAgent()
        waitForHttp("${schedulerUrl}/health")
        waitForHttp("${observerUrl}/health")
        this
    }

    /** Extra scheduler flags, e.g. shorter delays for a spec; set before {@link #start}. */
    List<String> schedulerArgs = []

    void startScheduler() {
        startProgram('scheduler', 'bin/borealis-scheduler', *([
                '--home', home.resolve('scheduler').toString(),
                '--http-port', schedulerPort.toString(), '--cluster', 'devcluster',
                '--public-url', schedulerUrl] + tlsFlags() + schedulerArgs))
    }

    /**
     * Starts an agent posing as host {@code host}, with its own work directory, the resources it
     * offers and its attributes ({@code --attribute NAME=VALUE}); the program is named
     * {@code agent-HOST}. No observer watches it.
     */
    Process startAgentAs(String host, Map<String, String> attributes, double cpu, long ramMb,
            long diskMb) {
        Path work = Files.createDirectories(home.resolve("agent-${host}"))
        List<String> args = ['--scheduler', schedulerUrl, '--work-dir', work.toString(),
                             '--http-port', '0', '--host', host,
                             '--cpu', cpu.toString(), '--ram-mb', ramMb.toString(),
                             '--disk-mb', diskMb.toString(), '--task-user', 'executor',
                             '--executor-command', ROOT.resolve('bin/borealis-executor').toString()]
        attributes.each { name, value -> args += ['--attribute', "${name}=${value}".toString()] }
        startProgram("agent-${host}", 'bin/borealis-agent', *args)
    }

    /** Kills one program with SIGKILL, as a crash would; what it started keeps running. */
    void crashProgram(String name) {
        Process process = byName.remove(name)
        programs.remove(process)
        process.destroyForcibly()
        process.waitFor(30, TimeUnit.SECONDS)
    }

    /** Runs the real `borealis-admin` client; returns its exit status and output. */
    Result admin(String... args) {
        run('bin/borealis-admin', args)
    }

    void startAgent() {
        Files.createDirectories(agentWorkDir)
        startProgram('agent', 'bin/borealis-agent', '--scheduler', schedulerUrl,
                '--work-dir', agentWorkDir.toString(), '--http-port', '0',
                '--port-range', '42000-42999', '--observer-url', observerUrl, '--task-user', 'executor',
                '--executor-command', ROOT.resolve('bin/borealis-executor').toString(),
                *(tlsFlags() + agentFlags))
    }

    Process startProgram(String name, String launcher, String... args) {
        Path logs = Files.createDirectories(home.resolve('logs'))
        def builder = new ProcessBuilder([ROOT.resolve(launcher).toString()] + args.toList())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve("${name}.log").toFile()))
        builder.environment().put('BOREALIS_DEVCLUSTER', home.toString())
        def process = builder.start()
        programs << process
        byName[name] = process
        process
    }

    /** Stops one program with SIGTERM and waits for it to exit; what it started keeps running. */
    void stopProgram(String name) {
        Process process = byName.remove(name)
        programs.remove(process)
        process.destroy()
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("${name} did not stop within 30 s of SIGTERM")
        }
    }

    /** Kills one program with SIGKILL, as a crash would, and waits for it to be gone. */
    void killProgram(String name) {
        Process process = byName.remove(name)
        programs.remove(process)
        process.destroyForcibly()
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("${name} did not die within 30 s of SIGKILL")
        }
    }

    /** Runs the real `borealis` client; returns its exit status and output. */
    Result borealis(String... args) {
        run('bin/borealis', args)
    }

    /** {@code borealis update info JOB ID --write-json}, parsed. */
    Map updateInfo(String job, String id) {
        def info = borealis('update', 'info', job, id, '--write-json')
        assert info.exit == 0: info.toString()
        new JsonSlurper().parseText(info.out) as Map
    }

    /**
     * Whether each of {@code instances} of an update ({@link #updateInfo}) was killed once and
     * had its new task started once: replaced exactly once, none twice or skipped.
     */
    static boolean replacedOnce(Map update, int instances) {
        (0..<instances).every { instance ->
            update.events.count { it.instance == instance && it.status == 'KILLING' } == 1 &&
                    update.events.count { it.instance == instance && it.status == 'WATCHING'
                            && it.message.startsWith('started task') } == 1
        }
    }

    /** Passwords of the users {@link #secure} made: admin, dev and the agent's id. */
    final Map<String, String> passwords = [:]

    /** The id the agent of {@link #startAgent} registers as: this machine's name. */
    static String localAgentId() {
        InetAddress.getLocalHost().getHostName()
    }

    /**
     * Turns security on for {@link #start}, as {@code borealis-devcluster start --secure} does:
     * users {@code admin} (everything), {@code dev} (writes on role www-data) and the agent (its
     * own id), random passwords hashed by the real {@code borealis-admin hash_password} into
     * {@code HOME/security.ini}; {@code HOME/netrc-USER} holds each user's credentials and
     * {@code HOME/netrc} all of them (the agent reads it); clusters.json asks for BASIC.
     */
    LocalCluster secure() {
        String agent = localAgentId()
        ['admin', 'dev', agent].each { passwords[it] = UUID.randomUUID().toString().replace('-', '') }
        def hashing = new ProcessBuilder(ROOT.resolve('bin/borealis-admin').toString(), 'hash_password')
                .directory(ROOT.toFile()).start()
        hashing.outputStream.withCloseable { it.write((passwords.values().join('\n') + '\n').getBytes('UTF-8')) }
        def hashOut = new ByteArrayOutputStream()
        hashing.consumeProcessOutput(hashOut, System.err)
        assert hashing.waitFor(120, TimeUnit.SECONDS) && hashing.exitValue() == 0
        hashing.waitForProcessOutput()
        List<String> hashes = hashOut.toString('UTF-8').readLines()
        assert hashes.size() == 3
        Map<String, String> hashOf = [passwords.keySet().toList(), hashes].transpose().collectEntries()
        Files.writeString(home.resolve('security.ini'), """\
            [users]
            admin = "${hashOf.admin}", admin
            dev = "${hashOf.dev}", developer
            ${agent} = "${hashOf[agent]}", agent

            [roles]
            admin = *
            developer = thrift.SchedulerManager:*:www-data
            agent = thrift.AgentService:*:${agent}
            """.stripIndent())
        passwords.each { user, password ->
            Files.writeString(home.resolve("netrc-${user}"), "machine localhost login ${user} password ${password}\n")
        }
        Files.writeString(home.resolve('netrc'), passwords.collect { user, password ->
            "machine localhost login ${user} password ${password}\n" }.join(''))
        Files.writeString(configRoot.resolve('clusters.json'), """[{"name": "devcluster", """ +
                """"scheduler_uri": "http://localhost:${schedulerPort}", "auth_mechanism": "BASIC"}]""")
        schedulerArgs += ['--shiro-ini', home.resolve('security.ini').toString()]
        agentFlags += ['--scheduler-netrc', home.resolve('netrc').toString(), '--bind-address', '127.0.0.1']
        clientEnvironment = [BOREALIS_NETRC: home.resolve('netrc-admin').toString()]
        this
    }

    /** Runs a client as {@code user} of {@link #secure} (a user without a netrc: no credentials). */
    Result runAs(String user, String launcher, String... args) {
        run([BOREALIS_NETRC: home.resolve("netrc-${user}").toString()], launcher, args)
    }

    /** Environment of every client run; {@link #secure} makes the clients admin by default. */
    Map<String, String> clientEnvironment = [:]

    Result run(String launcher, String... args) {
        run([:], launcher, args)
    }

    Result run(Map<String, String> environment, String launcher, String... args) {
        def builder = new ProcessBuilder([ROOT.resolve(launcher).toString()] + args.toList())
                .directory(ROOT.toFile())
        builder.environment().put('BOREALIS_CONFIG_ROOT', configRoot.toString())
        builder.environment().putAll(clientEnvironment)
        builder.environment().putAll(environment)
        def process = builder.start()
        def out = new ByteArrayOutputStream()
        def err = new ByteArrayOutputStream()
        process.consumeProcessOutput(out, err)
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly()
            throw new IllegalStateException("${launcher} ${args.join(' ')} did not end within 120 s")
        }
        process.waitForProcessOutput()
        new Result(process.exitValue(), out.toString('UTF-8'), err.toString('UTF-8'))
    }

    /** `job status --write-json` of one job, parsed. */
    Map status(String jobKey) {
        def result = borealis('job', 'status', jobKey, '--write-json')
        assert result.exit == 0: result.toString()
        def parsed = new JsonSlurper().parseText(result.out)
        parsed[0] as Map
    }

    String get(String url) {
        def response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString())
        assert response.statusCode() == 200: "GET ${url} -> ${response.statusCode()}: ${response.body()}"
        response.body()
    }

    void waitForHttp(String url) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90)
        while (true) {
            try {
                def response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding())
                if (response.statusCode() == 200) {
                    return
                }
            } catch (IOException ignored) {
                // not serving yet
            }
            if (programs.any { !it.alive }) {
                throw new IllegalStateException("a program exited while starting; logs in ${home.resolve('logs')}:\n" + logs())
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("${url} did not serve within 90 s; logs:\n" + logs())
            }
            Thread.sleep(100)
        }
    }

    String logs() {
        def dir = home.resolve('logs')
        if (!Files.isDirectory(dir)) {
            return ''
        }
        Files.list(dir).withCloseable { files ->
            files.sorted().collect { "== ${it.fileName}\n" + Files.readAllLines(it).takeRight(40).join('\n') }.join('\n')
        }
    }

    /** Pids of live processes whose environment holds NAME=VALUE. */
    static List<Long> processesWith(String name, String value) {
        String marker = "${name}=${value}"
        ProcessHandle.allProcesses().findAll { handle ->
            try {
                def environ = Files.readAllBytes(Path.of("/proc/${handle.pid()}/environ"))
                new String(environ, 'UTF-8').split('\u0000').contains(marker)
            } catch (IOException ignored) {
                false
            }
        }.collect { it.pid() }
    }

    /** The task ids ({@code BOREALIS_TASK_ID}) of the live processes of this cluster. */
    Set<String> taskIdsOfProcesses() {
        processesOf().collect { pid ->
            try {
                new String(Files.readAllBytes(Path.of("/proc/${pid}/environ")), 'UTF-8')
                        .split('\u0000').find { it.startsWith('BOREALIS_TASK_ID=') }
                        ?.substring('BOREALIS_TASK_ID='.length())
            } catch (IOException ignored) {
                null
            }
        }.findAll { it != null } as Set
    }

    List<Long> processesOf() {
        processesWith('BOREALIS_DEVCLUSTER', home.toString()).findAll { it != ProcessHandle.current().pid() }
    }

    /** Stops the programs (SIGTERM, then SIGKILL) and every task process they started. */
    void stopPrograms() {
        programs.each { it.toHandle().descendants().each { d -> d.destroy() }; it.destroy() }
        programs.each { if (!it.waitFor(20, TimeUnit.SECONDS)) { it.destroyForcibly() } }
        programs.clear()
    }

    @Override
    void close() {
        stopPrograms()
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20)
        while (!processesOf().isEmpty() && System.nanoTime() < deadline) {
            processesOf().each { pid -> ProcessHandle.of(pid).ifPresent { it.destroy() } }
            Thread.sleep(200)
        }
        processesOf().each { pid -> ProcessHandle.of(pid).ifPresent { it.destroyForcibly() } }
    }

    static int freePort() {
        new ServerSocket(0).withCloseable { it.localPort }
    }

    static class Result {
        final int exit
        final String out
        final String err

        Result(int exit, String out, String err) {
            this.exit = exit
            this.out = out
            this.err = err
        }

        @Override
        String toString() { "exit ${exit}\nstdout: ${out}\nstderr: ${err}" }
    }
}
