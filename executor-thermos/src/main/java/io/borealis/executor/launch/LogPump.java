package io.borealis.executor.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies one output stream of a run (the read end of its pipe) to its log file and, for the
 * {@code both} destination, to the executor's own console, until every writer has closed the
 * pipe. Only runs whose output must pass through the executor (rotation, {@code both}) get
 * pumps, one small daemon thread per stream; the others write to their files directly.
 */
final class LogPump implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(LogPump.class);
    /** Pump threads copy bytes and nothing else: a small stack is plenty. */
    private static final long STACK_BYTES = 128 * 1024;

    private final InputStream in;
    private final LogFile file;
    private final PrintStream console;
    private final String name;

    private LogPump(InputStream in, LogFile file, PrintStream console, String name) {
        this.in = in;
        this.file = file;
        this.console = console;
        this.name = name;
    }

    /**
     * Starts a pump thread named {@code name}. {@code file} (closed by the pump when the stream
     * ends) and {@code console} may each be null.
     */
    static void start(InputStream in, LogFile file, PrintStream console, String name) {
        Thread thread = new Thread(null, new LogPump(in, file, console, name), name,
                STACK_BYTES);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        byte[] buffer = new byte[8192];
        try (in; LogFile out = file) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (out != null) {
                    out.write(buffer, 0, n);
                }
                if (console != null) {
                    console.write(buffer, 0, n);
                    console.flush();
                }
            }
        } catch (IOException e) {
            log.warn("{}: log output lost from here on: {}", name, e.toString());
        }
    }
}
