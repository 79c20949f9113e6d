package io.borealis.cli.testing

import io.borealis.cli.command.CliContext
import io.borealis.cli.config.CliEnvironment
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import picocli.CommandLine

/** Runs a client in-process with captured output, against clusters written to a temp dir. */
class CliRunner {
    final Path root
    final Map<String, String> env = [:]
    /** Whether the client believes its output is a terminal (progress lines are shown). */
    boolean terminal

    CliRunner(Path root) {
        this.root = root
        env.BOREALIS_CONFIG_ROOT = root.toString()
        Files.createDirectories(root.resolve('home'))
    }

    /** Writes clusters.json with the given entries. */
    void clusters(List<Map> entries) {
        java.nio.file.Files.writeString(root.resolve('clusters.json'), io.borealis.api.json.Json.mapper().writeValueAsString(entries))
    }

    Result run(Closure<CommandLine> commandLine, String... args) {
        def out = new StringWriter()
        def err = new StringWriter()
        def context = new CliContext(new PrintWriter(out), new PrintWriter(err),
                new CliEnvironment(env, root.resolve('home')), terminal, Duration.ofSeconds(5),
                Duration.ofMillis(20))
        int code = commandLine.call(context).execute(args)
        new Result(code, out.toString(), err.toString())
    }

    static class Result {
        final int code
        final String out
        final String err

        Result(int code, String out, String err) {
            this.code = code
            this.out = out
            this.err = err
        }

        @Override
        String toString() {
            "exit $code\n--- out\n$out--- err\n$err"
        }
    }
}
