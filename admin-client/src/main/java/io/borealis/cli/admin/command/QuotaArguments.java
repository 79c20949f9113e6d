package io.borealis.cli.admin.command;

import io.borealis.api.model.JobKey;
import io.borealis.api.model.Resources;
import io.borealis.api.units.DataSize;
import io.borealis.api.validation.Problem;
import io.borealis.api.validation.QuotaRules;
import io.borealis.cli.command.CliException;
import io.borealis.cli.command.ExitCode;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The {@code ROLE CPU RAM DISK} arguments of {@code set_quota} and {@code increase_quota}: CPU a
 * decimal number of cores ({@code 2}, {@code 0.5}), RAM and DISK sizes ({@code 512m}, {@code 4g},
 * {@code 1t}, or plain megabytes; {@link DataSize}). Every mistake is exit 6, found before
 * anything is sent.
 */
final class QuotaArguments {
    private static final Pattern CORES = Pattern.compile("-?\\d{1,16}(\\.\\d{1,9})?");

    private QuotaArguments() {}

    static String role(String role) throws CliException {
        try {
            return JobKey.checkRole(role);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    /** The amounts as given; their sign and size are checked by {@link #check}. */
    static Resources amounts(String cpu, String ram, String disk) throws CliException {
        if (!CORES.matcher(cpu.trim()).matches()) {
            throw invalid("CPU '" + shown(cpu) + "' is not a number of cores such as 2 or 0.5");
        }
        return new Resources(new BigDecimal(cpu.trim()).doubleValue(),
                megabytes("RAM", ram), megabytes("DISK", disk), 0);
    }

    private static long megabytes(String what, String text) throws CliException {
        String trimmed = text.trim();
        boolean negative = trimmed.startsWith("-");
        try {
            long mb = DataSize.parseMegabytes(negative ? trimmed.substring(1) : trimmed);
            return negative ? -mb : mb;
        } catch (IllegalArgumentException e) {
            throw invalid(what + ": " + e.getMessage());
        }
    }

    /** Refuses a quota the scheduler would refuse (negative, absurd), naming each problem. */
    static Resources check(Resources quota) throws CliException {
        List<Problem> problems = QuotaRules.problems(quota);
        if (!problems.isEmpty()) {
            throw invalid(problems.stream().map(Problem::toString)
                    .collect(Collectors.joining("; ")));
        }
        return quota;
    }

    /** {@code 4 cores, 2048 MB ram, 4096 MB disk}. */
    static String describe(Resources quota) {
        String cores = BigDecimal.valueOf(quota.cpu()).stripTrailingZeros().toPlainString();
        return cores + (quota.cpu() == 1 ? " core, " : " cores, ") + quota.ramMb()
                + " MB ram, " + quota.diskMb() + " MB disk";
    }

    private static CliException invalid(String message) {
        return new CliException(ExitCode.INVALID_PARAMETER, message);
    }

    private static String shown(String value) {
        return value.length() <= 64 ? value : value.substring(0, 61) + "...";
    }
}
