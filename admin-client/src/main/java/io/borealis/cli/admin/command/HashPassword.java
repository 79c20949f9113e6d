package io.borealis.cli.admin.command;

import static java.util.Objects.requireNonNull;

import io.borealis.cli.command.CliContext;
import io.borealis.cli.command.CliException;
import io.borealis.cli.command.ExitCode;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.shiro.authc.credential.DefaultPasswordService;
import picocli.CommandLine.Command;

/**
 * {@code hash_password}: reads a password and prints its hash in Shiro's {@code $shiro2$} format
 * (Argon2id, Shiro's {@code DefaultPasswordService}), for the scheduler's user file
 * ({@code [users]} {@code name = "HASH", role, ...}). On a terminal it asks twice without echo;
 * otherwise it hashes every line of standard input, one hash a line, in order (for scripts such
 * as {@code borealis-devcluster start --secure}). The password is never printed or written.
 */
@Command(name = "hash_password", mixinStandardHelpOptions = true,
        description = "Read a password (no echo; or one per line of standard input) and print "
                + "its $shiro2$ hash for the scheduler's user file.")
final class HashPassword implements Callable<Integer> {
    private static final int MAX_LENGTH = 1024;

    private final CliContext context;

    HashPassword(CliContext context) {
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public Integer call() throws CliException {
        Console console = System.console();
        List<char[]> passwords = console != null && context.terminal()
                ? List.of(fromConsole(console)) : fromLines(System.in);
        DefaultPasswordService service = new DefaultPasswordService();
        for (char[] password : passwords) {
            context.out().println(service.encryptPassword(password));
            Arrays.fill(password, '\0');
        }
        context.out().flush();
        return ExitCode.OK.code();
    }

    private static char[] fromConsole(Console console) throws CliException {
        char[] first = console.readPassword("Password: ");
        char[] second = first == null ? null : console.readPassword("Again: ");
        if (first == null || second == null) {
            throw new CliException(ExitCode.INVALID_PARAMETER, "no password given");
        }
        try {
            check(first, "the password");
            if (!Arrays.equals(first, second)) {
                throw new CliException(ExitCode.INVALID_PARAMETER, "the passwords differ");
            }
            return first;
        } finally {
            Arrays.fill(second, '\0');
        }
    }

    /** Every line of {@code in}, each a password. */
    static List<char[]> fromLines(InputStream in) throws CliException {
        List<char[]> passwords = new ArrayList<>();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                check(line.toCharArray(), "line " + (passwords.size() + 1));
                passwords.add(line.toCharArray());
            }
        } catch (IOException e) {
            throw new CliException(ExitCode.COMMAND_FAILURE,
                    "cannot read standard input: " + e.getMessage());
        }
        if (passwords.isEmpty()) {
            throw new CliException(ExitCode.INVALID_PARAMETER,
                    "no password on standard input (one a line)");
        }
        return passwords;
    }

    private static void check(char[] password, String what) throws CliException {
        if (password.length == 0) {
            throw new CliException(ExitCode.INVALID_PARAMETER, what + " is empty");
        }
        if (password.length > MAX_LENGTH) {
            throw new CliException(ExitCode.INVALID_PARAMETER, what + " is longer than "
                    + MAX_LENGTH + " characters");
        }
    }
}
