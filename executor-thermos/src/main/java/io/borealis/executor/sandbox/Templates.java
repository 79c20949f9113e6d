package io.borealis.executor.sandbox;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the executor's own template references in command lines:
 * {@code {{thermos.ports[NAME]}}}, {@code {{thermos.task_id}}}, {@code {{thermos.user}}},
 * {@code {{mesos.instance}}} and {@code {{mesos.hostname}}}. Other {@code {{...}}} text is left as
 * it is: the client resolved the job's own templates before submitting it, and what remains
 * belongs to the command. Stateless and thread-safe.
 */
public final class Templates {
    private static final Pattern REFERENCE =
            Pattern.compile("\\{\\{\\s*((?:thermos|mesos)\\.[^}]*?)\\s*\\}\\}");
    private static final Pattern PORT = Pattern.compile("thermos\\.ports\\[([^\\]]*)\\]");

    private final TemplateContext context;

    public Templates(TemplateContext context) {
        this.context = requireNonNull(context, "context is null");
    }

    /**
     * Returns {@code cmdline} with every executor reference replaced.
     *
     * @param process the process the command line belongs to, for messages
     * @throws TemplateException naming every reference that cannot be resolved
     */
    public String resolve(String process, String cmdline) {
        requireNonNull(process, "process is null");
        requireNonNull(cmdline, "cmdline is null");
        List<String> problems = new ArrayList<>();
        Matcher matcher = REFERENCE.matcher(cmdline);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = lookup(matcher.group(1), process, problems);
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        if (!problems.isEmpty()) {
            throw new TemplateException(problems);
        }
        return out.toString();
    }

    private String lookup(String reference, String process, List<String> problems) {
        Matcher port = PORT.matcher(reference);
        if (port.matches()) {
            Integer value = context.ports().get(port.group(1));
            if (value != null) {
                return value.toString();
            }
            problems.add("process '" + process + "': no port named '" + port.group(1)
                    + "' for {{" + reference + "}} (assigned ports: "
                    + new TreeSet<>(context.ports().keySet()) + ")");
            return "";
        }
        return switch (reference) {
            case "thermos.task_id" -> context.taskId();
            case "thermos.user" -> context.user();
            case "mesos.instance" -> Integer.toString(context.instance());
            case "mesos.hostname" -> context.hostname();
            default -> {
                problems.add("process '" + process + "': unknown template reference {{"
                        + reference + "}}");
                yield "";
            }
        };
    }
}
