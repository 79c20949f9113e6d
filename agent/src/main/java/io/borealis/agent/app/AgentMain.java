package io.borealis.agent.app;

import io.borealis.agent.rpc.SchedulerCredentials;
import io.borealis.agent.tasks.GcPolicy;
import io.borealis.api.model.Attribute;
import io.borealis.api.model.PortRange;
import io.borealis.api.model.Resources;
import io.borealis.api.discovery.ZooKeepers;
import io.borealis.api.rpc.NetrcFile;
import io.borealis.api.units.DataSize;
import io.borealis.api.units.Durations;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code borealis-agent}: the agent program (flags in docs/internals.md). Unknown or malformed
 * flags stop startup with a message naming each problem. SIGTERM stops the agent cleanly; the
 * tasks' executors keep running for the next agent to find.
 */
@Command(name = "borealis-agent", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs Borealis tasks on this host for the scheduler.")
public final class AgentMain implements Callable<Integer> {
    static final String EXECUTOR = "bin/borealis-executor";
    /** How the executor learns the account policy (read by the executor's UserPolicy). */
    static final String TASK_USER_VARIABLE = "BOREALIS_TASK_USER";
    static final String FALLBACK_USER_VARIABLE = "BOREALIS_FALLBACK_USER";

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--scheduler", defaultValue = "http://localhost:8081", paramLabel = "URL",
            description = "The scheduler's base URL (default: ${DEFAULT-VALUE}).")
    String scheduler;

    @Option(names = "--zk", paramLabel = "HOST:PORT[,HOST:PORT...]",
            description = "Find the leading scheduler through this ZooKeeper ensemble, and follow "
                    + "it when another replica takes over (instead of --scheduler).")
    String zk;

    @Option(names = "--zk-path", defaultValue = "/borealis/scheduler", paramLabel = "PATH",
            description = "Where the schedulers announce their leader, as their --zk-path "
                    + "(default: ${DEFAULT-VALUE}).")
    String zkPath;

    @Option(names = "--announcer-ensemble", paramLabel = "HOST:PORT[,HOST:PORT...]",
            description = "ZooKeeper ensemble where executors announce tasks that have an "
                    + "Announcer (under /borealis/ROLE/ENV/JOB); none without it.")
    String announcerEnsemble;

    @Option(names = "--work-dir", required = true, paramLabel = "DIR",
            description = "Where tasks live (DIR/tasks) and the agent keeps its state (DIR/agent).")
    Path workDir;

    @Option(names = "--http-port", defaultValue = "0", paramLabel = "PORT",
            description = "The AgentControl port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--host", paramLabel = "NAME",
            description = "This host's name, also the agent id (default: the machine's name).")
    String host;

    @Option(names = "--cpu", paramLabel = "N", description = "CPUs offered (default: all).")
    Double cpu;

    @Option(names = "--ram-mb", paramLabel = "N", description = "RAM offered, MiB (default: all).")
    Long ramMb;

    @Option(names = "--disk-mb", paramLabel = "N",
            description = "Disk offered, MiB (default: the work directory's file system).")
    Long diskMb;

    @Option(names = "--port-range", paramLabel = "FIRST-LAST", defaultValue = "31000-31999",
            description = "Ports offered to tasks; repeatable (default: ${DEFAULT-VALUE}).")
    List<String> portRanges;

    @Option(names = "--attribute", paramLabel = "NAME=VALUE",
            description = "An attribute for placement constraints; repeatable. 'host' is set.")
    List<String> attributes = new ArrayList<>();

    @Option(names = "--observer-url", paramLabel = "URL",
            description = "The observer on this host, e.g. http://host:1338.")
    String observerUrl;

    @Option(names = "--executor-command", paramLabel = "PATH",
            description = "The executor program (default: " + EXECUTOR + " of the checkout).")
    Path executorCommand;

    @Option(names = "--task-user", defaultValue = "role", paramLabel = "role|executor",
            description = "Whose account tasks run as when the agent is root: the job's role, "
                    + "or the executor's own (default: ${DEFAULT-VALUE}).")
    String taskUser;

    @Option(names = "--fallback-user", paramLabel = "NAME",
            description = "Account for a role that has no account on this host (default: none; "
                    + "such a task fails).")
    String fallbackUser;

    @Option(names = "--gc-delay", defaultValue = "7d", paramLabel = "DURATION",
            description = "How long a finished task's directory is kept, e.g. 30s, 15m, 12h, 7d "
                    + "(default: ${DEFAULT-VALUE}).")
    String gcDelay;

    @Option(names = "--gc-max-finished", defaultValue = "100", paramLabel = "N",
            description = "Keep at most N finished task directories; the oldest go first "
                    + "(default: ${DEFAULT-VALUE}).")
    String gcMaxFinished;

    @Option(names = "--agent-timeout", defaultValue = "15s", paramLabel = "DURATION",
            description = "How long this agent may stay silent before the executors of its "
                    + "tasks stop them (the scheduler's loss timeout replaces it once registered; "
                    + "default: ${DEFAULT-VALUE}).")
    String agentTimeout;

    @Option(names = "--scheduler-netrc", paramLabel = "FILE",
            description = "This agent's credentials for a scheduler with security, netrc format: "
                    + "the entry for the scheduler's host whose login is this agent's id (its "
                    + "--host), else the first for that host; with --zk, for the host of each "
                    + "leader the agent follows, read when it follows it.")
    Path schedulerNetrc;

    @Option(names = "--bind-address", paramLabel = "ADDRESS",
            description = "Address the AgentControl port listens on, e.g. 127.0.0.1 "
                    + "(default: every interface).")
    String bindAddress;

    @Option(names = "--max-request-size", defaultValue = "4m", paramLabel = "SIZE",
            description = "Largest AgentControl request body accepted (default: "
                    + "${DEFAULT-VALUE}).")
    String maxRequestSize;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "Serve the AgentControl endpoint over HTTPS with this PEM certificate "
                    + "chain (needs --tls-key); the agent then registers an https:// endpoint.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE",
            description = "The PEM (PKCS#8) private key of --tls-cert.")
    Path tlsKey;

    @Option(names = "--tls-ca", paramLabel = "FILE",
            description = "PEM CA certificates trusted for an https --scheduler "
                    + "(default: the JVM's).")
    Path tlsCa;

    public static void main(String[] args) {
        int code = new CommandLine(new AgentMain()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() throws Exception {
        AgentConfig config = config();
        AgentTls tls;
        try {
            tls = AgentTls.of(tlsCert, tlsKey, tlsCa);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(commandLine(), e.getMessage(), e);
        }
        Agent agent = new Agent(config, Clock.systemUTC(), tls);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                agent.close();
            } catch (Exception e) {
                // Logback may already be stopping with the JVM: stderr is what is sure to remain.
                System.err.println("borealis-agent: error while stopping: " + e);
            } finally {
                stopped.countDown();
            }
        }, "agent-shutdown"));
        agent.start();
        stopped.await();
        return 0;
    }

    /**
     * Parses {@code args} into a configuration without starting anything.
     *
     * @throws ParameterException naming every problem with the flags
     */
    public static AgentConfig parse(String... args) throws IOException {
        AgentMain main = new AgentMain();
        new CommandLine(main).parseArgs(args);
        return main.config();
    }

    /** Validates the flags (reporting every problem at once) and fills in machine defaults. */
    AgentConfig config() throws IOException {
        List<String> problems = new ArrayList<>();
        if (announcerEnsemble != null) {
            try {
                ZooKeepers.checkEnsemble(announcerEnsemble);
            } catch (IllegalArgumentException e) {
                problems.add("--announcer-ensemble: " + e.getMessage());
            }
        }
        String schedulerAddress = scheduler;
        if (zk != null) {
            try {
                schedulerAddress = new ZooKeepers.Address(zk, zkPath).toString();
            } catch (IllegalArgumentException e) {
                problems.add("--zk/--zk-path: " + e.getMessage());
            }
        } else {
            checkUrl("--scheduler", scheduler, problems);
        }
        if (observerUrl != null) {
            checkUrl("--observer-url", observerUrl, problems);
        }
        if (httpPort < 0 || httpPort > 65535) {
            problems.add("--http-port " + httpPort + " is not a port (0-65535)");
        }
        if (cpu != null && !(cpu > 0)) {
            problems.add("--cpu must be positive, got " + cpu);
        }
        if (ramMb != null && ramMb <= 0) {
            problems.add("--ram-mb must be positive, got " + ramMb);
        }
        if (diskMb != null && diskMb <= 0) {
            problems.add("--disk-mb must be positive, got " + diskMb);
        }
        List<PortRange> ranges = Flags.portRanges(portRanges, problems);
        String hostName = host != null ? host : localHostName();
        if (hostName.isBlank()) {
            problems.add("--host must not be empty");
        }
        List<Attribute> attrs = Flags.attributes(attributes, hostName, problems);
        Path executor = executorCommand != null ? executorCommand : defaultExecutor();
        if (!Files.isRegularFile(executor) || !Files.isExecutable(executor)) {
            problems.add("executor command " + executor + " is not an executable file"
                    + (executorCommand == null ? " (set --executor-command)" : ""));
        }
        if (!taskUser.equals("role") && !taskUser.equals("executor")) {
            problems.add("--task-user must be 'role' or 'executor', not '" + taskUser + "'");
        }
        if (fallbackUser != null && !fallbackUser.matches("[a-z_][a-z0-9_.-]*")) {
            problems.add("--fallback-user '" + fallbackUser + "' is not a user name");
        }
        Duration delay = Flags.duration("--gc-delay", gcDelay, problems);
        int maxFinished = Flags.count("--gc-max-finished", gcMaxFinished, problems);
        Duration timeout = Flags.duration("--agent-timeout", agentTimeout, problems);
        if (timeout != null && timeout.isZero()) {
            problems.add("--agent-timeout must be longer than 0s");
        }
        long maxRequestBytes = Flags.size("--max-request-size", maxRequestSize, problems);
        SchedulerCredentials credentials = schedulerNetrc == null ? SchedulerCredentials.NONE
                : Flags.credentials(schedulerNetrc, zk == null ? scheduler : null, hostName,
                        problems);
        if (bindAddress != null && bindAddress.isBlank()) {
            problems.add("--bind-address must not be empty");
        }
        if (!problems.isEmpty()) {
            throw new ParameterException(commandLine(), String.join("\n", problems));
        }
        Map<String, String> executorEnvironment = new LinkedHashMap<>();
        executorEnvironment.put(TASK_USER_VARIABLE, taskUser);
        if (fallbackUser != null) {
            executorEnvironment.put(FALLBACK_USER_VARIABLE, fallbackUser);
        }
        if (announcerEnsemble != null) {
            // The executor's Announcement reads it (executor-thermos, package announce).
            executorEnvironment.put("BOREALIS_ANNOUNCER_ENSEMBLE", announcerEnsemble);
        }
        Path dir = workDir.toAbsolutePath().normalize();
        Files.createDirectories(dir);
        Resources resources = new Resources(
                cpu != null ? cpu : MachineResources.cpus(),
                ramMb != null ? ramMb : MachineResources.ramMb(),
                diskMb != null ? diskMb : MachineResources.diskMb(dir),
                0);
        return new AgentConfig(schedulerAddress, dir, httpPort, hostName, resources, ranges, attrs,
                observerUrl, executor.toAbsolutePath().normalize(), AgentConfig.Timing.DEFAULT,
                executorEnvironment,
                new GcPolicy(delay, maxFinished, GcPolicy.DEFAULT.interval()), timeout,
                new AgentConfig.Access(credentials, bindAddress, maxRequestBytes));
    }

    private CommandLine commandLine() {
        return spec != null ? spec.commandLine() : new CommandLine(this);
    }

    private static void checkUrl(String flag, String value, List<String> problems) {
        try {
            URI uri = new URI(value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    || uri.getHost() == null) {
                problems.add(flag + " '" + value + "' is not an http(s)://HOST[:PORT] URL");
            }
        } catch (URISyntaxException e) {
            problems.add(flag + " '" + value + "' is not a URL: " + e.getReason());
        }
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /**
     * {@code bin/borealis-executor} of the checkout: under the {@code borealis.home} system
     * property when set, else in the nearest directory above this program's classes that has
     * one, else relative to the current directory.
     */
    static Path defaultExecutor() {
        String home = System.getProperty("borealis.home");
        if (home != null) {
            return Paths.get(home).resolve(EXECUTOR);
        }
        try {
            Path dir = Paths.get(AgentMain.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI()).toAbsolutePath();
            for (; dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve(EXECUTOR))) {
                    return dir.resolve(EXECUTOR);
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // No code source (unusual class loader): fall back to the current directory.
        }
        return Paths.get(EXECUTOR);
    }

    /** Parsing of the flags that carry structure. */
    static final class Flags {
        private Flags() {}

        /** A duration such as {@code 30s}, {@code 15m}, {@code 12h} or {@code 7d}; null if bad. */
        static Duration duration(String flag, String value, List<String> problems) {
            Optional<Duration> duration = Durations.parse(value, false);
            if (duration.isEmpty()) {
                problems.add(flag + " '" + value + "' is not a duration such as 30s, 15m, 12h or 7d");
                return null;
            }
            return duration.get();
        }

        /** A size such as {@code 4m}; -1 if bad or under 1k. */
        static long size(String flag, String value, List<String> problems) {
            try {
                long bytes = DataSize.parse(value).bytes();
                if (bytes >= 1024) {
                    return bytes;
                }
                problems.add(flag + " must be at least 1k, got '" + value + "'");
            } catch (IllegalArgumentException e) {
                problems.add(flag + " " + e.getMessage());
            }
            return -1;
        }

        /**
         * The credentials in netrc {@code file}, preferring login {@code agentId}. With a fixed
         * {@code schedulerUrl} its host must have an entry now; with {@code --zk}
         * ({@code schedulerUrl} null) the leader's host is known only later, so the file must
         * hold some entry, and the one for each leader's host is looked up when the agent
         * follows it ({@link SchedulerCredentials}).
         */
        static SchedulerCredentials credentials(Path file, String schedulerUrl, String agentId,
                List<String> problems) {
            List<NetrcFile.Entry> entries;
            try {
                entries = NetrcFile.parse(Files.readString(file));
            } catch (NoSuchFileException e) {
                problems.add("--scheduler-netrc " + file + " does not exist");
                return null;
            } catch (IOException e) {
                problems.add("--scheduler-netrc " + file + " cannot be read: " + e.getMessage());
                return null;
            }
            if (schedulerUrl == null) {
                if (entries.isEmpty()) {
                    problems.add("--scheduler-netrc " + file + " holds no entry with a login "
                            + "and a password");
                }
                return SchedulerCredentials.netrc(file, agentId);
            }
            String host;
            try {
                host = new URI(schedulerUrl).getHost();
            } catch (URISyntaxException e) {
                return null; // reported with --scheduler
            }
            if (host != null && NetrcFile.find(entries, host, agentId).isEmpty()) {
                problems.add("--scheduler-netrc " + file + " has no entry for machine " + host);
            }
            return SchedulerCredentials.netrc(file, agentId);
        }

        /** A whole number, zero or more; -1 if bad. */
        static int count(String flag, String value, List<String> problems) {
            try {
                int count = Integer.parseInt(value.trim());
                if (count >= 0) {
                    return count;
                }
            } catch (NumberFormatException e) {
                // Reported below, as a negative number is.
            }
            problems.add(flag + " '" + value + "' is not a whole number of 0 or more");
            return -1;
        }

        static List<PortRange> portRanges(List<String> values, List<String> problems) {
            List<PortRange> ranges = new ArrayList<>();
            for (String value : values) {
                String[] parts = value.split("-", -1);
                try {
                    if (parts.length != 2) {
                        throw new NumberFormatException();
                    }
                    int first = Integer.parseInt(parts[0].trim());
                    int last = Integer.parseInt(parts[1].trim());
                    if (first < 1 || last > 65535 || first > last) {
                        problems.add("--port-range " + value
                                + " must be FIRST-LAST with 1 <= FIRST <= LAST <= 65535");
                    } else {
                        ranges.add(new PortRange(first, last));
                    }
                } catch (NumberFormatException e) {
                    problems.add("--port-range '" + value + "' is not FIRST-LAST, e.g. 31000-31999");
                }
            }
            return ranges;
        }

        static List<Attribute> attributes(List<String> values, String host,
                List<String> problems) {
            Map<String, Set<String>> byName = new LinkedHashMap<>();
            byName.put("host", new LinkedHashSet<>(List.of(host)));
            for (String value : values) {
                int eq = value.indexOf('=');
                if (eq <= 0 || eq == value.length() - 1) {
                    problems.add("--attribute '" + value + "' is not NAME=VALUE");
                    continue;
                }
                String name = value.substring(0, eq).trim();
                if (name.equals("host")) {
                    problems.add("--attribute '" + value + "': 'host' is always the host name; "
                            + "use --host to change it");
                    continue;
                }
                byName.computeIfAbsent(name, k -> new LinkedHashSet<>())
                        .add(value.substring(eq + 1).trim());
            }
            List<Attribute> attributes = new ArrayList<>();
            byName.forEach((name, vals) -> attributes.add(new Attribute(name, vals)));
            return attributes;
        }
    }
}
