package io.borealis.scheduler.leader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.zookeeper.server.ServerConfig;
import org.apache.zookeeper.server.ZooKeeperServerMain;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code borealis-zookeeper}: one standalone ZooKeeper server (ZooKeeper's own
 * {@link ZooKeeperServerMain}) for a cluster on one machine ({@code borealis-devcluster start
 * --schedulers 3}) and for trying replicas out. Not for production, which runs a ZooKeeper
 * ensemble of three or five servers of its own. Its admin web server stays off (it would take
 * port 8080); a short tick (200 ms) allows sessions as short as 400 ms.
 */
@Command(name = "borealis-zookeeper", mixinStandardHelpOptions = true,
        description = "Runs a single ZooKeeper server for a local cluster.")
public final class ZooKeeperMain implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "PORT", defaultValue = "2181",
            description = "Client port (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR",
            description = "Where ZooKeeper keeps its snapshots and transaction log.")
    private Path dataDir;

    @Option(names = "--tick-time", paramLabel = "MILLIS", defaultValue = "200",
            description = "ZooKeeper's tick; sessions may be 2 to 20 ticks long "
                    + "(default: ${DEFAULT-VALUE}).")
    private int tickTime;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ZooKeeperMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        System.setProperty("zookeeper.admin.enableServer", "false");
        Files.createDirectories(dataDir);
        ServerConfig config = new ServerConfig();
        config.parse(new String[] {String.valueOf(port), dataDir.toAbsolutePath().toString(),
                String.valueOf(tickTime)});
        new ZooKeeperServerMain().runFromConfig(config); // returns when the server shuts down
        return 0;
    }
}
