package io.borealis.observer.app;

import io.borealis.api.tls.Tls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code borealis-observer --work-dir DIR [--http-port 1338] [--tls-cert FILE --tls-key FILE]}:
 * serves the observer pages (and {@code /metrics}) for the tasks under the agent's work
 * directory until the process is stopped; over HTTPS with the TLS flags.
 *
 * <p>An unknown flag or a bad value stops startup with picocli's message and exit status 2.
 */
@Command(name = "borealis-observer", mixinStandardHelpOptions = true,
        description = "Web pages over the tasks, checkpoints and sandboxes of this host.")
public final class ObserverMain implements Callable<Integer> {
    @Option(names = "--work-dir", required = true, paramLabel = "DIR",
            description = "The agent's work directory (tasks are under DIR/tasks/).")
    Path workDir;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "1338",
            description = "Port to serve on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--shiro-ini", paramLabel = "FILE",
            description = "The scheduler's Shiro INI file: every page but /health then needs "
                    + "the login of one of its users (HTTP Basic).")
    Path shiroIni;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "Serve HTTPS with this PEM certificate chain (needs --tls-key).")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE",
            description = "The PEM (PKCS#8) private key of --tls-cert.")
    Path tlsKey;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ObserverMain()).execute(args));
    }

    /** The identity --tls-cert and --tls-key name, or null for plain HTTP. */
    private SSLContext tls() {
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--tls-cert and --tls-key go together: give both or neither");
        }
        try {
            return tlsCert == null ? null : Tls.server(tlsCert, tlsKey);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (httpPort < 0 || httpPort > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--http-port must be from 0 to 65535, not " + httpPort);
        }
        if (Files.exists(workDir) && !Files.isDirectory(workDir)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--work-dir " + workDir + " is not a directory");
        }
        SSLContext tls = tls();
        ObserverServer server;
        try {
            server = new ObserverServer(workDir, httpPort, tls, shiroIni).start();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stop();
            } catch (Exception e) {
                // The JVM is exiting; nothing left to tell.
            }
        }, "observer-shutdown"));
        server.join();
        return 0;
    }
}
